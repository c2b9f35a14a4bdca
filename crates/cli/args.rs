//! Command-line arguments: BSD netstat(1) flags through clap, plus the check that turns Linux
//! netstat habits (`-tulpn`) into a clear hint instead of silent nonsense.

mod check;
#[cfg(test)]
mod completions;
mod filter;
mod platform;
mod selectors;

pub use selectors::{Protocol, QueueSelector, TableSelector};

use clap::{Arg, ArgAction, ArgMatches, Command};
use rnetstat_core::{Error, Family, Filter, Platform, Proto, Result};
use std::ffi::OsString;
use std::path::PathBuf;

/// Which netstat display to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    /// `-r`: routing tables.
    Routes,
    /// `-i` or `-I if`: interfaces.
    Interfaces,
    /// `-g`: multicast group memberships.
    Multicast,
    /// `-m`: memory statistics.
    Memory,
    /// `-R` / `-x`: neighbour reachability.
    Reachability,
    /// `-S -I if`: link status.
    LinkStatus,
    /// `-w wait` (with `-i`, `-I if` or alone): the running traffic display.
    Traffic,
    /// `-B [-I if]`: packet taps (bpf(4) peers; Linux AF_PACKET sockets).
    Taps,
    /// `-q -I if`: send-queue statistics.
    Queues,
    /// No display flag: the socket list.
    Sockets,
}

/// Everything the displays need from the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// The display.
    pub display: Display,
    /// `-a`: all entries.
    pub all: bool,
    /// `-n`: numeric addresses.
    pub numeric: bool,
    /// `-l` count: full IPv6 addresses; with -r the Mtu column.
    pub long: u8,
    /// `-W`: never truncate.
    pub wide: bool,
    /// `-b`: bytes in and out.
    pub bytes: bool,
    /// `-d`: drops.
    pub drops: bool,
    /// `-v` count: more detail.
    pub verbose: u8,
    /// `-s` count: statistics; twice: without zero counters.
    pub stats: u8,
    /// `-m` count: memory statistics; twice: more detail.
    pub memory: u8,
    /// `-L`: listen queues.
    pub listen_queues: bool,
    /// `-q` count: send-queue statistics; twice: with classes and rate estimates.
    pub queues: u8,
    /// `-c queue`: with -q, only this queue (a handle such as `1:10`, or a kind such as `htb`).
    pub queue: Option<QueueSelector>,
    /// `-x`: extended reachability information.
    pub extended: bool,
    /// `-A`: kernel identity of each socket.
    pub kernel_ids: bool,
    /// `-f`: one address family.
    pub family: Option<Family>,
    /// `-I`: one interface.
    pub interface: Option<String>,
    /// `-p`: one protocol (for the socket and statistics displays).
    pub protocol: Option<Protocol>,
    /// `-F`: one routing table, by number or by the platform's name for it.
    pub table: Option<TableSelector>,
    /// `-w wait`: seconds between readings (the traffic display, or `-s` as deltas).
    pub wait: Option<u32>,
    /// `--json`.
    pub json: bool,
    /// `-M dir`: read a snapshot instead of the live kernel.
    pub snapshot: Option<PathBuf>,
    /// `--capture dir`: write the kernel's answers to dir.
    pub capture: Option<PathBuf>,
    /// FreeBSD `-S`: hosts as numbers, ports by name.
    pub numeric_hosts: bool,
    /// FreeBSD `-R`: the flow id and type of each socket.
    pub flows: bool,
    /// FreeBSD `-x`: socket buffer sizes and use, TCP timers.
    pub buffers: bool,
    /// FreeBSD `-T`: TCP retransmitted, out-of-order and zero-window packet counts.
    pub tcp_counters: bool,
    /// FreeBSD `-c`: the TCP stack of each connection.
    pub tcp_stack: bool,
    /// FreeBSD `-C`: congestion control algorithm, window, threshold, MSS and ECN.
    pub tcp_cc: bool,
    /// FreeBSD `-P`: the TCP log id.
    pub log_ids: bool,
    /// FreeBSD `-h`: interface counters in human-readable units.
    pub human: bool,
    /// `-j`: read the network state of this jail (FreeBSD) or network namespace (Linux: a
    /// name, pid, path or `all`).
    pub jail: Option<String>,
    /// `--prometheus[=FILE]`: the display's measurements as Prometheus text, on stdout or
    /// written atomically to FILE.
    pub prometheus: Option<PrometheusTarget>,
    /// The filter expression after the options: only the sockets it selects.
    pub filter: Option<Filter>,
}

/// Where `--prometheus` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrometheusTarget {
    /// `--prometheus` or `--prometheus=-`: standard output.
    Stdout,
    /// `--prometheus=FILE`: FILE, replaced atomically (node_exporter's textfile collector).
    File(PathBuf),
}

/// The clap command for the flag meanings of `platform`'s netstat.
pub fn command(platform: Platform) -> Command {
    let flag = |id: &'static str, short: char, help: &'static str| {
        Arg::new(id)
            .short(short)
            .help(help)
            .action(ArgAction::SetTrue)
    };
    // -h is FreeBSD's human-readable counts on every system; --help prints the help.
    let cmd = Command::new("rnetstat")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .long("help")
                .action(ArgAction::Help)
                .help("Print help"),
        )
        .arg(flag(
            "human",
            'h',
            "With -i, -I or -w, show counts in human-readable units (1.8k, 52M)",
        ))
        .version(env!("CARGO_PKG_VERSION"))
        .about("show network status, as BSD netstat(1) does, as tables or JSON")
        .override_usage(
            "rnetstat -r [-alnW] [-f address_family] [-F table] [--json]\n       \
             rnetstat -i | -I interface [-bdnW] [-f address_family] [--json]\n       \
             rnetstat -g [-v] [-f address_family] [-I interface] [--json]\n       \
             rnetstat -B [-vW] [-I interface] [--json]\n       \
             rnetstat -q [-q] -I interface [-c queue] [--json]\n       \
             rnetstat [-AaLnvW] [-f address_family] [-p protocol] [--json] [filter expression]\n       \
             rnetstat [-M dir | --capture dir] <display flags>",
        )
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .long("version")
                .action(ArgAction::Version)
                .help("Print the version"),
        )
        .arg(flag("route", 'r', "Show the routing tables"))
        .arg(flag("interfaces", 'i', "Show the state of interfaces"))
        .arg(flag("groups", 'g', "Show multicast group memberships"))
        .arg(
            Arg::new("reachability")
                .long("reachability")
                .action(ArgAction::SetTrue)
                .help("Show neighbour reachability (ARP, NDP); with -i -I, of one interface (-R but on FreeBSD)"),
        )
        .arg(flag(
            "taps",
            'B',
            "Show packet taps (packet sockets, bpf peers); with -I, of one interface",
        ))
        .arg(
            Arg::new("link_status")
                .long("link-status")
                .action(ArgAction::SetTrue)
                .help("Show the link status of the interface named with -I (-S but on FreeBSD)"),
        )
        .arg(
            Arg::new("queues")
                .short('q')
                .action(ArgAction::Count)
                .help("Show the send queues of the interface named with -I; twice: with classes"),
        )
        .arg(
            Arg::new("queue")
                .long("queue")
                .value_name("queue")
                .help("With -q, only this queue: a handle (1: or 1:10) or a kind (htb) (-c but on FreeBSD)"),
        )
        .arg(
            Arg::new("memory")
                .short('m')
                .action(ArgAction::Count)
                .help("Show socket memory statistics; twice: per protocol and per CPU too"),
        )
        .arg(
            Arg::new("stats")
                .short('s')
                .action(ArgAction::Count)
                .help("Statistics (with -g: multicast); twice: leave out zero counters"),
        )
        .arg(flag(
            "listen_queues",
            'L',
            "Show the listen queues of listening sockets",
        ))
        .arg(flag(
            "kernel_ids",
            'A',
            "With the socket display, show each socket's kernel identity",
        ))
        .arg(
            Arg::new("verbose")
                .short('v')
                .action(ArgAction::Count)
                .help("More detail; with -g also link-layer memberships"),
        )
        .arg(
            Arg::new("interface")
                .short('I')
                .value_name("interface")
                .help("Show only this interface"),
        )
        .arg(flag(
            "all",
            'a',
            "With -r, also the kernel's local, broadcast and multicast routes",
        ))
        .arg(flag(
            "numeric",
            'n',
            "Show network addresses as numbers, without looking up names",
        ))
        .arg(
            Arg::new("long")
                .short('l')
                .action(ArgAction::Count)
                .help("With -r, add the Mtu column and print IPv6 addresses in full"),
        )
        .arg(flag("wide", 'W', "Never truncate addresses or names"))
        .arg(
            Arg::new("wait")
                .short('w')
                .value_name("wait")
                .help("Every wait seconds: interface traffic (with -I, of one); with -s, the counters' change"),
        )
        .arg(flag("bytes", 'b', "With -i, show bytes in and out"))
        .arg(flag("drops", 'd', "With -i, show dropped packets"))
        .arg(
            Arg::new("family")
                .short('f')
                .value_name("address_family")
                .help("Only this address family: inet, inet6, link, unix, vsock"),
        )
        .arg(flag("inet4", '4', "Only IPv4: the same as -f inet (FreeBSD, ss)"))
        .arg(flag("inet6", '6', "Only IPv6: the same as -f inet6 (FreeBSD, ss)"))
        .arg(Arg::new("protocol").short('p').value_name("protocol").help(
            "Only this protocol: tcp, udp, udplite, raw, icmp, icmp6, igmp, ip, ip6, sctp, ...",
        ))
        .arg(
            Arg::new("table")
                .short('F')
                .value_name("table")
                .help("With -r, only this routing table (number, main, local, default)"),
        )
        .arg(
            Arg::new("json")
                .long("json")
                .action(ArgAction::SetTrue)
                .help("Print JSON (see schema/ and rnetstat(1))"),
        )
        // --prometheus: see crates/cli/prometheus.rs.
        .arg(
            Arg::new("prometheus")
                .long("prometheus")
                .value_name("file")
                .num_args(0..=1)
                .require_equals(true)
                .default_missing_value("-")
                .value_parser(clap::value_parser!(PathBuf))
                .conflicts_with("json")
                .help("Print the display's measurements as Prometheus metrics; =file: write them to file atomically (with -w, every wait seconds)"),
        )
        .arg(
            Arg::new("snapshot")
                .short('M')
                .value_name("dir")
                .value_parser(clap::value_parser!(PathBuf))
                .help("Read a snapshot directory (from --capture) instead of the live kernel"),
        )
        .arg(
            Arg::new("capture")
                .long("capture")
                .value_name("dir")
                .value_parser(clap::value_parser!(PathBuf))
                .conflicts_with("snapshot")
                .help("Also write the kernel's raw answers into dir, for -M"),
        )
        .arg(
            Arg::new("filter")
                .value_name("filter")
                .num_args(0..)
                .trailing_var_arg(true)
                .value_parser(filter::Words)
                .hide_possible_values(true)
                .help("With the socket display, only the sockets this expression selects: state established and dport 443 (see FILTERS in rnetstat(1))"),
        );
    match platform {
        Platform::FreeBsd => freebsd_flags(cmd, flag),
        Platform::Linux => linux_flags(macos_flags(cmd, &flag), flag),
        Platform::MacOs => macos_flags(cmd, &flag),
    }
}

/// Linux: macOS's letters, FreeBSD's socket columns -T and -C (-x is both: see
/// [`socket_x`]), and `-j`, which names a network namespace (FreeBSD's names a jail).
fn linux_flags(cmd: Command, flag: impl Fn(&'static str, char, &'static str) -> Arg) -> Command {
    cmd.mut_arg("extended", |a| {
        a.help("Show reachability with timers, probes and references; with -a, -A, -L, -p, -T or -C, socket buffers and TCP timers")
    })
    .arg(flag(
        "tcp_counters",
        'T',
        "With the socket display, show TCP retransmits and out-of-order packets",
    ))
    .arg(flag(
        "tcp_cc",
        'C',
        "With the socket display, show congestion control, window, threshold, MSS and ECN",
    ))
    .arg(
        Arg::new("jail")
            .short('j')
            .value_name("netns")
            .help("Show this network namespace: a name in /run/netns, a pid, a path, or all"),
    )
}

/// Linux's `-x`: FreeBSD's socket buffers and TCP timers when the command line names the
/// socket display (-a, -A, -L, -p, -T or -C) and not -R, -i or -I; otherwise macOS's
/// extended reachability.
fn socket_x(m: &ArgMatches, platform: Platform) -> bool {
    let on = |id: &str| matches!(m.try_get_one::<bool>(id), Ok(Some(true)));
    let given = |id: &str| m.value_source(id) == Some(clap::parser::ValueSource::CommandLine);
    let sockets = [
        "all",
        "kernel_ids",
        "listen_queues",
        "tcp_counters",
        "tcp_cc",
    ]
    .iter()
    .any(|id| on(id))
        || given("protocol");
    platform == Platform::Linux
        && on("extended")
        && sockets
        && !on("reachability")
        && !on("interfaces")
        && !given("interface")
}

/// The letters macOS's netstat (and so rnetstat on Linux) gives to displays and selectors.
fn macos_flags(cmd: Command, flag: &impl Fn(&'static str, char, &'static str) -> Arg) -> Command {
    cmd.mut_arg("reachability", |a| a.short('R'))
        .mut_arg("link_status", |a| a.short('S'))
        .mut_arg("queue", |a| a.short('c'))
        .arg(flag(
            "extended",
            'x',
            "Show reachability with timers, probes and references",
        ))
}

/// FreeBSD's netstat letters: socket display columns, numeric hosts, human-readable counts,
/// unix sockets and jails.
fn freebsd_flags(cmd: Command, flag: impl Fn(&'static str, char, &'static str) -> Arg) -> Command {
    cmd.arg(flag(
            "numeric_hosts",
            'S',
            "Show hosts as numbers, ports by name",
        ))
        .arg(flag("flows", 'R', "With the socket display, show flow ids and types"))
        .arg(flag(
            "buffers",
            'x',
            "With the socket display, show socket buffers and TCP timers; with --reachability, timers and probes",
        ))
        .arg(flag(
            "tcp_counters",
            'T',
            "With the socket display, show TCP retransmits, out-of-order packets and zero windows",
        ))
        .arg(flag("tcp_stack", 'c', "With the socket display, show each TCP connection's stack"))
        .arg(flag(
            "tcp_cc",
            'C',
            "With the socket display, show congestion control, window, threshold, MSS and ECN",
        ))
        .arg(flag("log_ids", 'P', "With the socket display, show each TCP connection's log id"))
        .arg(flag("unix", 'u', "Only unix sockets: the same as -f unix"))
        .arg(
            Arg::new("jail")
                .short('j')
                .value_name("jail")
                .help("Show the network state of this jail (a name or number)"),
        )
}

/// Parse the command line. `Ok(None)` means help or version was printed.
pub fn parse(args: Vec<OsString>) -> Result<Option<Options>> {
    let platform = platform::of_command_line(&args);
    check_linux_habits(&args, platform)?;
    let matches = match command(platform).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return clap_error(e),
    };
    from_matches(&matches, platform).map(Some)
}

fn from_matches(m: &ArgMatches, platform: Platform) -> Result<Options> {
    // A switch this platform's command does not define is off.
    let on = |id: &str| matches!(m.try_get_one::<bool>(id), Ok(Some(true)));
    let interface = m.get_one::<String>("interface").cloned();
    // One display at a time; -I alone means the interface display, with -g it filters.
    let chosen: Vec<(&str, Display)> = [
        ("-r", "route", Display::Routes),
        ("-i", "interfaces", Display::Interfaces),
        ("-g", "groups", Display::Multicast),
        ("-m", "memory", Display::Memory),
        ("-q", "queues", Display::Queues),
    ]
    .into_iter()
    // Given on the command line, whether the flag is a switch or a count (-m, -mm).
    .filter(|(_, id, _)| m.value_source(id) == Some(clap::parser::ValueSource::CommandLine))
    .map(|(flag, _, d)| (flag, d))
    .collect();
    // -R (or -x), -S and -B name their displays outright; with them and with -q, -i is only the
    // interface form of the command line (netstat -i | -I interface [-qRS]), not a display.
    let socket_x = socket_x(m, platform);
    let reach = on("reachability") || (on("extended") && !socket_x);
    let specific: Vec<(&str, Display)> = [
        ("-R", reach, Display::Reachability),
        ("-S", on("link_status"), Display::LinkStatus),
        ("-B", on("taps"), Display::Taps),
    ]
    .into_iter()
    .filter(|(_, given, _)| *given)
    .map(|(flag, _, d)| (flag, d))
    .collect();
    let mut chosen = chosen;
    if !specific.is_empty() || chosen.iter().any(|(f, _)| *f == "-q") {
        chosen.retain(|(f, _)| *f != "-i");
    }
    let chosen: Vec<(&str, Display)> = specific.into_iter().chain(chosen).collect();
    let display = match chosen.as_slice() {
        [] if interface.is_some() => Display::Interfaces,
        [] => Display::Sockets,
        [(_, d)] => *d,
        [(a, _), (b, _), ..] => {
            return Err(Error::Usage(format!(
                "{a} and {b} are different displays; give one of them"
            )))
        }
    };
    let wait = m
        .get_one::<String>("wait")
        .map(|w| parse_wait(w))
        .transpose()?;
    let stats = m.get_count("stats");
    let prometheus = m
        .get_one::<PathBuf>("prometheus")
        .map(|p| match p.to_str() {
            Some("-") => PrometheusTarget::Stdout,
            _ => PrometheusTarget::File(p.clone()),
        });
    let display = match (wait, display) {
        (None, d) => d,
        // --prometheus=FILE -w: the same display, its file rewritten every wait seconds.
        (Some(_), d) if prometheus.is_some() => d,
        (Some(_), Display::Interfaces) if stats > 0 => {
            return Err(Error::Usage(
                "-w does not go with the per-interface statistics (-i -s, -I if -s); -s -w shows the whole system's".into(),
            ))
        }
        (Some(_), Display::Sockets) if stats > 0 => display,
        (Some(_), Display::Sockets | Display::Interfaces) => Display::Traffic,
        (Some(_), _) => {
            return Err(Error::Usage(
                "-w goes with the interface traffic display (-w wait [-I interface]) or the statistics (-s -w wait)".into(),
            ))
        }
    };
    if wait.is_some() && m.get_one::<PathBuf>("snapshot").is_some() {
        return Err(Error::Usage(
            "-w reads the live kernel again and again; it does not go with -M".into(),
        ));
    }
    if wait.is_some() && m.get_one::<PathBuf>("capture").is_some() {
        return Err(Error::Usage(
            "--capture saves one reading; it does not go with -w".into(),
        ));
    }
    if m.contains_id("queue") && display != Display::Queues {
        return Err(Error::Usage(
            "-c (--queue) names a queue of the queue statistics: rnetstat -q -I interface -c queue"
                .into(),
        ));
    }
    let family = m
        .get_one::<String>("family")
        .map(|f| f.parse::<Family>().map_err(Error::Usage))
        .transpose()?;
    // -4 and -6 name a family as -f does; both together name none, as on FreeBSD.
    let family = match (on("inet4"), on("inet6"), family) {
        (false, false, f) => f,
        (true, true, None) => None,
        (true, false, None | Some(Family::Inet)) => Some(Family::Inet),
        (false, true, None | Some(Family::Inet6)) => Some(Family::Inet6),
        (_, _, Some(f)) => {
            return Err(Error::Usage(format!(
                "-4 and -6 name a family as -f does; -f {f} says another: give one of them"
            )))
        }
    };
    // FreeBSD's -u is -f unix.
    let family = match (on("unix"), family) {
        (false, f) => f,
        (true, None | Some(Family::Unix)) => Some(Family::Unix),
        (true, Some(f)) => {
            return Err(Error::Usage(format!(
                "-u is -f unix; -f {f} (or -4, -6) says another family: give one of them"
            )))
        }
    };
    let protocol = m
        .get_one::<String>("protocol")
        .map(|p| Protocol::parse(p))
        .transpose()?
        .map(|mut p| {
            // Only Linux lists ICMP (ping) sockets; the BSD forms list raw sockets with -p raw.
            if platform != Platform::Linux && matches!(p.socket, Some(Proto::Icmp | Proto::Icmp6)) {
                p.socket = None;
            }
            p
        });
    let table = m.get_one::<String>("table").map(|t| TableSelector::new(t));
    let queue = m
        .get_one::<String>("queue")
        .map(|q| QueueSelector::parse(q))
        .transpose()?;
    let opts = Options {
        display,
        all: on("all"),
        numeric: on("numeric"),
        long: m.get_count("long"),
        wide: on("wide"),
        bytes: on("bytes"),
        drops: on("drops"),
        verbose: m.get_count("verbose"),
        listen_queues: on("listen_queues"),
        stats,
        memory: m.get_count("memory"),
        queues: m.get_count("queues"),
        queue,
        kernel_ids: on("kernel_ids"),
        extended: (on("extended") && !socket_x)
            || (on("buffers") && display == Display::Reachability),
        family,
        interface,
        protocol,
        table,
        wait,
        json: on("json"),
        snapshot: m.get_one::<PathBuf>("snapshot").cloned(),
        capture: m.get_one::<PathBuf>("capture").cloned(),
        numeric_hosts: on("numeric_hosts"),
        flows: on("flows"),
        // FreeBSD's -x: the socket buffers, or with --reachability its extended form.
        // Linux's -x with the socket display is FreeBSD's too.
        buffers: (on("buffers") && display != Display::Reachability) || socket_x,
        tcp_counters: on("tcp_counters"),
        tcp_stack: on("tcp_stack"),
        tcp_cc: on("tcp_cc"),
        log_ids: on("log_ids"),
        human: on("human"),
        jail: m.try_get_one::<String>("jail").ok().flatten().cloned(),
        prometheus,
        filter: filter::parse(
            &m.get_many::<String>("filter")
                .map(|w| w.cloned().collect::<Vec<_>>())
                .unwrap_or_default(),
        )?,
    };
    check::combinations(&opts, platform)?;
    Ok(opts)
}

/// The `-w` interval: whole seconds, at least 1.
fn parse_wait(w: &str) -> Result<u32> {
    match w.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(Error::Usage(format!(
            "-w {w}: the wait is a whole number of seconds, at least 1 (Linux netstat's -w, raw sockets, is -p raw here)"
        ))),
    }
}

/// Turn clap's multi-line error into our one line; print help and version as usual.
fn clap_error(e: clap::Error) -> Result<Option<Options>> {
    use clap::error::{ContextKind, ErrorKind};
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            e.print().map_err(|e| Error::io("writing help", e))?;
            Ok(None)
        }
        kind => {
            let arg = e
                .get(ContextKind::InvalidArg)
                .map(|a| a.to_string())
                .unwrap_or_default();
            let msg = match kind {
                ErrorKind::UnknownArgument => {
                    format!("unknown option '{arg}' (see rnetstat --help)")
                }
                ErrorKind::InvalidValue if arg.is_empty() => {
                    "missing value (see rnetstat --help)".into()
                }
                ErrorKind::InvalidValue => format!("{arg} needs a value (see rnetstat --help)"),
                ErrorKind::ArgumentConflict => {
                    let other = e
                        .get(ContextKind::PriorArg)
                        .map(|a| a.to_string())
                        .unwrap_or_default();
                    format!("{arg} cannot be used with {other}")
                }
                _ => {
                    let text = e.to_string();
                    let first = text.lines().next().unwrap_or("bad arguments");
                    first.trim_start_matches("error: ").to_string()
                }
            };
            Err(Error::Usage(msg))
        }
    }
}

/// Letters that BSD netstat does not have but Linux net-tools netstat does (FreeBSD's
/// netstat has -u, -T and -C: [`FREEBSD_LETTERS`]; rnetstat on Linux takes FreeBSD's -T and
/// -C socket columns).
const LINUX_ONLY_LETTERS: &[char] = &['t', 'u', 'e', 'o', 'T', 'Z', 'C'];
/// Letters of [`LINUX_ONLY_LETTERS`] that FreeBSD's netstat has too.
const FREEBSD_LETTERS: &[char] = &['u', 'T', 'C'];
/// Letters of [`LINUX_ONLY_LETTERS`] that rnetstat on Linux takes with FreeBSD's meaning.
const LINUX_FREEBSD_LETTERS: &[char] = &['T', 'C'];
/// Long options of Linux net-tools netstat.
const LINUX_LONG: &[&str] = &[
    "--tcp",
    "--udp",
    "--udplite",
    "--raw",
    "--unix",
    "--listening",
    "--programs",
    "--program",
    "--numeric",
    "--all",
    "--route",
    "--interfaces",
    "--statistics",
    "--extend",
    "--timers",
    "--continuous",
    "--groups",
    "--masquerade",
    "--wide",
    "--verbose",
    "--inet",
    "--inet6",
];

/// Reject Linux net-tools syntax with a hint that says what to type instead; `platform`'s
/// netstat letters are not habits.
pub fn check_linux_habits(args: &[OsString], platform: Platform) -> Result<()> {
    let linux_only = |c: char| {
        LINUX_ONLY_LETTERS.contains(&c)
            && !(platform == Platform::FreeBsd && FREEBSD_LETTERS.contains(&c))
            && !(platform == Platform::Linux && LINUX_FREEBSD_LETTERS.contains(&c))
    };
    // FreeBSD's -c is a switch; -j takes a jail there and a network namespace on Linux.
    let valued: &[char] = if platform == Platform::FreeBsd {
        &['f', 'I', 'F', 'M', 'p', 'w', 'j']
    } else {
        &['f', 'I', 'F', 'M', 'p', 'w', 'c', 'j']
    };
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let name = format!("--{}", long.split('=').next().unwrap_or(""));
            if LINUX_LONG.contains(&name.as_str()) {
                return Err(Error::Usage(format!(
                    "'{name}' is Linux netstat syntax; rnetstat takes BSD netstat flags (see rnetstat --help)"
                )));
            }
            continue;
        }
        let Some(cluster) = arg.strip_prefix('-') else {
            continue;
        };
        // Skip the values of flags that take one (-f inet, -I eth0, ...).
        if let Some(pos) = cluster.find(valued) {
            let letters = &cluster[..pos];
            if letters.chars().any(linux_only) {
                return Err(habit(&arg));
            }
            // "-lnp" / "-anp": Linux's -p (programs) at the end of a cluster with no protocol.
            if cluster[pos..].starts_with('p')
                && pos + 1 == cluster.len()
                && letters.contains(['l', 'a', 'n'])
            {
                let next = iter.next();
                let known = next.as_deref().is_some_and(|n| !n.starts_with('-'));
                if !known {
                    return Err(habit(&arg));
                }
            } else if pos + 1 == cluster.len() {
                iter.next();
            }
            continue;
        }
        if cluster.chars().any(linux_only) {
            return Err(habit(&arg));
        }
    }
    Ok(())
}

/// The hint for a Linux-style cluster such as `-tulpn`.
fn habit(arg: &str) -> Error {
    let c: Vec<char> = arg.trim_start_matches('-').chars().collect();
    let has = |x: char| c.contains(&x);
    let mut flags = String::new();
    if has('r') {
        flags.push('r');
    }
    if has('i') {
        flags.push('i');
    }
    if has('s') {
        flags.push('s');
    }
    if has('a') || has('l') {
        flags.push('a');
    }
    if has('n') {
        flags.push('n');
    }
    // Linux's -e: with -i (ifconfig-style detail) the byte and drop columns; with sockets,
    // the owner (as -p).
    if has('i') && has('e') {
        flags.push_str("bd");
    } else if has('p') || has('e') {
        flags.push('v');
    }
    let mut suggestion = String::from("rnetstat");
    if !flags.is_empty() {
        suggestion.push_str(" -");
        suggestion.push_str(&flags);
    }
    match (has('t'), has('u')) {
        (true, false) => suggestion.push_str(" -p tcp"),
        (false, true) => suggestion.push_str(" -p udp"),
        _ => {}
    }
    Error::Usage(format!(
        "'{arg}' is Linux netstat syntax; rnetstat takes BSD flags (-p names a protocol, -l prints \
         full IPv6 addresses, -a shows listening sockets, -v shows processes): try '{suggestion}'"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<OsString> {
        std::iter::once("rnetstat")
            .chain(s.split_whitespace())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn linux_habits_get_a_hint() {
        let linux = Platform::Linux;
        let e = check_linux_habits(&args("-tulpn"), linux)
            .unwrap_err()
            .to_string();
        assert!(e.contains("try 'rnetstat -anv'"), "{e}");
        let e = check_linux_habits(&args("-tlnp"), linux)
            .unwrap_err()
            .to_string();
        assert!(e.contains("try 'rnetstat -anv -p tcp'"), "{e}");
        assert!(check_linux_habits(&args("-lnp"), linux).is_err());
        // -ie: Linux's extended interface list is -ibd (bytes and drops) here.
        let e = check_linux_habits(&args("-ie"), linux)
            .unwrap_err()
            .to_string();
        assert!(e.contains("try 'rnetstat -ibd'"), "{e}");
        assert!(check_linux_habits(&args("--listening"), linux).is_err());
        // FreeBSD's netstat has -u, -T and -C, but not -t.
        let freebsd = Platform::FreeBsd;
        for ok in ["-anT", "-anC", "-u", "-anc", "-j web -an"] {
            assert!(check_linux_habits(&args(ok), freebsd).is_ok(), "{ok}");
        }
        assert!(check_linux_habits(&args("-tulpn"), freebsd).is_err());
    }

    /// Every flag of the command, alone and in the combinations the displays use, parses
    /// without a panic (clap panics when a flag is read as another kind than it is).
    #[test]
    fn every_flag_parses() {
        for cmd in [command(Platform::Linux), command(Platform::FreeBsd)] {
            for a in cmd.get_arguments() {
                let Some(short) = a.get_short() else { continue };
                let mut argv = vec!["rnetstat".to_string(), format!("-{short}")];
                if a.get_action().takes_values() {
                    argv.push("inet".into());
                }
                let _ = parse(argv.into_iter().map(OsString::from).collect());
            }
        }
        for line in [
            "-rn",
            "-ian",
            "-g -v",
            "-gs",
            "-s",
            "-m",
            "-mm",
            "-anL",
            "-anvA",
            "-rnl -F 5",
            "-B",
            "-B -I eth0",
            "-q -I lo",
            "-qq -I lo -c 1:10",
            "-rn -j web",
            "-an -j all --json",
        ] {
            assert!(parse(args(line)).is_ok(), "{line}");
        }
    }

    /// Linux's -x: FreeBSD's socket buffers with the socket display's flags, macOS's
    /// extended reachability otherwise; -T and -C are FreeBSD's socket columns.
    #[test]
    fn linux_x_follows_the_display() {
        if platform::host() != Platform::Linux {
            return;
        }
        let o = |line: &str| parse(args(line)).unwrap().unwrap();
        for line in ["-anx", "-x -p tcp", "-Ax", "-nxT", "-xC"] {
            let opts = o(line);
            assert!(opts.buffers && !opts.extended, "{line}");
            assert_eq!(opts.display, Display::Sockets, "{line}");
        }
        for line in ["-x", "-nx", "-x -f inet6", "-Rx", "-xn -f inet -i -I lo"] {
            let opts = o(line);
            assert!(opts.extended && !opts.buffers, "{line}");
            assert_eq!(opts.display, Display::Reachability, "{line}");
        }
        assert!(o("-anT").tcp_counters && o("-anC").tcp_cc);
        assert!(check_linux_habits(&args("-anT"), Platform::Linux).is_ok());
        assert!(parse(args("-rC")).is_err());
    }

    #[test]
    fn bsd_flags_pass() {
        for ok in [
            "-rn",
            "-rnl",
            "-i -I eth0",
            "-ibdn",
            "-rn -f inet6",
            "-an -p tcp",
            "-rnF 100",
            "-I tun0",
        ] {
            assert!(
                check_linux_habits(&args(ok), Platform::Linux).is_ok(),
                "{ok}"
            );
        }
    }
}
