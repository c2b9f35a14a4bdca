//! The default display: sockets. "Active Internet connections" (with "(including servers)"
//! under -a) with the columns Proto Recv-Q Send-Q Local Address Foreign Address (state), then
//! "Active UNIX domain sockets" (Address Type Recv-Q Send-Q Inode Conn Refs Nextref Addr), as
//! BSD netstat prints them; `-L` prints the listen queues instead ("Current listen queue sizes
//! (qlen/incqlen/maxqlen)"), `-A` adds the kernel's identity of each socket in front, `-v`
//! adds the owner's uid, pid and command at the end.
//!
//! Addresses are `host.port`, `*` for a wildcard host or port; the protocol carries the IP
//! version (tcp4, tcp6, and tcp46 for an IPv6 socket that takes IPv4 too). Columns have fixed
//! widths so sockets stream; an address longer than its column loses the end of its host part,
//! never its port, unless -W or -l is given.

mod filter;
mod freebsd;
mod linux;
mod macos;
mod tcp_json;

use crate::args::Options;
use crate::format;
use crate::json::Stream;
use crate::resolve::Resolver;
use crate::table::{cell, finish, num_cell, Align};
#[cfg(target_os = "linux")]
pub use filter::note_start_netns;
use filter::Selection;
use rnetstat_core::{
    ethertype_name, Backend, Endpoint, Family, Platform, Proto, Result, Socket, SocketQuery, State,
};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

/// What the socket display of `opts` asks the backend for.
fn query(opts: &Options, selection: &Selection) -> SocketQuery {
    // The argument check refused a -p that names no socket protocol.
    let protos: Vec<Proto> = opts.protocol.iter().filter_map(|p| p.socket).collect();
    SocketQuery {
        protos,
        family: opts.family,
        all: opts.all,
        listening_only: opts.listen_queues,
        owners: opts.verbose > 0 || selection.needs_owners(),
        internals: opts.json || opts.buffers || opts.tcp_counters || opts.tcp_cc,
        syn_queues: opts.json || opts.listen_queues,
    }
}

/// True when the socket display of `opts` lists TCP sockets from nothing but what a plain
/// sock_diag dump says of them (no owners, uids, inodes, kernel ids, internals or SYN
/// queues): the `-j all` walk ([`rnetstat_linux::tcp_walk`]) can then stand in for each
/// namespace's dump.
#[cfg(target_os = "linux")]
pub fn plain_tcp_listing(opts: &Options) -> bool {
    let selection = Selection::of(opts);
    let q = query(opts, &selection);
    opts.display == crate::args::Display::Sockets
        && !opts.json
        && !opts.kernel_ids
        && opts.snapshot.is_none()
        && opts.capture.is_none()
        && opts.prometheus.is_none()
        && q.wants_proto(Proto::Tcp)
        && !(q.owners || q.internals || q.syn_queues || selection.needs_uid())
}

/// Show the sockets.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    // The argument check refused a -p that names no socket protocol.
    let selection = Selection::of(opts);
    let query = query(opts, &selection);
    if opts.json {
        let platform = backend.platform();
        let mut stream = Stream::begin(out, "sockets", platform, "sockets")?;
        // FreeBSD lists the sockets its text form lists (its -L differs).
        if platform == Platform::FreeBsd {
            selection.sockets(backend, &freebsd::query(&query), &mut |s| {
                if freebsd::listed(opts, s) {
                    stream.item(&SocketJson(s))?;
                }
                Ok(())
            })?;
        } else {
            selection.sockets(backend, &query, &mut |s| stream.item(&SocketJson(s)))?;
        }
        return stream.end();
    }
    // FreeBSD's and macOS's netstat each have their own form: columns and choices differ.
    match backend.platform() {
        Platform::MacOs => return macos::show(opts, backend, out, &query, &selection),
        Platform::FreeBsd => return freebsd::show(opts, &query, &selection, backend, out),
        Platform::Linux => {}
    }
    let mut names = Resolver::of(opts);
    let wide = opts.wide || opts.long > 0;
    let addr_width = if wide { 45 } else { 22 };
    // Packet sockets name their interface: the names are read before the sockets stream.
    // They are listed only when asked for (-p packet, -f link): see SocketQuery::packets.
    let packets = query.packets();
    let ifnames: HashMap<u32, String> = if packets {
        backend
            .interfaces()?
            .into_iter()
            .map(|i| (i.index, i.name))
            .collect()
    } else {
        HashMap::new()
    };
    let mut section: Option<Section> = None;
    let mut line = String::with_capacity(200);
    selection.sockets(backend, &query, &mut |s| {
        // -L lists listeners of every protocol in one table.
        let this = match s.proto {
            _ if opts.listen_queues => Section::Inet,
            Proto::Unix => Section::Unix,
            Proto::Packet => Section::Packet,
            Proto::Vsock => Section::Vsock,
            _ => Section::Inet,
        };
        line.clear();
        // Sections follow each other without a blank line, as in BSD netstat.
        if section != Some(this) {
            section = Some(this);
            header(&mut line, this, opts, addr_width);
        }
        match this {
            _ if opts.listen_queues => listen_row(&mut line, s, &mut names, addr_width, wide),
            Section::Inet | Section::Vsock => {
                inet_row(&mut line, s, opts, &mut names, addr_width, wide)
            }
            Section::Unix => unix_row(&mut line, s, opts),
            Section::Packet => packet_row(&mut line, s, opts, &ifnames),
        }
        out.write_all(line.as_bytes())?;
        Ok(())
    })
}

/// The sections of the display, in the order the backend lists sockets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Inet,
    Unix,
    Packet,
    Vsock,
}

fn header(line: &mut String, section: Section, opts: &Options, w: usize) {
    if opts.listen_queues {
        line.push_str("Current listen queue sizes (qlen/incqlen/maxqlen)\n");
        cell(line, "Proto", 6, Align::Left, false);
        cell(line, "Listen", 15, Align::Left, false);
        line.push_str("Local Address");
        finish(line);
        return;
    }
    if let Section::Packet = section {
        line.push_str("Active packet sockets\n");
        cell(line, "Address", 17, Align::Left, false);
        line.push_str("Type   Proto  Netif       Inode");
        if opts.verbose > 0 {
            line.push_str("    Uid     Pid Command");
        }
        finish(line);
        return;
    }
    if matches!(section, Section::Inet | Section::Vsock) {
        line.push_str(match (section, opts.all) {
            (Section::Vsock, _) => "Active VSock sockets\n",
            (_, true) => "Active Internet connections (including servers)\n",
            (_, false) => "Active Internet connections\n",
        });
        // -A: the kernel's identity of each socket first (the unix section always has it).
        if opts.kernel_ids {
            cell(line, "Socket", 17, Align::Left, false);
        }
        cell(line, "Proto", 5, Align::Left, false);
        // FreeBSD's -T counters stand in place of the queues, -x's buffers of the state.
        line.push_str(if opts.tcp_counters {
            linux::COUNTER_TITLES
        } else {
            " Recv-Q Send-Q  "
        });
        cell(line, "Local Address", w, Align::Left, false);
        line.push(' ');
        cell(line, "Foreign Address", w, Align::Left, false);
        if state_column(opts) {
            line.push(' ');
            cell(line, "(state)", 11, Align::Left, false);
        }
        linux::column_titles(line, opts);
        if opts.verbose > 0 {
            line.push_str("    Uid     Pid Command");
        }
    } else {
        line.push_str("Active UNIX domain sockets\n");
        cell(line, "Address", 17, Align::Left, false);
        line.push_str("Type   Recv-Q Send-Q    Inode     Conn     Refs  Nextref ");
        // Addr is last and unbounded, so -v's columns come before it here.
        if opts.verbose > 0 {
            line.push_str("   Uid     Pid Command         ");
        }
        line.push_str("Addr");
    }
    finish(line);
}

/// Append the protocol label in a column of 5: `tcp4`, `tcp6`, `tcp46` (an IPv6 socket that
/// takes IPv4 too), `unix`; raw sockets are named after their IP protocol cut to three
/// letters, as both BSD forms name them (`icm4`, `ip6`, `raw4` for a protocol netstat has
/// no name for), and ICMP datagram (ping) sockets too (`icm4`, `icm6`).
fn proto_cell(line: &mut String, s: &Socket, width: usize) {
    let start = line.len();
    let name = match s.proto {
        // udplite would not fit BSD's five columns: udpl4, udpl6.
        Proto::UdpLite => "udpl",
        Proto::Raw => raw_name(s),
        Proto::Icmp | Proto::Icmp6 => "icm",
        p => p.name(),
    };
    line.push_str(if s.proto == Proto::Raw {
        name.get(..3).unwrap_or(name)
    } else {
        name
    });
    line.push_str(match s.family {
        Family::Inet => "4",
        Family::Inet6 if s.dual_stack => "46",
        Family::Inet6 => "6",
        _ => "",
    });
    let len = line.len() - start;
    line.push_str(&" ".repeat(width.saturating_sub(len)));
}

/// Append `host.port` in a column of `width`, `*` for a wildcard; when `cut`, the host part
/// is cut so that the port stays visible. Written in place: this runs once per socket.
fn endpoint_cell(
    line: &mut String,
    e: &Endpoint,
    zone: Option<&str>,
    proto: Proto,
    names: &mut Resolver,
    width: usize,
    cut: bool,
) {
    let start = line.len();
    match e {
        Endpoint::Inet { addr, port } => {
            if addr.is_unspecified() {
                line.push('*');
            } else {
                format::write_host(line, *addr, zone, names);
            }
            let service = if *port == 0 {
                None
            } else {
                names.service(*port, if proto == Proto::Tcp { "tcp" } else { "udp" })
            };
            let port_len = match (port, service) {
                (0, _) => 1,
                (_, Some(name)) => name.len(),
                (p, None) => p.checked_ilog10().unwrap_or(0) as usize + 1,
            };
            let room = width.saturating_sub(port_len + 1);
            if cut && line.len() - start > room {
                let host = &line[start..];
                let keep = host.char_indices().nth(room).map_or(host.len(), |(i, _)| i);
                line.truncate(start + keep);
                // A cut that ends on a dot would print two before the port (`192.0..http`).
                while line.len() > start + 1 && line.ends_with('.') {
                    line.pop();
                }
            }
            line.push('.');
            match (port, service) {
                (0, _) => line.push('*'),
                (_, Some(name)) => line.push_str(name),
                (p, None) => {
                    let _ = write!(line, "{p}");
                }
            }
        }
        Endpoint::Vsock { cid, port } => {
            // VMADDR_CID_ANY and VMADDR_PORT_ANY are -1.
            let any = |v: u32| {
                if v == u32::MAX {
                    "*".to_string()
                } else {
                    v.to_string()
                }
            };
            line.push_str(&format!("{}.{}", any(*cid), any(*port)));
        }
        _ => line.push_str("*.*"),
    }
    let len = line[start..].chars().count();
    line.push_str(&" ".repeat(width.saturating_sub(len)));
}

fn kernel_id(line: &mut String, s: &Socket) {
    match s.cookie {
        Some(c) => {
            let _ = write!(line, "{c:016x} ");
        }
        None => line.push_str("-                "),
    }
}

fn inet_row(
    line: &mut String,
    s: &Socket,
    opts: &Options,
    names: &mut Resolver,
    w: usize,
    wide: bool,
) {
    if opts.kernel_ids {
        kernel_id(line, s);
    }
    proto_cell(line, s, 5);
    if opts.tcp_counters {
        linux::counter_cells(line, s);
    } else {
        line.push(' ');
        num_cell(line, s.recv_q, 6);
        line.push(' ');
        num_cell(line, s.send_q, 6);
        line.push_str("  ");
    }
    endpoint_cell(line, &s.local, s.zone.as_deref(), s.proto, names, w, !wide);
    line.push(' ');
    endpoint_cell(line, &s.remote, s.zone.as_deref(), s.proto, names, w, !wide);
    if state_column(opts) {
        line.push(' ');
        cell(
            line,
            s.state.map_or("", State::name),
            11,
            Align::Left,
            false,
        );
    }
    linux::columns(line, s, opts);
    owners(line, s, opts);
    finish(line);
}

/// Whether the Internet rows have the state column: FreeBSD's -x and -T take its place.
fn state_column(opts: &Options) -> bool {
    !(opts.buffers || opts.tcp_counters)
}

fn unix_row(line: &mut String, s: &Socket, opts: &Options) {
    kernel_id(line, s);
    cell(line, s.kind.name(), 6, Align::Left, false);
    line.push(' ');
    num_cell(line, s.recv_q, 6);
    line.push(' ');
    num_cell(line, s.send_q, 6);
    line.push(' ');
    num_cell(line, s.inode, 8);
    line.push(' ');
    num_cell(line, s.peer_inode, 8);
    line.push_str("        -        -");
    if opts.verbose > 0 {
        owners(line, s, opts);
        // Pad the command to its 15 characters (Linux's limit) so Addr lines up.
        let len = s.owners.first().map_or(1, |o| {
            o.command_or(UNKNOWN_COMMAND).chars().count() + if s.owners.len() > 1 { 5 } else { 0 }
        });
        line.push_str(&" ".repeat(16usize.saturating_sub(len)));
    } else {
        line.push(' ');
    }
    if let Endpoint::Unix(Some(path)) = &s.local {
        push_escaped(line, path);
    }
    finish(line);
}

/// Append a unix socket name with control characters escaped (`\xNN`; a NUL inside an
/// abstract name as `@`, as ss shows it), so that no name can break the table.
pub(super) fn push_escaped(line: &mut String, name: &str) {
    for c in name.chars() {
        match c {
            '\0' => line.push('@'),
            c if c.is_control() => {
                let _ = write!(line, "\\x{:02x}", u32::from(c));
            }
            c => line.push(c),
        }
    }
}

fn packet_row(line: &mut String, s: &Socket, opts: &Options, ifnames: &HashMap<u32, String>) {
    kernel_id(line, s);
    cell(line, s.kind.name(), 6, Align::Left, false);
    line.push(' ');
    let (ifindex, protocol) = match s.local {
        Endpoint::Packet { ifindex, protocol } => (ifindex, protocol),
        _ => (0, 0),
    };
    cell(line, &ethertype_name(protocol), 6, Align::Left, false);
    line.push(' ');
    let netif = match ifindex {
        0 => "*".to_string(),
        i => ifnames.get(&i).cloned().unwrap_or_else(|| format!("#{i}")),
    };
    cell(line, &netif, 8, Align::Left, false);
    line.push(' ');
    num_cell(line, s.inode, 8);
    owners(line, s, opts);
    finish(line);
}

fn listen_row(line: &mut String, s: &Socket, names: &mut Resolver, w: usize, wide: bool) {
    proto_cell(line, s, 6);
    cell(line, &listen_text(s, "-"), 15, Align::Left, false);
    match &s.local {
        Endpoint::Unix(path) => push_escaped(line, path.as_deref().unwrap_or("")),
        e => endpoint_cell(line, e, s.zone.as_deref(), s.proto, names, w, !wide),
    }
    finish(line);
}

/// The listen queue as `-L` shows it, `qlen/incqlen/maxqlen`, with `unknown` for a figure
/// the system does not give (all of them for a socket without a queue).
pub(super) fn listen_text(s: &Socket, unknown: &str) -> String {
    let q = s.listen.unwrap_or_default();
    let n = |v: Option<u64>| v.map_or_else(|| unknown.to_string(), |v| v.to_string());
    format!("{}/{}/{}", n(q.qlen), n(q.incqlen), n(q.maxqlen))
}

/// netstat's name of a raw socket's protocol (`s.ip_proto`), from its protocol tables for
/// inet and inet6; "raw" for any other.
pub(super) fn raw_name(s: &Socket) -> &'static str {
    match (s.family, s.ip_proto) {
        (Family::Inet6, Some(255)) => "ip6",
        (Family::Inet6, Some(58)) => "icmp6",
        (_, Some(255)) => "ip",
        (_, Some(1)) => "icmp",
        (_, Some(2)) => "igmp",
        (_, Some(103)) => "pim",
        _ => "raw",
    }
}

/// The text of a command that could not be read (sockstat's).
pub(super) const UNKNOWN_COMMAND: &str = "?";

/// `-v`'s Uid, Pid and Command columns (BSD netstat's, and Linux's here): the first owner,
/// `(+N)` for more.
pub(super) fn owners(line: &mut String, s: &Socket, opts: &Options) {
    if opts.verbose == 0 {
        return;
    }
    line.push(' ');
    num_cell(line, s.uid.map(u64::from), 6);
    line.push(' ');
    match s.owners.first() {
        Some(o) => {
            num_cell(line, Some(u64::from(o.pid)), 7);
            line.push(' ');
            line.push_str(o.command_or(UNKNOWN_COMMAND));
            if s.owners.len() > 1 {
                let _ = write!(line, " (+{})", s.owners.len() - 1);
            }
        }
        None => line.push_str("      - -"),
    }
}

/// One socket as its JSON object (schema/sockets.json).
struct SocketJson<'a>(&'a Socket);

/// An endpoint: `{"address", "port"}`, `{"path"}`, `{"ifindex", "protocol"}`, `{"cid", "port"}`
/// or null.
struct EndpointJson<'a>(&'a Endpoint);

impl Serialize for EndpointJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0 {
            Endpoint::Inet { addr, port } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("address", addr)?;
                m.serialize_entry("port", port)?;
                m.end()
            }
            Endpoint::Unix(path) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("path", path)?;
                m.end()
            }
            Endpoint::Packet { ifindex, protocol } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("ifindex", ifindex)?;
                m.serialize_entry("protocol", protocol)?;
                m.end()
            }
            Endpoint::Vsock { cid, port } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("cid", cid)?;
                m.serialize_entry("port", port)?;
                m.end()
            }
            Endpoint::None => s.serialize_none(),
        }
    }
}

impl Serialize for SocketJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let k = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("proto", k.proto.name())?;
        m.serialize_entry("family", k.family.name())?;
        m.serialize_entry("dual_stack", &k.dual_stack)?;
        m.serialize_entry("type", k.kind.name())?;
        m.serialize_entry("local", &EndpointJson(&k.local))?;
        m.serialize_entry("remote", &EndpointJson(&k.remote))?;
        m.serialize_entry("state", &k.state.map(State::name))?;
        m.serialize_entry("recv_q", &k.recv_q)?;
        m.serialize_entry("send_q", &k.send_q)?;
        m.serialize_entry(
            "listen",
            &k.listen.map(
                |q| serde_json::json!({"qlen": q.qlen, "incqlen": q.incqlen, "maxqlen": q.maxqlen}),
            ),
        )?;
        m.serialize_entry("inode", &k.inode)?;
        m.serialize_entry("cookie", &k.cookie.map(|c| format!("{c:016x}")))?;
        m.serialize_entry("uid", &k.uid)?;
        m.serialize_entry("peer_inode", &k.peer_inode)?;
        m.serialize_entry("zone", &k.zone.as_deref())?;
        // Filled on the BSDs (raw sockets; unix sockets on a refs list), null when unknown.
        m.serialize_entry("ip_proto", &k.ip_proto)?;
        let (refs, nextref) = k.unix_refs.unzip();
        m.serialize_entry("refs", &refs.map(|r| format!("{r:016x}")))?;
        m.serialize_entry("nextref", &nextref.map(|r| format!("{r:016x}")))?;
        let owners: Vec<serde_json::Value> = k
            .owners
            .iter()
            .map(|o| serde_json::json!({"pid": o.pid, "command": o.command, "fd": o.fd}))
            .collect();
        m.serialize_entry("owners", &owners)?;
        if let Some(x) = &k.xnu {
            m.serialize_entry("macos", &macos::XnuJson(x))?;
        }
        if let Some(f) = &k.freebsd {
            m.serialize_entry("freebsd", &freebsd::detail_json(f))?;
        }
        if let Some(t) = &k.tcp {
            m.serialize_entry("tcp", &tcp_json::tcp(t))?;
        }
        if let Some(b) = &k.memory {
            m.serialize_entry("buffers", &tcp_json::buffers(b))?;
        }
        m.end()
    }
}
