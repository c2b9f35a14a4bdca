//! `-r`: the routing tables, streamed row by row.
//!
//! Layout (netstat(1)): "Routing tables", then a section per family ("Internet:",
//! "Internet6:"), each with the columns Destination Gateway Flags Refs Use [Mtu with -l] Netif
//! Expire (Linux -l adds Metric Weight Nhflags after Mtu). One table is shown, as BSD shows one
//! FIB: main by default, another with -F N, whose heading is FreeBSD's "Routing tables (fib:
//! N)". `-F all` prints one such block per table, main first. A multipath route prints one row
//! per path, as FreeBSD prints its multipath routes. Columns have fixed widths; addresses are
//! cut to the column unless -W (or, for IPv6, -l) is given. Netif is never cut.

use crate::args::Options;
use crate::format;
use crate::json::Stream;
use crate::resolve::Resolver;
use crate::table::{cell, cell_with, finish, num_cell, Align};
use rnetstat_core::{
    Backend, Destination, Family, Gateway, NextHop, Platform, Result, Route, RouteFlags,
    RouteMetrics, RouteQuery, TableNaming, Tables,
};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt::Write as _;
use std::io::Write;

/// The flag letters each platform's netstat prints, in its order. FreeBSD prints fewer
/// letters than macOS, in another order; Linux follows macOS, the reference.
pub fn letter_order(platform: Platform) -> &'static str {
    match platform {
        Platform::FreeBsd => "UGHRDMXS123BbL",
        Platform::Linux | Platform::MacOs => "UGHRDMmCXLS12Wc3BbIiYrg",
    }
}

/// Column widths of one family's section.
struct Widths {
    dst: usize,
    gw: usize,
    cut_addr: bool,
    /// The platform's flag letters, in its order.
    order: &'static str,
    /// Width of the Flags column: macOS routes carry up to seven letters (UHLWIir).
    flags: usize,
    /// Width of the Netif column (macOS: 14; FreeBSD 15: 12, 16 with -l).
    netif: usize,
    /// FreeBSD's form (netstat 13 and later): no Refs and Use columns, `Nhop#` and `Mtu` with
    /// -l.
    freebsd: bool,
    /// Linux's -l columns after Mtu: Metric (the route's priority), Weight and Nhflags (of
    /// the path), which tell apart routes that BSD's columns show alike.
    linux_long: bool,
}

fn widths(family: Family, opts: &Options, platform: Platform) -> Widths {
    let macos = platform == Platform::MacOs;
    let freebsd = platform == Platform::FreeBsd;
    // -l shows IPv6 addresses whole, except on FreeBSD, whose -l adds columns instead.
    let long_v6 = family == Family::Inet6 && opts.long > 0 && !freebsd;
    let (dst, gw) = match (family, long_v6, opts.numeric) {
        (_, true, _) => (39, 39),
        (Family::Inet6, false, true) if macos => (39, 39),
        (Family::Inet6, false, true) => (33, 29),
        _ => (18, 18),
    };
    Widths {
        dst,
        gw,
        // Like both BSD netstats, numbers are never cut; names are, unless -W.
        cut_addr: !(opts.wide || opts.numeric || long_v6),
        order: letter_order(platform),
        flags: if macos { 10 } else { 6 },
        netif: match (platform, opts.long > 0) {
            (Platform::MacOs, _) => 14,
            (Platform::FreeBsd, false) => 12,
            (Platform::FreeBsd, true) => 16,
            (Platform::Linux, _) => 8,
        },
        freebsd,
        linux_long: platform == Platform::Linux && opts.long > 0,
    }
}

/// Show the routing tables.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    // The argument check refused the families -r has none of.
    let family = opts.family;
    let mut names = Resolver::of(opts);
    let platform = backend.platform();
    let naming = backend.tables();
    let tables = opts
        .table
        .as_ref()
        .map(|t| t.resolve(&naming))
        .transpose()?
        .unwrap_or_default();
    let query = RouteQuery {
        family,
        tables,
        all: opts.all,
    };
    if opts.json {
        let mut stream = Stream::begin(out, "routes", platform, "routes")?;
        let order = letter_order(platform);
        backend.routes(&query, &mut |r| stream.item(&RouteJson(r, order)))?;
        return stream.end();
    }
    let mut line = String::with_capacity(160);
    let mut block = match tables {
        Tables::One(t) => t,
        _ => naming.main,
    };
    heading(&mut line, block, &naming);
    out.write_all(line.as_bytes())?;
    let mut section: Option<Family> = None;
    backend.routes(&query, &mut |r| {
        let w = widths(r.family, opts, platform);
        line.clear();
        let b = query.block_of(r, &naming);
        if b != block {
            // -F all: the next table, announced as FreeBSD announces a FIB other than 0.
            block = b;
            section = None;
            line.push('\n');
            heading(&mut line, b, &naming);
        }
        if section != Some(r.family) {
            section = Some(r.family);
            line.push('\n');
            line.push_str(if r.family == Family::Inet {
                "Internet"
            } else {
                "Internet6"
            });
            line.push_str(":\n");
            header(&mut line, &w, opts);
        }
        out.write_all(line.as_bytes())?;
        let single;
        let hops: &[NextHop] = if r.nexthops.is_empty() {
            single = [NextHop::none()];
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

/// The title line of one table's block: "Routing tables", and for a table other than the
/// main one FreeBSD's " (fib: N)" (netstat's route.c), by number also on Linux.
fn heading(line: &mut String, table: u32, naming: &TableNaming) {
    line.push_str("Routing tables");
    if table != naming.main {
        let _ = write!(line, " (fib: {table})");
    }
    line.push('\n');
}

fn header(line: &mut String, w: &Widths, opts: &Options) {
    cell(line, "Destination", w.dst, Align::Left, true);
    line.push(' ');
    cell(line, "Gateway", w.gw, Align::Left, true);
    line.push(' ');
    cell(line, "Flags", w.flags, Align::Left, false);
    line.push(' ');
    if !w.freebsd {
        cell(line, "Refs", 6, Align::Right, false);
        line.push(' ');
        cell(line, "Use", 8, Align::Right, false);
        line.push(' ');
    }
    if opts.long > 0 {
        if w.freebsd {
            cell(line, "Nhop#", 6, Align::Right, false);
            line.push(' ');
        }
        cell(line, "Mtu", 6, Align::Right, false);
        line.push(' ');
        if w.linux_long {
            cell(line, "Metric", 6, Align::Right, false);
            line.push(' ');
            cell(line, "Weight", 6, Align::Right, false);
            line.push(' ');
            cell(line, "Nhflags", 7, Align::Left, false);
            line.push(' ');
        }
    }
    cell(line, "Netif", w.netif, Align::Right, false);
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
        format::write_destination(s, &r.destination, r.flags.contains(RouteFlags::HOST), names)
    });
    line.push(' ');
    cell_with(line, w.gw, Align::Left, w.cut_addr, |s| {
        format::write_gateway(s, &hop.gateway, hop.zone.as_deref(), names)
    });
    line.push(' ');
    cell_with(line, w.flags, Align::Left, false, |s| {
        r.flags.write_letters_in(w.order, s)
    });
    line.push(' ');
    if !w.freebsd {
        num_cell(line, r.refs, 6);
        line.push(' ');
        num_cell(line, r.use_count, 8);
        line.push(' ');
    }
    if opts.long > 0 {
        if w.freebsd {
            num_cell(line, hop.id.map(u64::from), 6);
            line.push(' ');
        }
        num_cell(line, r.metrics.mtu.map(u64::from), 6);
        line.push(' ');
        if w.linux_long {
            num_cell(line, r.priority.map(u64::from), 6);
            line.push(' ');
            num_cell(line, hop.weight.map(u64::from), 6);
            line.push(' ');
            let nhflags = if hop.onlink == Some(true) {
                "onlink"
            } else {
                "-"
            };
            cell(line, nhflags, 7, Align::Left, false);
            line.push(' ');
        }
    }
    cell_with(line, w.netif, Align::Right, false, |s| {
        s.push_str(netif.unwrap_or("-"))
    });
    line.push(' ');
    if let Some(e) = r.expire {
        num_cell(line, Some(e), 6);
    }
    finish(line);
}

/// One route as its JSON object (schema/routes.json), serialized straight from the model:
/// no intermediate `serde_json::Value`, which cost ten times the table's time on a million
/// routes.
pub struct RouteJson<'a>(pub &'a Route, pub &'static str);

/// A prefix as `address/len`.
struct PrefixJson<'a>(&'a Destination);

/// A gateway as text (`address`, `link#N`, MAC), null when there is none.
struct GatewayJson<'a>(&'a Gateway);

/// Flag names of a route, as a JSON array.
struct FlagNamesJson(RouteFlags);

/// Route metrics.
struct MetricsJson<'a>(&'a RouteMetrics);

impl Serialize for MetricsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mt = self.0;
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("rtt_us", &mt.rtt_us)?;
        m.serialize_entry("rttvar_us", &mt.rttvar_us)?;
        m.serialize_entry("ssthresh", &mt.ssthresh)?;
        m.serialize_entry("cwnd", &mt.cwnd)?;
        m.serialize_entry("advmss", &mt.advmss)?;
        m.serialize_entry("hopcount", &mt.hopcount)?;
        m.serialize_entry("window", &mt.window)?;
        m.end()
    }
}

/// One path of a route.
struct NextHopJson<'a>(&'a NextHop);

/// The paths of a route, as a JSON array.
struct NextHopsJson<'a>(&'a [NextHop]);

impl Serialize for PrefixJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}/{}", self.0.addr, self.0.prefix_len))
    }
}

impl Serialize for GatewayJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Gateway::Address(a) => s.collect_str(a),
            Gateway::Link(i) => s.collect_str(&format_args!("link#{i}")),
            Gateway::LinkLayer(m) => s.serialize_str(&format::link_layer(m)),
            Gateway::None => s.serialize_none(),
        }
    }
}

fn gateway_kind(g: &Gateway) -> Option<&'static str> {
    match g {
        Gateway::Address(_) => Some("address"),
        Gateway::Link(_) => Some("link"),
        Gateway::LinkLayer(_) => Some("link_layer"),
        Gateway::None => None,
    }
}

impl Serialize for FlagNamesJson {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.names())
    }
}

impl Serialize for NextHopJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = self.0;
        let mut m = s.serialize_map(Some(8))?;
        m.serialize_entry("gateway", &GatewayJson(&h.gateway))?;
        m.serialize_entry("gateway_kind", &gateway_kind(&h.gateway))?;
        m.serialize_entry("netif", &h.netif.as_deref())?;
        m.serialize_entry("ifindex", &h.ifindex)?;
        m.serialize_entry("weight", &h.weight)?;
        m.serialize_entry("id", &h.id)?;
        m.serialize_entry("onlink", &h.onlink)?;
        m.serialize_entry("up", &h.up)?;
        m.end()
    }
}

impl Serialize for NextHopsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(NextHopJson))
    }
}

impl Serialize for RouteJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut letters = String::with_capacity(8);
        r.flags.write_letters_in(self.1, &mut letters);
        let mt = &r.metrics;
        let mut m = s.serialize_map(Some(20))?;
        m.serialize_entry("family", r.family.name())?;
        m.serialize_entry("table", &r.table)?;
        m.serialize_entry("destination", &PrefixJson(&r.destination))?;
        m.serialize_entry("source", &r.source.as_ref().map(PrefixJson))?;
        m.serialize_entry("gateway", &GatewayJson(r.gateway()))?;
        m.serialize_entry("gateway_kind", &gateway_kind(r.gateway()))?;
        m.serialize_entry("netif", &r.netif())?;
        m.serialize_entry("flags", &letters)?;
        m.serialize_entry("flag_names", &FlagNamesJson(r.flags))?;
        m.serialize_entry("type", r.kind.name())?;
        m.serialize_entry("protocol", &r.protocol.as_deref())?;
        m.serialize_entry("priority", &r.priority)?;
        m.serialize_entry("nexthop_id", &r.nexthop_id)?;
        m.serialize_entry("pref_src", &r.pref_src)?;
        m.serialize_entry("refs", &r.refs)?;
        m.serialize_entry("use", &r.use_count)?;
        m.serialize_entry("expire", &r.expire)?;
        m.serialize_entry("mtu", &mt.mtu)?;
        m.serialize_entry("metrics", &MetricsJson(mt))?;
        m.serialize_entry("nexthops", &NextHopsJson(&r.nexthops))?;
        m.end()
    }
}
