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
    let name = opts.interface.as_deref().unwrap_or_default();
    let ifindex = backend
        .interfaces()?
        .iter()
        .find(|i| i.name == name)
        .map(|i| i.index)
        .ok_or_else(|| Error::UnknownInterface(name.to_string()))?;
    let detail = opts.queues > 1;
    let names_class = opts.queue.as_ref().is_some_and(|q| q.names_class());
    let mut all = backend.queues(Some(ifindex), detail || names_class)?;
    if let Some(wanted) = &opts.queue {
        all.retain(|q| wanted.matches(q));
        if all.is_empty() {
            return Err(Error::NotFound(format!(
                "-c {:?}: {name} has no queue with that handle or kind",
                wanted.as_str()
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
