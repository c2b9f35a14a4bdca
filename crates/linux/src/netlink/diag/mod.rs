//! sock_diag (NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY dumps): what every family's request and
//! answer share ([`sock`]: Internet, unix and vsock sockets; [`packet`]: packet sockets and
//! their taps).

pub mod packet;
pub mod sock;
pub mod tcp_info;

use rnetstat_core::{Error, Result};

/// SOCK_DIAG_BY_FAMILY, the request type of every sock_diag dump.
pub const SOCK_DIAG_BY_FAMILY: u16 = 20;
/// TCPDIAG_GETSOCK, the request type of the compat TCP dump of both families, and the type
/// of its answers.
pub const TCPDIAG_GETSOCK: u16 = 18;
/// AF_UNIX.
pub const AF_UNIX: u8 = 1;
/// AF_INET.
pub const AF_INET: u8 = 2;
/// AF_INET6.
pub const AF_INET6: u8 = 10;
/// AF_PACKET.
pub const AF_PACKET: u8 = 17;
/// AF_VSOCK.
pub const AF_VSOCK: u8 = 40;

/// The native-endian u32 at `at` (the caller checked the length).
pub(crate) fn u32_ne(b: &[u8], at: usize) -> u32 {
    u32::from_ne_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// The fixed header of a diag message of `family`, `len` bytes, or an error naming `what`.
pub(crate) fn header<'a>(
    payload: &'a [u8],
    len: usize,
    family: u8,
    what: &'static str,
) -> Result<&'a [u8]> {
    let m = payload.get(..len).ok_or_else(|| {
        Error::decode(
            what,
            format!("{} bytes, the message header needs {len}", payload.len()),
        )
    })?;
    if m[0] != family {
        return Err(Error::decode(what, format!("family {}", m[0])));
    }
    Ok(m)
}
