//! `kdriver helper ...`: processes that hold sockets inside a namespace while a scenario reads
//! them. Each prints `ready` once set up, then holds until its stdin closes (one-shot ones,
//! such as `send`, print `ready` when done).
//!
//! - `tcp ADDR:PORT BACKLOG CLIENTS`: a listener with that backlog, CLIENTS connections to it
//!   never accepted, and a UDP socket bound to the same address and port.
//! - `join IFNAME`: the memberships of [`MEMBERSHIPS`] on IFNAME, a socket each.
//! - `send IFNAME GROUP COUNT`: COUNT 64-byte UDP datagrams to GROUP port 5000 out of IFNAME,
//!   TTL (hop limit) 16.
//! - `packet IFNAME`: a packet socket bound to IFNAME.

use crate::sys;
use std::io::Read;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream, UdpSocket};

/// Kind of membership: any-source join, INCLUDE sources, or a join then EXCLUDE sources.
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    /// MCAST_JOIN_GROUP: EXCLUDE mode, no sources.
    Any,
    /// MCAST_JOIN_SOURCE_GROUP once per source: INCLUDE mode.
    Include,
    /// MCAST_JOIN_GROUP, then MCAST_BLOCK_SOURCE per source: EXCLUDE mode.
    Exclude,
}

/// What `join` joins: (group, kind, sources).
pub const MEMBERSHIPS: &[(&str, Kind, &[&str])] = &[
    ("239.1.1.1", Kind::Any, &[]),
    ("239.2.2.2", Kind::Include, &["192.0.2.10", "192.0.2.11"]),
    ("239.3.3.3", Kind::Exclude, &["192.0.2.12"]),
    ("ff05::1:1", Kind::Any, &[]),
    (
        "ff3e::2:2",
        Kind::Include,
        &["2001:db8::10", "2001:db8::11"],
    ),
    ("ff05::3:3", Kind::Exclude, &["2001:db8::12"]),
];

/// Run the helper named by `args[0]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let arg = |i: usize| -> Result<&str, String> {
        args.get(i)
            .map(String::as_str)
            .ok_or_else(|| format!("usage: helper {args:?}"))
    };
    let num = |i: usize| -> Result<u32, String> { arg(i)?.parse().map_err(|e| format!("{e}")) };
    match arg(0)? {
        "tcp" => {
            let addr: SocketAddr = arg(1)?.parse().map_err(|e| format!("{e}"))?;
            let listener = TcpListener::bind(addr).map_err(|e| e.to_string())?;
            sys::set_backlog(&listener, num(2)? as i32)?;
            let clients = (0..num(3)?)
                .map(|_| TcpStream::connect(addr))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?;
            let udp = UdpSocket::bind(addr).map_err(|e| e.to_string())?;
            hold((listener, clients, udp))
        }
        "join" => {
            let index = sys::ifindex(arg(1)?)?;
            let mut socks = Vec::new();
            for (group, kind, sources) in MEMBERSHIPS {
                let group: IpAddr = group.parse().unwrap();
                let any: SocketAddr = if group.is_ipv4() {
                    "0.0.0.0:0".parse().unwrap()
                } else {
                    "[::]:0".parse().unwrap()
                };
                let s = UdpSocket::bind(any).map_err(|e| e.to_string())?;
                let sources = sources.iter().map(|a| a.parse::<IpAddr>().unwrap());
                if *kind == Kind::Include {
                    for src in sources {
                        sys::mcast_request(
                            &s,
                            sys::MCAST_JOIN_SOURCE_GROUP,
                            index,
                            group,
                            Some(src),
                        )?;
                    }
                } else {
                    sys::mcast_request(&s, sys::MCAST_JOIN_GROUP, index, group, None)?;
                    for src in sources {
                        sys::mcast_request(&s, sys::MCAST_BLOCK_SOURCE, index, group, Some(src))?;
                    }
                }
                socks.push(s);
            }
            hold(socks)
        }
        "send" => {
            let index = sys::ifindex(arg(1)?)?;
            let group: IpAddr = arg(2)?.parse().map_err(|e| format!("{e}"))?;
            let s = match group {
                IpAddr::V4(_) => {
                    let s = UdpSocket::bind("0.0.0.0:0").map_err(|e| e.to_string())?;
                    s.set_multicast_ttl_v4(16).map_err(|e| e.to_string())?;
                    s
                }
                IpAddr::V6(_) => UdpSocket::bind("[::]:0").map_err(|e| e.to_string())?,
            };
            sys::set_multicast_interface(&s, group, index)?;
            for _ in 0..num(3)? {
                s.send_to(&[0x5a; 64], SocketAddr::new(group, 5000))
                    .map_err(|e| e.to_string())?;
            }
            println!("ready");
            Ok(())
        }
        "packet" => hold(sys::packet_socket(sys::ifindex(arg(1)?)?)?),
        other => Err(format!("unknown helper {other}")),
    }
}

/// Say ready, then keep `what` until stdin closes.
fn hold<T>(what: T) -> Result<(), String> {
    println!("ready");
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    drop(what);
    Ok(())
}
