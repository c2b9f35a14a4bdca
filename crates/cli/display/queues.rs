//! `-q -I interface`: send-queue statistics, one line per queueing discipline of the
//! interface (on Linux the traffic-control qdiscs that `tc -s qdisc show` lists) with what it
//! sent, dropped and holds: Type, Kind, Handle, Parent, Packets, Bytes, Drops, Overlimits,
//! Requeues, Backlog (bytes waiting) and Qlen (packets waiting). `-qq` adds the classes of
//! classful qdiscs and each queue's rate estimate (bytes and packets per second, `-` where
//! the kernel keeps none). `-c queue` keeps one queue: a handle as `tc` prints it (`1:`,
//! `1:10`; `1` and `1:0` name `1:` too), `root` for the interface's root qdisc and top
//! classes, or a kind (`htb`) for every queue of that algorithm.

use crate::args::Options;
use crate::json::Stream;
use crate::table::{cell, finish, num_cell, Align};
use rnetstat_core::{Backend, Error, Queue, Result};
use serde_json::json;
use std::io::Write;

/// Show the send queues of the interface named with -I.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let Some(name) = &opts.interface else {
        return Err(Error::Usage("-q needs -I interface".into()));
    };
    let ifindex = backend
        .interfaces()?
        .iter()
        .find(|i| &i.name == name)
        .map(|i| i.index)
        .ok_or_else(|| Error::UnknownInterface(name.clone()))?;
    if let Some(wanted) = opts.queue.as_deref().filter(|w| !valid_queue_name(w)) {
        return Err(Error::Usage(format!(
            "-c {wanted:?}: not a queue handle (1:, 1:10), root or a kind (htb)"
        )));
    }
    let detail = opts.queues > 1;
    // -c may name a class (1:10, a minor number after the colon): read the classes for it.
    let names_class = opts.queue.as_deref().is_some_and(|w| {
        w.split_once(':')
            .is_some_and(|(_, minor)| !minor.trim_start_matches('0').is_empty())
    });
    let mut all = backend.queues(Some(ifindex), detail || names_class)?;
    if let Some(wanted) = &opts.queue {
        all.retain(|q| matches(q, wanted));
        if all.is_empty() {
            return Err(Error::Usage(format!(
                "-c {wanted:?}: {name} has no queue with that handle or kind"
            )));
        }
    }
    if opts.json {
        let mut stream = Stream::begin(out, "queues", backend.platform(), "queues")?;
        for q in &all {
            stream.item(&json!({
                "type": q.queue_type.name(),
                "interface": q.netif.as_deref().unwrap_or(name),
                "ifindex": q.ifindex,
                "kind": q.kind,
                "handle": q.handle,
                "parent": q.parent,
                "packets": q.packets,
                "bytes": q.bytes,
                "drops": q.drops,
                "overlimits": q.overlimits,
                "requeues": q.requeues,
                "backlog_bytes": q.backlog_bytes,
                "backlog_packets": q.backlog_packets,
                "hw_packets": q.hw_packets,
                "hw_bytes": q.hw_bytes,
                "rate_bytes_per_second": q.rate.map(|r| r.bps),
                "rate_packets_per_second": q.rate.map(|r| r.pps),
            }))?;
        }
        return stream.end();
    }
    let mut t = format!("Queue statistics for {name}:\n");
    let mut columns: Vec<(&str, usize)> = COLUMNS.to_vec();
    if detail {
        columns.extend_from_slice(&RATE_COLUMNS);
    }
    for (i, (title, width)) in columns.into_iter().enumerate() {
        if i > 0 {
            t.push(' ');
        }
        let align = if i < 4 { Align::Left } else { Align::Right };
        cell(&mut t, title, width, align, false);
    }
    finish(&mut t);
    for q in &all {
        row(&mut t, q, detail);
    }
    out.write_all(t.as_bytes())?;
    Ok(())
}

/// Title and width of each column: four of text, then the counters.
const COLUMNS: [(&str, usize); 11] = [
    ("Type", 5),
    ("Kind", 10),
    ("Handle", 9),
    ("Parent", 9),
    ("Packets", 13),
    ("Bytes", 14),
    ("Drops", 8),
    ("Overlimits", 10),
    ("Requeues", 8),
    ("Backlog", 10),
    ("Qlen", 8),
];
/// The rate estimate's columns of `-qq`.
const RATE_COLUMNS: [(&str, usize); 2] = [("Bytes/s", 10), ("Pkts/s", 8)];

fn row(t: &mut String, q: &Queue, detail: bool) {
    for (i, text) in [q.queue_type.name(), &q.kind, &q.handle, &q.parent]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            t.push(' ');
        }
        cell(t, text, COLUMNS[i].1, Align::Left, false);
    }
    let mut values = vec![
        q.packets,
        q.bytes,
        q.drops,
        q.overlimits,
        q.requeues,
        q.backlog_bytes,
        q.backlog_packets,
    ];
    if detail {
        values.extend([q.rate.map(|r| r.bps), q.rate.map(|r| r.pps)]);
    }
    let widths = COLUMNS[4..].iter().chain(RATE_COLUMNS.iter());
    for (v, (_, w)) in values.into_iter().zip(widths) {
        t.push(' ');
        num_cell(t, v, *w);
    }
    finish(t);
}

/// A handle in one spelling: `1`, `1:` and `1:0` are `1:`; `1:0a` is `1:a`. Anything that is
/// not a handle (a kind, `root`) comes back lower-cased.
fn normalize(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let (maj, min) = lower.split_once(':').unwrap_or((&lower, ""));
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    match (maj, hex(maj), hex(min)) {
        (_, Some(a), None) if min.is_empty() => format!("{a:x}:"),
        (_, Some(a), Some(0)) => format!("{a:x}:"),
        (_, Some(a), Some(b)) => format!("{a:x}:{b:x}"),
        ("", None, Some(b)) => format!(":{b:x}"),
        _ => lower,
    }
}

/// Whether `-c wanted` names queue `q`.
/// A `-c` argument: `root`, a handle (hex major and/or minor of at most 4 digits around an
/// optional colon, not both empty) or a kind name (a letter, then letters, digits or `_`).
fn valid_queue_name(w: &str) -> bool {
    let hex = |p: &str| p.len() <= 4 && p.chars().all(|c| c.is_ascii_hexdigit());
    let handle = match w.split_once(':') {
        Some((major, minor)) => hex(major) && hex(minor) && !(major.is_empty() && minor.is_empty()),
        None => !w.is_empty() && hex(w) && w.chars().all(|c| c.is_ascii_digit()),
    };
    let kind = w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    handle || kind
}

fn matches(q: &Queue, wanted: &str) -> bool {
    let w = normalize(wanted);
    if w == "root" {
        return q.parent == "root";
    }
    normalize(&q.handle) == w || q.kind.eq_ignore_ascii_case(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rnetstat_core::QueueType;

    #[test]
    fn handles_and_kinds_select_queues() {
        assert_eq!(normalize("1"), "1:");
        assert_eq!(normalize("1:0"), "1:");
        assert_eq!(normalize("1:0A"), "1:a");
        assert_eq!(normalize(":1"), ":1");
        assert_eq!(normalize("HTB"), "htb");
        let mut q = Queue::new(QueueType::Class, 2, "htb".into());
        q.handle = "1:10".into();
        q.parent = "root".into();
        assert!(matches(&q, "1:10") && matches(&q, "htb") && matches(&q, "root"));
        assert!(!matches(&q, "1:") && !matches(&q, "tbf") && !matches(&q, "1:1"));
        for ok in [
            "root",
            "1",
            "1:",
            ":1",
            "1:10",
            "ffff:fff1",
            "htb",
            "pfifo_fast",
        ] {
            assert!(valid_queue_name(ok), "{ok}");
        }
        for bad in ["", ":", "1:2:3", "99999999:", "-x", "h t b", "1:10x"] {
            assert!(!valid_queue_name(bad), "{bad}");
        }
    }
}
