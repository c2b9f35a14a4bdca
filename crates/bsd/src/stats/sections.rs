//! Protocol statistics (`-s`) and routing statistics (`-rs`) of FreeBSD and macOS: which
//! sysctls each section reads, the values netstat derives from them, and the sections in
//! netstat's order (inet: tcp, udp, ip, icmp, igmp, pim, arp; inet6: ip6, icmp6, rip6; tcp
//! and udp count for both families, as netstat's inet6 protocol list names them too; pim, arp
//! and rip6 are FreeBSD's).
//!
//! Besides the structures of [`crate::stats::layout`], a section may read small sysctls:
//! FreeBSD's `net.inet.tcp.states` (`uint64_t[TCP_NSTATES]`, "TCP connection count by
//! state"), `net.inet.icmp.maskrepl` (int, "ICMP address mask responses are enabled"), and on
//! macOS `net.inet.tcp.pcbcount`, `net.inet.raw.pcbcount`, `net.route.pcbcount` (u_int, the
//! "open ... sockets" lines) and NET_RT_TRASH (`net.route.0.0.5.0`, int). Those are optional:
//! without them their line is left out.

use crate::os::Os;
use crate::source::Source;
use crate::stats::layout::{decode, layouts, Layout};
use crate::stats::values::Values;
use crate::stats::wording::{self as w, Line};
use crate::wire::bytes::le;
use rnetstat_core::{Error, Result, StatGroup};

/// The UDP counters macOS's netstat subtracts from udps_ipackets for its "delivered" line.
const UDP_UNDELIVERED: [&str; 6] = [
    "udps_hdrops",
    "udps_badlen",
    "udps_badsum",
    "udps_noport",
    "udps_noportbcast",
    "udps_fullsock",
];

/// The UDP counters FreeBSD 15's netstat subtracts from udps_ipackets for its "delivered"
/// line (udps_noport counts the broadcast and multicast datagrams nobody took too).
const FREEBSD_UDP_UNDELIVERED: [&str; 5] = [
    "udps_hdrops",
    "udps_badlen",
    "udps_badsum",
    "udps_noport",
    "udps_fullsock",
];

/// The raw IPv6 counters FreeBSD's netstat subtracts from rip6s_ipackets for "delivered".
const RIP6_UNDELIVERED: [&str; 4] = [
    "rip6s_badsum",
    "rip6s_nosock",
    "rip6s_nosockmcast",
    "rip6s_fullsock",
];

/// A section: its name, the families it belongs to, and its wording.
struct Section {
    name: &'static str,
    families: &'static [&'static str],
    table: &'static [Line],
}

/// Sections every kernel keeps (FreeBSD: ARP with INET, raw IPv6 with INET6; the routing
/// statistics of both systems), which netstat prints whenever they are asked for: a snapshot
/// without them (taken by an rnetstat that did not read them yet) cannot say what netstat
/// printed, and is refused.
const KEPT_BY_EVERY_KERNEL: &[&str] = &["arp", "rip6", "routing"];

const BOTH: &[&str] = &["inet", "inet6"];

/// The `-s` sections in netstat's order.
const SECTIONS: &[Section] = &[
    Section {
        name: "tcp",
        families: BOTH,
        table: w::TCP,
    },
    Section {
        name: "udp",
        families: BOTH,
        table: w::UDP,
    },
    Section {
        name: "ip",
        families: &["inet"],
        table: w::IP,
    },
    Section {
        name: "icmp",
        families: &["inet"],
        table: w::ICMP,
    },
    Section {
        name: "igmp",
        families: &["inet"],
        table: w::IGMP,
    },
    Section {
        name: "pim",
        families: &["inet"],
        table: w::PIM,
    },
    Section {
        name: "arp",
        families: &["inet"],
        table: w::ARP,
    },
    Section {
        name: "ip6",
        families: &["inet6"],
        table: w::IP6,
    },
    Section {
        name: "icmp6",
        families: &["inet6"],
        table: w::ICMP6,
    },
    Section {
        name: "rip6",
        families: &["inet6"],
        table: w::RIP6,
    },
];

/// The structures of `section`, in the order to try them.
fn section_layouts(os: Os, section: &str) -> impl Iterator<Item = &'static Layout> + '_ {
    layouts(os)
        .iter()
        .filter(move |(s, _)| *s == section)
        .map(|(_, l)| l)
}

/// Read the sysctl `name` (with integer MIB components after a `.0.0.`-style suffix already
/// spelled out in `name`, e.g. `net.route.0.0.11.0`), if the source has it.
fn read_opt(source: &mut dyn Source, name: &str) -> Result<Option<Vec<u8>>> {
    let (base, args) = split_args(name);
    source.named_opt(base, &args)
}

/// Read a sysctl every kernel keeps: a live kernel without it has none (the section is left
/// out, as netstat leaves it out), a snapshot without it did not record it (an error).
fn read_kept(source: &mut dyn Source, name: &str) -> Result<Option<Vec<u8>>> {
    let (base, args) = split_args(name);
    match source.named(base, &args) {
        Ok(buf) => Ok(Some(buf)),
        Err(Error::NotSupported(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `net.route.0.0.11.0` -> (`net.route`, [0, 0, 11, 0]); other names have no arguments.
fn split_args(name: &str) -> (&str, Vec<u32>) {
    let mut base = name;
    let mut args = Vec::new();
    while let Some((head, tail)) = base.rsplit_once('.') {
        match tail.parse::<u32>() {
            Ok(n) => {
                args.insert(0, n);
                base = head;
            }
            Err(_) => break,
        }
    }
    (base, args)
}

/// An optional scalar sysctl (int / u_int) into `values` as `key`.
fn small(
    source: &mut dyn Source,
    name: &str,
    key: &'static str,
    values: &mut Values,
) -> Result<()> {
    if let Some(buf) = read_opt(source, name)? {
        let v = le(&buf, 0, 4).ok_or_else(|| {
            Error::decode(
                "statistics",
                format!("{name}: {} bytes, not an int", buf.len()),
            )
        })?;
        values.set(key, v);
    }
    Ok(())
}

/// The decoded values of one section, with what netstat derives from them; None when this
/// system keeps no such statistics (the sysctl is absent).
fn section_values(os: Os, name: &str, source: &mut dyn Source) -> Result<Option<Values>> {
    let mut found = None;
    for layout in section_layouts(os, name) {
        let buf = if KEPT_BY_EVERY_KERNEL.contains(&name) {
            read_kept(source, layout.sysctl)?
        } else {
            read_opt(source, layout.sysctl)?
        };
        if let Some(buf) = buf {
            found = Some((layout, buf));
            break;
        }
    }
    let Some((layout, buf)) = found else {
        return Ok(None);
    };
    let mut v = decode(layout, &buf)?;
    derive(os, name, source, &mut v)?;
    Ok(Some(v))
}

/// The values netstat computes or reads beside the structure.
fn derive(os: Os, name: &str, source: &mut dyn Source, v: &mut Values) -> Result<()> {
    let g = |v: &Values, f: &str| v.get(f).unwrap_or(0);
    match (os, name) {
        (Os::FreeBsd, "tcp") => {
            if let Some(buf) = read_opt(source, "net.inet.tcp.states")? {
                let n = crate::wire::sockconst::TCP_STATES.len();
                if buf.len() < n * 8 {
                    return Err(Error::decode(
                        "statistics",
                        format!(
                            "net.inet.tcp.states: {} bytes, expected {}",
                            buf.len(),
                            n * 8
                        ),
                    ));
                }
                let states = (0..n).filter_map(|i| le(&buf, i * 8, 8)).collect();
                v.arrays.push(("tcps_states", states));
            }
        }
        (Os::FreeBsd, "udp") => {
            // uint64_t arithmetic, as netstat's.
            let delivered = FREEBSD_UDP_UNDELIVERED
                .iter()
                .fold(g(v, "udps_ipackets"), |d, f| d.wrapping_sub(g(v, f)));
            v.set("delivered", delivered);
            let bmcast = g(v, "udps_noportmcast").wrapping_add(g(v, "udps_noportbcast"));
            v.set("noportbmcast", bmcast);
        }
        (Os::FreeBsd, "rip6") => {
            let delivered = RIP6_UNDELIVERED
                .iter()
                .fold(g(v, "rip6s_ipackets"), |d, f| d.wrapping_sub(g(v, f)));
            v.set("delivered", delivered);
        }
        (Os::MacOs, "udp") => {
            // uint32_t arithmetic, as netstat's.
            let d32 = |f: &str| g(v, f) as u32;
            let delivered = UDP_UNDELIVERED
                .iter()
                .fold(d32("udps_ipackets"), |d, f| d.wrapping_sub(d32(f)));
            let rcv = d32("udps_rcv_swcsum").wrapping_add(d32("udps_rcv6_swcsum"));
            let snd = d32("udps_snd_swcsum").wrapping_add(d32("udps_snd6_swcsum"));
            v.set("delivered", u64::from(delivered));
            v.set("rcv_swcsum", u64::from(rcv));
            v.set("snd_swcsum", u64::from(snd));
        }
        (Os::MacOs, "tcp") => {
            let d32 = |f: &str| g(v, f) as u32;
            let rcv = d32("tcps_rcv_swcsum").wrapping_add(d32("tcps_rcv6_swcsum"));
            let snd = d32("tcps_snd_swcsum").wrapping_add(d32("tcps_snd6_swcsum"));
            v.set("rcv_swcsum", u64::from(rcv));
            v.set("snd_swcsum", u64::from(snd));
            small(source, "net.inet.tcp.pcbcount", "pcbcount", v)?;
        }
        (Os::MacOs, "ip") => small(source, "net.inet.raw.pcbcount", "pcbcount", v)?,
        (_, "icmp") => {
            small(source, "net.inet.icmp.maskrepl", "maskrepl", v)?;
            // netstat prints "en" for any non-zero setting.
            if let Some(m) = v.get("maskrepl") {
                v.set("maskrepl", u64::from(m != 0));
            }
        }
        (Os::MacOs, "routing") => {
            small(source, "net.route.0.0.5.0", "rttrash", v)?;
            small(source, "net.route.pcbcount", "pcbcount", v)?;
        }
        _ => {}
    }
    Ok(())
}

/// `-s`: the sections whose (name, family) `wanted` accepts and this system keeps, in
/// netstat's order; `ifname` names interface indexes (FreeBSD's ip6 mbuf lines).
pub fn protocol_stats(
    os: Os,
    source: &mut dyn Source,
    wanted: &dyn Fn(&str, &str) -> bool,
    ifname: &dyn Fn(u32) -> Option<String>,
) -> Result<Vec<StatGroup>> {
    let mut out = Vec::new();
    for s in SECTIONS {
        if !s.families.iter().any(|f| wanted(s.name, f)) {
            continue;
        }
        if let Some(values) = section_values(os, s.name, source)? {
            out.push(w::render(os, s.name, s.table, &values, ifname));
        }
    }
    Ok(out)
}

/// `-rs`: the `routing:` section.
pub fn routing_stats(os: Os, source: &mut dyn Source) -> Result<Vec<StatGroup>> {
    let Some(values) = section_values(os, "routing", source)? else {
        return Ok(Vec::new());
    };
    Ok(vec![w::render(os, "routing", w::ROUTING, &values, &|_| {
        None
    })])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mib_arguments_split_off_the_name() {
        assert_eq!(
            split_args("net.route.0.0.11.0"),
            ("net.route", vec![0, 0, 11, 0])
        );
        assert_eq!(
            split_args("net.inet.tcp.stats"),
            ("net.inet.tcp.stats", vec![])
        );
        assert_eq!(split_args("net.inet6.ip6.stats").1, Vec::<u32>::new());
    }

    /// Every counter a row names for a system is in that system's layout or derived here.
    #[test]
    fn every_row_has_its_counter() {
        let derived = [
            "tcps_states",
            "delivered",
            "noportbmcast",
            "maskrepl",
            "rcv_swcsum",
            "snd_swcsum",
            "pcbcount",
            "rttrash",
        ];
        for (os, mask) in [(Os::FreeBsd, w::F), (Os::MacOs, w::M)] {
            for s in SECTIONS
                .iter()
                .map(|s| (s.name, s.table))
                .chain([("routing", w::ROUTING)])
            {
                let Some(l) = section_layouts(os, s.0).next() else {
                    assert!(
                        s.1.iter().all(|r| r.on & mask == 0),
                        "{os:?} has rows for {} but no layout",
                        s.0
                    );
                    continue;
                };
                let known =
                    |f: &str| l.fields.iter().any(|x| x.name.as_str() == f) || derived.contains(&f);
                for r in s.1.iter().filter(|r| r.on & mask != 0) {
                    let names: Vec<&str> = match &r.what {
                        w::What::Counter(a, _) | w::What::Fixed(a, _) => vec![a.as_str()],
                        w::What::Pair(a, b, _) => vec![a.as_str(), b.as_str()],
                        w::What::Histogram(a, ..) => vec![a.as_str()],
                        _ => vec![],
                    };
                    for n in names {
                        assert!(known(n), "{os:?} {}: {n} is in no layout", s.0);
                    }
                }
            }
        }
    }
}
