//! FreeBSD's Internet pcb lists: `net.inet.tcp.pcblist`, `net.inet.udp.pcblist` and
//! `net.inet.raw.pcblist` (FreeBSD 14, amd64/arm64 layouts as the headers that zig ships give
//! them; checked against `fixtures/freebsd/host1/layout.txt` by `tests/layout.rs`).
//!
//! Each answer is a `struct xinpgen` (64 bytes), the records, and a closing `xinpgen`
//! ([`crate::wire::xgen`]). A TCP record is a `struct xtcpcb` (744 bytes: `xt_len`, the
//! `struct xinpcb` at 8, `t_state` at 568); a UDP or raw record is a `struct xinpcb`
//! (sys/netinet/in_pcb.h, 400 bytes):
//!
//! | offset | field                                                        |
//! |--------|--------------------------------------------------------------|
//! | 0      | `xi_len`                                                     |
//! | 8      | `struct xsocket xi_socket` (240 bytes, [`XSocket`])          |
//! | 248    | `struct in_conninfo inp_inc`: `inc_flags` u8, then at 252    |
//! |        | `ie_fport`, `ie_lport` (network order), the foreign and local|
//! |        | addresses (16 bytes each; IPv4 in the last 4), `ie6_zoneid`  |
//! | 296    | `inp_gencnt` (u64)                                           |
//! | 356    | `inp_flags`                                                  |
//! | 392    | `inp_vflag` (INP_IPV4 1, INP_IPV6 2), 394 `inp_ip_p`         |
//!
//! `struct xsocket` (sys/sys/socketvar.h): `xso_so` (the socket's kernel address, what
//! kern.file names) at 8, `so_pcb` (the pcb's, netstat -A's column) at 16, `xso_protocol` 96,
//! `so_qlen`/`so_incqlen`/`so_qlimit` 104/108/112, `so_uid` 120, `so_type` 156,
//! `so_options` 158, and the receive and send `struct xsockbuf` at 168 and 204, each starting
//! with `sb_cc`, the bytes queued. A pcb with neither INP_IPV4 nor INP_IPV6 is not listed (as
//! netstat skips it); a TIME_WAIT connection whose socket is gone has a zero `xsocket`.

use crate::os::Os;
use crate::wire::bytes::Rec;
use crate::wire::xgen::{self, Shape, Summary};
use crate::wire::{sockaddr, sockconst};
use rnetstat_core::bsd::freebsd_socket::{FreeBsdSocket, FreeBsdTcp, SockBuf};
use rnetstat_core::{Endpoint, Error, Family, ListenQueue, Proto, Result, SockType, Socket};
use std::net::{IpAddr, Ipv4Addr};

/// sizeof(struct xinpgen).
pub const XINPGEN_LEN: u64 = 64;
/// sizeof(struct xinpcb).
pub const XINPCB_LEN: u64 = 400;
/// sizeof(struct xtcpcb).
pub const XTCPCB_LEN: u64 = 744;
/// Offset of `struct xinpcb xt_inp` in `struct xtcpcb`.
pub const XT_INP: usize = 8;
/// Offset of `t_state` in `struct xtcpcb`.
pub const XT_STATE: usize = 568;
/// Offsets in `struct xtcpcb` (FreeBSD 13.1 and later; checked on the real 15.1 kernel's
/// bytes): the names of the TCP stack (32 bytes), log id (64) and congestion control (16),
/// then after t_state and t_flags the counters, timers and window.
const XT_STACK: usize = 408;
const XT_LOGID: usize = 440;
const XT_CC: usize = 504;
const T_SNDZEROWIN: usize = 576;
const T_SNDREXMITPACK: usize = 580;
const T_RCVOOPACK: usize = 584;
const T_RCVTIME: usize = 588;
const TT_REXMT: usize = 592;
const T_SND_CWND: usize = 616;
const T_SND_SSTHRESH: usize = 620;
const T_MAXSEG: usize = 624;
const XT_ECN: usize = 636;

/// Offsets in `struct xinpcb`.
const XI_SOCKET: usize = 8;
const INP_INC: usize = 248;
const INP_GENCNT: usize = 296;
const INP_FLOWID: usize = 348;
const INP_FLOWTYPE: usize = 352;
const INP_VFLAG: usize = 392;
const INP_IP_P: usize = 394;
/// Offsets in `struct in_conninfo` / `struct in_endpoints` (inc_ie at 4).
const INC_FLAGS: usize = 0;
const INC_IE: usize = 4;
const IE_FPORT: usize = 0;
const IE_LPORT: usize = 2;
const IE_FADDR: usize = 4;
const IE_LADDR: usize = 20;
const IE6_ZONEID: usize = 36;
/// Offset of `ia46_addr4` in `struct in_addr_4in6`.
const IA46_ADDR4: usize = 12;

/// sizeof(struct xsocket).
pub const XSOCKET_LEN: u64 = 240;
const XSO_SO: usize = 8;
const SO_PCB: usize = 16;
const XSO_PROTOCOL: usize = 96;
const XSO_FAMILY: usize = 100;
const SO_QLEN: usize = 104;
const SO_INCQLEN: usize = 108;
const SO_QLIMIT: usize = 112;
const SO_UID: usize = 120;
const SO_TYPE: usize = 156;
const SO_OPTIONS: usize = 158;
const SO_RCV: usize = 168;
const SO_SND: usize = 204;
/// Offsets in `struct xsockbuf` (36 bytes): sb_cc 0, then these.
const SB_HIWAT: usize = 4;
const SB_MBCNT: usize = 8;
const SB_MBMAX: usize = 20;
const SB_LOWAT: usize = 24;

/// INP_IPV4 / INP_IPV6 in `inp_vflag`.
pub const INP_IPV4: u8 = 0x1;
/// The pcb speaks IPv6.
pub const INP_IPV6: u8 = 0x2;
/// The pcb was opened as an IPv6 socket.
pub const INP_IPV6PROTO: u8 = 0x4;
/// INC_ISIPV6 in `inc_flags`.
pub const INC_ISIPV6: u8 = 0x1;
/// SO_ACCEPTCONN in `so_options`: listen(2) was called.
pub const SO_ACCEPTCONN: u16 = 0x2;
/// Which pcb list an answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// net.inet.tcp.pcblist: xtcpcb records.
    Tcp,
    /// net.inet.udp.pcblist: xinpcb records.
    Udp,
    /// net.inet.raw.pcblist: xinpcb records.
    Raw,
}

impl List {
    /// The sysctl's name.
    pub fn sysctl(self) -> &'static str {
        match self {
            List::Tcp => "net.inet.tcp.pcblist",
            List::Udp => "net.inet.udp.pcblist",
            List::Raw => "net.inet.raw.pcblist",
        }
    }

    fn shape(self) -> Shape {
        let (record_len, record_gen) = match self {
            List::Tcp => (XTCPCB_LEN, XT_INP + INP_GENCNT),
            List::Udp | List::Raw => (XINPCB_LEN, INP_GENCNT),
        };
        Shape {
            header_len: XINPGEN_LEN,
            record_len,
            record_gen,
            what: self.sysctl(),
        }
    }
}

/// The fields of a `struct xsocket` that the displays use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XSocket {
    /// xso_len: 0 when the pcb has no socket left.
    pub len: u64,
    /// xso_so: the socket's kernel address.
    pub so: u64,
    /// so_pcb: the protocol control block's kernel address.
    pub pcb: u64,
    /// xso_protocol.
    pub protocol: i32,
    /// xso_family.
    pub family: i32,
    /// so_qlen, so_incqlen, so_qlimit.
    pub queue: (u32, u32, u32),
    /// so_uid.
    pub uid: u32,
    /// so_type.
    pub sotype: i16,
    /// so_options.
    pub options: u16,
    /// so_rcv.sb_cc, so_snd.sb_cc.
    pub cc: (u32, u32),
    /// so_rcv and so_snd.
    pub bufs: (SockBuf, SockBuf),
}

fn sockbuf(r: &Rec<'_>, at: usize) -> Result<SockBuf> {
    Ok(SockBuf {
        hiwat: r.u32(at + SB_HIWAT)?,
        lowat: r.i32(at + SB_LOWAT)?,
        mbcnt: r.u32(at + SB_MBCNT)?,
        mbmax: r.u32(at + SB_MBMAX)?,
    })
}

impl XSocket {
    /// Decode the `struct xsocket` at the start of `r`.
    pub fn decode(r: Rec<'_>) -> Result<XSocket> {
        let len = r.u64(0)?;
        if len != 0 && len != XSOCKET_LEN {
            return Err(Error::decode(
                r.what,
                format!("xsocket of {len} bytes, this system's are {XSOCKET_LEN}"),
            ));
        }
        Ok(XSocket {
            len,
            so: r.u64(XSO_SO)?,
            pcb: r.u64(SO_PCB)?,
            protocol: r.u32(XSO_PROTOCOL)? as i32,
            family: r.u32(XSO_FAMILY)? as i32,
            queue: (r.u32(SO_QLEN)?, r.u32(SO_INCQLEN)?, r.u32(SO_QLIMIT)?),
            uid: r.u32(SO_UID)?,
            sotype: r.u16(SO_TYPE)? as i16,
            options: r.u16(SO_OPTIONS)?,
            cc: (r.u32(SO_RCV)?, r.u32(SO_SND)?),
            bufs: (sockbuf(&r, SO_RCV)?, sockbuf(&r, SO_SND)?),
        })
    }

    /// True when listen(2) was called on it.
    pub fn listening(&self) -> bool {
        self.options & SO_ACCEPTCONN != 0
    }

    /// The listen queue of a listening socket.
    pub fn listen_queue(&self) -> Option<ListenQueue> {
        self.listening().then(|| ListenQueue {
            qlen: Some(u64::from(self.queue.0)),
            incqlen: Some(u64::from(self.queue.1)),
            maxqlen: Some(u64::from(self.queue.2)),
        })
    }

    /// The socket type, if it is one of those netstat names.
    pub fn kind(&self) -> Option<SockType> {
        sockconst::sock_type(self.sotype)
    }
}

/// One decoded pcb: the socket and the kernel address of its `struct socket` (0 if none).
#[derive(Debug, Clone)]
pub struct Pcb {
    /// The socket as the displays see it.
    pub socket: Socket,
    /// xso_so, the key into kern.file.
    pub so: u64,
    /// ie6_zoneid: the interface index of a scoped IPv6 address's zone, 0 if none.
    pub zone_id: u32,
    /// xso_protocol: the protocol of the socket's protosw. FreeBSD 15's raw sockets share a
    /// wildcard protosw and carry 0 here, whatever their IP protocol (`inp_ip_p`).
    pub protocol: i32,
}

/// Decode the pcb list `buf` (an answer of `list.sysctl()`), handing each listed pcb to
/// `each` in kernel order (newest first).
pub fn decode(
    os: Os,
    buf: &[u8],
    list: List,
    each: &mut dyn FnMut(Pcb) -> Result<()>,
) -> Result<Summary> {
    if os != Os::FreeBsd {
        return Err(Error::NotSupported(format!(
            "{} on {} (FreeBSD's layout)",
            list.sysctl(),
            os.name()
        )));
    }
    xgen::walk(buf, list.shape(), &mut |rec| match record(rec, list)? {
        Some(p) => each(p),
        None => Ok(()),
    })
}

/// One record; `None` for a pcb of neither IPv4 nor IPv6.
fn record(rec: Rec<'_>, list: List) -> Result<Option<Pcb>> {
    let (inp, state, tcp) = match list {
        List::Tcp => {
            let state = sockconst::tcp_state(rec.u32(XT_STATE)? as i32);
            (rec.sub(XT_INP, "xinpcb")?, state, Some(tcp_detail(&rec)?))
        }
        List::Udp | List::Raw => (rec, None, None),
    };
    if inp.u64(0)? != XINPCB_LEN {
        return Err(Error::decode(
            rec.what,
            format!("xinpcb of {} bytes, expected {XINPCB_LEN}", inp.u64(0)?),
        ));
    }
    let vflag = inp.u8(INP_VFLAG)?;
    if vflag & (INP_IPV4 | INP_IPV6) == 0 {
        return Ok(None);
    }
    let xso = XSocket::decode(inp.sub(XI_SOCKET, "xsocket")?)?;
    let inc = inp.sub(INP_INC, "in_conninfo")?;
    let ie = inc.sub(INC_IE, "in_endpoints")?;
    let v6 = vflag & INP_IPV6 != 0;
    let addr = |at: usize| -> Result<IpAddr> {
        Ok(if v6 {
            // KAME: a scoped address may carry its zone in bytes 2-3 (ie6_zoneid has it).
            IpAddr::V6(sockaddr::unembed_scope(ie.array16(at)?, 0).0)
        } else {
            let b = ie.bytes(at + IA46_ADDR4, 4)?;
            IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3]))
        })
    };
    let zone_id = if v6 { ie.u32(IE6_ZONEID)? } else { 0 };
    let proto = match list {
        List::Tcp => Proto::Tcp,
        List::Udp => Proto::Udp,
        List::Raw => Proto::Raw,
    };
    let kind = match list {
        List::Tcp => SockType::Stream,
        List::Udp => SockType::Dgram,
        List::Raw => SockType::Raw,
    };
    let has_socket = xso.len != 0;
    let detail = FreeBsdSocket {
        flowid: inp.u32(INP_FLOWID)?,
        flowtype: inp.u32(INP_FLOWTYPE)?,
        rcv: xso.bufs.0,
        snd: xso.bufs.1,
        tcp,
    };
    let tcp = detail.tcp.clone();
    let socket = Socket {
        dual_stack: v6 && vflag & INP_IPV4 != 0,
        state,
        recv_q: Some(u64::from(xso.cc.0)),
        send_q: Some(u64::from(xso.cc.1)),
        listen: xso.listen_queue(),
        cookie: (xso.pcb != 0).then_some(xso.pcb),
        uid: has_socket.then_some(xso.uid),
        ip_proto: (list == List::Raw).then_some(inp.u8(INP_IP_P)?),
        tcp: tcp.as_ref().map(|t| Box::new(t.tcp_info())),
        memory: Some(Box::new(detail.memory())),
        freebsd: Some(Box::new(detail)),
        ..Socket::new(
            proto,
            if v6 { Family::Inet6 } else { Family::Inet },
            kind,
            Endpoint::Inet {
                addr: addr(IE_LADDR)?,
                port: ie.u16_be(IE_LPORT)?,
            },
            Endpoint::Inet {
                addr: addr(IE_FADDR)?,
                port: ie.u16_be(IE_FPORT)?,
            },
        )
    };
    Ok(Some(Pcb {
        socket,
        so: xso.so,
        zone_id,
        protocol: xso.protocol,
    }))
}

/// What `struct xtcpcb` adds to the inpcb.
fn tcp_detail(rec: &Rec<'_>) -> Result<FreeBsdTcp> {
    let mut timers = [0; 5];
    for (i, t) in timers.iter_mut().enumerate() {
        *t = rec.i32(TT_REXMT + 4 * i)?;
    }
    Ok(FreeBsdTcp {
        stack: rec.c_string(XT_STACK, 32)?,
        cc: rec.c_string(XT_CC, 16)?,
        log_id: rec.c_string(XT_LOGID, 64)?,
        rexmit_packets: rec.u32(T_SNDREXMITPACK)?,
        ooo_packets: rec.u32(T_RCVOOPACK)?,
        zero_windows: rec.u32(T_SNDZEROWIN)?,
        timers,
        idle_ms: rec.i32(T_RCVTIME)?,
        cwnd: rec.u32(T_SND_CWND)?,
        ssthresh: rec.u32(T_SND_SSTHRESH)?,
        maxseg: rec.u32(T_MAXSEG)?,
        ecn: rec.u32(XT_ECN)?,
    })
}

/// Layout assumptions of this module (FreeBSD only), in `layout.txt`'s keys.
pub fn assumptions(os: Os) -> Vec<crate::os::Assumption> {
    if os != Os::FreeBsd {
        return Vec::new();
    }
    let one = |k: &str, v: u64| (vec![k.to_string()], v);
    let mut v = vec![
        one("sizeof xinpgen", XINPGEN_LEN),
        one("offsetof xinpgen xig_len", 0),
        one("offsetof xinpgen xig_count", 8),
        one("offsetof xinpgen xig_gen", 16),
        one("sizeof xinpcb", XINPCB_LEN),
        one("offsetof xinpcb xi_len", 0),
        one("offsetof xinpcb xi_socket", XI_SOCKET as u64),
        one("offsetof xinpcb inp_inc", INP_INC as u64),
        one("offsetof xinpcb inp_gencnt", INP_GENCNT as u64),
        one("offsetof xinpcb inp_vflag", INP_VFLAG as u64),
        one("offsetof xinpcb inp_ip_p", INP_IP_P as u64),
        one("offsetof in_conninfo inc_flags", INC_FLAGS as u64),
        one("offsetof in_conninfo inc_ie", INC_IE as u64),
        one("offsetof in_endpoints ie_fport", IE_FPORT as u64),
        one("offsetof in_endpoints ie_lport", IE_LPORT as u64),
        one("offsetof in_endpoints ie_dependfaddr", IE_FADDR as u64),
        one("offsetof in_endpoints ie_dependladdr", IE_LADDR as u64),
        one("offsetof in_endpoints ie6_zoneid", IE6_ZONEID as u64),
        one("offsetof in_addr_4in6 ia46_addr4", IA46_ADDR4 as u64),
        one("sizeof xtcpcb", XTCPCB_LEN),
        one("offsetof xtcpcb xt_len", 0),
        one("offsetof xtcpcb xt_inp", XT_INP as u64),
        one("offsetof xtcpcb t_state", XT_STATE as u64),
        one("offsetof xtcpcb xt_stack", XT_STACK as u64),
        one("offsetof xtcpcb xt_logid", XT_LOGID as u64),
        one("offsetof xtcpcb xt_cc", XT_CC as u64),
        one("offsetof xtcpcb t_sndzerowin", T_SNDZEROWIN as u64),
        one("offsetof xtcpcb t_sndrexmitpack", T_SNDREXMITPACK as u64),
        one("offsetof xtcpcb t_rcvoopack", T_RCVOOPACK as u64),
        one("offsetof xtcpcb t_rcvtime", T_RCVTIME as u64),
        one("offsetof xtcpcb tt_rexmt", TT_REXMT as u64),
        one("offsetof xtcpcb t_snd_cwnd", T_SND_CWND as u64),
        one("offsetof xtcpcb t_snd_ssthresh", T_SND_SSTHRESH as u64),
        one("offsetof xtcpcb t_maxseg", T_MAXSEG as u64),
        one("offsetof xtcpcb xt_ecn", XT_ECN as u64),
        one("offsetof xinpcb inp_flowid", INP_FLOWID as u64),
        one("offsetof xinpcb inp_flowtype", INP_FLOWTYPE as u64),
        one(
            "offsetof xsocket so_rcv.sb_hiwat",
            (SO_RCV + SB_HIWAT) as u64,
        ),
        one(
            "offsetof xsocket so_rcv.sb_mbcnt",
            (SO_RCV + SB_MBCNT) as u64,
        ),
        one(
            "offsetof xsocket so_rcv.sb_mbmax",
            (SO_RCV + SB_MBMAX) as u64,
        ),
        one(
            "offsetof xsocket so_rcv.sb_lowat",
            (SO_RCV + SB_LOWAT) as u64,
        ),
        one("sizeof xsocket", XSOCKET_LEN),
        one("offsetof xsocket xso_len", 0),
        one("offsetof xsocket xso_so", XSO_SO as u64),
        one("offsetof xsocket so_pcb", SO_PCB as u64),
        one("offsetof xsocket xso_protocol", XSO_PROTOCOL as u64),
        one("offsetof xsocket xso_family", XSO_FAMILY as u64),
        one("offsetof xsocket so_qlen", SO_QLEN as u64),
        one("offsetof xsocket so_incqlen", SO_INCQLEN as u64),
        one("offsetof xsocket so_qlimit", SO_QLIMIT as u64),
        one("offsetof xsocket so_uid", SO_UID as u64),
        one("offsetof xsocket so_type", SO_TYPE as u64),
        one("offsetof xsocket so_options", SO_OPTIONS as u64),
        one("offsetof xsocket so_rcv.sb_cc", SO_RCV as u64),
        one("offsetof xsocket so_snd.sb_cc", SO_SND as u64),
        one("const INP_IPV4", u64::from(INP_IPV4)),
        one("const INP_IPV6", u64::from(INP_IPV6)),
        one("const INP_IPV6PROTO", u64::from(INP_IPV6PROTO)),
        one("const INC_ISIPV6", u64::from(INC_ISIPV6)),
        one("const SO_ACCEPTCONN", u64::from(SO_ACCEPTCONN)),
    ];
    v.push(one("const TCP_NSTATES", sockconst::TCP_STATES.len() as u64));
    v.extend(sockconst::assumptions(""));
    v
}
