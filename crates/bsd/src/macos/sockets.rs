//! The macOS socket list: the answers of [`crate::macos::pcblist`] (TCP, UDP, raw) and
//! [`crate::macos::unpcb`] (unix stream, then datagram) turned into [`Socket`]s, chosen as
//! macOS netstat chooses them:
//! - without `-a`, TCP sockets in CLOSED or LISTEN are left out, and nothing else;
//! - `-L` lists the Internet sockets with a listen queue limit (so_qlimit), no unix ones;
//! - `-f inet` / `-f inet6` keep the PCBs that take IPv4 / IPv6 (inp_vflag), so a dual-stack
//!   socket (tcp46) is in both.
//!
//! The owner of `-v` is so_last_pid, named from `kern.proc.all` when the source has it.

use crate::macos::pcblist::{self, InetPcb, INP_IPV4, INP_IPV6};
use crate::macos::proc;
use crate::macos::unpcb::{self, UnixPcb};
use crate::os::{Assumption, Os};
use crate::rtsock::iflist;
use crate::source::{Mib, Source};
use crate::wire::{sockaddr, sockconst};
use rnetstat_core::bsd::xnu_socket::{XnuSocket, XnuUnix};
use rnetstat_core::{
    Endpoint, Family, ListenQueue, Owner, Proto, Result, SockType, Socket, SocketQuery, State,
};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

/// SO_ACCEPTCONN: the socket has had listen().
const SO_ACCEPTCONN: u32 = 0x2;

/// The IP protocols of the raw sockets netstat lists, in its order: IPPROTO_RAW (ip),
/// IPPROTO_ICMP, IPPROTO_IGMP, IPPROTO_ICMPV6.
const RAW_ORDER: [i32; 4] = [255, 1, 2, 58];

/// Names of processes and interfaces, read once when first needed.
struct Names {
    procs: Option<HashMap<u32, String>>,
    ifnames: Option<HashMap<u32, Arc<str>>>,
}

/// Hand the sockets `query` asks for to `sink`: TCP, UDP, raw, then unix stream and datagram
/// sockets, each list in kernel order. Returns warnings: lists that changed while they were
/// copied out ([`crate::wire::xgen::Summary::warning`]), as macOS netstat notes them too.
pub fn sockets(
    source: &mut dyn Source,
    query: &SocketQuery,
    sink: &mut dyn FnMut(&Socket) -> Result<()>,
) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    let mut names = Names {
        procs: None,
        ifnames: None,
    };
    if query.owners {
        names.procs = match source.named_opt("kern.proc.all", &[])? {
            Some(buf) => Some(proc::decode(&buf)?),
            None => Some(HashMap::new()),
        };
    }
    let inet = query
        .family
        .is_none_or(|f| matches!(f, Family::Inet | Family::Inet6));
    for proto in [Proto::Tcp, Proto::Udp, Proto::Raw] {
        if !inet || !query.wants_proto(proto) {
            continue;
        }
        let buf = source.named(pcblist::sysctl(proto)?, &[])?;
        let mut emit = |p: &InetPcb| -> Result<()> {
            if !wants_inet(query, p) {
                return Ok(());
            }
            if needs_zone(p) && names.ifnames.is_none() {
                let list = iflist::decode(Os::MacOs, &source.sysctl(Mib::IfList2)?)?;
                names.ifnames = Some(
                    list.interfaces
                        .into_iter()
                        .map(|i| (i.index, Arc::from(i.name)))
                        .collect(),
                );
            }
            sink(&inet_socket(proto, p, query, &names))
        };
        if proto != Proto::Raw {
            let (head, tail) = pcblist::decode(&buf, proto, &mut emit)?;
            warnings.extend(head.summary(tail).warning(proto.name()));
            continue;
        }
        // netstat reads the raw list once per protocol it knows (ip, icmp, igmp, icmp6) and
        // prints only those; the others follow here.
        let mut raw = Vec::new();
        let (head, tail) = pcblist::decode(&buf, proto, &mut |p| {
            raw.push(*p);
            Ok(())
        })?;
        let rank = |p: &InetPcb| {
            RAW_ORDER
                .iter()
                .position(|&n| n == p.so.protocol)
                .unwrap_or(RAW_ORDER.len())
        };
        raw.sort_by_key(rank);
        for p in &raw {
            emit(p)?;
        }
        warnings.extend(head.summary(tail).warning(proto.name()));
    }
    if query.listening_only || !query.wants_proto(Proto::Unix) || !query.wants_family(Family::Unix)
    {
        return Ok(warnings);
    }
    for kind in [SockType::Stream, SockType::Dgram] {
        let buf = source.named(unpcb::sysctl(kind)?, &[])?;
        let (head, tail) = unpcb::decode(&buf, kind, &mut |u| {
            sink(&unix_socket(u, kind, query, &names))
        })?;
        warnings.extend(head.summary(tail).warning(kind.name()));
    }
    Ok(warnings)
}

fn wants_inet(query: &SocketQuery, p: &InetPcb) -> bool {
    let family_ok = match query.family {
        Some(Family::Inet) => p.inp.vflag & INP_IPV4 != 0,
        Some(Family::Inet6) => p.inp.vflag & INP_IPV6 != 0,
        _ => p.inp.vflag & (INP_IPV4 | INP_IPV6) != 0,
    };
    if !family_ok {
        return false;
    }
    if query.listening_only {
        return p.so.qlimit != 0;
    }
    query.all || p.tcp_state.is_none_or(|s| s > 1)
}

/// The interface index xnu keeps embedded in bytes 2 and 3 (KAME style) of a link-local or
/// interface/link-local multicast address, if any.
fn embedded_scope(a: &[u8; 16]) -> Option<u16> {
    let (_, scope) = sockaddr::unembed_scope(*a, 0);
    u16::try_from(scope).ok().filter(|&s| s != 0)
}

fn needs_zone(p: &InetPcb) -> bool {
    p.inp.vflag & INP_IPV4 == 0
        && (embedded_scope(&p.inp.laddr).is_some() || embedded_scope(&p.inp.faddr).is_some())
}

/// The address of a PCB as netstat reads it: IPv4 when the PCB takes IPv4, else IPv6 with
/// any embedded scope taken out (returned apart).
fn address(p: &InetPcb, raw: &[u8; 16]) -> (IpAddr, Option<u16>) {
    if p.inp.vflag & INP_IPV4 != 0 {
        if p.inp.vflag & INP_IPV6 != 0 && raw.iter().all(|&b| b == 0) {
            return (IpAddr::V6(Ipv6Addr::UNSPECIFIED), None);
        }
        return (
            IpAddr::V4(Ipv4Addr::new(raw[12], raw[13], raw[14], raw[15])),
            None,
        );
    }
    let (a, _) = sockaddr::unembed_scope(*raw, 0);
    (IpAddr::V6(a), embedded_scope(raw))
}

/// The socket type of `t`; netstat treats any other as raw.
fn sock_type(t: i16) -> SockType {
    sockconst::sock_type(t).unwrap_or(SockType::Raw)
}

fn owners(pid: i32, query: &SocketQuery, names: &Names) -> Vec<Owner> {
    if !query.owners || pid < 0 {
        return Vec::new();
    }
    let command = names
        .procs
        .as_ref()
        .and_then(|p| p.get(&(pid as u32)).cloned());
    vec![Owner {
        pid: pid as u32,
        command,
        fd: None,
    }]
}

fn detail(
    so: &pcblist::XSocket,
    rcv: &pcblist::XSockBuf,
    snd: &pcblist::XSockBuf,
    st: &pcblist::XSockStat,
    names: &Names,
) -> XnuSocket {
    XnuSocket {
        flowhash: None,
        inp_flags: 0,
        so_state: so.state,
        options: so.options,
        gencnt: so.gencnt,
        flags: so.flags,
        flags1: so.flags1,
        usecount: so.usecount,
        retaincount: so.retaincnt,
        filter_flags: so.filter_flags,
        rcv_hiwat: rcv.hiwat,
        snd_hiwat: snd.hiwat,
        rx_packets: st.rx_packets,
        rx_bytes: st.rx_bytes,
        tx_packets: st.tx_packets,
        tx_bytes: st.tx_bytes,
        last_pid: so.last_pid,
        e_pid: so.e_pid,
        e_command: (so.e_pid != 0)
            .then(|| {
                let procs = names.procs.as_ref()?;
                procs.get(&u32::try_from(so.e_pid).ok()?).cloned()
            })
            .flatten(),
        unix: None,
    }
}

fn listen(so: &pcblist::XSocket) -> Option<ListenQueue> {
    (so.qlimit != 0).then(|| ListenQueue {
        qlen: Some(so.qlen.max(0) as u64),
        incqlen: Some(so.incqlen.max(0) as u64),
        maxqlen: Some(so.qlimit.max(0) as u64),
    })
}

fn inet_socket(proto: Proto, p: &InetPcb, query: &SocketQuery, names: &Names) -> Socket {
    let (laddr, lscope) = address(p, &p.inp.laddr);
    let (faddr, fscope) = address(p, &p.inp.faddr);
    let zone = lscope.or(fscope).and_then(|i| {
        names
            .ifnames
            .as_ref()
            .and_then(|n| n.get(&u32::from(i)).cloned())
            .or_else(|| Some(Arc::from(i.to_string())))
    });
    let mut xnu = detail(&p.so, &p.rcv, &p.snd, &p.stats, names);
    xnu.flowhash = Some(p.inp.flowhash);
    xnu.inp_flags = p.inp.flags;
    let state = p.tcp_state.and_then(sockconst::tcp_state);
    Socket {
        dual_stack: p.inp.vflag & (INP_IPV4 | INP_IPV6) == INP_IPV4 | INP_IPV6,
        state,
        recv_q: Some(u64::from(p.rcv.cc)),
        send_q: Some(u64::from(p.snd.cc)),
        listen: listen(&p.so),
        // netstat -A: the TCP control block for TCP, the PCB for the others.
        cookie: Some(if proto == Proto::Tcp {
            p.inp.ppcb
        } else {
            p.so.pcb
        }),
        uid: Some(p.so.uid),
        zone,
        owners: owners(p.so.last_pid, query, names),
        xnu: Some(Box::new(xnu)),
        // The common model's fields, as FreeBSD fills them: a raw socket's IP protocol.
        ip_proto: (proto == Proto::Raw)
            .then(|| u8::try_from(p.so.protocol).ok())
            .flatten(),
        ..Socket::new(
            proto,
            if p.inp.vflag & INP_IPV6 != 0 {
                Family::Inet6
            } else {
                Family::Inet
            },
            sock_type(p.so.kind),
            Endpoint::Inet {
                addr: laddr,
                port: p.inp.lport,
            },
            Endpoint::Inet {
                addr: faddr,
                port: p.inp.fport,
            },
        )
    }
}

fn unix_socket(u: &UnixPcb, kind: SockType, query: &SocketQuery, names: &Names) -> Socket {
    let mut xnu = detail(&u.so, &u.rcv, &u.snd, &u.stats, names);
    xnu.unix = Some(XnuUnix { vnode: u.unp.vnode });
    let listening = u.so.options & SO_ACCEPTCONN != 0;
    Socket {
        state: listening.then_some(State::Listen),
        recv_q: Some(u64::from(u.rcv.cc)),
        send_q: Some(u64::from(u.snd.cc)),
        listen: if listening { listen(&u.so) } else { None },
        inode: (u.unp.ino != 0).then_some(u.unp.ino),
        cookie: Some(u.unp.unpp),
        uid: Some(u.so.uid),
        // The common model's Conn, as FreeBSD fills it (a hashed address here).
        peer_inode: (u.unp.conn != 0).then_some(u.unp.conn),
        owners: owners(u.so.last_pid, query, names),
        xnu: Some(Box::new(xnu)),
        // The common model's Refs/Nextref, as FreeBSD fills them (hashed addresses here).
        unix_refs: Some((u.unp.refs, u.unp.reflink)).filter(|r| *r != (0, 0)),
        ..Socket::new(
            Proto::Unix,
            Family::Unix,
            match u.so.kind {
                0 => kind,
                t => sock_type(t),
            },
            Endpoint::Unix(u.unp.path.clone()),
            Endpoint::None,
        )
    }
}

/// The layout lines this module relies on (with those of the decoders it uses).
pub fn assumptions() -> Vec<Assumption> {
    let mut v = pcblist::assumptions();
    v.extend(unpcb::assumptions());
    v.extend(proc::assumptions());
    v.extend(sockconst::assumptions("RNT_"));
    for (name, value) in [
        ("SO_ACCEPTCONN", u64::from(SO_ACCEPTCONN)),
        ("AF_UNIX", 1),
        ("IPPROTO_TCP", 6),
        ("IPPROTO_UDP", 17),
        ("IPPROTO_ICMP", 1),
        ("IPPROTO_IGMP", 2),
        ("IPPROTO_ICMPV6", 58),
        ("IPPROTO_RAW", 255),
    ] {
        v.push((vec![format!("const {name}")], value));
    }
    v
}
