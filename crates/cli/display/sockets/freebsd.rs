//! The socket display in FreeBSD 15 netstat(1)'s form (usr.bin/netstat/inet.c protopr(),
//! unix.c unixdomainpr()), checked line for line against a real FreeBSD 15.1 kernel's netstat
//! (`fixtures/freebsd/real-15.1`). Where it differs from the BSD form of [`super`]:
//!
//! - Internet rows: the protocol is its first three letters and the IP version (`tcp4`,
//!   `tcp6`, `tcp46`, `udp4`; raw sockets after their IP protocol as netstat's protocol table
//!   names it: `icm4`, `ip4`, `igm4`, `pim4`, `icm6`, `ip66`) in a column of 10 (libxo's
//!   rendering of netstat's two-part protocol field), then Recv-Q and Send-Q in six columns
//!   each. An address is `host.port` with the host cut to 16 characters (12 under -A without
//!   -n; no cut under -W), in a column of 22 (18 under -A, 45 under -W but for `-f inet`); a
//!   dual-stack socket shows its IPv4 half. Without -n a service name stands for a local
//!   port, and for the foreign port only when both ports are equal. The TCP state fills a
//!   column of 11; a UDP row ends after the foreign address's column. libxo keeps the blanks
//!   that pad the last column, and so does this form.
//! - -A puts the pcb address first, under `Tcpcb`, in 16 hex digits without leading zeros.
//! - -L: `Proto Listen Local Address` with the queue in a column of 32. As netstat, the
//!   Internet listeners are listed only with -a (without it netstat skips servers before it
//!   looks at queues, and prints the header alone once it meets any other Internet socket);
//!   listening unix sockets follow as `unix` rows with their path, without a header of their
//!   own.
//! - The unix section follows the Internet one without a blank line: Address (so_pcb), Type,
//!   Recv-Q, Send-Q, then Inode (the vnode), Conn, Refs and Nextref as kernel addresses right
//!   aligned in 16 columns, and the bound path.
//! - -v (not a FreeBSD netstat flag for sockets; sockstat(1) shows the same) adds Uid, Pid and
//!   Command after the state, and before the path of unix rows.

use super::{listen_text, owners, push_escaped, raw_name, Selection, UNKNOWN_COMMAND};
use crate::args::Options;
use crate::format;
use crate::resolve::Resolver;
use crate::table::{cell, finish, num_cell, Align};
use rnetstat_core::bsd::freebsd_socket::{FreeBsdSocket, FreeBsdTcp};
use rnetstat_core::{Backend, Endpoint, Family, Proto, Result, Socket, SocketQuery, State};
use std::fmt::Write as _;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};

/// Show `query`'s sockets from `backend` as FreeBSD's netstat does.
pub fn show(
    opts: &Options,
    query: &SocketQuery,
    selection: &Selection,
    backend: &mut dyn Backend,
    out: &mut dyn Write,
) -> Result<()> {
    let mut names = Resolver::of(opts);
    let mut layout = Layout::new(opts);
    let mut inet_header = false;
    let mut unix_header = false;
    let mut line = String::with_capacity(200);
    // -c and -C size their columns to the longest name, as netstat does: read all first.
    let held: Option<Vec<Socket>> = if opts.tcp_stack || opts.tcp_cc {
        let mut all = Vec::new();
        selection.sockets(backend, &self::query(query), &mut |s| {
            all.push(s.clone());
            Ok(())
        })?;
        for t in all.iter().filter_map(tcp_detail) {
            layout.stack = layout.stack.max(t.stack.chars().count());
            layout.cc = layout.cc.max(t.cc.chars().count());
        }
        Some(all)
    } else {
        None
    };
    let mut each = |s: &Socket| -> Result<()> {
        line.clear();
        if s.proto == Proto::Unix {
            if opts.listen_queues {
                if listens(s) {
                    unix_listen_row(&mut line, s);
                }
            } else {
                if !unix_header {
                    unix_header = true;
                    unix_header_lines(&mut line, opts);
                }
                unix_row(&mut line, s, opts);
            }
        } else {
            if !inet_header {
                inet_header = true;
                inet_header_lines(&mut line, opts, &layout);
            }
            if !opts.listen_queues || listens(s) {
                inet_row(&mut line, s, opts, &layout, &mut names);
            }
        }
        out.write_all(line.as_bytes())?;
        Ok(())
    };
    match held {
        Some(all) => all.iter().try_for_each(each),
        None => selection.sockets(backend, &self::query(query), &mut each),
    }
}

/// FreeBSD's socket detail as its JSON object (schema/sockets.json, `freebsd`).
pub(super) fn detail_json(d: &FreeBsdSocket) -> serde_json::Value {
    let buf = |b: &rnetstat_core::bsd::freebsd_socket::SockBuf| serde_json::json!({"hiwat": b.hiwat, "lowat": b.lowat, "mbcnt": b.mbcnt, "mbmax": b.mbmax});
    let tcp = d.tcp.as_ref().map(|t| {
        serde_json::json!({
            "stack": t.stack,
            "cc": t.cc,
            "log_id": t.log_id,
            "rexmit_packets": t.rexmit_packets,
            "ooo_packets": t.ooo_packets,
            "zero_windows": t.zero_windows,
            "timers_ms": {
                "rexmt": t.timers[0],
                "persist": t.timers[1],
                "keep": t.timers[2],
                "2msl": t.timers[3],
                "delack": t.timers[4],
            },
            "idle_ms": t.idle_ms,
            "cwnd": t.cwnd,
            "ssthresh": t.ssthresh,
            "maxseg": t.maxseg,
            "ecn": t.ecn,
        })
    });
    serde_json::json!({
        "flowid": d.flowid,
        "flowtype": d.flowtype,
        "rcv": buf(&d.rcv),
        "snd": buf(&d.snd),
        "tcp": tcp,
    })
}

/// The TCP detail of a FreeBSD socket, when the kernel gave it.
fn tcp_detail(s: &Socket) -> Option<&FreeBsdTcp> {
    s.freebsd.as_ref()?.tcp.as_ref()
}

/// What to ask the backend for: under -L, the sockets netstat walks (those -a selects), of
/// which [`listed`] keeps the listeners.
pub(super) fn query(query: &SocketQuery) -> SocketQuery {
    SocketQuery {
        listening_only: false,
        ..query.clone()
    }
}

/// Whether FreeBSD's netstat lists `s` (one of [`query`]'s answers) as a row.
pub(super) fn listed(opts: &Options, s: &Socket) -> bool {
    !opts.listen_queues || listens(s)
}

/// A socket with a listen queue (netstat's `so_qlimit != 0`).
fn listens(s: &Socket) -> bool {
    s.listen.is_some_and(|q| q.maxqlen != Some(0))
}

/// Column widths that depend on -A, -W and -f, and on the sockets for -c and -C.
struct Layout {
    /// Width of an address column.
    addr: usize,
    /// Width of the Stack column (-c): the longest stack name, at least its title.
    stack: usize,
    /// Width of the CC column (-C): the longest algorithm name, at least its title.
    cc: usize,
    /// Longest host part of an address with a numeric port and with a service name.
    host_numeric: Option<usize>,
    host_named: Option<usize>,
    wide: bool,
}

impl Layout {
    fn new(opts: &Options) -> Layout {
        let wide = opts.wide || opts.long > 0;
        let addr = if opts.kernel_ids && !wide {
            18
        } else if !wide || opts.family == Some(Family::Inet) {
            22
        } else {
            45
        };
        let (host_numeric, host_named) = if wide {
            (None, None)
        } else if opts.kernel_ids {
            (Some(16), Some(12))
        } else {
            (Some(16), Some(16))
        };
        Layout {
            addr,
            stack: "Stack".len(),
            cc: "CC".len(),
            host_numeric,
            host_named,
            wide,
        }
    }
}

fn inet_header_lines(line: &mut String, opts: &Options, l: &Layout) {
    line.push_str(if opts.listen_queues {
        "Current listen queue sizes (qlen/incqlen/maxqlen)\n"
    } else if opts.all {
        "Active Internet connections (including servers)\n"
    } else {
        "Active Internet connections\n"
    });
    if opts.kernel_ids {
        cell(line, "Tcpcb", 16, Align::Left, false);
        line.push(' ');
    }
    if opts.listen_queues {
        line.push_str("Proto ");
        cell(line, "Listen", 32, Align::Left, false);
        line.push(' ');
        cell(line, "Local Address", l.addr, Align::Left, true);
    } else if opts.tcp_counters {
        cell(line, "Proto", PROTO_WIDTH, Align::Left, false);
        line.push_str("Rexmit OOORcv 0-win  ");
        cell(line, "Local Address", l.addr, Align::Left, true);
        line.push_str(" Foreign Address");
    } else {
        cell(line, "Proto", PROTO_WIDTH, Align::Left, false);
        line.push_str("Recv-Q Send-Q ");
        cell(line, "Local Address", l.addr, Align::Left, true);
        line.push(' ');
        cell(line, "Foreign Address", l.addr, Align::Left, true);
        if !opts.buffers && !opts.flows {
            line.push(' ');
            cell(line, "(state)", 11, Align::Left, false);
        }
    }
    if !opts.listen_queues {
        column_titles(line, opts, l);
    }
    keep_blanks(line, opts);
}

/// The titles of the columns FreeBSD's -x, -R, -c, -C and -P add, and of -v's.
fn column_titles(line: &mut String, opts: &Options, l: &Layout) {
    if opts.buffers {
        line.push_str("R-HIWA S-HIWA R-LOWA S-LOWA R-BCNT S-BCNT R-BMAX S-BMAX");
        for title in ["rexmt", "persist", "keep", "2msl", "delack", "rcvtime"] {
            line.push(' ');
            cell(line, title, 7, Align::Right, false);
        }
    } else if opts.flows {
        line.push_str("    flowid ftype");
    }
    if opts.tcp_stack {
        line.push(' ');
        cell(line, "Stack", l.stack, Align::Left, false);
    }
    if opts.tcp_cc {
        line.push(' ');
        cell(line, "CC", l.cc, Align::Left, false);
        line.push_str("       cwin   ssthresh   MSS ECN");
    }
    if opts.log_ids {
        line.push_str(" Log ID");
    }
    if opts.verbose > 0 {
        line.push_str("    Uid     Pid Command");
    }
}

/// The width of the protocol column of Internet rows, its blank included.
const PROTO_WIDTH: usize = 10;

/// End a line of the Internet section: libxo keeps the blanks of the last column, except
/// under -v, whose owner columns are rnetstat's own and end in text.
fn keep_blanks(line: &mut String, opts: &Options) {
    if opts.verbose > 0 {
        finish(line);
    } else {
        line.push('\n');
    }
}

/// The protocol column: three letters of the name and the IP version in two, in a column of
/// [`PROTO_WIDTH`].
fn proto_cell(line: &mut String, s: &Socket) {
    let start = line.len();
    let name = match s.proto {
        Proto::Raw => raw_name(s),
        p => p.name(),
    };
    cell(line, name, 3, Align::Left, true);
    let version = match s.family {
        Family::Inet6 if s.dual_stack => "46",
        Family::Inet6 => "6",
        Family::Inet => "4",
        _ => "",
    };
    cell(line, version, 2, Align::Left, true);
    let len = line.len() - start;
    cell(
        line,
        "",
        PROTO_WIDTH - len.min(PROTO_WIDTH),
        Align::Left,
        false,
    );
}

/// The address netstat prints: a dual-stack socket's IPv4 half (inp_laddr).
fn shown_addr(s: &Socket, addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(a) if s.dual_stack => {
            let o = a.octets();
            IpAddr::V4(Ipv4Addr::new(o[12], o[13], o[14], o[15]))
        }
        a => a,
    }
}

/// An address cell: `host.port` in the layout's column, then a blank.
fn addr_cell(
    line: &mut String,
    s: &Socket,
    e: &Endpoint,
    numeric_port: bool,
    l: &Layout,
    names: &mut Resolver,
) {
    let mut text = String::with_capacity(48);
    match e {
        Endpoint::Inet { addr, port } => {
            let addr = shown_addr(s, *addr);
            let start = text.len();
            if addr.is_unspecified() {
                text.push('*');
            } else {
                format::write_host(&mut text, addr, s.zone.as_deref(), names);
            }
            let limit = if l.wide && addr.is_ipv6() {
                Some(39)
            } else if numeric_port {
                l.host_numeric
            } else {
                l.host_named
            };
            if let Some(limit) = limit {
                if let Some((i, _)) = text[start..].char_indices().nth(limit) {
                    text.truncate(start + i);
                }
            }
            text.push('.');
            let proto = if s.proto == Proto::Tcp { "tcp" } else { "udp" };
            let service = if *port == 0 || numeric_port {
                None
            } else {
                names.service(*port, proto)
            };
            match (port, service) {
                (0, _) => text.push('*'),
                (_, Some(name)) => text.push_str(&name.chars().take(15).collect::<String>()),
                (p, None) => {
                    let _ = write!(text, "{p}");
                }
            }
        }
        _ => text.push_str("*.*"),
    }
    cell(line, &text, l.addr, Align::Left, !l.wide);
    line.push(' ');
}

fn port(e: &Endpoint) -> u16 {
    match e {
        Endpoint::Inet { port, .. } => *port,
        _ => 0,
    }
}

fn inet_row(line: &mut String, s: &Socket, opts: &Options, l: &Layout, names: &mut Resolver) {
    if opts.kernel_ids {
        let _ = write!(line, "{:16x} ", s.cookie.unwrap_or(0));
    }
    proto_cell(line, s);
    if opts.listen_queues {
        cell(line, &listen_text(s, "0"), 32, Align::Left, true);
        line.push(' ');
        addr_cell(line, s, &s.local, opts.numeric, l, names);
        keep_blanks(line, opts);
        return;
    }
    let detail = s.freebsd.as_deref();
    let tcp = tcp_detail(s);
    if opts.tcp_counters {
        match tcp {
            Some(t) => {
                for n in [t.rexmit_packets, t.ooo_packets, t.zero_windows] {
                    num_cell(line, Some(u64::from(n)), 6);
                    line.push(' ');
                }
            }
            None => line.push_str(&" ".repeat(21)),
        }
    } else {
        num_cell(line, s.recv_q, 6);
        line.push(' ');
        num_cell(line, s.send_q, 6);
        line.push(' ');
    }
    addr_cell(line, s, &s.local, opts.numeric, l, names);
    // netstat names the foreign port only when it equals the local one.
    let remote_numeric = opts.numeric || port(&s.local) != port(&s.remote);
    addr_cell(line, s, &s.remote, remote_numeric, l, names);
    if opts.buffers {
        buffer_cells(line, detail, tcp);
    }
    let state_column = !opts.buffers && !opts.tcp_counters && !opts.flows;
    match s.proto {
        Proto::Tcp if state_column => cell(
            line,
            s.state.map_or("", State::name),
            11,
            Align::Left,
            false,
        ),
        // No state: the row ends after the foreign address, but for -v's columns.
        _ if state_column && opts.verbose > 0 => cell(line, "", 11, Align::Left, false),
        _ => {}
    }
    if opts.flows {
        let (id, kind) = detail.map_or((0, 0), |d| (d.flowid, d.flowtype));
        let _ = write!(line, " {id:08x} {kind:5}");
    }
    if let Some(t) = tcp {
        tcp_cells(line, s, t, opts, l);
    }
    owners(line, s, opts);
    keep_blanks(line, opts);
}

/// -x: the buffers' high and low water marks, mbuf bytes and limits, receive first; for TCP
/// the timers in seconds (retransmit, persist, keepalive, 2MSL, delayed ACK) and the time
/// since the last segment arrived.
fn buffer_cells(line: &mut String, d: Option<&FreeBsdSocket>, tcp: Option<&FreeBsdTcp>) {
    let d = d.cloned().unwrap_or_default();
    let values = [
        i64::from(d.rcv.hiwat),
        i64::from(d.snd.hiwat),
        i64::from(d.rcv.lowat),
        i64::from(d.snd.lowat),
        i64::from(d.rcv.mbcnt),
        i64::from(d.snd.mbcnt),
        i64::from(d.rcv.mbmax),
        i64::from(d.snd.mbmax),
    ];
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        let _ = write!(line, "{v:6}");
    }
    if let Some(t) = tcp {
        for ms in t.timers.iter().chain([&t.idle_ms]) {
            // C's division: toward zero, as netstat's %4d.%02d of ms / 1000 and ms % 1000 / 10.
            let _ = write!(line, " {:4}.{:02}", ms / 1000, (ms % 1000) / 10);
        }
    }
}

/// -c, -C and -P: the TCP stack, the congestion control state and the log id.
fn tcp_cells(line: &mut String, s: &Socket, t: &FreeBsdTcp, opts: &Options, l: &Layout) {
    if opts.tcp_stack {
        line.push(' ');
        cell(line, &t.stack, l.stack, Align::Left, true);
    }
    if opts.tcp_cc {
        line.push(' ');
        cell(line, &t.cc, l.cc, Align::Left, true);
        let ecn = match s.state {
            None | Some(State::Closed | State::Listen | State::SynSent | State::SynRcvd) => "n/a",
            _ if t.ecn == 0 => "off",
            _ if t.ecn == 1 => "ecn",
            _ => "ace",
        };
        let _ = write!(
            line,
            " {:10} {:10} {:5} {ecn:>3}",
            t.cwnd, t.ssthresh, t.maxseg
        );
    }
    if opts.log_ids {
        line.push(' ');
        line.push_str(if t.log_id.is_empty() { "-" } else { &t.log_id });
    }
}

fn unix_header_lines(line: &mut String, opts: &Options) {
    line.push_str("Active UNIX domain sockets\n");
    line.push_str("Address          Type   Recv-Q Send-Q ");
    for title in ["Inode", "Conn", "Refs", "Nextref"] {
        cell(line, title, 16, Align::Right, false);
        line.push(' ');
    }
    if opts.verbose > 0 {
        line.push_str("   Uid     Pid Command         ");
    }
    line.push_str("Addr");
    finish(line);
}

fn hex_cell(line: &mut String, v: Option<u64>) {
    let _ = write!(line, "{:16x}", v.unwrap_or(0));
}

fn unix_row(line: &mut String, s: &Socket, opts: &Options) {
    hex_cell(line, s.cookie);
    line.push(' ');
    cell(line, s.kind.name(), 6, Align::Left, true);
    line.push(' ');
    num_cell(line, s.recv_q, 6);
    line.push(' ');
    num_cell(line, s.send_q, 6);
    line.push(' ');
    let (refs, nextref) = s.unix_refs.unwrap_or_default();
    for v in [s.inode, s.peer_inode, Some(refs)] {
        hex_cell(line, v);
        line.push(' ');
    }
    hex_cell(line, Some(nextref));
    if opts.verbose > 0 {
        owners(line, s, opts);
        // Pad the command to COMMLEN - 4 so that Addr lines up under its title.
        let len = s.owners.first().map_or(1, |o| {
            o.command_or(UNKNOWN_COMMAND).chars().count() + if s.owners.len() > 1 { 5 } else { 0 }
        });
        line.push_str(&" ".repeat(15usize.saturating_sub(len)));
    }
    if let Endpoint::Unix(Some(path)) = &s.local {
        line.push(' ');
        push_escaped(line, path);
    }
    finish(line);
}

fn unix_listen_row(line: &mut String, s: &Socket) {
    line.push_str("unix  ");
    cell(line, &listen_text(s, "0"), 32, Align::Left, true);
    if let Endpoint::Unix(Some(path)) = &s.local {
        line.push(' ');
        push_escaped(line, path);
    }
    finish(line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::parse;

    fn opts(args: &[&str]) -> Options {
        let mut v = vec!["rnetstat".into()];
        v.extend(args.iter().map(Into::into));
        parse(v).unwrap().unwrap()
    }

    fn socket(proto: Proto, family: Family, dual: bool, local: &str, port: u16) -> Socket {
        Socket {
            dual_stack: dual,
            state: Some(State::Listen),
            recv_q: Some(0),
            send_q: Some(0),
            cookie: Some(0xfffff80003d51000),
            ..Socket::new(
                proto,
                family,
                rnetstat_core::SockType::Stream,
                Endpoint::Inet {
                    addr: local.parse().unwrap(),
                    port,
                },
                Endpoint::Inet {
                    addr: if family == Family::Inet6 {
                        "::"
                    } else {
                        "0.0.0.0"
                    }
                    .parse()
                    .unwrap(),
                    port: 0,
                },
            )
        }
    }

    fn row(s: &Socket, args: &[&str]) -> String {
        let o = opts(args);
        let mut line = String::new();
        inet_row(&mut line, s, &o, &Layout::new(&o), &mut Resolver::new(true));
        line
    }

    #[test]
    fn dual_stack_sockets_show_their_ipv4_half() {
        let any = socket(Proto::Tcp, Family::Inet6, true, "::", 8080);
        assert_eq!(
            row(&any, &["-an"]),
            "tcp46          0      0 *.8080                 *.*                    LISTEN     \n"
        );
        let mapped = socket(Proto::Tcp, Family::Inet6, true, "::ffff:192.0.2.10", 8080);
        assert!(row(&mapped, &["-an"]).starts_with("tcp46          0      0 192.0.2.10.8080 "));
    }

    #[test]
    fn raw_sockets_are_named_as_netstat_names_them() {
        let mut s = socket(Proto::Raw, Family::Inet6, false, "::", 0);
        s.state = None;
        for (p, name) in [(58, "icm6 "), (255, "ip66 "), (89, "raw6 ")] {
            s.ip_proto = Some(p);
            assert!(row(&s, &["-an"]).starts_with(name), "{p}");
        }
        s.family = Family::Inet;
        s.ip_proto = Some(2);
        assert!(row(&s, &["-an"]).starts_with("igm4 "));
    }

    #[test]
    fn long_hosts_are_cut_as_netstat_cuts_them() {
        let s = socket(
            Proto::Tcp,
            Family::Inet6,
            false,
            "2001:db8:1234:5678::10",
            22,
        );
        // 16 characters of host, then the port, in a column of 22; with -A the column is 18
        // and the whole cell is cut to it.
        assert!(row(&s, &["-an"]).contains(" 2001:db8:1234:56.22   "));
        assert!(row(&s, &["-anA"]).contains(" 2001:db8:1234:56.2 *.*"));
        assert!(row(&s, &["-anW"]).contains(" 2001:db8:1234:5678::10.22 "));
    }
}
