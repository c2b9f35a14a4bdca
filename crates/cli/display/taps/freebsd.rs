//! `-B` on FreeBSD: the bpf(4) peers in FreeBSD netstat's form (usr.bin/netstat/bpf.c):
//! Pid, Netif, Flags (see [`BpfPeer::flags`]), Recv, Drop, Match, Sblen, Hblen and Command
//! (`??????` for a process that could not be found).

use crate::args::Options;
use crate::json::Stream;
use rnetstat_core::bsd::bpf::BpfPeer;
use rnetstat_core::{Backend, Result};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::io::Write;

/// Show the bpf peers, of the interface of `-I` if given.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let peers = backend.bpf_peers(opts.interface.as_deref())?;
    if opts.json {
        let mut stream = Stream::begin(out, "taps", backend.platform(), "taps")?;
        for p in &peers {
            stream.item(&peer_json(p))?;
        }
        return stream.end();
    }
    let mut text =
        String::from("  Pid  Netif   Flags      Recv      Drop     Match Sblen Hblen Command\n");
    for p in &peers {
        let _ = writeln!(
            text,
            "{:5} {:>6} {:>7} {:9} {:9} {:9} {:5} {:5} {}",
            p.pid,
            p.ifname,
            p.flags(),
            p.received,
            p.dropped,
            p.matched,
            p.store_len,
            p.hold_len,
            p.command.as_deref().unwrap_or("??????")
        );
    }
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// One peer as its JSON object (schema/taps.json, the bpf form).
fn peer_json(p: &BpfPeer) -> Value {
    json!({
        "pid": p.pid,
        "command": p.command,
        "netif": p.ifname,
        "flags": p.flags(),
        "promiscuous": p.promiscuous,
        "immediate": p.immediate,
        "header_complete": p.header_complete,
        "direction": p.direction.map(|d| d.name()),
        "feedback": p.feedback,
        "async": p.async_io,
        "locked": p.locked,
        "received": p.received,
        "dropped": p.dropped,
        "matched": p.matched,
        "store_len": p.store_len,
        "hold_len": p.hold_len,
        "buffer_size": p.buffer_size,
    })
}
