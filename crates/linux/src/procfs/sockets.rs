//! The procfs fallback for sockets: /proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6}
//! and /proc/net/unix, read when a sock_diag family is missing (or forced with
//! RNETSTAT_PROCFS=1). /proc/net follows the network namespace of the reading process.
//!
//! Formats (net/ipv4/tcp_ipv4.c, udp.c, raw.c, net/ipv6/*, net/unix/af_unix.c):
//! - inet files: a header line, then per socket `sl: local rem st tx_queue:rx_queue tr:when
//!   retrnsmt uid timeout inode ...`, where local and rem are `ADDR:PORT` in hex: an IPv4
//!   address as one 32-bit word, an IPv6 address as four, each word printed from memory as a
//!   native-endian number, and the port as a host-order number. st is the TCP_* state (for
//!   UDP 07 unconnected, 01 connected). For a listener rx_queue is its accept queue.
//! - unix: a header line, then `Num RefCount Protocol Flags Type St Inode [Path]`, all hex but
//!   the inode; Flags 0x10000 (__SO_ACCEPTCON) marks a listener, Type is SOCK_*, St the
//!   SS_* state (03 connected); an abstract name starts with `@`.
//!
//! procfs carries no socket cookie, no IPv6-only flag, no listen limit and no unix peer or
//! queues: those stay unknown.

use crate::netlink::diag::packet::{packet_type, tap_socket};
use crate::netlink::diag::sock::tcp_state;
use crate::procfs::rows;
use rnetstat_core::{
    Endpoint, Error, Family, ListenQueue, PacketTap, Proto, Result, SockType, Socket, State,
    TapFlags,
};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The /proc/net file of an inet protocol and family.
pub fn inet_file(proto: Proto, family: Family) -> Option<&'static str> {
    Some(match (proto, family) {
        (Proto::Tcp, Family::Inet) => "tcp",
        (Proto::Tcp, Family::Inet6) => "tcp6",
        (Proto::Udp, Family::Inet) => "udp",
        (Proto::Udp, Family::Inet6) => "udp6",
        (Proto::UdpLite, Family::Inet) => "udplite",
        (Proto::UdpLite, Family::Inet6) => "udplite6",
        (Proto::Raw, Family::Inet) => "raw",
        (Proto::Raw, Family::Inet6) => "raw6",
        (Proto::Icmp, Family::Inet) => "icmp",
        (Proto::Icmp6, Family::Inet6) => "icmp6",
        _ => return None,
    })
}

fn bad(file: &str, line: usize, detail: impl std::fmt::Display) -> Error {
    Error::decode(
        "/proc/net socket table",
        format!("{file} line {}: {detail}", line + 1),
    )
}

fn hex_u32(s: &str) -> Option<u32> {
    u32::from_str_radix(s, 16).ok()
}

fn endpoint(s: &str, family: Family) -> Option<Endpoint> {
    let (addr, port) = s.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let addr = match (family, addr.len()) {
        (Family::Inet, 8) => IpAddr::V4(Ipv4Addr::from(hex_u32(addr)?.to_ne_bytes())),
        (Family::Inet6, 32) => {
            let mut b = [0u8; 16];
            for i in 0..4 {
                let w = hex_u32(addr.get(i * 8..i * 8 + 8)?)?;
                b[i * 4..i * 4 + 4].copy_from_slice(&w.to_ne_bytes());
            }
            IpAddr::V6(Ipv6Addr::from(b))
        }
        _ => return None,
    };
    Some(Endpoint::Inet { addr, port })
}

/// Parse an inet file (`file` names it in errors) of protocol `proto` and `family`.
pub fn parse_inet(
    text: &str,
    file: &str,
    proto: Proto,
    family: Family,
    each: &mut dyn FnMut(Socket) -> Result<()>,
) -> Result<()> {
    for (n, _, f) in rows::after_header(text) {
        if f.len() < 10 {
            return Err(bad(
                file,
                n,
                format!("{} fields, expected at least 10", f.len()),
            ));
        }
        let mut local = endpoint(f[1], family)
            .ok_or_else(|| bad(file, n, format!("bad local address {:?}", f[1])))?;
        let mut remote = endpoint(f[2], family)
            .ok_or_else(|| bad(file, n, format!("bad remote address {:?}", f[2])))?;
        // A raw socket's "port" is its IP protocol; BSD shows raw sockets without ports.
        let mut ip_proto = match proto {
            Proto::Icmp => Some(1),
            Proto::Icmp6 => Some(58),
            _ => None,
        };
        if proto == Proto::Raw {
            if let Endpoint::Inet { port, .. } = local {
                ip_proto = u8::try_from(port).ok();
            }
            for e in [&mut local, &mut remote] {
                if let Endpoint::Inet { port, .. } = e {
                    *port = 0;
                }
            }
        }
        let st = u8::from_str_radix(f[3], 16)
            .map_err(|_| bad(file, n, format!("bad state {:?}", f[3])))?;
        let (tx, rx) = f[4]
            .split_once(':')
            .ok_or_else(|| bad(file, n, "bad queues"))?;
        let (tx, rx) = (
            u64::from(hex_u32(tx).ok_or_else(|| bad(file, n, "bad tx_queue"))?),
            u64::from(hex_u32(rx).ok_or_else(|| bad(file, n, "bad rx_queue"))?),
        );
        let uid: u32 = f[7]
            .parse()
            .map_err(|_| bad(file, n, format!("bad uid {:?}", f[7])))?;
        let inode: u64 = f[9]
            .parse()
            .map_err(|_| bad(file, n, format!("bad inode {:?}", f[9])))?;
        let state = if proto == Proto::Tcp {
            tcp_state(st)
        } else if st == 1 {
            Some(State::Established)
        } else {
            None
        };
        let listening = state == Some(State::Listen);
        each(Socket {
            state,
            recv_q: Some(if listening { 0 } else { rx }),
            send_q: Some(if listening { 0 } else { tx }),
            listen: listening.then_some(ListenQueue {
                qlen: Some(rx),
                incqlen: None,
                maxqlen: None,
            }),
            // TIME_WAIT and SYN_RECV entries are not full sockets: their inode and uid are 0.
            inode: Some(inode).filter(|i| *i != 0),
            ip_proto,
            uid: Some(uid).filter(|_| !matches!(st, 6 | 12 | 3) || proto != Proto::Tcp),
            ..Socket::new(proto, family, proto.inet_sock_type(), local, remote)
        })?;
    }
    Ok(())
}

/// Parse /proc/net/unix.
pub fn parse_unix(text: &str, each: &mut dyn FnMut(Socket) -> Result<()>) -> Result<()> {
    const FILE: &str = "unix";
    for (n, line, f) in rows::after_header(text) {
        if f.len() < 7 {
            return Err(bad(
                FILE,
                n,
                format!("{} fields, expected at least 7", f.len()),
            ));
        }
        let flags = hex_u32(f[3]).ok_or_else(|| bad(FILE, n, "bad flags"))?;
        let kind = match hex_u32(f[4]) {
            Some(1) => SockType::Stream,
            Some(2) => SockType::Dgram,
            Some(5) => SockType::SeqPacket,
            _ => return Err(bad(FILE, n, format!("bad type {:?}", f[4]))),
        };
        let st = hex_u32(f[5]).ok_or_else(|| bad(FILE, n, "bad state"))?;
        let inode: u64 = f[6]
            .parse()
            .map_err(|_| bad(FILE, n, format!("bad inode {:?}", f[6])))?;
        // The path is the rest of the line after the inode (it may hold blanks).
        let path = f.get(7).map(|_| {
            let mut rest = line;
            for _ in 0..7 {
                rest = rest.trim_start();
                rest = &rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..];
            }
            rest.trim().to_string()
        });
        let state = if flags & 0x10000 != 0 {
            Some(State::Listen)
        } else if st == 3 {
            Some(State::Established)
        } else {
            None
        };
        each(Socket {
            state,
            inode: Some(inode),
            ..Socket::new(
                Proto::Unix,
                Family::Unix,
                kind,
                Endpoint::Unix(path.filter(|p| !p.is_empty())),
                Endpoint::None,
            )
        })?;
    }
    Ok(())
}

/// Parse /proc/net/packet: a header, then `sk RefCnt Type Proto Iface R Rmem User Inode`
/// (Proto the EtherType in hex, host order; Iface the interface index, -1 when it is gone; R 1
/// when running).
/// Filters, rings, fanout and drops are not in the file: they stay unknown.
pub fn parse_packet_taps(text: &str, each: &mut dyn FnMut(PacketTap) -> Result<()>) -> Result<()> {
    const FILE: &str = "packet";
    for (n, _, f) in rows::after_header(text) {
        if f.len() < 9 {
            return Err(bad(FILE, n, format!("{} fields, expected 9", f.len())));
        }
        let num = |i: usize| {
            f[i].parse::<u64>()
                .map_err(|_| bad(FILE, n, format!("bad field {:?}", f[i])))
        };
        let protocol = u16::from_str_radix(f[3], 16)
            .map_err(|_| bad(FILE, n, format!("bad protocol {:?}", f[3])))?;
        // The kernel sets Iface to -1 once the bound interface is gone: the same u32::MAX that
        // packet_diag reports for it.
        let ifindex = f[4]
            .parse::<i64>()
            .map_err(|_| bad(FILE, n, format!("bad field {:?}", f[4])))?;
        let mut tap = PacketTap::new(
            u32::try_from(ifindex).unwrap_or(u32::MAX),
            protocol,
            packet_type(num(2)?),
        );
        tap.flags = Some(TapFlags {
            running: num(5)? != 0,
            ..TapFlags::default()
        });
        tap.recv_q = Some(num(6)?);
        tap.uid = u32::try_from(num(7)?).ok();
        tap.inode = Some(num(8)?);
        each(tap)?;
    }
    Ok(())
}

/// Parse /proc/net/packet into the packet sockets of the socket display.
pub fn parse_packet(text: &str, each: &mut dyn FnMut(Socket) -> Result<()>) -> Result<()> {
    parse_packet_taps(text, &mut |t| each(tap_socket(&t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tap_whose_interface_is_gone() {
        let text = "sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n\
                    ffff8880 3      3    0003   -1     0 0      0      5150\n\
                    ffff8881 3      3    0800   2      1 768    0      5151\n";
        let mut got = Vec::new();
        parse_packet_taps(text, &mut |t| {
            got.push(t);
            Ok(())
        })
        .unwrap();
        assert_eq!((got[0].ifindex, got[0].inode), (u32::MAX, Some(5150)));
        assert_eq!((got[1].ifindex, got[1].recv_q), (2, Some(768)));
    }

    #[test]
    fn inet_lines() {
        let text = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
                    0: 0100007F:9C42 00000000:0000 0A 00000000:00000003 00:00000000 00000000     0        0 4242 1 0\n";
        let mut got = Vec::new();
        parse_inet(text, "tcp", Proto::Tcp, Family::Inet, &mut |s| {
            got.push(s);
            Ok(())
        })
        .unwrap();
        let s = &got[0];
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(
            s.local,
            Endpoint::Inet {
                addr: ip,
                port: 40002
            }
        );
        assert_eq!(s.state, Some(State::Listen));
        assert_eq!(s.listen.unwrap().qlen, Some(3));
        assert_eq!(s.inode, Some(4242));
        assert!(
            parse_inet("h\n0: zz\n", "tcp", Proto::Tcp, Family::Inet, &mut |_| Ok(
                ()
            ))
            .is_err()
        );
    }

    #[test]
    fn unix_lines() {
        let text = "Num       RefCount Protocol Flags    Type St Inode Path\n\
                    0000000000000000: 00000002 00000000 00010000 0001 01 77 /tmp/my sock\n\
                    0000000000000000: 00000002 00000000 00000000 0002 03 78 @abstract\n\
                    0000000000000000: 00000003 00000000 00000000 0005 03 79\n";
        let mut got = Vec::new();
        parse_unix(text, &mut |s| {
            got.push(s);
            Ok(())
        })
        .unwrap();
        assert_eq!(got[0].local, Endpoint::Unix(Some("/tmp/my sock".into())));
        assert_eq!(got[0].state, Some(State::Listen));
        assert_eq!(got[1].local, Endpoint::Unix(Some("@abstract".into())));
        assert_eq!(
            (got[2].kind, got[2].local.clone()),
            (SockType::SeqPacket, Endpoint::Unix(None))
        );
    }
}
