//! Statistics displays (`-s`, `-gs`): a section per protocol, `name:` and then one indented line
//! per counter in the kernel's order (`\t5 multicast packets received`), as netstat -s prints
//! them; `-ss` leaves out the counters that are zero and (but for BSD's sections, whose name
//! netstat prints in any case) the sections left empty.

use super::interval::{self, Tick};
use crate::args::Options;
use crate::json::Stream;
use rnetstat_core::{Backend, Error, Platform, Result, Shown, StatGroup};
use serde_json::{json, Value};
use std::io::Write;

/// Show `groups` of `backend`'s `display` ("multicast_statistics", ...).
pub fn show(
    opts: &Options,
    platform: Platform,
    display: &str,
    groups: &[StatGroup],
    out: &mut dyn Write,
) -> Result<()> {
    if opts.json {
        let mut stream = Stream::begin(out, display, platform, "statistics")?;
        for g in groups {
            stream.item(&group_json(opts, g))?;
        }
        return stream.end();
    }
    text(opts, groups, out)
}

/// One section as JSON: its protocol and counters (without the zero ones under `-ss`). The
/// BSD line forms add optional keys: `indent`, `second`, `headings`, `shown`.
fn group_json(opts: &Options, g: &StatGroup) -> Value {
    let skip_zero = opts.stats > 1;
    let counters: Vec<_> = g
        .counters
        .iter()
        .filter(|c| c.shown(skip_zero))
        .map(|c| {
            let mut v =
                json!({"name": c.name.as_str(), "value": c.value, "description": c.bare_description()});
            if let Some(tabs) = c.indent {
                v["indent"] = Value::from(tabs);
            }
            if let Some(second) = &c.second {
                v["second"] = json!({"name": second.0, "value": second.1});
            }
            if !c.headings.is_empty() {
                v["headings"] = Value::from(c.headings.clone());
            }
            match c.shown {
                Shown::Normal => {}
                Shown::Always => v["shown"] = Value::from("always"),
                Shown::NonZero => v["shown"] = Value::from("nonzero"),
            }
            v
        })
        .collect();
    let mut v = json!({"protocol": g.protocol, "counters": counters});
    let by_state: serde_json::Map<String, Value> = g
        .counters
        .iter()
        .filter(|c| c.shown(skip_zero))
        .filter_map(|c| Some((state_of(c.name.as_str())?.to_string(), Value::from(c.value))))
        .collect();
    if !by_state.is_empty() {
        v["connections_by_state"] = Value::Object(by_state);
    }
    v
}

/// FreeBSD's TCP states in the order of its `tcps_states[]` (TCPS_*).
const FREEBSD_TCP_STATES: [&str; 11] = [
    "CLOSED",
    "LISTEN",
    "SYN_SENT",
    "SYN_RCVD",
    "ESTABLISHED",
    "CLOSE_WAIT",
    "FIN_WAIT_1",
    "CLOSING",
    "LAST_ACK",
    "FIN_WAIT_2",
    "TIME_WAIT",
];

/// The TCP state a "connection count by state" counter counts: Linux's `tcp_states[NAME]`,
/// FreeBSD's `tcps_states[N]`.
fn state_of(name: &str) -> Option<&str> {
    if let Some(rest) = name.strip_prefix("tcp_states[") {
        return rest.strip_suffix(']');
    }
    let n: usize = name
        .strip_prefix("tcps_states[")?
        .strip_suffix(']')?
        .parse()
        .ok()?;
    FREEBSD_TCP_STATES.get(n).copied()
}

/// The sections as netstat -s prints them: a line per shown counter, indented by its tabs,
/// after the headings it has and the line before it had not.
fn text(opts: &Options, groups: &[StatGroup], out: &mut dyn Write) -> Result<()> {
    let skip_zero = opts.stats > 1;
    // One line at a time straight to `out` (already buffered): no copy of the whole display.
    let mut line = String::with_capacity(128);
    for g in groups {
        let mut shown = g.counters.iter().filter(|c| c.shown(skip_zero)).peekable();
        // BSD netstat prints a section's name even when -ss leaves none of its lines.
        let bsd = g.counters.iter().any(|c| c.indent.is_some());
        if skip_zero && !bsd && shown.peek().is_none() {
            continue;
        }
        out.write_all(g.protocol.as_bytes())?;
        out.write_all(b":\n")?;
        let mut open: &[String] = &[];
        for c in shown {
            line.clear();
            let tabs = usize::from(c.tabs());
            let same = open
                .iter()
                .zip(&c.headings)
                .take_while(|(a, b)| a == b)
                .count();
            let depth = c.headings.len();
            for (i, h) in c.headings.iter().enumerate().skip(same) {
                push_tabs(&mut line, tabs.saturating_sub(depth - i));
                line.push_str(h);
                line.push('\n');
            }
            open = &c.headings;
            push_tabs(&mut line, tabs);
            c.write_text(&mut line);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

fn push_tabs(text: &mut String, n: usize) {
    for _ in 0..n {
        text.push('\t');
    }
}

/// Counters that hold a level rather than count events: `-s -w` shows their value, not a change.
const GAUGES: &[&str] = &[
    "Forwarding",
    "DefaultTTL",
    "RtoAlgorithm",
    "RtoMin",
    "RtoMax",
    "MaxConn",
    "CurrEstab",
    "MPCurrEstab",
    "SctpCurrEstab",
    // BSD: open sockets (macOS), routes awaiting release, the ICMP mask-reply setting.
    "pcbcount",
    "rttrash",
    "maskrepl",
];

/// Whether counter `name` holds a level: one of [`GAUGES`] or a count of TCP connections in
/// one state (FreeBSD's `tcps_states[N]`, Linux's `tcp_states[NAME]`).
pub fn is_gauge(name: &str) -> bool {
    GAUGES.contains(&name) || state_of(name).is_some()
}

/// `groups` with each counter's change since `before` (matched by section and name); with
/// `only_changed` (`-ss`) without the gauges that kept their level.
fn changes(groups: &[StatGroup], before: &[StatGroup], only_changed: bool) -> Vec<StatGroup> {
    groups
        .iter()
        .map(|g| {
            let old = before.iter().find(|b| b.protocol == g.protocol);
            let counters = g
                .counters
                .iter()
                .filter_map(|c| {
                    let was = old.and_then(|o| o.counters.iter().find(|x| x.name == c.name));
                    let then = was.map_or(0, |x| x.value);
                    let mut c = c.clone();
                    if !is_gauge(&c.name) {
                        c.value = interval::delta(c.value, then);
                        if let Some(second) = &mut c.second {
                            let before = was.and_then(|x| x.second.as_ref()).map_or(0, |s| s.1);
                            second.1 = interval::delta(second.1, before);
                        }
                    } else if only_changed && c.value == then {
                        return None;
                    }
                    Some(c)
                })
                .collect();
            StatGroup {
                protocol: g.protocol.clone(),
                counters,
            }
        })
        .collect()
}

/// `-s -w wait`: the counters now, then their change over each interval. In text a line
/// `--- changes in the last N s, at TIME ---` comes before each change; in JSON each reading
/// is one object on one line, with its time.
fn running(
    opts: &Options,
    wait: u32,
    backend: &mut dyn Backend,
    read: &dyn Fn(&mut dyn Backend) -> Result<Vec<StatGroup>>,
    first: Vec<StatGroup>,
    out: &mut dyn Write,
) -> Result<()> {
    let platform = backend.platform();
    let mut first = Some(first);
    let mut before: Option<Vec<StatGroup>> = None;
    interval::every(wait, out, &mut |tick: &Tick, out: &mut dyn Write| {
        let now = match first.take() {
            Some(groups) => groups,
            None => read(backend)?,
        };
        let shown = match &before {
            None => now.clone(),
            Some(b) => changes(&now, b, opts.stats > 1),
        };
        before = Some(now);
        if opts.json {
            let groups: Vec<Value> = shown.iter().map(|g| group_json(opts, g)).collect();
            let doc = json!({
                "schema": crate::json::SCHEMA_VERSION,
                "display": "statistics",
                "platform": platform.name(),
                "time": tick.time,
                "interval": wait,
                "since_boot": tick.first,
                "statistics": groups,
            });
            crate::json::document(out, doc)?;
            return Ok(());
        }
        if !tick.first {
            writeln!(
                out,
                "--- changes in the last {wait} s, at {} ---",
                tick.time
            )?;
        }
        text(opts, &shown, out)
    })
}

/// The statistics sections of `-p protocol`: a protocol's own section and its extensions.
fn sections_of(protocol: &str) -> &'static [&'static str] {
    match protocol {
        "tcp" => &["tcp", "tcpext"],
        "udp" => &["udp", "udp6"],
        "udplite" => &["udplite", "udplite6"],
        "ip" => &["ip", "ipext"],
        "ip6" => &["ip6"],
        "icmp" => &["icmp", "icmpmsg"],
        "icmp6" => &["icmp6"],
        "mptcp" => &["mptcp"],
        "igmp" => &["igmp"],
        "pim" => &["pim"],
        "arp" => &["arp"],
        "rip6" => &["rip6"],
        "sctp" => &["sctp"],
        _ => &[],
    }
}

/// The sections `-p` and `-f` keep.
struct Selection<'a> {
    family: Option<&'static str>,
    protocol: Option<&'a str>,
}

impl<'a> Selection<'a> {
    fn of(opts: &'a Options) -> Self {
        Selection {
            family: opts.family.map(|f| f.name()),
            protocol: opts.protocol.as_ref().map(|p| p.name),
        }
    }

    /// Whether section `name` of `family` is kept.
    fn wants(&self, name: &str, family: &str) -> bool {
        self.family.is_none_or(|f| f == family)
            && self.protocol.is_none_or(|p| sections_of(p).contains(&name))
    }

    /// What was asked for, for the line that says nothing is kept.
    fn what(&self) -> &str {
        self.protocol.or(self.family).unwrap_or("any protocol")
    }
}

/// The protocol statistics sections `-p` and `-f` keep, read from `backend`.
pub fn protocol_groups(opts: &Options, backend: &mut dyn Backend) -> Result<Vec<StatGroup>> {
    let selection = Selection::of(opts);
    backend.protocol_stats(&|n, f| selection.wants(n, f))
}

/// `-s`: protocol statistics, all of them, one protocol's (`-p`) or one family's (`-f`).
pub fn protocols(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let selection = Selection::of(opts);
    let read = |backend: &mut dyn Backend| protocol_groups(opts, backend);
    let groups = read(backend)?;
    if groups.is_empty() && !opts.json {
        let what = selection.what();
        writeln!(out, "{what}: no statistics kept by this system")?;
        return Ok(());
    }
    if let Some(wait) = opts.wait {
        return running(opts, wait, backend, &read, groups, out);
    }
    show(opts, backend.platform(), "statistics", &groups, out)
}

/// `-I if -s` and `-i -s`: per-interface protocol statistics, a section `proto (ifname):` per
/// protocol the system keeps per interface, for one interface or every one.
pub fn interfaces(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let selection = Selection::of(opts);
    let wanted = |name: &str, family: &str| selection.wants(name, family);
    let names: Vec<String> = backend
        .interfaces()?
        .into_iter()
        .map(|i| i.name)
        .filter(|n| opts.interface.as_ref().is_none_or(|want| want == n))
        .collect();
    if let Some(want) = &opts.interface {
        if names.is_empty() {
            return Err(Error::UnknownInterface(want.clone()));
        }
    }
    let mut sections: Vec<(String, StatGroup)> = Vec::new();
    for name in names {
        for g in backend.interface_stats(&name, &wanted)? {
            sections.push((name.clone(), g));
        }
    }
    if opts.json {
        let platform = backend.platform();
        let mut stream = Stream::begin(out, "interface_statistics", platform, "statistics")?;
        for (name, g) in &sections {
            let mut v = group_json(opts, g);
            v["interface"] = Value::from(name.as_str());
            stream.item(&v)?;
        }
        return stream.end();
    }
    if sections.is_empty() {
        let what = selection.what();
        let on = opts.interface.as_deref().unwrap_or("any interface");
        writeln!(
            out,
            "{what}: no statistics kept per interface on {on} by this system"
        )?;
        return Ok(());
    }
    let named: Vec<StatGroup> = sections
        .into_iter()
        .map(|(name, g)| StatGroup {
            protocol: format!("{} ({name})", g.protocol),
            counters: g.counters,
        })
        .collect();
    text(opts, &named, out)
}

/// `-rs`: routing statistics.
pub fn routing(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let groups = backend.routing_stats()?;
    if groups.is_empty() && !opts.json {
        writeln!(out, "routing: no statistics kept by this system")?;
        return Ok(());
    }
    show(opts, backend.platform(), "routing_statistics", &groups, out)
}

/// `-m` / `-mm`: memory statistics.
pub fn memory(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let groups = backend.memory_stats(opts.memory > 1)?;
    show(opts, backend.platform(), "memory_statistics", &groups, out)
}

/// `-gs`: multicast statistics.
pub fn multicast(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let groups = backend.multicast_stats()?;
    show(
        opts,
        backend.platform(),
        "multicast_statistics",
        &groups,
        out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rnetstat_core::Counter;

    fn tcp(curr: u64, segs: u64) -> Vec<StatGroup> {
        vec![StatGroup {
            protocol: "tcp".into(),
            counters: vec![
                Counter::new("CurrEstab", curr, "{} connections established"),
                Counter::new("InSegs", segs, "{} segments received"),
            ],
        }]
    }

    #[test]
    fn decimal_numbers() {
        for v in [0, 7, 10, 1234567890, u64::MAX] {
            let mut t = String::new();
            rnetstat_core::stats::push_u64(&mut t, v);
            assert_eq!(t, v.to_string());
        }
    }

    #[test]
    fn changes_keep_gauges_and_survive_resets() {
        let c = changes(&tcp(4, 150), &tcp(3, 100), false);
        assert_eq!(c[0].counters[0].value, 4, "a gauge keeps its level");
        assert_eq!(c[0].counters[1].value, 50);
        let reset = changes(&tcp(4, 7), &tcp(3, 100), false);
        let quiet = changes(&tcp(3, 100), &tcp(3, 100), true);
        assert_eq!(
            quiet[0].counters.len(),
            1,
            "-ss leaves out a gauge that kept its level"
        );
        assert_eq!(
            reset[0].counters[1].value, 7,
            "a counter that went back shows its value"
        );
    }
}
