//! The interface table as FreeBSD 15's netstat -i prints it: every column sized to what it
//! holds (Name at least 5, Network and Address at least 8, Ipkts and Opkts at least 8,
//! the error, drop and collision columns at least 5, the byte columns at least 10), two blanks
//! between Network and Address. The link line names the interface in the Address column when
//! it has no link-layer address; address lines show `-` for the Mtu and for the counters an
//! address does not have (errors, drops, collisions), and their own packet and byte counts
//! (`-` when the kernel list read, NET_RT_IFLIST, does not carry them). Networks with an
//! /etc/networks name show the name alone, IPv4 as getnetbyaddr(3) finds it, IPv6 as the
//! hosts database names the network address. With -a each line is followed by the interface's
//! memberships of its family. The Coll column leaves no blank after it, the Drop column one.

use crate::args::Options;
use crate::format;
use crate::resolve::Resolver;
use rnetstat_core::{AddrCounters, Family, GroupAddr, IfAddress, IfFlags, Interface, Membership};
use std::fmt::Write as _;
use std::net::IpAddr;

/// One line of the table before widths are known.
struct Row<'a> {
    ifc: &'a Interface,
    /// The address line's address, `None` for the link line.
    addr: Option<&'a IfAddress>,
    network: String,
    address: String,
}

/// Column widths, measured over the lines shown.
struct Widths {
    name: usize,
    network: usize,
    address: usize,
    packets: usize,
    errors: usize,
    bytes: usize,
}

/// The width netstat gives a counter column holding `n`: two more than the number of times
/// `n` can be divided by ten while above ten (room for the value and a blank, as it counts).
fn num_width(n: u64) -> usize {
    let mut len = 2;
    let mut n = n;
    while n > 10 {
        len += 1;
        n /= 10;
    }
    len
}

/// Append the table for `ifs` (already filtered by -I and -f) to `text`.
pub fn table(
    text: &mut String,
    ifs: &[Interface],
    opts: &Options,
    names: &mut Resolver,
    groups: &[Membership],
) {
    let rows = rows(ifs, opts.family, names);
    let w = widths(&rows, opts);
    header(text, &w, opts);
    for r in &rows {
        line(text, r, &w, opts);
        if opts.all {
            group_lines(text, r, groups, opts, names);
        }
    }
}

fn rows<'a>(ifs: &'a [Interface], family: Option<Family>, names: &mut Resolver) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for ifc in ifs {
        if matches!(family, None | Some(Family::Link)) {
            let address = if ifc.link_addr.is_empty() {
                ifc.name.clone()
            } else {
                format::link_layer(&ifc.link_addr)
            };
            rows.push(Row {
                ifc,
                addr: None,
                network: format!("<Link#{}>", ifc.index),
                address,
            });
        }
        for a in &ifc.addresses {
            let netif = Some(ifc.name.as_str());
            rows.push(Row {
                ifc,
                addr: Some(a),
                network: network(a, netif, names),
                address: format::host(a.addr, netif, names),
            });
        }
    }
    rows
}

/// The Network column: the /etc/networks (IPv4) or hosts (IPv6) name of the network, or its
/// address and prefix length.
fn network(a: &IfAddress, netif: Option<&str>, names: &mut Resolver) -> String {
    let net = a.network();
    let name = match net {
        IpAddr::V4(v4) => names.network_number(v4, a.prefix_len).map(str::to_string),
        IpAddr::V6(_) => names.host(net).map(str::to_string),
    };
    name.unwrap_or_else(|| format!("{}/{}", format::ip(net, netif), a.prefix_len))
}

/// The counters of a line, in measuring order: (packets in, packets out, errors and drops,
/// bytes in and out).
fn counters(r: &Row<'_>, opts: &Options) -> [Vec<Option<u64>>; 3] {
    match r.addr {
        None => {
            let c = &r.ifc.counters;
            let mut errors = vec![c.ierrors, c.iqdrops, c.collisions];
            if opts.drops {
                errors.push(c.oqdrops);
            }
            [
                vec![c.ipackets, c.opackets],
                errors,
                vec![c.ibytes, c.obytes],
            ]
        }
        Some(a) => {
            let AddrCounters {
                ipackets,
                opackets,
                ibytes,
                obytes,
            } = a.counters;
            [vec![ipackets, opackets], Vec::new(), vec![ibytes, obytes]]
        }
    }
}

fn widths(rows: &[Row<'_>], opts: &Options) -> Widths {
    let mut w = Widths {
        name: 5,
        network: "Network ".len(),
        address: "Address ".len(),
        packets: 8,
        errors: 5,
        bytes: 10,
    };
    for r in rows {
        let down = usize::from(!r.ifc.flags.contains(IfFlags::UP));
        w.name = w.name.max(r.ifc.name.chars().count() + down);
        w.network = w.network.max(r.network.chars().count());
        w.address = w.address.max(r.address.chars().count());
        let [packets, errors, bytes] = counters(r, opts);
        let widest = |min: usize, values: &[Option<u64>]| {
            values
                .iter()
                .flatten()
                .map(|n| num_width(*n))
                .fold(min, usize::max)
        };
        w.packets = widest(w.packets, &packets);
        w.errors = widest(w.errors, &errors);
        if opts.bytes {
            w.bytes = widest(w.bytes, &bytes);
        }
    }
    w
}

fn header(t: &mut String, w: &Widths, opts: &Options) {
    let _ = write!(
        t,
        "{:<name$} {:>5} {:<net$}  {:<addr$} {:>pk$} {:>er$} {:>er$}",
        "Name",
        "Mtu",
        "Network",
        "Address",
        "Ipkts",
        "Ierrs",
        "Idrop",
        name = w.name,
        net = w.network,
        addr = w.address,
        pk = w.packets,
        er = w.errors
    );
    if opts.bytes {
        let _ = write!(t, " {:>by$}", "Ibytes", by = w.bytes);
    }
    let _ = write!(
        t,
        " {:>pk$} {:>er$}",
        "Opkts",
        "Oerrs",
        pk = w.packets,
        er = w.errors
    );
    if opts.bytes {
        let _ = write!(t, " {:>by$}", "Obytes", by = w.bytes);
    }
    let _ = write!(t, " {:>er$}", "Coll", er = w.errors);
    if opts.drops {
        let _ = write!(t, " {:>er$}", "Drop", er = w.errors);
    }
    t.push('\n');
}

/// How a counter is written: as a number, or with -h in human-readable units (bytes scaled
/// by 1024, other counts by 1000).
#[derive(Clone, Copy)]
enum Count {
    Plain,
    Human { bytes: bool },
}

impl Count {
    fn of(opts: &Options, bytes: bool) -> Count {
        if opts.human {
            Count::Human { bytes }
        } else {
            Count::Plain
        }
    }
}

/// A counter cell of `width`: the value where the line has it, else `-`.
fn stat(t: &mut String, v: Option<u64>, width: usize, how: Count) {
    match (v, how) {
        (Some(n), Count::Plain) => {
            let _ = write!(t, "{n:>width$}");
        }
        (Some(n), Count::Human { bytes }) => {
            let _ = write!(t, "{:>width$}", format::human(n, bytes));
        }
        (None, _) => {
            let _ = write!(t, "{:>width$}", "-");
        }
    }
}

fn line(t: &mut String, r: &Row<'_>, w: &Widths, opts: &Options) {
    let i = r.ifc;
    let name = if i.flags.contains(IfFlags::UP) {
        i.name.clone()
    } else {
        format!("{}*", i.name)
    };
    let _ = write!(t, "{name:<width$}", width = w.name);
    // The Mtu is the interface's, on its link line only.
    let mtu = if r.addr.is_none() {
        i.mtu.filter(|m| *m != 0).map(u64::from)
    } else {
        None
    };
    stat(t, mtu, 6, Count::Plain);
    let _ = write!(
        t,
        " {:<net$}  {:<addr$} ",
        r.network,
        r.address,
        net = w.network,
        addr = w.address
    );
    let link = r.addr.is_none();
    let c = &i.counters;
    let own = r.addr.map(|a| &a.counters);
    let traffic = |link_value: Option<u64>, own_value: fn(&AddrCounters) -> Option<u64>| match own {
        Some(a) => own_value(a),
        None => link_value,
    };
    let only_link = |v: Option<u64>| if link { v } else { None };
    stat(
        t,
        traffic(c.ipackets, |a| a.ipackets),
        w.packets,
        Count::of(opts, false),
    );
    t.push(' ');
    stat(t, only_link(c.ierrors), w.errors, Count::of(opts, false));
    t.push(' ');
    stat(t, only_link(c.iqdrops), w.errors, Count::of(opts, false));
    t.push(' ');
    if opts.bytes {
        stat(
            t,
            traffic(c.ibytes, |a| a.ibytes),
            w.bytes,
            Count::of(opts, true),
        );
        t.push(' ');
    }
    stat(
        t,
        traffic(c.opackets, |a| a.opackets),
        w.packets,
        Count::of(opts, false),
    );
    t.push(' ');
    stat(t, only_link(c.oerrors), w.errors, Count::of(opts, false));
    t.push(' ');
    if opts.bytes {
        stat(
            t,
            traffic(c.obytes, |a| a.obytes),
            w.bytes,
            Count::of(opts, true),
        );
        t.push(' ');
    }
    stat(t, only_link(c.collisions), w.errors, Count::of(opts, false));
    if opts.drops {
        t.push(' ');
        stat(t, only_link(c.oqdrops), w.errors, Count::of(opts, false));
        t.push(' ');
    }
    t.push('\n');
}

/// -a: the memberships of the line's interface in the line's family, each in the Address
/// column (cut to 17, padded to it); link-layer groups only on Ethernet, with the
/// interface's multicast packet counts.
fn group_lines(
    t: &mut String,
    r: &Row<'_>,
    groups: &[Membership],
    opts: &Options,
    names: &mut Resolver,
) {
    let ifc = r.ifc;
    let ether = ifc.link_type.as_deref() == Some("ether");
    for m in groups.iter().filter(|m| m.ifindex == ifc.index) {
        let text = match (&m.group, r.addr) {
            (GroupAddr::Link(l), None) if ether => format::link_layer(l),
            (GroupAddr::Ip(g), Some(a)) if g.is_ipv4() == a.addr.is_ipv4() => {
                format::host(*g, Some(ifc.name.as_str()), names)
            }
            _ => continue,
        };
        let shown: String = text.chars().take(17).collect();
        let _ = write!(t, "{:25} {shown:<17}", "");
        if r.addr.is_none() {
            let c = &ifc.counters;
            let _ = write!(
                t,
                " {:>8}{:pad$} {:>8}",
                c.imcasts.unwrap_or(0),
                "",
                c.omcasts.unwrap_or(0),
                pad = if opts.bytes { 17 } else { 6 }
            );
        }
        t.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::num_width;

    /// netstat's measure: 2 up to 10, then one more per division by ten while above ten.
    #[test]
    fn counter_widths_as_netstat_measures() {
        for (n, w) in [
            (0, 2),
            (10, 2),
            (11, 3),
            (101, 3),
            (111, 4),
            (12_345_678, 9),
        ] {
            assert_eq!(num_width(n), w, "{n}");
        }
    }
}
