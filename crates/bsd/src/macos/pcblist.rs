//! macOS `net.inet.{tcp,udp,raw}.pcblist_n`: the Internet sockets, as xnu's
//! `get_pcblist_n()` (bsd/netinet/in_pcblist.c) writes them; the record walk here serves the
//! unix lists (`macos::unpcb`) too.
//!
//! Layouts from xnu-11417.121.6 (macOS 15.5), all `#pragma pack(4)`, little-endian:
//! - `struct xinpgen` (24 bytes: `u32 xig_len, u32 xig_count, u64 xig_gen, u64 xig_sogen`)
//!   opens the answer; a closing one with the then current counts ends it (an answer with no
//!   PCB has the opening one only).
//! - Between them, per socket, records that each start with `u32 length, u32 kind` and are
//!   each padded to 8 bytes (ROUNDUP64): `xinpcb_n` (XSO_INPCB), `xsocket_n` (XSO_SOCKET),
//!   `xsockbuf_n` (XSO_RCVBUF, then XSO_SNDBUF), `xsockstat_n` (XSO_STATS) and, for TCP,
//!   `xtcpcb_n` (XSO_TCPCB). As netstat does, a socket is complete once every kind has been
//!   seen; a kind seen again before that is ignored, unknown kinds are skipped.
//! - A socket whose `inp_gencnt` is newer than the opening generation was created during the
//!   copy and is left out, as netstat leaves it out.
//!
//! Offsets are checked against `fixtures/macos/host1/sockets.c` by [`assumptions`].

use crate::os::Assumption;
use crate::wire::bytes::Rec;
use crate::wire::xgen::Summary;
use rnetstat_core::{Error, Proto, Result};

/// sizeof(struct xinpgen) (and xunpgen).
pub const XINPGEN_LEN: usize = 24;
/// XSO_SOCKET: a struct xsocket_n.
pub const XSO_SOCKET: u32 = 0x001;
/// XSO_RCVBUF: the receive buffer's xsockbuf_n.
pub const XSO_RCVBUF: u32 = 0x002;
/// XSO_SNDBUF: the send buffer's xsockbuf_n.
pub const XSO_SNDBUF: u32 = 0x004;
/// XSO_STATS: a struct xsockstat_n.
pub const XSO_STATS: u32 = 0x008;
/// XSO_INPCB: a struct xinpcb_n.
pub const XSO_INPCB: u32 = 0x010;
/// XSO_TCPCB: a struct xtcpcb_n.
pub const XSO_TCPCB: u32 = 0x020;
/// XSO_UNPCB: a struct xunpcb_n.
pub const XSO_UNPCB: u32 = 0x200;
/// inp_vflag: the PCB takes IPv4.
pub const INP_IPV4: u8 = 0x1;
/// inp_vflag: the PCB takes IPv6.
pub const INP_IPV6: u8 = 0x2;

/// Offsets in struct xsocket_n.
mod so {
    pub const SO: usize = 8;
    pub const TYPE: usize = 16;
    pub const OPTIONS: usize = 20;
    pub const STATE: usize = 26;
    pub const PCB: usize = 28;
    pub const PROTOCOL: usize = 36;
    pub const FAMILY: usize = 40;
    pub const QLEN: usize = 44;
    pub const INCQLEN: usize = 46;
    pub const QLIMIT: usize = 48;
    pub const UID: usize = 64;
    pub const LAST_PID: usize = 68;
    pub const E_PID: usize = 72;
    pub const GENCNT: usize = 76;
    pub const FLAGS: usize = 84;
    pub const FLAGS1: usize = 88;
    pub const USECOUNT: usize = 92;
    pub const RETAINCNT: usize = 96;
    pub const FILTER_FLAGS: usize = 100;
    pub const SIZE: usize = 104;
}

/// Offsets in struct xinpcb_n.
mod inp {
    pub const INPP: usize = 8;
    pub const FPORT: usize = 16;
    pub const LPORT: usize = 18;
    pub const PPCB: usize = 20;
    pub const GENCNT: usize = 28;
    pub const FLAGS: usize = 36;
    pub const VFLAG: usize = 44;
    pub const IP_P: usize = 46;
    pub const FADDR: usize = 48;
    pub const LADDR: usize = 64;
    pub const FLOWHASH: usize = 96;
    pub const SIZE: usize = 104;
}

/// sizeof(struct xsockbuf_n), with sb_cc at 8 and sb_hiwat at 12.
const SOCKBUF_SIZE: usize = 32;
/// sizeof(struct xsockstat_n): 8 bytes of header, then 4 struct data_stats of 32 bytes.
const SOCKSTAT_SIZE: usize = 136;
/// sizeof(struct xtcpcb_n), with t_state at 36.
const TCPCB_SIZE: usize = 204;
const TCPCB_STATE: usize = 36;

/// The counts of a struct xinpgen / xunpgen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gen {
    /// xig_count: PCBs at that time.
    pub count: u32,
    /// xig_gen: the PCB generation.
    pub gen: u64,
    /// xig_sogen: the socket generation.
    pub sogen: u64,
}

impl Gen {
    /// What the opening header (`self`) and the closing one, if any, say of the list (its
    /// `skipped` is not counted here: 0).
    pub fn summary(self, tail: Option<Gen>) -> Summary {
        Summary {
            count: self.count,
            closing_count: tail.map_or(self.count, |t| t.count),
            changed: tail.is_some_and(|t| t.gen != self.gen),
            skipped: 0,
        }
    }
}

fn gen(buf: &[u8], at: usize, what: &'static str) -> Result<Gen> {
    let r = Rec {
        bytes: buf
            .get(at..at + XINPGEN_LEN)
            .ok_or_else(|| Error::decode(what, format!("no room for the xinpgen at {at}")))?,
        what,
    };
    let len = r.u32(0)? as usize;
    if len != XINPGEN_LEN {
        return Err(Error::decode(what, format!("xig_len {len}, expected 24")));
    }
    Ok(Gen {
        count: r.u32(4)?,
        gen: r.u64(8)?,
        sogen: r.u64(16)?,
    })
}

fn roundup64(n: usize) -> usize {
    if n == 0 {
        8
    } else {
        1 + ((n - 1) | 7)
    }
}

/// One socket's records, by kind: `pcb` is the xinpcb_n or xunpcb_n.
pub(crate) struct Group<'a> {
    pub(crate) socket: Rec<'a>,
    pub(crate) rcv: Rec<'a>,
    pub(crate) snd: Rec<'a>,
    pub(crate) stats: Rec<'a>,
    pub(crate) pcb: Rec<'a>,
    pub(crate) tcp: Option<Rec<'a>>,
}

/// Walk the answer `buf`: every complete socket (records of the kinds `pcb_kind` and, when
/// `tcp`, XSO_TCPCB, plus the socket, buffers and stats) goes to `each`. Returns the opening
/// and closing generation counts.
pub(crate) fn walk<'a>(
    buf: &'a [u8],
    pcb_kind: u32,
    tcp: bool,
    what: &'static str,
    each: &mut dyn FnMut(&Group<'a>, &Gen) -> Result<()>,
) -> Result<(Gen, Option<Gen>)> {
    let head = gen(buf, 0, what)?;
    let want = XSO_SOCKET
        | XSO_RCVBUF
        | XSO_SNDBUF
        | XSO_STATS
        | pcb_kind
        | if tcp { XSO_TCPCB } else { 0 };
    let mut slots: [Option<Rec<'a>>; 6] = [None; 6];
    let mut seen = 0u32;
    let mut at = XINPGEN_LEN;
    if at == buf.len() {
        return Ok((head, None));
    }
    loop {
        let hdr = Rec {
            bytes: buf.get(at..at + 8).ok_or_else(|| {
                Error::decode(
                    what,
                    format!(
                        "answer of {} bytes ends inside a record header at {at}",
                        buf.len()
                    ),
                )
            })?,
            what,
        };
        let len = hdr.u32(0)? as usize;
        let kind = hdr.u32(4)?;
        if len <= XINPGEN_LEN {
            // The closing xinpgen: every record is longer.
            let tail = gen(buf, at, what)?;
            return Ok((head, Some(tail)));
        }
        let bytes = buf.get(at..at + len).ok_or_else(|| {
            Error::decode(
                what,
                format!(
                    "record of {len} bytes at {at} overruns the answer of {}",
                    buf.len()
                ),
            )
        })?;
        at += roundup64(len);
        let slot = match kind {
            XSO_SOCKET => 0,
            XSO_RCVBUF => 1,
            XSO_SNDBUF => 2,
            XSO_STATS => 3,
            XSO_TCPCB if tcp => 5,
            k if k == pcb_kind => 4,
            _ => continue,
        };
        if seen & kind == 0 {
            seen |= kind;
            slots[slot] = Some(Rec { bytes, what });
        }
        if seen == want {
            seen = 0;
            let taken = std::mem::take(&mut slots);
            let [Some(socket), Some(rcv), Some(snd), Some(stats), Some(pcb), tcp_rec] = taken
            else {
                return Err(Error::decode(what, "incomplete socket"));
            };
            each(
                &Group {
                    socket,
                    rcv,
                    snd,
                    stats,
                    pcb,
                    tcp: tcp_rec,
                },
                &head,
            )?;
        }
    }
}

/// struct xsocket_n: the socket.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XSocket {
    /// xso_so (hashed).
    pub so: u64,
    /// so_type (SOCK_*).
    pub kind: i16,
    /// so_options.
    pub options: u32,
    /// so_state.
    pub state: i16,
    /// so_pcb (hashed).
    pub pcb: u64,
    /// xso_protocol.
    pub protocol: i32,
    /// xso_family.
    pub family: i32,
    /// so_qlen.
    pub qlen: i16,
    /// so_incqlen.
    pub incqlen: i16,
    /// so_qlimit.
    pub qlimit: i16,
    /// so_uid.
    pub uid: u32,
    /// so_last_pid.
    pub last_pid: i32,
    /// so_e_pid.
    pub e_pid: i32,
    /// so_gencnt.
    pub gencnt: u64,
    /// so_flags.
    pub flags: u32,
    /// so_flags1.
    pub flags1: u32,
    /// so_usecount.
    pub usecount: i32,
    /// so_retaincnt.
    pub retaincnt: i32,
    /// xso_filter_flags.
    pub filter_flags: u32,
}

impl XSocket {
    pub(crate) fn read(r: Rec) -> Result<XSocket> {
        r.at_least(so::SIZE)?;
        Ok(XSocket {
            so: r.u64(so::SO)?,
            kind: r.i16(so::TYPE)?,
            options: r.u32(so::OPTIONS)?,
            state: r.i16(so::STATE)?,
            pcb: r.u64(so::PCB)?,
            protocol: r.i32(so::PROTOCOL)?,
            family: r.i32(so::FAMILY)?,
            qlen: r.i16(so::QLEN)?,
            incqlen: r.i16(so::INCQLEN)?,
            qlimit: r.i16(so::QLIMIT)?,
            uid: r.u32(so::UID)?,
            last_pid: r.i32(so::LAST_PID)?,
            e_pid: r.i32(so::E_PID)?,
            gencnt: r.u64(so::GENCNT)?,
            flags: r.u32(so::FLAGS)?,
            flags1: r.u32(so::FLAGS1)?,
            usecount: r.i32(so::USECOUNT)?,
            retaincnt: r.i32(so::RETAINCNT)?,
            filter_flags: r.u32(so::FILTER_FLAGS)?,
        })
    }
}

/// struct xsockbuf_n: one socket buffer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XSockBuf {
    /// sb_cc: bytes in the buffer.
    pub cc: u32,
    /// sb_hiwat: its limit.
    pub hiwat: u32,
}

impl XSockBuf {
    pub(crate) fn read(r: Rec) -> Result<XSockBuf> {
        r.at_least(SOCKBUF_SIZE)?;
        Ok(XSockBuf {
            cc: r.u32(8)?,
            hiwat: r.u32(12)?,
        })
    }
}

/// The SO_STATS_DATA counters of struct xsockstat_n.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XSockStat {
    /// rxpackets.
    pub rx_packets: u64,
    /// rxbytes.
    pub rx_bytes: u64,
    /// txpackets.
    pub tx_packets: u64,
    /// txbytes.
    pub tx_bytes: u64,
}

impl XSockStat {
    pub(crate) fn read(r: Rec) -> Result<XSockStat> {
        r.at_least(SOCKSTAT_SIZE)?;
        Ok(XSockStat {
            rx_packets: r.u64(8)?,
            rx_bytes: r.u64(16)?,
            tx_packets: r.u64(24)?,
            tx_bytes: r.u64(32)?,
        })
    }
}

/// struct xinpcb_n: the Internet PCB.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XInpcb {
    /// xi_inpp (hashed).
    pub inpp: u64,
    /// inp_fport, host order.
    pub fport: u16,
    /// inp_lport, host order.
    pub lport: u16,
    /// inp_ppcb (hashed): the TCP control block, netstat -A's "Socket" for TCP.
    pub ppcb: u64,
    /// inp_gencnt.
    pub gencnt: u64,
    /// inp_flags.
    pub flags: i32,
    /// inp_vflag: INP_IPV4, INP_IPV6.
    pub vflag: u8,
    /// inp_ip_p.
    pub ip_p: u8,
    /// The foreign address: an in6_addr, or an IPv4 address in its last 4 bytes.
    pub faddr: [u8; 16],
    /// The local address, likewise.
    pub laddr: [u8; 16],
    /// inp_flowhash.
    pub flowhash: u32,
}

impl XInpcb {
    fn read(r: Rec) -> Result<XInpcb> {
        r.at_least(inp::SIZE)?;
        Ok(XInpcb {
            inpp: r.u64(inp::INPP)?,
            fport: r.u16_be(inp::FPORT)?,
            lport: r.u16_be(inp::LPORT)?,
            ppcb: r.u64(inp::PPCB)?,
            gencnt: r.u64(inp::GENCNT)?,
            flags: r.i32(inp::FLAGS)?,
            vflag: r.u8(inp::VFLAG)?,
            ip_p: r.u8(inp::IP_P)?,
            faddr: r.array16(inp::FADDR)?,
            laddr: r.array16(inp::LADDR)?,
            flowhash: r.u32(inp::FLOWHASH)?,
        })
    }
}

/// One Internet socket of a pcblist_n answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InetPcb {
    /// The socket.
    pub so: XSocket,
    /// Its receive buffer.
    pub rcv: XSockBuf,
    /// Its send buffer.
    pub snd: XSockBuf,
    /// Its traffic.
    pub stats: XSockStat,
    /// The PCB.
    pub inp: XInpcb,
    /// TCP: t_state of the xtcpcb_n (TCPS_*).
    pub tcp_state: Option<i32>,
}

/// The sysctl of `proto`'s list (TCP, UDP or raw).
pub fn sysctl(proto: Proto) -> Result<&'static str> {
    match proto {
        Proto::Tcp => Ok("net.inet.tcp.pcblist_n"),
        Proto::Udp => Ok("net.inet.udp.pcblist_n"),
        Proto::Raw => Ok("net.inet.raw.pcblist_n"),
        p => Err(Error::NotSupported(format!(
            "a macOS {} pcb list",
            p.name()
        ))),
    }
}

/// Decode the `net.inet.{tcp,udp,raw}.pcblist_n` answer of `proto` (TCP's has XSO_TCPCB
/// records too), handing each socket to `each` in kernel order; returns the opening and the
/// closing generation counts.
pub fn decode(
    buf: &[u8],
    proto: Proto,
    each: &mut dyn FnMut(&InetPcb) -> Result<()>,
) -> Result<(Gen, Option<Gen>)> {
    let what = sysctl(proto)?;
    let tcp = proto == Proto::Tcp;
    walk(buf, XSO_INPCB, tcp, what, &mut |g, head| {
        let inp = XInpcb::read(g.pcb)?;
        if inp.gencnt > head.gen {
            return Ok(());
        }
        let tcp_state = match g.tcp {
            Some(t) => {
                t.at_least(TCPCB_SIZE)?;
                Some(t.i32(TCPCB_STATE)?)
            }
            None => None,
        };
        each(&InetPcb {
            so: XSocket::read(g.socket)?,
            rcv: XSockBuf::read(g.rcv)?,
            snd: XSockBuf::read(g.snd)?,
            stats: XSockStat::read(g.stats)?,
            inp,
            tcp_state,
        })
    })
}

/// The layout lines of `fixtures/macos/host1/layout.txt` these decoders rely on.
pub fn assumptions() -> Vec<Assumption> {
    let mut v: Vec<Assumption> = Vec::new();
    let mut one = |key: &str, value: usize| v.push((vec![key.to_string()], value as u64));
    one("sizeof rnt_xinpgen", XINPGEN_LEN);
    one("offsetof rnt_xinpgen xig_count", 4);
    one("offsetof rnt_xinpgen xig_gen", 8);
    one("offsetof rnt_xinpgen xig_sogen", 16);
    for (field, at) in [
        ("xso_so", so::SO),
        ("so_type", so::TYPE),
        ("so_options", so::OPTIONS),
        ("so_state", so::STATE),
        ("so_pcb", so::PCB),
        ("xso_protocol", so::PROTOCOL),
        ("xso_family", so::FAMILY),
        ("so_qlen", so::QLEN),
        ("so_incqlen", so::INCQLEN),
        ("so_qlimit", so::QLIMIT),
        ("so_uid", so::UID),
        ("so_last_pid", so::LAST_PID),
        ("so_e_pid", so::E_PID),
        ("so_gencnt", so::GENCNT),
        ("so_flags", so::FLAGS),
        ("so_flags1", so::FLAGS1),
        ("so_usecount", so::USECOUNT),
        ("so_retaincnt", so::RETAINCNT),
        ("xso_filter_flags", so::FILTER_FLAGS),
    ] {
        one(&format!("offsetof rnt_xsocket_n {field}"), at);
    }
    one("sizeof rnt_xsocket_n", so::SIZE);
    for (field, at) in [
        ("xi_inpp", inp::INPP),
        ("inp_fport", inp::FPORT),
        ("inp_lport", inp::LPORT),
        ("inp_ppcb", inp::PPCB),
        ("inp_gencnt", inp::GENCNT),
        ("inp_flags", inp::FLAGS),
        ("inp_vflag", inp::VFLAG),
        ("inp_ip_p", inp::IP_P),
        ("inp_dependfaddr", inp::FADDR),
        ("inp_dependladdr", inp::LADDR),
        ("inp_dependfaddr.inp46_foreign.ia46_addr4", inp::FADDR + 12),
        ("inp_dependladdr.inp46_local.ia46_addr4", inp::LADDR + 12),
        ("inp_flowhash", inp::FLOWHASH),
    ] {
        one(&format!("offsetof rnt_xinpcb_n {field}"), at);
    }
    one("sizeof rnt_xinpcb_n", inp::SIZE);
    one("sizeof rnt_xsockbuf_n", SOCKBUF_SIZE);
    one("offsetof rnt_xsockbuf_n xsb_kind", 4);
    one("offsetof rnt_xsockbuf_n sb_cc", 8);
    one("offsetof rnt_xsockbuf_n sb_hiwat", 12);
    one("sizeof rnt_xsockstat_n", SOCKSTAT_SIZE);
    one("offsetof rnt_xsockstat_n xst_tc_stats", 8);
    one("sizeof rnt_data_stats", 32);
    one("offsetof rnt_data_stats rxpackets", 0);
    one("offsetof rnt_data_stats rxbytes", 8);
    one("offsetof rnt_data_stats txpackets", 16);
    one("offsetof rnt_data_stats txbytes", 24);
    one("sizeof rnt_xtcpcb_n", TCPCB_SIZE);
    one("offsetof rnt_xtcpcb_n t_state", TCPCB_STATE);
    for (name, value) in [
        ("RNT_XSO_SOCKET", XSO_SOCKET),
        ("RNT_XSO_RCVBUF", XSO_RCVBUF),
        ("RNT_XSO_SNDBUF", XSO_SNDBUF),
        ("RNT_XSO_STATS", XSO_STATS),
        ("RNT_XSO_INPCB", XSO_INPCB),
        ("RNT_XSO_TCPCB", XSO_TCPCB),
        ("RNT_XSO_UNPCB", XSO_UNPCB),
        ("RNT_INP_IPV4", u32::from(INP_IPV4)),
        ("RNT_INP_IPV6", u32::from(INP_IPV6)),
    ] {
        one(&format!("const {name}"), value as usize);
    }
    v
}
