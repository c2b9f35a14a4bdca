//! Statistics displays (`-s`, `-gs`): a section per protocol, `name:` and then one indented line
//! per counter in the kernel's order (`\t5 multicast packets received`), as netstat -s prints
//! them; `-ss` leaves out the counters that are zero and the sections left empty.

use crate::args::Options;
use crate::json::Stream;
use rnetstat_core::{Backend, Result, StatGroup};
use serde_json::json;
use std::io::Write;

/// Show `groups` of `backend`'s `display` ("multicast_statistics", ...).
pub fn show(
    opts: &Options,
    platform: &str,
    display: &str,
    groups: &[StatGroup],
    out: &mut dyn Write,
) -> Result<()> {
    let skip_zero = opts.stats > 1;
    if opts.json {
        let mut stream = Stream::begin(out, display, platform, "statistics")?;
        for g in groups {
            let counters: Vec<_> = g
                .counters
                .iter()
                .filter(|c| !(skip_zero && c.value == 0))
                .map(|c| json!({"name": c.name, "value": c.value, "description": c.description.replace("{} ", "").replace("{}", "")}))
                .collect();
            stream.item(&json!({"protocol": g.protocol, "counters": counters}))?;
        }
        return stream.end();
    }
    let mut text = String::new();
    for g in groups {
        let lines: Vec<String> = g
            .counters
            .iter()
            .filter(|c| !(skip_zero && c.value == 0))
            .map(|c| format!("\t{}\n", c.text()))
            .collect();
        if lines.is_empty() && skip_zero {
            continue;
        }
        text.push_str(&g.protocol);
        text.push_str(":\n");
        for l in lines {
            text.push_str(&l);
        }
    }
    out.write_all(text.as_bytes())?;
    Ok(())
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
        _ => &[],
    }
}

/// `-s`: protocol statistics, all of them, one protocol's (`-p`) or one family's (`-f`).
pub fn protocols(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let family = opts.family.map(|f| f.name());
    let protocol = opts.protocol.as_deref();
    let groups = backend.protocol_stats(&|name, fam| {
        family.is_none_or(|f| f == fam) && protocol.is_none_or(|p| sections_of(p).contains(&name))
    })?;
    if groups.is_empty() && !opts.json {
        let what = protocol.or(family).unwrap_or("any protocol");
        writeln!(out, "{what}: no statistics kept by this system")?;
        return Ok(());
    }
    show(opts, backend.platform(), "statistics", &groups, out)
}

/// `-rs`: routing statistics.
pub fn routing(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let groups = backend.routing_stats()?;
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
