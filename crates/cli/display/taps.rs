//! `-B [-I interface]`: packet taps, netstat -B's bpf(4) peers in Linux form: every AF_PACKET
//! socket, one line each: Pid, Netif (`*` bound to every interface), Type, Proto (the
//! EtherType it takes), Flags, Filter (classic BPF instructions, `-` none, `?` not visible),
//! Ring, Recv-Q (bytes waiting), Drops and Command. `-v` adds the fanout group, uid and
//! inode. With `-I`, the taps bound to that interface and those bound to every interface
//! (which see its frames too). On FreeBSD the display is its netstat's list of bpf(4) peers
//! ([`freebsd`]).

use crate::args::Options;
use crate::json::Stream;
use crate::table::{cell, finish, num_cell, Align};
use rnetstat_core::{
    ethertype_name, Backend, Error, PacketTap, Platform, Result, TapFilter, TapFlags, TapRing,
};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::io::Write;

mod freebsd;

/// Show the packet taps.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    if backend.platform() == Platform::FreeBsd {
        return freebsd::show(opts, backend, out);
    }
    let ifindex = match &opts.interface {
        Some(name) => Some(
            backend
                .interfaces()?
                .iter()
                .find(|i| &i.name == name)
                .map(|i| i.index)
                .ok_or_else(|| Error::UnknownInterface(name.clone()))?,
        ),
        None => None,
    };
    let taps = backend.packet_taps(ifindex)?;
    if opts.json {
        let mut stream = Stream::begin(out, "taps", backend.platform(), "taps")?;
        for t in &taps {
            stream.item(&tap_json(t))?;
        }
        return stream.end();
    }
    let mut text = String::new();
    let mut columns = vec![
        ("Pid", 7, Align::Right),
        ("Netif", 8, Align::Left),
        ("Type", 5, Align::Left),
        ("Proto", 6, Align::Left),
        ("Flags", 5, Align::Left),
        ("Filter", 6, Align::Right),
        ("Ring", 14, Align::Left),
        ("Recv-Q", 6, Align::Right),
        ("Drops", 7, Align::Right),
    ];
    if opts.verbose > 0 {
        columns.extend([
            ("Fanout", 14, Align::Left),
            ("Uid", 5, Align::Right),
            ("Inode", 8, Align::Right),
        ]);
    }
    for (name, width, align) in columns {
        cell(&mut text, name, width, align, false);
        text.push(' ');
    }
    text.push_str("Command");
    finish(&mut text);
    for t in &taps {
        row(&mut text, t, opts);
    }
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Flag letters: R running, A auxdata, O origdev, V vnet header, L loss, F in a fanout group.
fn flag_letters(f: Option<TapFlags>, fanout: bool) -> String {
    let Some(f) = f else {
        return "-".into();
    };
    let mut s = String::new();
    for (on, c) in [
        (f.running, 'R'),
        (f.auxdata, 'A'),
        (f.origdev, 'O'),
        (f.vnet_hdr, 'V'),
        (f.loss, 'L'),
        (fanout, 'F'),
    ] {
        if on {
            s.push(c);
        }
    }
    if s.is_empty() {
        s.push('-');
    }
    s
}

/// A byte size as netstat-style short text: 4096 is 4K, 1048576 is 1M.
fn size(n: u32) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{}M", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{}K", n >> 10)
    } else {
        n.to_string()
    }
}

/// The Ring cell, one word: the TPACKET version, then `rx:` and `tx:` blocks x block size,
/// e.g. `v3,rx:4x4K`.
fn ring_text(t: &PacketTap) -> String {
    let mut parts = Vec::new();
    for (name, ring) in [("rx", t.rx_ring), ("tx", t.tx_ring)] {
        if let Some(r) = ring {
            parts.push(format!("{name}:{}x{}", r.block_count, size(r.block_size)));
        }
    }
    if parts.is_empty() {
        return "-".into();
    }
    if let Some(v) = t.version {
        parts.insert(0, format!("v{}", v.saturating_add(1)));
    }
    parts.join(",")
}

fn row(t: &mut String, tap: &PacketTap, opts: &Options) {
    let owner = tap.owners.first();
    num_cell(t, owner.map(|o| u64::from(o.pid)), 7);
    t.push(' ');
    let netif = match (tap.ifindex, &tap.netif) {
        (0, _) => "*".to_string(),
        (u32::MAX, _) => "-".to_string(),
        (_, Some(n)) => n.clone(),
        (i, None) => format!("#{i}"),
    };
    cell(t, &netif, 8, Align::Left, !opts.wide);
    t.push(' ');
    cell(t, tap.kind.name(), 5, Align::Left, false);
    t.push(' ');
    cell(t, &ethertype_name(tap.protocol), 6, Align::Left, false);
    t.push(' ');
    cell(
        t,
        &flag_letters(tap.flags, tap.fanout.is_some()),
        5,
        Align::Left,
        false,
    );
    t.push(' ');
    let filter = match tap.filter {
        Some(TapFilter::Classic(n)) => n.to_string(),
        Some(TapFilter::None) => "-".into(),
        Some(TapFilter::Hidden) | None => "?".into(),
    };
    cell(t, &filter, 6, Align::Right, false);
    t.push(' ');
    cell(t, &ring_text(tap), 14, Align::Left, !opts.wide);
    t.push(' ');
    num_cell(t, tap.recv_q, 6);
    t.push(' ');
    num_cell(t, tap.drops, 7);
    if opts.verbose > 0 {
        t.push(' ');
        let fanout = tap
            .fanout
            .map_or_else(|| "-".into(), |f| format!("{}:{}", f.id, f.mode_name()));
        cell(t, &fanout, 14, Align::Left, false);
        t.push(' ');
        num_cell(t, tap.uid.map(u64::from), 5);
        t.push(' ');
        num_cell(t, tap.inode, 8);
    }
    t.push(' ');
    match owner {
        Some(o) => {
            t.push_str(o.command_or("?"));
            if tap.owners.len() > 1 {
                let _ = write!(t, " (+{})", tap.owners.len() - 1);
            }
        }
        None => t.push('-'),
    }
    finish(t);
}

fn ring_json(r: Option<TapRing>) -> Value {
    r.map_or(Value::Null, |r| {
        json!({
            "block_size": r.block_size,
            "block_count": r.block_count,
            "frame_size": r.frame_size,
            "frame_count": r.frame_count,
            "retire_timeout": r.retire_timeout,
            "private_size": r.private_size,
            "features": r.features,
        })
    })
}

/// One tap as its JSON object (schema/taps.json).
fn tap_json(t: &PacketTap) -> Value {
    let owners: Vec<Value> = t
        .owners
        .iter()
        .map(|o| json!({"pid": o.pid, "command": o.command, "fd": o.fd}))
        .collect();
    json!({
        "netif": if t.ifindex == 0 { None } else { t.netif.as_deref() },
        "ifindex": t.ifindex,
        "type": t.kind.name(),
        "protocol": t.protocol,
        "protocol_name": ethertype_name(t.protocol),
        "inode": t.inode,
        "cookie": t.cookie,
        "uid": t.uid,
        "owners": owners,
        "flags": t.flags.map(|f| {
            // From /proc/net/packet only `running` is known; the others are null, not false.
            let known = |v: bool| f.complete.then_some(v);
            json!({
                "running": f.running,
                "auxdata": known(f.auxdata),
                "origdev": known(f.origdev),
                "vnet_hdr": known(f.vnet_hdr),
                "loss": known(f.loss),
            })
        }),
        "version": t.version,
        "reserve": t.reserve,
        "copy_thresh": t.copy_thresh,
        "tstamp": t.tstamp,
        "filter": t.filter.map(TapFilter::name),
        "filter_instructions": t.filter.and_then(TapFilter::instructions),
        "rx_ring": ring_json(t.rx_ring),
        "tx_ring": ring_json(t.tx_ring),
        "fanout": t.fanout.map(|f| json!({
            "id": f.id,
            "mode": f.mode_name(),
            "flags": f.flags,
        })),
        "recv_q": t.recv_q,
        "rcvbuf": t.rcvbuf,
        "drops": t.drops,
    })
}
