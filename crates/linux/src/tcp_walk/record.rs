//! The walk's records (raw socket bytes, [`Layout::record_len`] each) into what a sock_diag
//! dump of the socket's namespace would have said: a struct inet_diag_msg per socket
//! (include/uapi/linux/inet_diag.h), framed as one netlink answer to TCPDIAG_GETSOCK, so
//! that the backend decodes them with the same code as the kernel's own dump
//! ([`crate::netlink::diag::sock::decode_inet`]).
//!
//! The kernel's rules, followed here: a TIME_WAIT socket reports its substate; a request
//! socket (TCP_NEW_SYN_RECV) reports SYN_RECV; a listener's queues are its accept backlog
//! and its limit, another full socket's the unread and the unacknowledged bytes; TIME_WAIT
//! and request sockets have empty queues; an IPv6 listener carries INET_DIAG_SKV6ONLY. The
//! uid and the inode are not read (0): the listings the walk stands in for show no owner and
//! filter on none (older kernels report an orphaned socket's uid as 0, newer ones its
//! sk_uid); the cookie is the socket's address, which tells sockets apart within one listing.

use super::layout::{self, Layout};
use crate::netlink::nlmsg;
use rnetstat_core::{Error, Result};

const AF_INET: u16 = 2;
const AF_INET6: u16 = 10;
const TCP_SYN_RECV: u8 = 3;
const TCP_TIME_WAIT: u8 = 6;
const TCP_LISTEN: u8 = 10;
const TCP_CLOSE: u8 = 7;
const TCP_NEW_SYN_RECV: u8 = 12;
const TCPDIAG_GETSOCK: u16 = 18;
const INET_DIAG_MSG_LEN: usize = 72;
const INET_DIAG_SKV6ONLY: u16 = 11;

/// One socket the walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walked {
    /// Its namespace (the kernel address of its struct net).
    pub net: u64,
    /// AF_INET or AF_INET6.
    pub family: u16,
    /// The state a sock_diag dump reports (TIME_WAIT's substate, SYN_RECV for requests).
    pub state: u8,
    /// The state the kernel filters a dump's `states` on (TCP_NEW_SYN_RECV for requests).
    pub filter_state: u8,
    /// Local port (host order) and remote port (host order).
    pub sport: u16,
    /// See [`Walked::sport`].
    pub dport: u16,
    /// Local and remote address: 4 bytes for IPv4, 16 for IPv6.
    pub src: [u8; 16],
    /// See [`Walked::src`].
    pub dst: [u8; 16],
    /// The interface the socket is bound to (0: none).
    pub bound_if: u32,
    /// inet_diag's rqueue and wqueue.
    pub rqueue: u32,
    /// See [`Walked::rqueue`].
    pub wqueue: u32,
    /// IPv6 only (INET_DIAG_SKV6ONLY, sent for IPv6 listeners).
    pub v6only: bool,
    /// The socket's kernel address.
    pub addr: u64,
}

fn bad(detail: impl Into<String>) -> Error {
    Error::decode("TCP walk record", detail)
}

fn bytes<const N: usize>(r: &[u8], at: u32) -> Result<[u8; N]> {
    r.get(at as usize..at as usize + N)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| {
            bad(format!(
                "{} bytes, a field at {at} is past the end",
                r.len()
            ))
        })
}

/// Decode one record; Ok(None) for a record that is no TCP socket of a known state (a
/// bucket that changed under the walk, or memory the kernel could not read, which it zeroes).
pub fn decode(layout: &Layout, r: &[u8]) -> Result<Option<Walked>> {
    if r.len() < layout.record_len() as usize {
        return Err(bad(format!(
            "{} bytes, a record is {}",
            r.len(),
            layout.record_len()
        )));
    }
    let u16_at = |at| bytes::<2>(r, at).map(u16::from_ne_bytes);
    let u32_at = |at| bytes::<4>(r, at).map(u32::from_ne_bytes);
    let u64_at = |at| bytes::<8>(r, at).map(u64::from_ne_bytes);
    let extra = |k: usize| bytes::<4>(r, layout.common_len + 4 * k as u32);
    let extra_u32 = |k| extra(k).map(u32::from_ne_bytes);
    let family = u16_at(layout.family)?;
    let kernel_state = bytes::<1>(r, layout.state)?[0];
    if !(family == AF_INET || family == AF_INET6) || !(1..=TCP_NEW_SYN_RECV).contains(&kernel_state)
    {
        return Ok(None);
    }
    let v6 = family == AF_INET6;
    let (mut src, mut dst) = ([0u8; 16], [0u8; 16]);
    if v6 {
        src = bytes::<16>(r, layout.v6_rcv_saddr)?;
        dst = bytes::<16>(r, layout.v6_daddr)?;
    } else {
        src[..4].copy_from_slice(&bytes::<4>(r, layout.rcv_saddr)?);
        dst[..4].copy_from_slice(&bytes::<4>(r, layout.daddr)?);
    }
    let (state, filter_state) = match kernel_state {
        TCP_TIME_WAIT => {
            let sub = extra(layout::TW_SUBSTATE)?[0];
            (sub, sub)
        }
        TCP_NEW_SYN_RECV => (TCP_SYN_RECV, TCP_NEW_SYN_RECV),
        s => (s, s),
    };
    let full = !matches!(kernel_state, TCP_TIME_WAIT | TCP_NEW_SYN_RECV);
    let (rqueue, wqueue) = match kernel_state {
        TCP_LISTEN => (
            extra_u32(layout::ACK_BACKLOG)?,
            extra_u32(layout::MAX_ACK_BACKLOG)?,
        ),
        _ if full => {
            let unread = extra_u32(layout::RCV_NXT)?.wrapping_sub(extra_u32(layout::COPIED_SEQ)?);
            (
                (unread as i32).max(0) as u32,
                extra_u32(layout::WRITE_SEQ)?.wrapping_sub(extra_u32(layout::SND_UNA)?),
            )
        }
        _ => (0, 0),
    };
    let listener_or_closed = matches!(kernel_state, TCP_LISTEN | TCP_CLOSE);
    Ok(Some(Walked {
        net: u64_at(layout.net)?,
        family,
        state,
        filter_state,
        sport: u16_at(layout.num)?,
        dport: u16::from_be_bytes(bytes::<2>(r, layout.dport)?),
        src,
        dst,
        bound_if: u32_at(layout.bound_dev_if)?,
        rqueue,
        wqueue,
        v6only: v6
            && listener_or_closed
            && bytes::<1>(r, layout.ipv6only.0)?[0] & layout.ipv6only.1 != 0,
        addr: u64_at(layout.common_len + 4 * layout::EXTRAS as u32)?,
    }))
}

/// True when a dump asking for `states` (a bitmask of TCP_* states) lists `w`: the kernel
/// adds TCP_NEW_SYN_RECV to a request for SYN_RECV.
pub fn wanted(w: &Walked, states: u32) -> bool {
    let states = if states & (1 << TCP_SYN_RECV) != 0 {
        states | (1 << TCP_NEW_SYN_RECV)
    } else {
        states
    };
    states & (1u32 << (w.filter_state & 31)) != 0
}

/// Append `w` to `out` as the netlink message a TCPDIAG_GETSOCK dump answers with.
pub fn append_message(out: &mut Vec<u8>, w: &Walked) {
    let v6 = w.family == AF_INET6;
    let attr_len = if v6 && matches!(w.state, TCP_LISTEN | TCP_CLOSE) {
        8
    } else {
        0
    };
    let len = nlmsg::NLMSG_HDRLEN + INET_DIAG_MSG_LEN + attr_len;
    out.extend_from_slice(&(len as u32).to_ne_bytes());
    out.extend_from_slice(&TCPDIAG_GETSOCK.to_ne_bytes());
    out.extend_from_slice(&nlmsg::NLM_F_MULTI.to_ne_bytes());
    out.extend_from_slice(&[0; 8]); // seq, pid
    out.push(w.family as u8);
    out.push(w.state);
    out.extend_from_slice(&[0, 0]); // timer, retrans
    out.extend_from_slice(&w.sport.to_be_bytes());
    out.extend_from_slice(&w.dport.to_be_bytes());
    let addr_len = if v6 { 16 } else { 4 };
    for a in [&w.src, &w.dst] {
        out.extend_from_slice(&a[..addr_len]);
        out.extend(std::iter::repeat_n(0u8, 16 - addr_len));
    }
    out.extend_from_slice(&w.bound_if.to_ne_bytes());
    out.extend_from_slice(&(w.addr as u32).to_ne_bytes());
    out.extend_from_slice(&((w.addr >> 32) as u32).to_ne_bytes());
    out.extend_from_slice(&[0; 4]); // expires
    out.extend_from_slice(&w.rqueue.to_ne_bytes());
    out.extend_from_slice(&w.wqueue.to_ne_bytes());
    out.extend_from_slice(&[0; 8]); // uid, inode
    if attr_len != 0 {
        out.extend_from_slice(&5u16.to_ne_bytes());
        out.extend_from_slice(&INET_DIAG_SKV6ONLY.to_ne_bytes());
        out.extend_from_slice(&[u8::from(w.v6only), 0, 0, 0]);
    }
}

/// The end of a dump: NLMSG_DONE with error code 0.
pub fn append_done(out: &mut Vec<u8>) {
    out.extend_from_slice(&20u32.to_ne_bytes());
    out.extend_from_slice(&nlmsg::NLMSG_DONE.to_ne_bytes());
    out.extend_from_slice(&nlmsg::NLM_F_MULTI.to_ne_bytes());
    out.extend_from_slice(&[0; 12]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::netlink::diag::sock::decode_inet;
    use rnetstat_core::{Endpoint, Proto, State};

    fn layout() -> Layout {
        layout::example()
    }

    fn record(l: &Layout, family: u16, state: u8) -> Vec<u8> {
        let mut r = vec![0u8; l.record_len() as usize];
        r[l.family as usize..][..2].copy_from_slice(&family.to_ne_bytes());
        r[l.state as usize] = state;
        r[l.num as usize..][..2].copy_from_slice(&8080u16.to_ne_bytes());
        r[l.dport as usize..][..2].copy_from_slice(&40000u16.to_be_bytes());
        r[l.rcv_saddr as usize..][..4].copy_from_slice(&[192, 0, 2, 1]);
        r[l.daddr as usize..][..4].copy_from_slice(&[198, 51, 100, 7]);
        r[l.net as usize..][..8].copy_from_slice(&0xffff_8880_1234_0000u64.to_ne_bytes());
        let extra = |r: &mut Vec<u8>, k: usize, v: u32| {
            r[(l.common_len + 4 * k as u32) as usize..][..4].copy_from_slice(&v.to_ne_bytes())
        };
        extra(&mut r, layout::RCV_NXT, 1000);
        extra(&mut r, layout::COPIED_SEQ, 990);
        extra(&mut r, layout::WRITE_SEQ, 5);
        extra(&mut r, layout::SND_UNA, u32::MAX - 2);
        extra(&mut r, layout::ACK_BACKLOG, 3);
        extra(&mut r, layout::MAX_ACK_BACKLOG, 4096);
        extra(&mut r, layout::TW_SUBSTATE, u32::from(TCP_TIME_WAIT));
        r
    }

    fn through_decoder(w: &Walked) -> rnetstat_core::Socket {
        let mut m = Vec::new();
        append_message(&mut m, w);
        decode_inet(&m[nlmsg::NLMSG_HDRLEN..], Proto::Tcp).unwrap()
    }

    #[test]
    fn an_established_socket_reads_as_its_sock_diag_message() {
        let l = layout();
        let w = decode(&l, &record(&l, AF_INET, 1)).unwrap().unwrap();
        assert_eq!((w.rqueue, w.wqueue), (10, 8), "queues wrap as u32");
        assert_eq!(w.net, 0xffff_8880_1234_0000);
        let s = through_decoder(&w);
        assert_eq!(s.state, Some(State::Established));
        assert_eq!((s.recv_q, s.send_q), (Some(10), Some(8)));
        assert_eq!(
            s.local,
            Endpoint::Inet {
                addr: "192.0.2.1".parse().unwrap(),
                port: 8080
            }
        );
        assert_eq!(
            s.remote,
            Endpoint::Inet {
                addr: "198.51.100.7".parse().unwrap(),
                port: 40000
            }
        );
    }

    #[test]
    fn listeners_time_wait_and_requests_follow_the_kernels_rules() {
        let l = layout();
        let mut r = record(&l, AF_INET6, TCP_LISTEN);
        r[l.ipv6only.0 as usize] |= l.ipv6only.1;
        let w = decode(&l, &r).unwrap().unwrap();
        assert!(w.v6only);
        let s = through_decoder(&w);
        let q = s.listen.unwrap();
        assert_eq!((q.qlen, q.maxqlen), (Some(3), Some(4096)));
        assert!(!s.dual_stack);

        let w = decode(&l, &record(&l, AF_INET, TCP_TIME_WAIT))
            .unwrap()
            .unwrap();
        assert_eq!((w.state, w.rqueue, w.wqueue), (TCP_TIME_WAIT, 0, 0));
        let w = decode(&l, &record(&l, AF_INET, TCP_NEW_SYN_RECV))
            .unwrap()
            .unwrap();
        assert_eq!((w.state, w.filter_state), (TCP_SYN_RECV, TCP_NEW_SYN_RECV));
        assert!(wanted(&w, 1 << TCP_SYN_RECV));
        assert!(!wanted(&w, 1 << TCP_LISTEN));
    }

    #[test]
    fn zeroed_or_short_records_are_not_sockets() {
        let l = layout();
        assert_eq!(decode(&l, &vec![0; l.record_len() as usize]).unwrap(), None);
        assert!(decode(&l, &[0; 10]).is_err());
    }
}

#[cfg(test)]
mod random {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn random_or_cut_records_decode_or_error(data in proptest::collection::vec(any::<u8>(), 0..400)) {
            let l = layout::example();
            if let Ok(Some(w)) = decode(&l, &data) {
                let mut m = Vec::new();
                append_message(&mut m, &w);
                prop_assert!(crate::netlink::diag::sock::decode_inet(
                    &m[nlmsg::NLMSG_HDRLEN..],
                    rnetstat_core::Proto::Tcp
                ).is_ok());
            }
        }
    }
}
