//! `-S -I interface`: the link status and state of one interface: operational state, carrier
//! and how often it changed, speed where the kernel tells, flags, MTU, link-layer address and
//! type, and the send queue's limit.

use crate::args::Options;
use crate::format;
use rnetstat_core::{Backend, Error, Result};
use serde_json::json;
use std::fmt::Write as _;
use std::io::Write;

/// Show the link status of the interface named with -I.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let name = opts.interface.as_deref().unwrap_or_default();
    let ifs = backend.interfaces()?;
    let i = ifs
        .iter()
        .find(|i| i.name == name)
        .ok_or_else(|| Error::UnknownInterface(name.to_string()))?;
    let flags: Vec<&str> = i.flags.names().collect();
    let speed = backend.link_speed(&i.name)?;
    let baudrate = i.baudrate.or(speed.bits_per_second);
    let duplex = speed.duplex.map(|d| d.name());
    if opts.json {
        let doc = json!({
            "schema": crate::json::SCHEMA_VERSION,
            "display": "link_status",
            "platform": backend.platform().name(),
            "interface": {
                "name": i.name,
                "index": i.index,
                "link_state": i.link_state.map(|s| s.name()),
                "carrier": i.carrier,
                "carrier_up_count": i.carrier_changes.map(|c| c.0),
                "carrier_down_count": i.carrier_changes.map(|c| c.1),
                "baudrate": baudrate,
                "duplex": duplex,
                "flags": flags,
                "mtu": i.mtu,
                "link_address": if i.link_addr.is_empty() { None } else { Some(format::link_layer(&i.link_addr)) },
                "link_type": i.link_type,
                "send_queue_maxlen": i.send_queue.maxlen,
            },
        });
        crate::json::document(out, doc)?;
        return Ok(());
    }
    let dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let mut t = String::new();
    let _ = writeln!(t, "Link status of {}:", i.name);
    let _ = writeln!(
        t,
        "\tstate: {}",
        dash(i.link_state.map(|s| s.name().to_string()))
    );
    let _ = writeln!(
        t,
        "\tcarrier: {}",
        dash(
            i.carrier
                .map(|c| if c { "yes".into() } else { "no".into() })
        )
    );
    if let Some((up, down)) = i.carrier_changes {
        let _ = writeln!(t, "\tcarrier changes: {} (up {up}, down {down})", up + down);
    }
    let _ = writeln!(t, "\tspeed: {}", dash(baudrate.map(bit_rate)));
    let _ = writeln!(t, "\tduplex: {}", duplex.unwrap_or("-"));
    let _ = writeln!(t, "\tflags: {}", flags.join(","));
    let _ = writeln!(t, "\tmtu: {}", dash(i.mtu.map(|m| m.to_string())));
    let _ = writeln!(
        t,
        "\tlink-layer address: {}",
        if i.link_addr.is_empty() {
            "-".into()
        } else {
            format::link_layer(&i.link_addr)
        }
    );
    let _ = writeln!(t, "\ttype: {}", dash(i.link_type.clone()));
    let _ = writeln!(
        t,
        "\tsend queue limit: {}",
        dash(i.send_queue.maxlen.map(|m| m.to_string()))
    );
    out.write_all(t.as_bytes())?;
    Ok(())
}

/// A speed in bits per second, in the largest unit that keeps it whole (`10 Gbit/s`).
fn bit_rate(b: u64) -> String {
    for (unit, size) in [
        ("Gbit/s", 1_000_000_000),
        ("Mbit/s", 1_000_000),
        ("kbit/s", 1_000),
    ] {
        if b >= size && b.is_multiple_of(size) {
            return format!("{} {unit}", b / size);
        }
    }
    format!("{b} bit/s")
}
