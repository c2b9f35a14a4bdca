//! FreeBSD's unix-domain pcb lists: `net.local.stream.pcblist`, `net.local.dgram.pcblist` and
//! `net.local.seqpacket.pcblist` (FreeBSD 14, 64-bit layouts of sys/sys/unpcb.h).
//!
//! Each answer is a `struct xunpgen` (32 bytes), `struct xunpcb` records, and a closing
//! `xunpgen` ([`crate::wire::xgen`]). A `struct xunpcb` is 904 bytes:
//!
//! | offset | field                                                               |
//! |--------|---------------------------------------------------------------------|
//! | 0      | `xu_len`                                                            |
//! | 8      | `xu_unpp`: the unpcb's kernel address                               |
//! | 16     | `unp_vnode` (netstat's `Inode` column), 24 `unp_conn` (`Conn`)      |
//! | 32     | `xu_firstref` (`Refs`), 40 `xu_nextref` (`Nextref`)                 |
//! | 48     | `unp_gencnt`                                                        |
//! | 152    | `xu_addr`: the bound `struct sockaddr_un` (sun_len, sun_family,     |
//! |        | sun_path\[104\]) in a 256-byte union; 408 `xu_caddr`, the peer's      |
//! | 664    | `struct xsocket xu_socket` ([`super::pcblist::XSocket`])            |
//!
//! The path is the `sun_len - 2` bytes after the family, up to a NUL, as netstat prints it.

use crate::freebsd::pcblist::{XSocket, XSOCKET_LEN};
use crate::os::Os;
use crate::wire::bytes::Rec;
use crate::wire::sockaddr;
use crate::wire::xgen::{self, Shape, Summary};
use rnetstat_core::{Endpoint, Error, Family, Proto, Result, SockType, Socket, State};

/// sizeof(struct xunpgen).
pub const XUNPGEN_LEN: u64 = 32;
/// sizeof(struct xunpcb).
pub const XUNPCB_LEN: u64 = 904;
const XU_UNPP: usize = 8;
const UNP_VNODE: usize = 16;
const UNP_CONN: usize = 24;
const XU_FIRSTREF: usize = 32;
const XU_NEXTREF: usize = 40;
const UNP_GENCNT: usize = 48;
const XU_ADDR: usize = 152;
const XU_CADDR: usize = 408;
const XU_SOCKET: usize = 664;
/// sizeof(sun_path).
pub const SUNPATHLEN: usize = sockaddr::SUNPATHLEN;
/// Offset of sun_path in `struct sockaddr_un`.
const SUN_PATH: usize = sockaddr::SUN_PATH;
/// The room of `xu_addr` / `xu_caddr` (a union with a 256-byte array).
const SOCKADDR_ROOM: usize = XU_CADDR - XU_ADDR;
/// AF_UNIX.
pub const AF_UNIX: u8 = crate::os::AF_UNIX;

/// The sysctl listing unix sockets of type `kind`.
pub fn sysctl(kind: SockType) -> &'static str {
    match kind {
        SockType::Stream => "net.local.stream.pcblist",
        SockType::Dgram => "net.local.dgram.pcblist",
        SockType::SeqPacket | SockType::Raw => "net.local.seqpacket.pcblist",
    }
}

/// One decoded unix pcb: the socket and its `struct socket`'s kernel address.
#[derive(Debug, Clone)]
pub struct Unp {
    /// The socket as the displays see it: `cookie` is so_pcb (netstat's `Address`), `inode`
    /// unp_vnode, `peer_inode` unp_conn, `unix_refs` (xu_firstref, xu_nextref); kernel
    /// addresses that are NULL are `None`.
    pub socket: Socket,
    /// xso_so, the key into kern.file.
    pub so: u64,
}

/// Decode the answer `buf` of [`sysctl`]`(kind)`, handing each unix pcb to `each` in kernel
/// order (newest first).
pub fn decode(
    os: Os,
    buf: &[u8],
    kind: SockType,
    each: &mut dyn FnMut(Unp) -> Result<()>,
) -> Result<Summary> {
    let what = sysctl(kind);
    if os != Os::FreeBsd {
        return Err(Error::NotSupported(format!(
            "{what} on {} (FreeBSD's layout)",
            os.name()
        )));
    }
    let shape = Shape {
        header_len: XUNPGEN_LEN,
        record_len: XUNPCB_LEN,
        record_gen: UNP_GENCNT,
        what,
    };
    xgen::walk(buf, shape, &mut |rec| each(record(rec, kind)?))
}

fn record(rec: Rec<'_>, kind: SockType) -> Result<Unp> {
    let xso = XSocket::decode(rec.sub(XU_SOCKET, "xsocket")?)?;
    if xso.len != XSOCKET_LEN {
        return Err(Error::decode(rec.what, "unix pcb without its socket"));
    }
    let conn = rec.u64(UNP_CONN)?;
    let local = Endpoint::Unix(path(rec, XU_ADDR)?);
    let remote = match path(rec, XU_CADDR)? {
        Some(p) => Endpoint::Unix(Some(p)),
        None if conn != 0 => Endpoint::Unix(None),
        None => Endpoint::None,
    };
    let socket = Socket {
        state: xso.listening().then_some(State::Listen),
        recv_q: Some(u64::from(xso.cc.0)),
        send_q: Some(u64::from(xso.cc.1)),
        listen: xso.listen_queue(),
        inode: nonzero(rec.u64(UNP_VNODE)?),
        cookie: nonzero(xso.pcb),
        uid: Some(xso.uid),
        peer_inode: nonzero(conn),
        unix_refs: Some((rec.u64(XU_FIRSTREF)?, rec.u64(XU_NEXTREF)?)).filter(|r| *r != (0, 0)),
        ..Socket::new(
            Proto::Unix,
            Family::Unix,
            xso.kind().unwrap_or(kind),
            local,
            remote,
        )
    };
    Ok(Unp { socket, so: xso.so })
}

/// A kernel address, None for NULL.
fn nonzero(v: u64) -> Option<u64> {
    (v != 0).then_some(v)
}

/// The path of the `sockaddr_un` at `at` (its 256 bytes of room), if it has one.
fn path(rec: Rec<'_>, at: usize) -> Result<Option<String>> {
    Ok(sockaddr::unix_path(rec.bytes(at, SOCKADDR_ROOM)?))
}

/// Layout assumptions of this module (FreeBSD only), in `layout.txt`'s keys.
pub fn assumptions(os: Os) -> Vec<crate::os::Assumption> {
    if os != Os::FreeBsd {
        return Vec::new();
    }
    let one = |k: &str, v: u64| (vec![k.to_string()], v);
    vec![
        one("sizeof xunpgen", XUNPGEN_LEN),
        one("offsetof xunpgen xug_len", 0),
        one("offsetof xunpgen xug_count", 8),
        one("offsetof xunpgen xug_gen", 16),
        one("sizeof xunpcb", XUNPCB_LEN),
        one("offsetof xunpcb xu_len", 0),
        one("offsetof xunpcb xu_unpp", XU_UNPP as u64),
        one("offsetof xunpcb unp_vnode", UNP_VNODE as u64),
        one("offsetof xunpcb unp_conn", UNP_CONN as u64),
        one("offsetof xunpcb xu_firstref", XU_FIRSTREF as u64),
        one("offsetof xunpcb xu_nextref", XU_NEXTREF as u64),
        one("offsetof xunpcb unp_gencnt", UNP_GENCNT as u64),
        one("offsetof xunpcb xu_addr", XU_ADDR as u64),
        one("offsetof xunpcb xu_caddr", XU_CADDR as u64),
        one("offsetof xunpcb xu_socket", XU_SOCKET as u64),
        one("offsetof sockaddr_un sun_len", 0),
        one("offsetof sockaddr_un sun_family", 1),
        one("offsetof sockaddr_un sun_path", SUN_PATH as u64),
        one("const SUNPATHLEN", SUNPATHLEN as u64),
        one("const AF_UNIX", u64::from(AF_UNIX)),
    ]
}
