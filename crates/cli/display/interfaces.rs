//! `-i` / `-I interface`: interfaces with their if_data counters, one line per address as BSD
//! netstat prints them.
//!
//! Each interface has a link line (`<Link#N>` and the link-layer address) and a line per
//! address (`network/len` and the address). The counters belong to the link line: address
//! lines show `-`, since neither Linux nor the BSD interface lists used here keep counters per
//! address (macOS netstat repeats the interface's counters there, which double-counts when a
//! column is summed). `-b` adds Ibytes/Obytes, `-d` adds Idrop and Drop, `-f` keeps
//! one family's lines, `-W` sizes the Network and Address columns to fit instead of cutting.
//! Network is 18 wide so that any IPv4 prefix fits whole; IPv6 prefixes need -W.
//! FreeBSD's table has the form of FreeBSD 15's netstat (the `freebsd` module).

use crate::args::Options;
use crate::format;
use crate::json::{opt, Stream};
use crate::resolve::Resolver;
use crate::table::{cell, finish, opt_num, Align};
use rnetstat_core::{
    Backend, Error, Family, GroupAddr, IfAddress, IfFlags, Interface, Membership, Platform, Result,
};
use serde_json::{json, Value};
use std::io::Write;

mod freebsd;

/// Show the interface table.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let mut ifs = backend.interfaces()?;
    if let Some(name) = &opts.interface {
        ifs.retain(|i| &i.name == name);
        if ifs.is_empty() {
            return Err(Error::UnknownInterface(name.clone()));
        }
    }
    for i in &mut ifs {
        i.addresses.retain(|a| wants(opts.family, a));
    }
    // With -f inet or inet6 an interface without such an address has no line, in JSON neither.
    if matches!(opts.family, Some(Family::Inet | Family::Inet6)) {
        ifs.retain(|i| !i.addresses.is_empty());
    }
    let groups = if opts.all {
        backend.memberships()?
    } else {
        Vec::new()
    };
    if opts.json {
        let mut stream = Stream::begin(out, "interfaces", backend.platform(), "interfaces")?;
        for i in &ifs {
            let mut v = interface_json(i);
            // -a: the multicast groups of the interface, as the table lists them.
            if opts.all {
                let mine: Vec<Value> = groups
                    .iter()
                    .filter(|m| m.ifindex == i.index)
                    .map(|m| match &m.group {
                        GroupAddr::Ip(a) => Value::from(a.to_string()),
                        GroupAddr::Link(l) => Value::from(format::link_layer(l)),
                    })
                    .collect();
                v["multicast_groups"] = Value::from(mine);
            }
            stream.item(&v)?;
        }
        return stream.end();
    }
    let mut names = Resolver::of(opts);
    if backend.platform() == Platform::FreeBsd {
        let mut text = String::with_capacity(4096);
        freebsd::table(&mut text, &ifs, opts, &mut names, &groups);
        out.write_all(text.as_bytes())?;
        return Ok(());
    }
    let rows = rows(&ifs, opts, &mut names, &groups);
    let w = Widths::of(&rows, &ifs, opts.wide);
    let mut text = String::with_capacity(4096);
    header(&mut text, &w, opts);
    for r in &rows {
        line(&mut text, r, &w, opts);
    }
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn wants(family: Option<Family>, a: &IfAddress) -> bool {
    match family {
        None => true,
        Some(Family::Inet) => a.addr.is_ipv4(),
        Some(Family::Inet6) => a.addr.is_ipv6(),
        Some(_) => false,
    }
}

/// One printed line: the interface it belongs to and its Network and Address text.
struct Row<'a> {
    ifc: &'a Interface,
    network: String,
    address: String,
    link_line: bool,
    /// A multicast group line of -a: only the Address column.
    group: bool,
}

/// With -a, the multicast groups of each interface follow its link line (link-layer groups) and
/// its first address line of each family (that family's groups), as netstat -ia prints them.
fn rows<'a>(
    ifs: &'a [Interface],
    opts: &Options,
    names: &mut Resolver,
    groups: &[Membership],
) -> Vec<Row<'a>> {
    let link_lines = matches!(opts.family, None | Some(Family::Link));
    let mut rows = Vec::new();
    let group_rows = |rows: &mut Vec<Row<'a>>, ifc: &'a Interface, fam: Family| {
        for m in groups.iter().filter(|m| m.ifindex == ifc.index) {
            let text = match &m.group {
                GroupAddr::Link(l) if fam == Family::Link => format::link_layer(l),
                GroupAddr::Ip(a) if (fam == Family::Inet) == a.is_ipv4() && fam != Family::Link => {
                    format::ip(*a, Some(ifc.name.as_str()))
                }
                _ => continue,
            };
            rows.push(Row {
                ifc,
                network: String::new(),
                address: text,
                link_line: false,
                group: true,
            });
        }
    };
    for ifc in ifs {
        if link_lines {
            rows.push(Row {
                ifc,
                network: format!("<Link#{}>", ifc.index),
                // Loopback's all-zero address means "none", as BSD leaves lo0's column empty.
                address: if ifc.link_addr.iter().all(|b| *b == 0) {
                    String::new()
                } else {
                    format::link_layer(&ifc.link_addr)
                },
                link_line: true,
                group: false,
            });
            group_rows(&mut rows, ifc, Family::Link);
        }
        let mut families_done: Vec<Family> = Vec::new();
        for a in &ifc.addresses {
            let netif = Some(ifc.name.as_str());
            let network = format!("{}/{}", format::ip(a.network(), netif), a.prefix_len);
            rows.push(Row {
                ifc,
                network,
                address: format::host(a.addr, netif, names),
                link_line: false,
                group: false,
            });
            let fam = if a.addr.is_ipv4() {
                Family::Inet
            } else {
                Family::Inet6
            };
            if !families_done.contains(&fam) {
                families_done.push(fam);
                group_rows(&mut rows, ifc, fam);
            }
        }
    }
    rows
}

struct Widths {
    name: usize,
    network: usize,
    address: usize,
    cut: bool,
}

impl Widths {
    fn of(rows: &[Row<'_>], ifs: &[Interface], wide: bool) -> Self {
        // Linux names are longer than BSD's; the Name column is sized to fit, never cut, with
        // room for the `*` of an interface that is down.
        let name = ifs
            .iter()
            .map(|i| i.name.chars().count() + usize::from(!i.flags.contains(IfFlags::UP)))
            .max()
            .unwrap_or(0)
            .max(5);
        if !wide {
            return Widths {
                name,
                network: 18,
                address: 17,
                cut: true,
            };
        }
        let network = rows
            .iter()
            .map(|r| r.network.chars().count())
            .max()
            .unwrap_or(0)
            .max(18);
        let address = rows
            .iter()
            .map(|r| r.address.chars().count())
            .max()
            .unwrap_or(0)
            .max(17);
        Widths {
            name,
            network,
            address,
            cut: false,
        }
    }
}

fn header(t: &mut String, w: &Widths, opts: &Options) {
    cell(t, "Name", w.name, Align::Left, false);
    t.push(' ');
    cell(t, "Mtu", 5, Align::Right, false);
    t.push(' ');
    cell(t, "Network", w.network, Align::Left, false);
    t.push(' ');
    cell(t, "Address", w.address, Align::Left, false);
    for (title, width) in columns(opts) {
        t.push(' ');
        cell(t, title, width, Align::Right, false);
    }
    finish(t);
}

/// Counter columns after Address, as (title, width), for the options given.
fn columns(opts: &Options) -> Vec<(&'static str, usize)> {
    let mut c = vec![("Ipkts", 8), ("Ierrs", 5)];
    if opts.drops {
        c.push(("Idrop", 5));
    }
    if opts.bytes {
        c.push(("Ibytes", 10));
    }
    c.extend([("Opkts", 8), ("Oerrs", 5)]);
    if opts.bytes {
        c.push(("Obytes", 10));
    }
    c.push(("Coll", 5));
    if opts.drops {
        c.push(("Drop", 5));
    }
    c
}

fn line(t: &mut String, r: &Row<'_>, w: &Widths, opts: &Options) {
    if r.group {
        t.push_str(&" ".repeat(w.name + 1 + 5 + 1 + w.network + 1));
        t.push_str(&r.address);
        finish(t);
        return;
    }
    let i = r.ifc;
    let c = &i.counters;
    // A trailing `*` marks an interface that is down, as both BSD netstats mark it.
    let name = if i.flags.contains(IfFlags::UP) {
        i.name.clone()
    } else {
        format!("{}*", i.name)
    };
    cell(t, &name, w.name, Align::Left, false);
    t.push(' ');
    cell(t, &opt_num(i.mtu.map(u64::from)), 5, Align::Right, false);
    t.push(' ');
    cell(t, &r.network, w.network, Align::Left, w.cut);
    t.push(' ');
    cell(t, &r.address, w.address, Align::Left, w.cut);
    // Counters are per interface: only the link line has them.
    for (title, width) in columns(opts) {
        let v = match title {
            _ if !r.link_line => None,
            "Ipkts" => c.ipackets,
            "Ierrs" => c.ierrors,
            "Idrop" => c.iqdrops,
            "Ibytes" => c.ibytes,
            "Opkts" => c.opackets,
            "Oerrs" => c.oerrors,
            "Obytes" => c.obytes,
            "Coll" => c.collisions,
            // macOS keeps no ifi_oqdrops; its netstat shows the send queue's drops.
            _ => c.oqdrops.or(i.send_queue.drops),
        };
        t.push(' ');
        let text = match v {
            Some(n) if opts.human => format::human(n, title.ends_with("bytes")),
            v => opt_num(v),
        };
        cell(t, &text, width, Align::Right, false);
    }
    finish(t);
}

/// One interface as its JSON object (schema/interfaces.json).
pub fn interface_json(i: &Interface) -> Value {
    let c = &i.counters;
    let addresses: Vec<Value> = i
        .addresses
        .iter()
        .map(|a| {
            let mut v = json!({
                "family": if a.addr.is_ipv4() { "inet" } else { "inet6" },
                "address": a.addr.to_string(),
                "prefix_len": a.prefix_len,
                "network": format!("{}/{}", a.network(), a.prefix_len),
                "broadcast": opt(a.broadcast.map(|b| b.to_string())),
                "peer": opt(a.peer.map(|p| p.to_string())),
            });
            // Only where the kernel counts per address (FreeBSD's NET_RT_IFLISTL).
            let c = &a.counters;
            if !c.is_unknown() {
                v["counters"] = json!({
                    "ipackets": opt(c.ipackets), "opackets": opt(c.opackets),
                    "ibytes": opt(c.ibytes), "obytes": opt(c.obytes),
                });
            }
            v
        })
        .collect();
    json!({
        "name": i.name,
        "index": i.index,
        "flags": i.flags.names().collect::<Vec<_>>(),
        "mtu": opt(i.mtu),
        "link_address": if i.link_addr.is_empty() { Value::Null } else { format::link_layer(&i.link_addr).into() },
        "link_type": opt(i.link_type.clone()),
        "link_state": opt(i.link_state.map(|s| s.name())),
        "baudrate": opt(i.baudrate),
        "last_change": opt(i.last_change),
        "counters": {
            "ipackets": opt(c.ipackets), "ierrors": opt(c.ierrors), "iqdrops": opt(c.iqdrops),
            "ibytes": opt(c.ibytes), "imcasts": opt(c.imcasts), "noproto": opt(c.noproto),
            "opackets": opt(c.opackets), "oerrors": opt(c.oerrors), "oqdrops": opt(c.oqdrops),
            "obytes": opt(c.obytes), "omcasts": opt(c.omcasts), "collisions": opt(c.collisions),
        },
        "send_queue": {
            "len": opt(i.send_queue.len), "maxlen": opt(i.send_queue.maxlen), "drops": opt(i.send_queue.drops),
        },
        "addresses": addresses,
    })
}
