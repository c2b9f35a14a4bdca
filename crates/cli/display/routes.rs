//! `-r`: the routing tables, streamed row by row.
//!
//! Layout (netstat(1)): "Routing tables", then a section per family ("Internet:",
//! "Internet6:"), and on Linux per table other than main ("Internet (table 100):"), each with
//! the columns Destination Gateway Flags Refs Use [Mtu with -l] Netif Expire. A multipath route
//! prints one row per path, as FreeBSD prints its multipath routes. Columns have fixed widths;
//! addresses are cut to the column unless -W (or, for IPv6, -l) is given. Netif is never cut.

use crate::args::Options;
use crate::format;
use crate::json::{opt, Stream};
use crate::resolve::Resolver;
use crate::table::{cell, cell_with, finish, num_cell, Align};
use rnetstat_core::{Backend, Error, Family, Gateway, NextHop, Result, Route, RouteQuery};
use serde_json::{json, Value};
use std::io::Write;

/// Column widths of one family's section.
struct Widths {
    dst: usize,
    gw: usize,
    cut_addr: bool,
}

fn widths(family: Family, opts: &Options) -> Widths {
    let (dst, gw) = match (family, opts.long > 0, opts.numeric) {
        (Family::Inet6, true, _) => (39, 39),
        (Family::Inet6, false, true) => (33, 29),
        _ => (18, 18),
    };
    let full_v6 = family == Family::Inet6 && opts.long > 0;
    Widths {
        dst,
        gw,
        cut_addr: !(opts.wide || full_v6),
    }
}

/// Show the routing tables.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let family = match opts.family {
        None => None,
        Some(f @ (Family::Inet | Family::Inet6)) => Some(f),
        Some(f) => {
            return Err(Error::Usage(format!(
                "-r shows inet and inet6 routes; -f {f} has none"
            )))
        }
    };
    let query = RouteQuery {
        family,
        table: opts.table,
        all: opts.all,
    };
    let mut names = Resolver::new(opts.numeric);
    if opts.json {
        let platform = backend.platform();
        let mut stream = Stream::begin(out, "routes", platform, "routes")?;
        backend.routes(&query, &mut |r| stream.item(&route_json(r)))?;
        return stream.end();
    }
    out.write_all(b"Routing tables\n")?;
    let mut section: Option<(Family, u32)> = None;
    let mut line = String::with_capacity(160);
    backend.routes(&query, &mut |r| {
        let w = widths(r.family, opts);
        if section != Some((r.family, r.table)) {
            section = Some((r.family, r.table));
            line.clear();
            line.push('\n');
            line.push_str(if r.family == Family::Inet {
                "Internet"
            } else {
                "Internet6"
            });
            match r.table {
                254 => {}
                255 => line.push_str(" (table local)"),
                253 => line.push_str(" (table default)"),
                t => line.push_str(&format!(" (table {t})")),
            }
            line.push_str(":\n");
            header(&mut line, &w, opts);
            out.write_all(line.as_bytes())?;
        }
        let single;
        let hops: &[NextHop] = if r.nexthops.is_empty() {
            single = [NextHop {
                gateway: Gateway::None,
                ifindex: None,
                netif: None,
                weight: None,
                up: true,
            }];
            &single
        } else {
            &r.nexthops
        };
        for hop in hops {
            line.clear();
            row(&mut line, r, hop, &w, opts, &mut names);
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    })
}

fn header(line: &mut String, w: &Widths, opts: &Options) {
    cell(line, "Destination", w.dst, Align::Left, true);
    line.push(' ');
    cell(line, "Gateway", w.gw, Align::Left, true);
    line.push(' ');
    cell(line, "Flags", 6, Align::Left, false);
    line.push(' ');
    cell(line, "Refs", 6, Align::Right, false);
    line.push(' ');
    cell(line, "Use", 8, Align::Right, false);
    line.push(' ');
    if opts.long > 0 {
        cell(line, "Mtu", 6, Align::Right, false);
        line.push(' ');
    }
    cell(line, "Netif", 8, Align::Right, false);
    line.push(' ');
    line.push_str("Expire");
    finish(line);
}

fn row(
    line: &mut String,
    r: &Route,
    hop: &NextHop,
    w: &Widths,
    opts: &Options,
    names: &mut Resolver,
) {
    let netif = hop.netif.as_deref();
    cell_with(line, w.dst, Align::Left, w.cut_addr, |s| {
        format::write_destination(s, &r.destination, netif, names)
    });
    line.push(' ');
    cell_with(line, w.gw, Align::Left, w.cut_addr, |s| {
        format::write_gateway(s, &hop.gateway, netif, names)
    });
    line.push(' ');
    cell_with(line, 6, Align::Left, false, |s| r.flags.write_letters(s));
    line.push(' ');
    num_cell(line, r.refs, 6);
    line.push(' ');
    num_cell(line, r.use_count, 8);
    line.push(' ');
    if opts.long > 0 {
        num_cell(line, r.metrics.mtu.map(u64::from), 6);
        line.push(' ');
    }
    cell_with(line, 8, Align::Right, false, |s| {
        s.push_str(netif.unwrap_or("-"))
    });
    line.push(' ');
    if let Some(e) = r.expire {
        num_cell(line, Some(e), 6);
    }
    finish(line);
}

fn gateway_json(g: &Gateway) -> (Value, Value) {
    match g {
        Gateway::Address(a) => (a.to_string().into(), "address".into()),
        Gateway::Link(i) => (format!("link#{i}").into(), "link".into()),
        Gateway::LinkLayer(m) => (format::link_layer(m).into(), "link_layer".into()),
        Gateway::None => (Value::Null, Value::Null),
    }
}

/// One route as its JSON object (schema/routes.json).
pub fn route_json(r: &Route) -> Value {
    let (gateway, gateway_kind) = gateway_json(r.gateway());
    let nexthops: Vec<Value> = r
        .nexthops
        .iter()
        .map(|h| {
            let (g, k) = gateway_json(&h.gateway);
            json!({
                "gateway": g, "gateway_kind": k, "netif": opt(h.netif.as_deref()),
                "ifindex": opt(h.ifindex), "weight": opt(h.weight), "up": h.up,
            })
        })
        .collect();
    let m = &r.metrics;
    json!({
        "family": r.family.name(),
        "table": r.table,
        "destination": format!("{}/{}", r.destination.addr, r.destination.prefix_len),
        "source": opt(r.source.map(|s| format!("{}/{}", s.addr, s.prefix_len))),
        "gateway": gateway,
        "gateway_kind": gateway_kind,
        "netif": opt(r.netif()),
        "flags": r.flags.letters(),
        "flag_names": r.flags.names().collect::<Vec<_>>(),
        "type": r.kind.name(),
        "protocol": opt(r.protocol.as_deref()),
        "priority": opt(r.priority),
        "pref_src": opt(r.pref_src.map(|a| a.to_string())),
        "refs": opt(r.refs),
        "use": opt(r.use_count),
        "expire": opt(r.expire),
        "mtu": opt(m.mtu),
        "metrics": {
            "rtt_us": opt(m.rtt_us), "rttvar_us": opt(m.rttvar_us), "ssthresh": opt(m.ssthresh),
            "cwnd": opt(m.cwnd), "advmss": opt(m.advmss), "hopcount": opt(m.hopcount),
            "window": opt(m.window),
        },
        "nexthops": nexthops,
    })
}
