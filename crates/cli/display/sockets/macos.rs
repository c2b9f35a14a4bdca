//! The socket display as macOS netstat prints it (network_cmds netstat.tproj inet.c
//! protopr(), inet6.c inet6print(), unix.c unixdomainpr_n(), main.c
//! print_socket_stats_format()): one "Active Internet connections" table for every Internet
//! protocol (tcp4, tcp6, tcp46, udp4, ..., raw sockets by protocol: icm4, icm6, ip 4, igm4),
//! then "Active LOCAL (UNIX) domain sockets" with the kernel's links; `-L` prints the listen
//! queue and local address only, `-A` the control block and flow hash first, `-v` (and `-b`)
//! the traffic, buffer limits, owning process and socket state after the state.
//!
//! Addresses are cut as netstat cuts them: the host to 16 characters (12 with `-A` when the
//! port is named; IPv6 39 with `-l`), the whole `host.port` to the column (22; 18 with `-A`;
//! 45 with `-l`; IPv4 not at all with `-W`). A local port the kernel chose is printed as a
//! number, and a foreign port is named only when it equals the local one.

use super::{listen_text, push_escaped, raw_name, Selection};
use crate::args::Options;
use crate::format;
use crate::resolve::Resolver;
use crate::table::finish;
use rnetstat_core::bsd::xnu_socket::XnuSocket;
use rnetstat_core::{Backend, Endpoint, Family, Proto, Result, Socket, SocketQuery};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt::Write as _;
use std::io::Write;
use std::net::IpAddr;

/// INP_ANONPORT: the kernel chose the local port.
const INP_ANONPORT: i32 = 0x40;

/// Show the sockets `query` selects in macOS netstat's form.
pub fn show(
    opts: &Options,
    backend: &mut dyn Backend,
    out: &mut dyn Write,
    query: &SocketQuery,
    selection: &Selection,
) -> Result<()> {
    let mut names = Resolver::of(opts);
    let (mut inet_head, mut unix_head) = (false, false);
    let mut line = String::with_capacity(256);
    selection.sockets(backend, query, &mut |s| {
        line.clear();
        if s.proto == Proto::Unix {
            if !unix_head {
                unix_head = true;
                unix_header(&mut line, opts);
            }
            unix_row(&mut line, s, opts);
        } else {
            if !inet_head {
                inet_head = true;
                inet_header(&mut line, opts);
            }
            inet_row(&mut line, s, opts, &mut names);
        }
        out.write_all(line.as_bytes())?;
        Ok(())
    })
}

/// The address column's width.
fn addr_width(opts: &Options) -> usize {
    if opts.long > 0 {
        45
    } else if opts.kernel_ids {
        18
    } else {
        22
    }
}

/// `%-W.Ws`: `text` cut and padded to `w` characters.
fn fixed(line: &mut String, text: &str, w: usize) {
    let mut n = 0;
    for c in text.chars().take(w) {
        line.push(c);
        n += 1;
    }
    line.push_str(&" ".repeat(w - n));
}

fn inet_header(line: &mut String, opts: &Options) {
    if opts.listen_queues {
        line.push_str("Current listen queue sizes (qlen/incqlen/maxqlen)\n");
    } else if opts.all {
        line.push_str("Active Internet connections (including servers)\n");
    } else {
        line.push_str("Active Internet connections\n");
    }
    if opts.kernel_ids {
        fixed(line, "Socket", 16);
        line.push(' ');
        fixed(line, "Flowhash", 9);
    }
    if opts.listen_queues {
        fixed(line, "Listen", 14);
        line.push(' ');
        fixed(line, "Local Address", if opts.long > 0 { 39 } else { 22 });
    } else {
        line.push_str("Proto Recv-Q Send-Q  ");
        let w = addr_width(opts);
        fixed(line, "Local Address", w);
        line.push(' ');
        fixed(line, "Foreign Address", w);
        line.push(' ');
        fixed(line, "(state)", 11);
        stats_header(line, opts);
    }
    finish(line);
}

/// The protocol as netstat names it: raw sockets by their IP protocol.
fn proto_name(s: &Socket) -> &'static str {
    match s.proto {
        Proto::Raw => raw_name(s),
        p => p.name(),
    }
}

fn inet_row(line: &mut String, s: &Socket, opts: &Options, names: &mut Resolver) {
    let x = s.xnu.as_deref();
    if opts.kernel_ids {
        let _ = write!(
            line,
            "{:16x} {:8x} ",
            s.cookie.unwrap_or(0),
            x.and_then(|x| x.flowhash).unwrap_or(0)
        );
    }
    let name = proto_name(s);
    if opts.listen_queues {
        fixed(line, &listen_text(s, "0"), 14);
        line.push(' ');
    } else {
        fixed(line, name, 3);
        fixed(
            line,
            match s.family {
                Family::Inet6 if s.dual_stack => "46",
                Family::Inet6 => "6",
                _ => "4",
            },
            2,
        );
        let _ = write!(
            line,
            " {:6} {:6}  ",
            s.recv_q.unwrap_or(0),
            s.send_q.unwrap_or(0)
        );
    }
    let (lport, fport) = match (&s.local, &s.remote) {
        (Endpoint::Inet { port: l, .. }, Endpoint::Inet { port: f, .. }) => (*l, *f),
        _ => (0, 0),
    };
    let anon = x.is_some_and(|x| x.inp_flags & INP_ANONPORT != 0);
    let (lnum, fnum) = if opts.numeric {
        (true, true)
    } else if anon {
        (true, false)
    } else {
        (false, lport != fport)
    };
    endpoint(line, s, &s.local, name, lnum, opts, names);
    if !opts.listen_queues {
        endpoint(line, s, &s.remote, name, fnum, opts, names);
        fixed(line, s.state.map_or("", |st| st.name()), 11);
        stats_row(line, s, opts);
    }
    finish(line);
}

/// inetprint() / inet6print(): `host.port`, cut and padded, and a blank.
fn endpoint(
    line: &mut String,
    s: &Socket,
    e: &Endpoint,
    proto: &str,
    numeric_port: bool,
    opts: &Options,
    names: &mut Resolver,
) {
    let (addr, port) = match e {
        Endpoint::Inet { addr, port } => (*addr, *port),
        _ => (IpAddr::from([0u8; 4]), 0),
    };
    let v4 = addr.is_ipv4();
    let mut host = String::with_capacity(48);
    if addr.is_unspecified() {
        host.push('*');
    } else {
        format::write_host(&mut host, addr, s.zone.as_deref(), names);
    }
    let short = opts.kernel_ids && !numeric_port;
    let host_max = match (v4, opts.wide) {
        (true, true) => usize::MAX,
        (false, _) if opts.long > 0 => 39,
        _ if short => 12,
        _ => 16,
    };
    let mut text: String = host.chars().take(host_max).collect();
    text.push('.');
    let service = if !numeric_port && port != 0 {
        names.service(port, proto)
    } else {
        None
    };
    match (service, port) {
        (Some(name), _) => text.extend(name.chars().take(15)),
        (None, 0) => text.push('*'),
        (None, p) => {
            let _ = write!(text, "{p}");
        }
    }
    if v4 {
        text.push(' ');
    }
    let w = addr_width(opts);
    if v4 && opts.wide {
        let _ = write!(line, "{text:<w$}");
    } else {
        fixed(line, &text, w);
    }
    line.push(' ');
}

/// The columns `-b` and `-v` add (print_socket_stats_format()).
fn stats_header(line: &mut String, opts: &Options) {
    let v = opts.verbose;
    if opts.bytes || v > 0 {
        if v > 1 {
            let _ = write!(
                line,
                " {:>12}/{:<9} {:>12}/{:<9}",
                "rxbytes", "packets", "txbytes", "packets"
            );
        } else {
            let _ = write!(line, " {:>12} {:>12}", "rxbytes", "txbytes");
        }
    }
    if v > 0 {
        let _ = write!(
            line,
            " {:>7} {:>7} {:>16}:{:<6}",
            "rhiwat", "shiwat", "process", "pid"
        );
        if v > 1 {
            let _ = write!(line, " {:>16}:{:<6}", "eprocess", "epid");
        }
        let _ = write!(
            line,
            " {:>5} {:>8} {:>16} {:>8} {:>8} {:>6} {:>6} {:>5}",
            "state", "options", "gencnt", "flags", "flags1", "usecnt", "rtncnt", "fltrs"
        );
    }
}

/// The values of [`stats_header`]'s columns (print_socket_stats_data()).
fn stats_row(line: &mut String, s: &Socket, opts: &Options) {
    let v = opts.verbose;
    let d = XnuSocket::default();
    let x = s.xnu.as_deref().unwrap_or(&d);
    if opts.bytes || v > 0 {
        if v > 1 {
            let _ = write!(
                line,
                " {:>12}/{:<9} {:>12}/{:<9}",
                x.rx_bytes, x.rx_packets, x.tx_bytes, x.tx_packets
            );
        } else {
            let _ = write!(line, " {:>12} {:>12}", x.rx_bytes, x.tx_bytes);
        }
    }
    if v == 0 {
        return;
    }
    // macOS netstat prints an empty name for a process it cannot name.
    let command = s.owners.first().map_or("", |o| o.command_or(""));
    let _ = write!(
        line,
        " {:>7} {:>7} {:>16}:{:<6}",
        x.rcv_hiwat, x.snd_hiwat, command, x.last_pid as u32
    );
    if v > 1 {
        let epid = if x.e_pid != 0 {
            x.e_pid.to_string()
        } else {
            String::new()
        };
        let ename = if x.e_pid != 0 {
            x.e_command.as_deref().unwrap_or("")
        } else {
            ""
        };
        let _ = write!(line, " {ename:>16}:{epid:<6}");
    }
    let _ = write!(
        line,
        " {:05x} {:08x} {:016x} {:08x} {:08x} {:6} {:6} {:06x}",
        i32::from(x.so_state) as u32,
        x.options,
        x.gencnt,
        x.flags,
        x.flags1,
        x.usecount,
        x.retaincount,
        x.filter_flags
    );
}

fn unix_header(line: &mut String, opts: &Options) {
    line.push_str("Active LOCAL (UNIX) domain sockets\n");
    let _ = write!(
        line,
        "{:<16} {:<6} {:<6} {:<6} {:>16} {:>16} {:>16} {:>16}",
        "Address", "Type", "Recv-Q", "Send-Q", "Inode", "Conn", "Refs", "Nextref"
    );
    stats_header(line, opts);
    line.push_str(" Addr");
    finish(line);
}

fn unix_row(line: &mut String, s: &Socket, opts: &Options) {
    let links = s.xnu.as_ref().and_then(|x| x.unix).unwrap_or_default();
    let (refs, nextref) = s.unix_refs.unwrap_or_default();
    let _ = write!(line, "{:16x} ", s.cookie.unwrap_or(0));
    fixed(line, s.kind.name(), 6);
    let _ = write!(
        line,
        " {:6} {:6} {:16x} {:16x} {:16x} {:16x}",
        s.recv_q.unwrap_or(0),
        s.send_q.unwrap_or(0),
        links.vnode,
        s.peer_inode.unwrap_or(0),
        refs,
        nextref
    );
    stats_row(line, s, opts);
    if let Endpoint::Unix(Some(path)) = &s.local {
        line.push(' ');
        push_escaped(line, path);
    }
    finish(line);
}

/// The `"macos"` object of a socket's JSON (schema/sockets.json): what xnu reports beyond
/// the common fields (which it does not repeat).
pub struct XnuJson<'a>(pub &'a XnuSocket);

impl Serialize for XnuJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let x = self.0;
        let hex = |v: u64| format!("{v:016x}");
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("flowhash", &x.flowhash)?;
        // The 16-bit field as it is (the text column prints it as netstat does, widened).
        m.serialize_entry("so_state", &(x.so_state as u16))?;
        m.serialize_entry("options", &x.options)?;
        m.serialize_entry("gencnt", &x.gencnt)?;
        m.serialize_entry("flags", &x.flags)?;
        m.serialize_entry("flags1", &x.flags1)?;
        m.serialize_entry("usecount", &x.usecount)?;
        m.serialize_entry("retaincount", &x.retaincount)?;
        m.serialize_entry("filter_flags", &x.filter_flags)?;
        m.serialize_entry("rcv_hiwat", &x.rcv_hiwat)?;
        m.serialize_entry("snd_hiwat", &x.snd_hiwat)?;
        m.serialize_entry("rx_packets", &x.rx_packets)?;
        m.serialize_entry("rx_bytes", &x.rx_bytes)?;
        m.serialize_entry("tx_packets", &x.tx_packets)?;
        m.serialize_entry("tx_bytes", &x.tx_bytes)?;
        m.serialize_entry("last_pid", &x.last_pid)?;
        m.serialize_entry("e_pid", &(x.e_pid != 0).then_some(x.e_pid))?;
        m.serialize_entry("e_command", &x.e_command)?;
        m.serialize_entry(
            "unix",
            &x.unix.map(|u| serde_json::json!({ "vnode": hex(u.vnode) })),
        )?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_so_state_is_the_16_bit_value() {
        let x = XnuSocket {
            so_state: 0x8000u16 as i16,
            ..XnuSocket::default()
        };
        let v = serde_json::to_value(XnuJson(&x)).unwrap();
        assert_eq!(v["so_state"], 0x8000);
    }
}
