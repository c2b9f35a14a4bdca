//! Netlink message framing (struct nlmsghdr), written by hand so a buffer of messages is walked
//! without copying and a truncated or malformed header is an error, never a panic.

use rnetstat_core::{Error, Result};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// sizeof(struct nlmsghdr).
pub const NLMSG_HDRLEN: usize = 16;
/// Message type: no operation.
pub const NLMSG_NOOP: u16 = 1;
/// Message type: error or acknowledgement.
pub const NLMSG_ERROR: u16 = 2;
/// Message type: end of a multi-part dump.
pub const NLMSG_DONE: u16 = 3;
/// Message type: data lost.
pub const NLMSG_OVERRUN: u16 = 4;
/// Flag: request.
pub const NLM_F_REQUEST: u16 = 0x1;
/// Flag: part of a multi-part message.
pub const NLM_F_MULTI: u16 = 0x2;
/// Flag: the dump was interrupted by a change and is inconsistent.
pub const NLM_F_DUMP_INTR: u16 = 0x10;
/// Flag: dump the whole table (NLM_F_ROOT | NLM_F_MATCH).
pub const NLM_F_DUMP: u16 = 0x300;

/// rtnetlink message types used here.
pub const RTM_NEWLINK: u16 = 16;
/// Get links.
pub const RTM_GETLINK: u16 = 18;
/// An address.
pub const RTM_NEWADDR: u16 = 20;
/// Get addresses.
pub const RTM_GETADDR: u16 = 22;
/// A route.
pub const RTM_NEWROUTE: u16 = 24;
/// Get routes.
pub const RTM_GETROUTE: u16 = 26;

/// One netlink message, borrowed from a receive buffer.
#[derive(Debug, Clone, Copy)]
pub struct NlMsg<'a> {
    /// nlmsg_type.
    pub kind: u16,
    /// nlmsg_flags.
    pub flags: u16,
    /// nlmsg_seq.
    pub seq: u32,
    /// The bytes after the header, up to nlmsg_len.
    pub payload: &'a [u8],
}

/// Align to 4 bytes (NLMSG_ALIGN).
pub fn align(len: usize) -> usize {
    (len + 3) & !3
}

/// Iterate the messages of a buffer. A message whose length is short or runs past the buffer
/// ends the walk with an error.
pub fn messages(buf: &[u8]) -> Messages<'_> {
    Messages { buf }
}

/// Iterator returned by [`messages`].
pub struct Messages<'a> {
    buf: &'a [u8],
}

impl<'a> Iterator for Messages<'a> {
    type Item = Result<NlMsg<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buf.is_empty() {
            return None;
        }
        match split_first(self.buf) {
            Ok((msg, rest)) => {
                self.buf = rest;
                Some(Ok(msg))
            }
            Err(e) => {
                self.buf = &[];
                Some(Err(e))
            }
        }
    }
}

/// Read the length field of a message header (for readers that frame a byte stream).
pub fn header_len(hdr: &[u8; NLMSG_HDRLEN]) -> usize {
    u32::from_ne_bytes([hdr[0], hdr[1], hdr[2], hdr[3]]) as usize
}

fn split_first(buf: &[u8]) -> Result<(NlMsg<'_>, &[u8])> {
    if buf.len() < NLMSG_HDRLEN {
        return Err(Error::decode(
            "netlink message",
            format!("{} bytes left, a header needs {NLMSG_HDRLEN}", buf.len()),
        ));
    }
    let len = u32::from_ne_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
    if len < NLMSG_HDRLEN || len > buf.len() {
        return Err(Error::decode(
            "netlink message",
            format!("length {len} does not fit the {} bytes received", buf.len()),
        ));
    }
    let msg = NlMsg {
        kind: u16::from_ne_bytes([buf[4], buf[5]]),
        flags: u16::from_ne_bytes([buf[6], buf[7]]),
        seq: u32::from_ne_bytes([buf[8], buf[9], buf[10], buf[11]]),
        payload: &buf[NLMSG_HDRLEN..len],
    };
    let next = align(len).min(buf.len());
    Ok((msg, &buf[next..]))
}

/// The native-endian u32 at `at` of a header or attribute value, or an error about `what`
/// (e.g. "RTM_NEWROUTE message") when the value is too short.
pub fn u32_at(v: &[u8], at: usize, what: &'static str) -> Result<u32> {
    v.get(at..at.saturating_add(4))
        .map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| short(v, 32, at, what))
}

/// The native-endian u64 at `at`, as [`u32_at`].
pub fn u64_at(v: &[u8], at: usize, what: &'static str) -> Result<u64> {
    v.get(at..at.saturating_add(8))
        .and_then(|b| b.try_into().ok())
        .map(u64::from_ne_bytes)
        .ok_or_else(|| short(v, 64, at, what))
}

fn short(v: &[u8], bits: u32, at: usize, what: &'static str) -> Error {
    Error::decode(
        what,
        format!(
            "value of {} bytes where a {bits}-bit field at {at} belongs",
            v.len()
        ),
    )
}

/// An address attribute: IPv4 from 4 bytes when `!v6`, IPv6 from 16 bytes when `v6`; `None`
/// for any other length, which the caller reports in its own terms.
pub fn ip_addr(v: &[u8], v6: bool) -> Option<IpAddr> {
    match (v6, v.len()) {
        (false, 4) => Some(IpAddr::V4(Ipv4Addr::new(v[0], v[1], v[2], v[3]))),
        (true, 16) => {
            let mut a = [0u8; 16];
            a.copy_from_slice(v);
            Some(IpAddr::V6(Ipv6Addr::from(a)))
        }
        _ => None,
    }
}

/// Iterate the attributes (struct nlattr / struct rtattr: u16 length, u16 type, value, padded
/// to 4 bytes) of a buffer as `(type, value)`, the nested and byte-order bits of the type
/// cleared. A length that is short or runs past the buffer ends the walk with an error.
pub fn attributes(buf: &[u8]) -> Attributes<'_> {
    Attributes { buf }
}

/// Iterator returned by [`attributes`].
pub struct Attributes<'a> {
    buf: &'a [u8],
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Result<(u16, &'a [u8])>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buf.is_empty() {
            return None;
        }
        let buf = self.buf;
        if buf.len() < 4 {
            self.buf = &[];
            return Some(Err(Error::decode(
                "netlink attribute",
                format!("{} stray bytes", buf.len()),
            )));
        }
        let len = usize::from(u16::from_ne_bytes([buf[0], buf[1]]));
        let kind = u16::from_ne_bytes([buf[2], buf[3]]) & 0x3fff;
        if len < 4 || len > buf.len() {
            self.buf = &[];
            return Some(Err(Error::decode(
                "netlink attribute",
                format!("length {len} does not fit the {} bytes left", buf.len()),
            )));
        }
        self.buf = &buf[align(len).min(buf.len())..];
        Some(Ok((kind, &buf[4..len])))
    }
}

/// Build a dump request: header plus `payload` (the family header of the request type).
pub fn dump_request(kind: u16, seq: u32, payload: &[u8]) -> Vec<u8> {
    let len = NLMSG_HDRLEN + payload.len();
    let mut v = Vec::with_capacity(align(len));
    v.extend_from_slice(&(len as u32).to_ne_bytes());
    v.extend_from_slice(&kind.to_ne_bytes());
    v.extend_from_slice(&(NLM_F_REQUEST | NLM_F_DUMP).to_ne_bytes());
    v.extend_from_slice(&seq.to_ne_bytes());
    v.extend_from_slice(&0u32.to_ne_bytes());
    v.extend_from_slice(payload);
    v.resize(align(len), 0);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn walks_two_messages_and_rejects_a_short_one() {
        let mut buf = dump_request(RTM_GETLINK, 7, &[0; 16]);
        buf.extend(dump_request(RTM_GETADDR, 8, &[0; 8]));
        let msgs: Vec<_> = messages(&buf).collect::<Result<_>>().unwrap();
        assert_eq!(msgs.len(), 2);
        assert_eq!(msgs[0].kind, RTM_GETLINK);
        assert_eq!(msgs[0].payload.len(), 16);
        assert_eq!(msgs[1].seq, 8);
        let truncated = &buf[..buf.len() - 1];
        assert!(messages(truncated).any(|m| m.is_err()));
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            for m in messages(&bytes).flatten() {
                prop_assert!(m.payload.len() <= bytes.len());
            }
        }
    }
}
