//! `-g`: multicast group memberships and the multicast router's tables, in the layout of BSD
//! netstat -g.
//!
//! Memberships (on FreeBSD only with -v, as its netstat -g has none) come a section per
//! family ("IPv4 Multicast Group Memberships", "IPv6 ...";
//! "Link-layer ..." only with -v, as netstat(1) says), each with the columns Group, Link-layer
//! Address and Netif separated by tabs (`%-20s\t%-16s\t%s`), `<none>` where a group has no
//! link-layer mapping; scoped IPv6 groups carry `%ifname`. -v adds under each group its
//! filter mode and sources, as ifmcstat does; -v -v adds the group-management state of each
//! interface, each group's users, report timer and last reporter, and per-source socket counts.
//! Then, where the kernel routes multicast, the router's tables as BSD netstat prints them
//! ("IPv4 Virtual Interface Table", "IPv4 Multicast Forwarding Table", "IPv6 Multicast
//! Interface Table", "IPv6 Multicast Forwarding Cache"), or the line saying one is empty.
//! `-f` keeps one family, `-I` one interface.

use crate::args::Options;
use crate::format;
use rnetstat_core::{
    Backend, Error, Family, GroupAddr, GroupManagement, Membership, Mfc, MulticastRouting,
    Platform, Result, Vif,
};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::io::Write;

mod freebsd;

/// Show the multicast display.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let families = match opts.family {
        None if opts.verbose > 0 || opts.json => vec![Family::Link, Family::Inet, Family::Inet6],
        None => vec![Family::Inet, Family::Inet6],
        // The argument check refused the families -g has none of.
        Some(f) => vec![f],
    };
    let mut groups = backend.memberships()?;
    let mut management = backend.group_management()?;
    let mut routing = backend.multicast_routing()?;
    if let Some(name) = &opts.interface {
        if !groups.iter().any(|m| m.netif.as_deref() == Some(name))
            && !backend.interfaces()?.iter().any(|i| &i.name == name)
        {
            return Err(Error::UnknownInterface(name.clone()));
        }
        groups.retain(|m| m.netif.as_deref() == Some(name));
        management.retain(|g| g.netif.as_deref() == Some(name));
        routing.vifs.retain(|v| v.netif.as_deref() == Some(name));
    }
    groups.retain(|m| families.contains(&family(m)));
    routing.vifs.retain(|v| families.contains(&v.family));
    routing.mfc.retain(|m| families.contains(&m.family));
    routing.families.retain(|f| families.contains(f));
    routing.mfc_unexported.retain(|(f, _)| families.contains(f));
    if opts.json {
        let doc = json!({
            "schema": crate::json::SCHEMA_VERSION,
            "display": "multicast",
            "platform": backend.platform().name(),
            "memberships": groups.iter().map(membership_json).collect::<Vec<_>>(),
            "group_management": management.iter().map(management_json).collect::<Vec<_>>(),
            "vifs": routing.vifs.iter().map(vif_json).collect::<Vec<_>>(),
            "mfc": routing.mfc.iter().map(mfc_json).collect::<Vec<_>>(),
            "routing_families": routing.families.iter().map(|f| f.name()).collect::<Vec<_>>(),
            "routing_unsupported": unrouted(&routing, &families).map(|f| f.name()).collect::<Vec<_>>(),
        });
        let mut doc = doc;
        if !routing.mfc_unexported.is_empty() {
            doc["mfc_unexported"] = routing
                .mfc_unexported
                .iter()
                .map(|(f, n)| json!({"family": f.name(), "buckets": n}))
                .collect();
        }
        crate::json::document(out, doc)?;
        return Ok(());
    }
    let mut text = String::new();
    if opts.verbose > 1 && !management.is_empty() {
        text.push_str("Group management\nNetif           Protocol  Groups\n");
        for g in &management {
            let _ = writeln!(
                text,
                "{:<15} {:<9} {:>6}",
                g.netif.as_deref().unwrap_or("-"),
                g.version.as_deref().unwrap_or("-"),
                g.groups.map_or("-".into(), |n| n.to_string())
            );
        }
        text.push('\n');
    }
    let platform = backend.platform();
    // FreeBSD's netstat -g prints only the router's tables (its memberships are -ia's and
    // ifmcstat's); -v adds them, with their filters, as on the other systems.
    let with_groups = platform != Platform::FreeBsd || opts.verbose > 0;
    for (i, fam) in families.iter().enumerate().filter(|_| with_groups) {
        if i > 0 {
            text.push('\n');
        }
        memberships(&mut text, *fam, &groups, opts.verbose);
    }
    for family in [Family::Inet, Family::Inet6] {
        if !families.contains(&family) {
            continue;
        }
        let routed = routing.families.contains(&family);
        match platform {
            Platform::FreeBsd if routed => {
                freebsd::router_tables(&mut text, &routing, family, opts.wide)
            }
            Platform::Linux if routed => router_tables(&mut text, &routing, family),
            Platform::FreeBsd | Platform::Linux => {
                let name = if family == Family::Inet {
                    "IPv4"
                } else {
                    "IPv6"
                };
                let _ = writeln!(text, "\nNo {name} multicast routing in this kernel");
            }
            // macOS has no multicast router, and its netstat -g does not say so.
            Platform::MacOs => {}
        }
    }
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// The families shown whose multicast routing the kernel lacks (Linux without CONFIG_IP_MROUTE
/// or CONFIG_IPV6_MROUTE, FreeBSD without the ip_mroute or ip6_mroute module, macOS): not
/// the same as a router's empty tables.
fn unrouted<'a>(
    routing: &'a MulticastRouting,
    families: &'a [Family],
) -> impl Iterator<Item = Family> + 'a {
    [Family::Inet, Family::Inet6]
        .into_iter()
        .filter(|f| families.contains(f) && !routing.families.contains(f))
}

fn family(m: &Membership) -> Family {
    match m.group {
        GroupAddr::Ip(a) if a.is_ipv4() => Family::Inet,
        GroupAddr::Ip(_) => Family::Inet6,
        GroupAddr::Link(_) => Family::Link,
    }
}

fn group_text(m: &Membership) -> String {
    match &m.group {
        GroupAddr::Ip(a) => format::ip(*a, m.netif.as_deref()),
        GroupAddr::Link(l) => format::link_layer(l),
    }
}

fn memberships(text: &mut String, fam: Family, groups: &[Membership], verbose: u8) {
    let title = match fam {
        Family::Inet => "IPv4",
        Family::Inet6 => "IPv6",
        _ => "Link-layer",
    };
    let _ = writeln!(text, "{title} Multicast Group Memberships");
    let _ = writeln!(text, "{:<20}\t{:<16}\tNetif", "Group", "Link-layer Address");
    for m in groups.iter().filter(|m| family(m) == fam) {
        let ll = m
            .link_layer
            .as_deref()
            .map_or_else(|| "<none>".to_string(), format::link_layer);
        let _ = writeln!(
            text,
            "{:<20}\t{:<16}\t{}",
            group_text(m),
            ll,
            m.netif.as_deref().unwrap_or("")
        );
        if verbose == 0 || fam == Family::Link {
            continue;
        }
        if let Some(mode) = m.filter_mode {
            let _ = write!(text, "\tmode {}", mode.name());
            if verbose > 1 {
                if let Some(users) = m.refcount {
                    let _ = write!(text, " users {users}");
                }
                match m.timer_ms {
                    Some(ms) => {
                        let _ = write!(text, " timer {}.{:03}s", ms / 1000, ms % 1000);
                    }
                    None => text.push_str(" timer -"),
                }
                if m.reporter == Some(true) {
                    text.push_str(" last-reporter");
                }
            }
            text.push('\n');
        }
        for s in &m.sources {
            let _ = write!(text, "\t\tsource {}", s.addr);
            if verbose > 1 {
                let n = |v: Option<u64>| v.map_or("-".into(), |v| v.to_string());
                let _ = write!(text, " include {} exclude {}", n(s.includes), n(s.excludes));
            }
            text.push('\n');
        }
    }
}

/// The Linux router's tables of one family the kernel routes multicast for.
fn router_tables(text: &mut String, r: &MulticastRouting, family: Family) {
    if family == Family::Inet {
        let vifs: Vec<&Vif> = r.vifs.iter().filter(|v| v.family == Family::Inet).collect();
        if vifs.is_empty() {
            text.push_str("\nIPv4 Virtual Interface Table is empty\n");
        } else {
            text.push_str("\nIPv4 Virtual Interface Table\n Vif   Thresh   Local-Address   Remote-Address    Pkts-In   Pkts-Out\n");
            for v in vifs {
                let local = v
                    .local
                    .map_or_else(|| v.netif.clone().unwrap_or_default(), |a| a.to_string());
                let remote = v.remote.map(|a| a.to_string()).unwrap_or_default();
                let thresh = v.threshold.map_or("-".into(), |t| t.to_string());
                let _ = writeln!(
                    text,
                    "  {:>2}    {:>6}   {:<15.15} {:<15.15} {:>9}  {:>9}",
                    v.index, thresh, local, remote, v.pkts_in, v.pkts_out
                );
            }
        }
        let mfc: Vec<&Mfc> = r.mfc.iter().filter(|m| m.family == Family::Inet).collect();
        mfc4_table(text, &mfc, "-");
    }
    if family == Family::Inet6 {
        let mifs: Vec<&Vif> = r
            .vifs
            .iter()
            .filter(|v| v.family == Family::Inet6)
            .collect();
        mif_table(text, &mifs, "-");
        let mfc: Vec<&Mfc> = r.mfc.iter().filter(|m| m.family == Family::Inet6).collect();
        if mfc.is_empty() {
            text.push_str("\nIPv6 Multicast Forwarding Cache is empty\n");
        } else {
            text.push_str("\nIPv6 Multicast Forwarding Cache\n Origin                          Group                             Packets Waits In-Mif  Out-Mifs\n");
            for m in mfc {
                let iif = m.iif.map_or("-".into(), |i| i.to_string());
                let _ = write!(
                    text,
                    " {:<31} {:<31} {:>9} {:>5} {:>6}  ",
                    m.origin.to_string(),
                    m.group.to_string(),
                    m.packets,
                    "-",
                    iif
                );
                for (vif, _) in &m.oifs {
                    let _ = write!(text, " {vif}");
                }
                text.push('\n');
            }
        }
    }
}

/// The IPv4 Multicast Forwarding Table (netstat's mroute.c format), or the line saying it is
/// empty; `unknown` stands for an input vif the system does not give.
pub(super) fn mfc4_table(text: &mut String, mfc: &[&Mfc], unknown: &str) {
    if mfc.is_empty() {
        text.push_str("\nIPv4 Multicast Forwarding Table is empty\n");
        return;
    }
    text.push_str("\nIPv4 Multicast Forwarding Table\n Origin          Group             Packets In-Vif  Out-Vifs:Ttls\n");
    for m in mfc {
        let iif = m.iif.map_or_else(|| unknown.into(), |i| i.to_string());
        let _ = write!(
            text,
            " {:<15.15} {:<15.15} {:>9}  {:>3}   ",
            m.origin.to_string(),
            m.group.to_string(),
            m.packets,
            iif
        );
        for (vif, ttl) in &m.oifs {
            let _ = write!(text, " {vif}:{ttl}");
        }
        text.push('\n');
    }
}

/// The IPv6 Multicast Interface Table (netstat's mroute6.c format), or the line saying it
/// is empty; `unknown` stands for a rate or interface the system does not give.
pub(super) fn mif_table(text: &mut String, mifs: &[&Vif], unknown: &str) {
    if mifs.is_empty() {
        text.push_str("\nIPv6 Multicast Interface Table is empty\n");
        return;
    }
    text.push_str("\nIPv6 Multicast Interface Table\n Mif   Rate   PhyIF   Pkts-In   Pkts-Out\n");
    for v in mifs {
        let rate = v
            .rate_limit
            .map_or_else(|| unknown.into(), |r| r.to_string());
        let _ = writeln!(
            text,
            "  {:>2}   {:>4}   {:>5} {:>9}  {:>9}",
            v.index,
            rate,
            v.netif.as_deref().unwrap_or(unknown),
            v.pkts_in,
            v.pkts_out
        );
    }
}

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}

/// One membership as its JSON object (schema/multicast.json).
fn membership_json(m: &Membership) -> Value {
    let group = match &m.group {
        GroupAddr::Ip(a) => a.to_string(),
        GroupAddr::Link(l) => format::link_layer(l),
    };
    json!({
        "family": family(m).name(),
        "group": group,
        "link_layer": opt(m.link_layer.as_deref().map(format::link_layer)),
        "netif": opt(m.netif.clone()),
        "ifindex": m.ifindex,
        "refcount": opt(m.refcount),
        "filter_mode": opt(m.filter_mode.map(|f| f.name())),
        "sources": m.sources.iter().map(|s| json!({
            "address": s.addr.to_string(), "includes": opt(s.includes), "excludes": opt(s.excludes),
        })).collect::<Vec<_>>(),
        "timer_ms": opt(m.timer_ms),
        "reporter": opt(m.reporter),
    })
}

fn management_json(g: &GroupManagement) -> Value {
    json!({
        "ifindex": g.ifindex, "netif": opt(g.netif.clone()), "version": opt(g.version.clone()),
        "groups": opt(g.groups), "robustness": opt(g.robustness), "query_interval": opt(g.query_interval),
        "query_response_interval": opt(g.query_response_interval),
    })
}

fn vif_json(v: &Vif) -> Value {
    json!({
        "family": v.family.name(), "index": v.index, "netif": opt(v.netif.clone()),
        "local": opt(v.local.map(|a| a.to_string())), "remote": opt(v.remote.map(|a| a.to_string())),
        "threshold": opt(v.threshold), "rate_limit": opt(v.rate_limit), "flags": v.flags,
        "pkts_in": v.pkts_in, "pkts_out": v.pkts_out, "bytes_in": v.bytes_in, "bytes_out": v.bytes_out,
    })
}

fn mfc_json(m: &Mfc) -> Value {
    json!({
        "family": m.family.name(), "origin": m.origin.to_string(), "group": m.group.to_string(),
        "iif": opt(m.iif), "packets": m.packets, "bytes": m.bytes, "wrong_if": m.wrong_if,
        "oifs": m.oifs.iter().map(|(vif, ttl)| json!({"vif": vif, "ttl": ttl})).collect::<Vec<_>>(),
        "table": opt(m.table), "idle": opt(m.idle),
    })
}
