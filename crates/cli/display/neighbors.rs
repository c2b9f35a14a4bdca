//! `-R` / `-x`: neighbour reachability, the link-layer address and state of each host this one
//! has talked to on its links (ARP for IPv4, NDP for IPv6), one line per entry:
//! Address, Link-layer Address, Netif, State and Flags (`R` a router, `P` a proxy entry);
//! `-x` adds the seconds since the entry was last confirmed, used and updated, the probes
//! sent and the references held. `-I` keeps one interface, `-f` one family.

use crate::args::Options;
use crate::format;
use crate::json::Stream;
use crate::resolve::Resolver;
use crate::table::{cell, finish, num_cell, Align};
use rnetstat_core::{Backend, Error, Neighbor, Result};
use serde_json::json;
use std::io::Write;

/// Show the neighbour table, streaming it: each entry is printed as the kernel lists it.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    if let Some(name) = &opts.interface {
        if !backend.interfaces()?.iter().any(|i| &i.name == name) {
            return Err(Error::UnknownInterface(name.clone()));
        }
    }
    let wanted = |n: &Neighbor| {
        opts.interface
            .as_ref()
            .is_none_or(|name| n.netif.as_deref() == Some(name))
            && opts.family.is_none_or(|f| n.family() == f)
    };
    if opts.json {
        let mut stream = Stream::begin(out, "neighbors", backend.platform(), "neighbors")?;
        backend.neighbors(&mut |n| {
            if !wanted(n) {
                return Ok(());
            }
            stream.item(&json!({
                "family": n.family().name(),
                "address": n.addr.to_string(),
                "link_layer": n.lladdr.as_deref().map(format::link_layer),
                "netif": n.netif,
                "ifindex": n.ifindex,
                "state": n.state.name(),
                "router": n.router,
                "proxy": n.proxy,
                "confirmed": n.confirmed,
                "used": n.used,
                "updated": n.updated,
                "probes": n.probes,
                "refcount": n.refcount,
                "expire": n.expire,
            }))
        })?;
        return stream.end();
    }
    let mut names = Resolver::of(opts);
    let width = if opts.wide { 39 } else { 29 };
    let mut text = String::new();
    cell(&mut text, "Address", width, Align::Left, false);
    text.push_str(" Link-layer Address Netif    State      Flags");
    if opts.extended {
        text.push_str(" Confirmed     Used  Updated Probes Refs");
    }
    finish(&mut text);
    // The header goes out only with the first entry's read: an error before it prints none.
    let mut header = Some(text.clone());
    backend.neighbors(&mut |n| {
        if let Some(h) = header.take() {
            out.write_all(h.as_bytes())?;
        }
        if wanted(n) {
            text.clear();
            row(&mut text, n, opts, &mut names, width);
            out.write_all(text.as_bytes())?;
        }
        Ok(())
    })?;
    if let Some(h) = header {
        out.write_all(h.as_bytes())?;
    }
    Ok(())
}

fn row(t: &mut String, n: &Neighbor, opts: &Options, names: &mut Resolver, width: usize) {
    cell(
        t,
        &format::host(n.addr, n.netif.as_deref(), names),
        width,
        Align::Left,
        !opts.wide,
    );
    t.push(' ');
    let ll = n
        .lladdr
        .as_deref()
        .map_or_else(|| "(incomplete)".to_string(), format::link_layer);
    cell(t, &ll, 18, Align::Left, false);
    t.push(' ');
    cell(t, n.netif.as_deref().unwrap_or("-"), 8, Align::Left, false);
    t.push(' ');
    cell(t, n.state.name(), 10, Align::Left, false);
    t.push(' ');
    let mut flags = String::new();
    if n.router {
        flags.push('R');
    }
    if n.proxy {
        flags.push('P');
    }
    cell(t, &flags, 5, Align::Left, false);
    if opts.extended {
        t.push(' ');
        num_cell(t, n.confirmed, 9);
        t.push(' ');
        num_cell(t, n.used, 8);
        t.push(' ');
        num_cell(t, n.updated, 8);
        t.push(' ');
        num_cell(t, n.probes.map(u64::from), 6);
        t.push(' ');
        num_cell(t, n.refcount.map(u64::from), 4);
    }
    finish(t);
}
