//! macOS `net.local.stream.pcblist_n` and `net.local.dgram.pcblist_n`: the unix sockets, as
//! xnu's `unp_pcblist_n()` (bsd/kern/uipc_usrreq.c) writes them.
//!
//! The answer is framed like the Internet lists ([`crate::macos::pcblist`]): a `struct
//! xunpgen` (the layout of xinpgen), per socket the records `xunpcb_n` (XSO_UNPCB),
//! `xsocket_n`, `xsockbuf_n` twice and `xsockstat_n`, each padded to 8 bytes, and a closing
//! xunpgen. `struct xunpcb_n` (xnu-11417.121.6, bsd/sys/unpcb.h, `#pragma pack(4)`, 588
//! bytes): `u32 len, u32 kind, u64 xunp_unpp, xunp_vnode, xunp_ino, xunp_conn, xunp_refs,
//! xunp_reflink` (hashed kernel addresses but the fake inode), `int cc, mbcnt, flags`,
//! `u64 xunp_gencnt` at 68, then the bound address (a sockaddr_un in 256 bytes) at 76 and the
//! peer's at 332. The list is newest first.

use crate::macos::pcblist::{walk, Gen, XSockBuf, XSockStat, XSocket, XSO_UNPCB};
use crate::os::Assumption;
use crate::wire::bytes::Rec;
use crate::wire::sockaddr;
use rnetstat_core::{Error, Result, SockType};

const UNPP: usize = 8;
const VNODE: usize = 16;
const INO: usize = 24;
const CONN: usize = 32;
const REFS: usize = 40;
const REFLINK: usize = 48;
const GENCNT: usize = 68;
const ADDR: usize = 76;
const ADDR_ROOM: usize = 256;
const SIZE: usize = 588;
/// offsetof(struct sockaddr_un, sun_path).
const SUN_PATH: usize = sockaddr::SUN_PATH;

/// struct xunpcb_n.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XUnpcb {
    /// xunp_unpp: the control block (hashed), netstat's "Address".
    pub unpp: u64,
    /// xunp_vnode: the bound file (hashed; 0: none), netstat's "Inode".
    pub vnode: u64,
    /// xunp_ino: the fake inode number (0: none given).
    pub ino: u64,
    /// xunp_conn: the connected socket's control block.
    pub conn: u64,
    /// xunp_refs: the first socket connected to this one.
    pub refs: u64,
    /// xunp_reflink: the next one on the refs list this socket is on.
    pub reflink: u64,
    /// xunp_gencnt.
    pub gencnt: u64,
    /// The bound path ([`sockaddr::unix_path`]); None when unbound.
    pub path: Option<String>,
}

impl XUnpcb {
    fn read(r: Rec) -> Result<XUnpcb> {
        r.at_least(SIZE)?;
        let path = sockaddr::unix_path(&r.bytes[ADDR..ADDR + ADDR_ROOM]);
        Ok(XUnpcb {
            unpp: r.u64(UNPP)?,
            vnode: r.u64(VNODE)?,
            ino: r.u64(INO)?,
            conn: r.u64(CONN)?,
            refs: r.u64(REFS)?,
            reflink: r.u64(REFLINK)?,
            gencnt: r.u64(GENCNT)?,
            path,
        })
    }
}

/// One unix socket of a pcblist_n answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnixPcb {
    /// The socket.
    pub so: XSocket,
    /// Its receive buffer.
    pub rcv: XSockBuf,
    /// Its send buffer.
    pub snd: XSockBuf,
    /// Its traffic.
    pub stats: XSockStat,
    /// The unix PCB.
    pub unp: XUnpcb,
}

/// The sysctl of the unix sockets of `kind` (stream or datagram).
pub fn sysctl(kind: SockType) -> Result<&'static str> {
    match kind {
        SockType::Stream => Ok("net.local.stream.pcblist_n"),
        SockType::Dgram => Ok("net.local.dgram.pcblist_n"),
        k => Err(Error::NotSupported(format!(
            "a macOS unix {} pcb list",
            k.name()
        ))),
    }
}

/// Decode the `net.local.{stream,dgram}.pcblist_n` answer of `kind`, handing each socket to
/// `each` in kernel order; returns the opening and closing generation counts.
pub fn decode(
    buf: &[u8],
    kind: SockType,
    each: &mut dyn FnMut(&UnixPcb) -> Result<()>,
) -> Result<(Gen, Option<Gen>)> {
    walk(buf, XSO_UNPCB, false, sysctl(kind)?, &mut |g, head| {
        let unp = XUnpcb::read(g.pcb)?;
        if unp.gencnt > head.gen {
            return Ok(());
        }
        each(&UnixPcb {
            so: XSocket::read(g.socket)?,
            rcv: XSockBuf::read(g.rcv)?,
            snd: XSockBuf::read(g.snd)?,
            stats: XSockStat::read(g.stats)?,
            unp,
        })
    })
}

/// The layout lines of `fixtures/macos/host1/layout.txt` this decoder relies on.
pub fn assumptions() -> Vec<Assumption> {
    let mut v: Vec<Assumption> = Vec::new();
    let mut one = |key: &str, value: usize| v.push((vec![key.to_string()], value as u64));
    one("sizeof rnt_xunpcb_n", SIZE);
    one("offsetof rnt_xunpcb_n xunp_kind", 4);
    one("offsetof rnt_xunpcb_n xunp_unpp", UNPP);
    one("offsetof rnt_xunpcb_n xunp_vnode", VNODE);
    one("offsetof rnt_xunpcb_n xunp_ino", INO);
    one("offsetof rnt_xunpcb_n xunp_conn", CONN);
    one("offsetof rnt_xunpcb_n xunp_refs", REFS);
    one("offsetof rnt_xunpcb_n xunp_reflink", REFLINK);
    one("offsetof rnt_xunpcb_n xunp_gencnt", GENCNT);
    one("offsetof rnt_xunpcb_n xu_au", ADDR);
    one("offsetof sockaddr_un sun_len", 0);
    one("offsetof sockaddr_un sun_path", SUN_PATH);
    v
}
