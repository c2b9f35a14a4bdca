//! Internet, unix and vsock sockets of sock_diag dumps into [`Socket`]s, written by hand:
//! the structures are few and fixed, and a table of 100,000 sockets wants no per-attribute
//! allocation.
//!
//! Layouts (include/uapi/linux/inet_diag.h, unix_diag.h):
//! - request struct inet_diag_req_v2: family, protocol, ext, pad (the raw protocol for raw
//!   sockets; IPPROTO_RAW matches them all), states (u32 bitmask of TCP_* states), then
//!   struct inet_diag_sockid (48 bytes) left zero;
//! - answer struct inet_diag_msg (72 bytes): family, state, timer, retrans, sockid (sport and
//!   dport big-endian u16, src and dst as four 32-bit words, if, cookie as two u32), expires,
//!   rqueue, wqueue, uid, inode; then attributes, of which INET_DIAG_SKV6ONLY (11) tells an
//!   IPv6 socket that also takes IPv4, and, when idiag_ext asked for them, INET_DIAG_INFO,
//!   INET_DIAG_CONG and INET_DIAG_SKMEMINFO ([`super::tcp_info`]). For a listener rqueue is the accept queue (qlen) and
//!   wqueue its limit (maxqlen); the SYN queue (incqlen) is not a field: it is the number of
//!   request sockets (SYN_RECV) the dump lists for the listener's address and port.
//! - request struct unix_diag_req (24 bytes): family, protocol, pad, states, ino, show (which
//!   attributes), cookie; answer struct unix_diag_msg (16 bytes): family, type, state, pad,
//!   ino, cookie; attributes UNIX_DIAG_NAME (0), PEER (2), RQLEN (4: rqueue, wqueue),
//!   UID (7).

use super::{header, tcp_info, u32_ne, AF_INET, AF_INET6, AF_UNIX, AF_VSOCK};
use crate::netlink::nlmsg::attributes;
use rnetstat_core::{
    Endpoint, Error, Family, ListenQueue, Proto, Result, SockType, Socket, State, TcpInfo,
};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// IPPROTO_TCP.
pub const IPPROTO_TCP: u8 = 6;
/// IPPROTO_UDP.
pub const IPPROTO_UDP: u8 = 17;
/// IPPROTO_UDPLITE.
pub const IPPROTO_UDPLITE: u8 = 136;
/// IPPROTO_RAW: for raw sockets, "every raw protocol".
pub const IPPROTO_RAW: u8 = 255;
/// Linux TCP_LISTEN.
pub const TCP_LISTEN: u8 = 10;
/// Linux TCP_CLOSE (also an unconnected datagram socket).
pub const TCP_CLOSE: u8 = 7;
/// Linux TCP_BOUND_INACTIVE (6.8 and later): a socket bound to a port and neither listening nor
/// connecting, which the kernel dumps only when asked for by this bit.
pub const TCP_BOUND_INACTIVE: u8 = 13;
/// The TCP states `-a` lists: every state of the kernel's connection and listener tables, as
/// /proc/net/tcp and `ss -a` show them, on every kernel. Bound-but-inactive sockets (Linux
/// 6.8's TCP_BOUND_INACTIVE) are left out: older kernels cannot show them at all, and asking
/// for them makes the kernel walk its whole bind table (every namespace's bound sockets) on
/// each dump, which `-j all` would pay once per namespace.
pub const ALL_LISTED_STATES: u32 = !(1 << TCP_BOUND_INACTIVE);
/// The states of the dump that counts each listener's SYN queue: the listeners and their
/// request sockets (TCP_SYN_RECV; the kernel adds TCP_NEW_SYN_RECV to a request for it, and
/// it is asked for here too).
pub const SYN_QUEUE_STATES: u32 = (1 << TCP_LISTEN) | (1 << 3) | (1 << 12);
const INET_DIAG_MSG_LEN: usize = 72;
const UNIX_DIAG_MSG_LEN: usize = 16;
const INET_DIAG_SKV6ONLY: u16 = 11;

/// The transport protocol number of `proto` for an inet_diag request.
pub fn ipproto(proto: Proto) -> Option<u8> {
    match proto {
        Proto::Tcp => Some(IPPROTO_TCP),
        Proto::Udp => Some(IPPROTO_UDP),
        Proto::UdpLite => Some(IPPROTO_UDPLITE),
        Proto::Raw => Some(IPPROTO_RAW),
        _ => None,
    }
}

/// The request payload (struct inet_diag_req_v2) of an inet dump.
/// `ext` is idiag_ext, the attributes asked for beyond the message
/// ([`tcp_info::EXT_INTERNALS`], or 0).
pub fn inet_request(family: u8, protocol: u8, ext: u8, states: u32) -> Vec<u8> {
    let mut r = vec![0u8; 56];
    r[0] = family;
    r[2] = ext;
    r[1] = if protocol == IPPROTO_RAW {
        IPPROTO_RAW
    } else {
        protocol
    };
    // For raw sockets the pad byte is the raw protocol to match; IPPROTO_RAW matches all.
    r[3] = if protocol == IPPROTO_RAW {
        IPPROTO_RAW
    } else {
        0
    };
    r[4..8].copy_from_slice(&states.to_ne_bytes());
    r
}

/// The request payload (the old struct inet_diag_req, 60 bytes) of the compat TCP dump,
/// TCPDIAG_GETSOCK: family, src_len, dst_len, ext, struct inet_diag_sockid (48 bytes, zero),
/// states, dbs. The kernel answers it with the TCP sockets of both families in one walk of its
/// hash tables (it asks with AF_UNSPEC), each answer of type TCPDIAG_GETSOCK with the usual
/// struct inet_diag_msg and the attributes `ext` asks for.
pub fn tcp_compat_request(ext: u8, states: u32) -> Vec<u8> {
    let mut r = vec![0u8; 60];
    r[3] = ext;
    r[52..56].copy_from_slice(&states.to_ne_bytes());
    r
}

/// The request payload (struct unix_diag_req) of a unix dump: name, peer, queues, uid.
pub fn unix_request(states: u32) -> Vec<u8> {
    let mut r = vec![0u8; 24];
    r[0] = AF_UNIX;
    r[4..8].copy_from_slice(&states.to_ne_bytes());
    let show: u32 = 0x1 | 0x4 | 0x10 | 0x40; // UDIAG_SHOW_NAME | PEER | RQLEN | UID
    r[12..16].copy_from_slice(&show.to_ne_bytes());
    r
}

fn bad(what: &'static str, detail: impl Into<String>) -> Error {
    Error::decode(what, detail)
}

/// SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET.
fn sock_type(t: u8, what: &'static str) -> Result<SockType> {
    match t {
        1 => Ok(SockType::Stream),
        2 => Ok(SockType::Dgram),
        5 => Ok(SockType::SeqPacket),
        other => Err(bad(what, format!("socket type {other}"))),
    }
}

/// A Linux TCP_* state as netstat names it.
pub fn tcp_state(s: u8) -> Option<State> {
    Some(match s {
        1 => State::Established,
        2 => State::SynSent,
        3 | 12 => State::SynRcvd,
        4 => State::FinWait1,
        5 => State::FinWait2,
        6 => State::TimeWait,
        7 => State::Closed,
        8 => State::CloseWait,
        9 => State::LastAck,
        10 => State::Listen,
        11 => State::Closing,
        _ => return None,
    })
}

/// Decode one struct inet_diag_msg of protocol `proto`.
pub fn decode_inet(payload: &[u8], proto: Proto) -> Result<Socket> {
    decode_inet_with(payload, proto, false)
}

/// [`decode_inet`] of an answer to a request with [`tcp_info::EXT_INTERNALS`]: also the TCP
/// internals (tcp_info, congestion control, pending timer) and the socket memory.
pub fn decode_inet_internals(payload: &[u8], proto: Proto) -> Result<Socket> {
    decode_inet_with(payload, proto, true)
}

fn decode_inet_with(payload: &[u8], proto: Proto, internals: bool) -> Result<Socket> {
    const WHAT: &str = "inet_diag message";
    let m = payload.get(..INET_DIAG_MSG_LEN).ok_or_else(|| {
        bad(
            WHAT,
            format!(
                "{} bytes, struct inet_diag_msg needs {INET_DIAG_MSG_LEN}",
                payload.len()
            ),
        )
    })?;
    let (family, v6) = match m[0] {
        AF_INET => (Family::Inet, false),
        AF_INET6 => (Family::Inet6, true),
        other => return Err(bad(WHAT, format!("family {other}"))),
    };
    let ip = |at: usize| -> IpAddr {
        if v6 {
            let mut a = [0u8; 16];
            a.copy_from_slice(&m[at..at + 16]);
            IpAddr::V6(Ipv6Addr::from(a))
        } else {
            IpAddr::V4(Ipv4Addr::new(m[at], m[at + 1], m[at + 2], m[at + 3]))
        }
    };
    // A raw socket's "port" is its IP protocol (ip_proto below); BSD shows raw sockets
    // without ports.
    let ports = proto != Proto::Raw;
    let sport = if ports {
        u16::from_be_bytes([m[4], m[5]])
    } else {
        0
    };
    let dport = if ports {
        u16::from_be_bytes([m[6], m[7]])
    } else {
        0
    };
    let local = Endpoint::Inet {
        addr: ip(8),
        port: sport,
    };
    let remote = Endpoint::Inet {
        addr: ip(24),
        port: dport,
    };
    let cookie = u64::from(u32_ne(m, 44)) | (u64::from(u32_ne(m, 48)) << 32);
    let (rqueue, wqueue) = (u64::from(u32_ne(m, 56)), u64::from(u32_ne(m, 60)));
    let state = if proto == Proto::Tcp {
        tcp_state(m[1])
    } else {
        None
    };
    let connected = proto != Proto::Tcp && m[1] == 1;
    let mut dual_stack = false;
    let tcp = internals && proto == Proto::Tcp;
    let mut info = tcp.then(|| {
        Box::new(TcpInfo {
            timer: tcp_info::timer(m[2], m[3], u32_ne(m, 52)),
            ..TcpInfo::default()
        })
    });
    let mut memory = None;
    for attr in attributes(&payload[INET_DIAG_MSG_LEN..]) {
        let (t, v) = attr?;
        match (t, info.as_deref_mut()) {
            (INET_DIAG_SKV6ONLY, _) if v6 => dual_stack = v.first() == Some(&0),
            (tcp_info::INET_DIAG_INFO, Some(i)) => tcp_info::decode_tcp_info(v, i)?,
            (tcp_info::INET_DIAG_CONG, Some(i)) => i.congestion = Some(tcp_info::decode_cong(v)?),
            (tcp_info::INET_DIAG_SKMEMINFO, _) if internals => {
                memory = Some(Box::new(tcp_info::decode_skmem(v)?));
            }
            _ => {}
        }
    }
    let listening = state == Some(State::Listen);
    Ok(Socket {
        tcp: info,
        memory,
        dual_stack,
        ip_proto: (!ports).then_some(m[5]).filter(|_| m[4] == 0),
        state: if connected {
            Some(State::Established)
        } else {
            state
        },
        recv_q: if listening { Some(0) } else { Some(rqueue) },
        send_q: if listening { Some(0) } else { Some(wqueue) },
        listen: listening.then_some(ListenQueue {
            qlen: Some(rqueue),
            incqlen: None,
            maxqlen: Some(wqueue),
        }),
        // TIME_WAIT and SYN_RECV entries are not full sockets: their inode and uid are 0.
        inode: Some(u64::from(u32_ne(m, 68))).filter(|i| *i != 0),
        cookie: Some(cookie),
        uid: Some(u32_ne(m, 64)).filter(|_| !matches!(m[1], 6 | 12 | 3)),
        ..Socket::new(proto, family, proto.inet_sock_type(), local, remote)
    })
}

/// The interface an inet socket is bound to (idiag_if, offset 40 of struct inet_diag_msg), the
/// zone of its link-local addresses; 0 for none.
pub fn bound_ifindex(payload: &[u8]) -> u32 {
    payload
        .get(40..44)
        .map_or(0, |b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
}

/// Decode one struct unix_diag_msg.
pub fn decode_unix(payload: &[u8]) -> Result<Socket> {
    const WHAT: &str = "unix_diag message";
    let m = header(payload, UNIX_DIAG_MSG_LEN, AF_UNIX, WHAT)?;
    let kind = sock_type(m[1], WHAT)?;
    let mut s = Socket {
        state: tcp_state(m[2]).filter(|st| *st != State::Closed),
        inode: Some(u64::from(u32_ne(m, 4))),
        cookie: Some(u64::from(u32_ne(m, 8)) | (u64::from(u32_ne(m, 12)) << 32)),
        ..Socket::new(
            Proto::Unix,
            Family::Unix,
            kind,
            Endpoint::Unix(None),
            Endpoint::None,
        )
    };
    for attr in attributes(&payload[UNIX_DIAG_MSG_LEN..]) {
        let (t, v) = attr?;
        match t {
            0 => s.local = Endpoint::Unix(Some(unix_name(v))),
            2 if v.len() >= 4 => s.peer_inode = Some(u64::from(u32_ne(v, 0))).filter(|p| *p != 0),
            4 if v.len() >= 8 => {
                let (r, w) = (u64::from(u32_ne(v, 0)), u64::from(u32_ne(v, 4)));
                if s.state == Some(State::Listen) {
                    s.listen = Some(ListenQueue {
                        qlen: Some(r),
                        incqlen: None,
                        maxqlen: Some(w),
                    });
                    s.recv_q = Some(0);
                    s.send_q = Some(0);
                } else {
                    s.recv_q = Some(r);
                    s.send_q = Some(w);
                }
            }
            7 if v.len() >= 4 => s.uid = Some(u32_ne(v, 0)),
            2 | 4 | 7 => return Err(bad(WHAT, format!("attribute {t} of {} bytes", v.len()))),
            _ => {}
        }
    }
    Ok(s)
}

/// A unix socket name: a path, or `@name` for the abstract namespace (leading NUL).
fn unix_name(v: &[u8]) -> String {
    match v.split_first() {
        Some((0, rest)) => format!("@{}", String::from_utf8_lossy(rest)),
        _ => String::from_utf8_lossy(v.split(|b| *b == 0).next().unwrap_or_default()).into_owned(),
    }
}

const VSOCK_DIAG_MSG_LEN: usize = 32;

/// The request payload (struct vsock_diag_req, 24 bytes) of a vsock dump.
pub fn vsock_request(states: u32) -> Vec<u8> {
    let mut r = vec![0u8; 24];
    r[0] = AF_VSOCK;
    r[4..8].copy_from_slice(&states.to_ne_bytes());
    r
}

/// Decode one struct vsock_diag_msg (family, type, state, shutdown, src_cid, src_port,
/// dst_cid, dst_port, ino, cookie).
pub fn decode_vsock(payload: &[u8]) -> Result<Socket> {
    const WHAT: &str = "vsock_diag message";
    let m = header(payload, VSOCK_DIAG_MSG_LEN, AF_VSOCK, WHAT)?;
    let kind = sock_type(m[1], WHAT)?;
    let state = tcp_state(m[2]);
    let listening = state == Some(State::Listen);
    Ok(Socket {
        state,
        listen: listening.then_some(ListenQueue::default()),
        inode: Some(u64::from(u32_ne(m, 20))),
        cookie: Some(u64::from(u32_ne(m, 24)) | (u64::from(u32_ne(m, 28)) << 32)),
        ..Socket::new(
            Proto::Vsock,
            Family::Vsock,
            kind,
            Endpoint::Vsock {
                cid: u32_ne(m, 4),
                port: u32_ne(m, 8),
            },
            Endpoint::Vsock {
                cid: u32_ne(m, 12),
                port: u32_ne(m, 16),
            },
        )
    })
}
