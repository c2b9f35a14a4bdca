//! Multicast from procfs: group memberships with their source filters, the group-management
//! state of each interface, and the multicast router's vif table and forwarding cache. Every
//! file follows the network namespace of the reading process.
//!
//! Formats (net/ipv4/igmp.c, ipmr.c, net/ipv6/mcast.c, ip6mr.c, net/core/dev_addr_lists.c):
//! - `igmp`: a header, then per interface `IDX\tNAME: COUNT QUERIER` (QUERIER V1, V2 or V3) and
//!   under it per group `\t\t\t\tGROUP USERS RUNNING:TIMER\t\tREPORTER`, GROUP the address as a
//!   32-bit word printed from memory in hex, TIMER in clock ticks (USER_HZ = 100).
//! - `mcfilter`: a header, then `IDX DEV 0xGROUP 0xSOURCE INC EXC`, addresses as host-order
//!   hex, INC and EXC the sockets including and excluding that source (DEV cut to 6 chars).
//! - `igmp6`: `IDX DEV GROUP USERS FLAGS TIMER`, GROUP 32 hex digits, FLAGS the MAF_* bits
//!   (0x2: this host sent the last report), TIMER in clock ticks.
//! - `mcfilter6`: a header, then `IDX DEV GROUP SOURCE INC EXC`, addresses 32 hex digits.
//! - `dev_mcast`: `IDX DEV USERS GLOBAL ADDRESS`, the link-layer group in hex.
//! - `ip_mr_vif`: a header, then `VIF NAME BYTES_IN PKTS_IN BYTES_OUT PKTS_OUT FLAGS LOCAL
//!   REMOTE`, LOCAL and REMOTE 32-bit words from memory in hex, except that a vif made with
//!   VIFF_USE_IFINDEX (flag 0x8, as smcroute makes them) holds its ifindex in LOCAL;
//!   `ip6_mr_vif` the same without LOCAL and REMOTE. Packets that arrive on the wrong vif
//!   count in the cache entry's packets and in WRONG, not in the vif's PKTS_IN.
//! - `ip_mr_cache`: a header, then `GROUP ORIGIN IIF PKTS BYTES WRONG [VIF:TTL ...]`, addresses
//!   as in `igmp`; `ip6_mr_cache` with full IPv6 addresses.
//!
//! The files carry no filter mode. A group is in EXCLUDE mode when a socket joined it for any
//! source (its users outnumber the sockets that include some source) or blocks a source, and in
//! INCLUDE mode otherwise.

use crate::procfs::rows;
use rnetstat_core::{
    Error, Family, FilterMode, GroupAddr, GroupManagement, GroupSource, Membership, Mfc, Result,
    Vif,
};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// VIFF_USE_IFINDEX: the vif was made by interface index.
const VIFF_USE_IFINDEX: u32 = 0x8;
/// Linux's clock tick for the timers of these files.
const USER_HZ: u64 = 100;

fn bad(file: &str, line: usize, detail: impl std::fmt::Display) -> Error {
    Error::decode(
        "/proc/net multicast table",
        format!("{file} line {}: {detail}", line + 1),
    )
}

fn hex(s: &str) -> Option<u64> {
    u64::from_str_radix(s.trim_start_matches("0x"), 16).ok()
}

/// A 32-bit address word printed from memory (network order bytes read as a native number).
fn ipv4_mem(s: &str) -> Option<Ipv4Addr> {
    Some(Ipv4Addr::from(u32::try_from(hex(s)?).ok()?.to_ne_bytes()))
}

/// An IPv6 address of 32 hex digits.
fn ipv6_hex(s: &str) -> Option<Ipv6Addr> {
    if s.len() != 32 {
        return None;
    }
    u128::from_str_radix(s, 16).ok().map(Ipv6Addr::from)
}

/// `/proc/net/igmp`: the interfaces' IGMP state and their IPv4 groups.
pub fn parse_igmp(text: &str) -> Result<(Vec<GroupManagement>, Vec<Membership>)> {
    const F: &str = "igmp";
    let mut ifs: Vec<GroupManagement> = Vec::new();
    let mut groups = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with('\t') {
            let ifc = ifs
                .last()
                .ok_or_else(|| bad(F, n, "a group before any interface"))?;
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 4 {
                return Err(bad(F, n, "expected GROUP USERS RUNNING:TIMER REPORTER"));
            }
            let group = ipv4_mem(f[0]).ok_or_else(|| bad(F, n, format!("bad group {:?}", f[0])))?;
            let users = f[1].parse::<u64>().map_err(|_| bad(F, n, "bad users"))?;
            let (running, timer) = f[2].split_once(':').ok_or_else(|| bad(F, n, "bad timer"))?;
            let timer = hex(timer).ok_or_else(|| bad(F, n, "bad timer"))?;
            groups.push(Membership {
                ifindex: ifc.ifindex,
                netif: ifc.netif.clone(),
                group: GroupAddr::Ip(IpAddr::V4(group)),
                link_layer: None,
                refcount: Some(users),
                filter_mode: None,
                sources: Vec::new(),
                timer_ms: (running == "1").then_some(timer.saturating_mul(1000) / USER_HZ),
                reporter: Some(f[3] == "1"),
            });
            continue;
        }
        let (head, tail) = line
            .split_once(':')
            .ok_or_else(|| bad(F, n, "expected IDX NAME: COUNT QUERIER"))?;
        let mut h = head.split_whitespace();
        let (Some(idx), Some(name)) = (h.next(), h.next()) else {
            return Err(bad(F, n, "expected IDX NAME"));
        };
        let mut t = tail.split_whitespace();
        let count = t.next().and_then(|c| c.parse().ok());
        let version = t.next().map(|q| format!("igmp{}", q.to_ascii_lowercase()));
        ifs.push(GroupManagement {
            ifindex: idx
                .parse()
                .map_err(|_| bad(F, n, format!("bad index {idx:?}")))?,
            netif: Some(name.to_string()),
            version,
            groups: count,
            robustness: None,
            query_interval: None,
            query_response_interval: None,
        });
    }
    Ok((ifs, groups))
}

/// `/proc/net/igmp6`: IPv6 groups.
pub fn parse_igmp6(text: &str) -> Result<Vec<Membership>> {
    const F: &str = "igmp6";
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.is_empty() {
            continue;
        }
        if f.len() < 6 {
            return Err(bad(F, n, "expected IDX DEV GROUP USERS FLAGS TIMER"));
        }
        let flags = hex(f[4]).ok_or_else(|| bad(F, n, "bad flags"))?;
        let timer: u64 = f[5].parse().map_err(|_| bad(F, n, "bad timer"))?;
        out.push(Membership {
            ifindex: f[0].parse().map_err(|_| bad(F, n, "bad index"))?,
            netif: Some(f[1].to_string()),
            group: GroupAddr::Ip(IpAddr::V6(
                ipv6_hex(f[2]).ok_or_else(|| bad(F, n, "bad group"))?,
            )),
            link_layer: None,
            refcount: Some(f[3].parse().map_err(|_| bad(F, n, "bad users"))?),
            filter_mode: None,
            sources: Vec::new(),
            timer_ms: (flags & 1 != 0).then_some(timer.saturating_mul(1000) / USER_HZ),
            reporter: Some(flags & 2 != 0),
        });
    }
    Ok(out)
}

/// One line of `mcfilter` / `mcfilter6`: (ifindex, group, source, includes, excludes).
pub type FilterEntry = (u32, IpAddr, GroupSource);

/// `/proc/net/mcfilter` (`family` inet) or `/proc/net/mcfilter6` (inet6).
pub fn parse_mcfilter(text: &str, family: Family) -> Result<Vec<FilterEntry>> {
    let file = if family == Family::Inet {
        "mcfilter"
    } else {
        "mcfilter6"
    };
    let mut out = Vec::new();
    for (n, _, f) in rows::after_header(text) {
        if f.len() < 6 {
            return Err(bad(file, n, "expected IDX DEV GROUP SOURCE INC EXC"));
        }
        let addr = |s: &str| -> Option<IpAddr> {
            if family == Family::Inet {
                Some(IpAddr::V4(Ipv4Addr::from(u32::try_from(hex(s)?).ok()?)))
            } else {
                ipv6_hex(s).map(IpAddr::V6)
            }
        };
        let group = addr(f[2]).ok_or_else(|| bad(file, n, format!("bad group {:?}", f[2])))?;
        let source = addr(f[3]).ok_or_else(|| bad(file, n, format!("bad source {:?}", f[3])))?;
        out.push((
            f[0].parse().map_err(|_| bad(file, n, "bad index"))?,
            group,
            GroupSource {
                addr: source,
                includes: Some(f[4].parse().map_err(|_| bad(file, n, "bad INC"))?),
                excludes: Some(f[5].parse().map_err(|_| bad(file, n, "bad EXC"))?),
            },
        ));
    }
    Ok(out)
}

/// Attach the source filters to their memberships and infer each group's filter mode.
pub fn apply_filters(groups: &mut [Membership], filters: Vec<FilterEntry>) {
    for (ifindex, group, source) in filters {
        if let Some(m) = groups
            .iter_mut()
            .find(|m| m.ifindex == ifindex && m.group == GroupAddr::Ip(group))
        {
            m.sources.push(source);
        }
    }
    for m in groups.iter_mut() {
        // Each INCLUDE-mode socket counts once per source it includes: the most any source is
        // included by bounds the INCLUDE sockets from below.
        let includers = m
            .sources
            .iter()
            .filter_map(|s| s.includes)
            .max()
            .unwrap_or(0);
        let blocks = m.sources.iter().any(|s| s.excludes.unwrap_or(0) > 0);
        let any_source_join = m.refcount.is_some_and(|users| users > includers);
        let include = !m.sources.is_empty() && !blocks && !any_source_join;
        m.filter_mode = Some(if include {
            FilterMode::Include
        } else {
            FilterMode::Exclude
        });
    }
}

/// `/proc/net/dev_mcast`: link-layer groups.
pub fn parse_dev_mcast(text: &str) -> Result<Vec<Membership>> {
    const F: &str = "dev_mcast";
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.is_empty() {
            continue;
        }
        if f.len() < 5
            || !f[4].len().is_multiple_of(2)
            || !f[4].bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(bad(F, n, "expected IDX DEV USERS GLOBAL ADDRESS"));
        }
        let addr: Option<Vec<u8>> = (0..f[4].len() / 2)
            .map(|i| u8::from_str_radix(&f[4][i * 2..i * 2 + 2], 16).ok())
            .collect();
        out.push(Membership {
            ifindex: f[0].parse().map_err(|_| bad(F, n, "bad index"))?,
            netif: Some(f[1].to_string()),
            group: GroupAddr::Link(addr.ok_or_else(|| bad(F, n, "bad address"))?),
            link_layer: None,
            refcount: Some(f[2].parse().map_err(|_| bad(F, n, "bad users"))?),
            filter_mode: None,
            sources: Vec::new(),
            timer_ms: None,
            reporter: None,
        });
    }
    Ok(out)
}

/// The Ethernet group an IP group maps to (RFC 1112: 01:00:5e + 23 bits; RFC 2464: 33:33 +
/// 32 bits).
pub fn ether_group(group: IpAddr) -> Vec<u8> {
    match group {
        IpAddr::V4(a) => {
            let o = a.octets();
            vec![0x01, 0x00, 0x5e, o[1] & 0x7f, o[2], o[3]]
        }
        IpAddr::V6(a) => {
            let o = a.octets();
            vec![0x33, 0x33, o[12], o[13], o[14], o[15]]
        }
    }
}

/// `/proc/net/ip_mr_vif` (`family` inet) or `/proc/net/ip6_mr_vif` (inet6).
pub fn parse_mr_vif(text: &str, family: Family) -> Result<Vec<Vif>> {
    let file = if family == Family::Inet {
        "ip_mr_vif"
    } else {
        "ip6_mr_vif"
    };
    let want = if family == Family::Inet { 9 } else { 7 };
    let mut out = Vec::new();
    for (n, _, f) in rows::after_header(text) {
        if f.len() < want {
            return Err(bad(file, n, format!("{} fields, expected {want}", f.len())));
        }
        let num = |i: usize| {
            f[i].parse::<u64>()
                .map_err(|_| bad(file, n, format!("bad number {:?}", f[i])))
        };
        let flags = u32::try_from(hex(f[6]).ok_or_else(|| bad(file, n, "bad flags"))?).unwrap_or(0);
        let addr = |i: usize| -> Result<Option<IpAddr>> {
            let a =
                ipv4_mem(f[i]).ok_or_else(|| bad(file, n, format!("bad address {:?}", f[i])))?;
            Ok((!a.is_unspecified()).then_some(IpAddr::V4(a)))
        };
        // VIFF_USE_IFINDEX: LOCAL is an interface index, not an address.
        let by_index = flags & VIFF_USE_IFINDEX != 0;
        out.push(Vif {
            family,
            index: u32::try_from(num(0)?).map_err(|_| bad(file, n, "bad vif"))?,
            netif: Some(f[1].to_string()).filter(|n| n != "none"),
            local: if family == Family::Inet && !by_index {
                addr(7)?
            } else {
                None
            },
            remote: if family == Family::Inet {
                addr(8)?
            } else {
                None
            },
            threshold: None,
            rate_limit: None,
            flags,
            bytes_in: num(2)?,
            pkts_in: num(3)?,
            bytes_out: num(4)?,
            pkts_out: num(5)?,
        });
    }
    Ok(out)
}

/// `/proc/net/ip_mr_cache` (`family` inet) or `/proc/net/ip6_mr_cache` (inet6).
pub fn parse_mr_cache(text: &str, family: Family) -> Result<Vec<Mfc>> {
    let file = if family == Family::Inet {
        "ip_mr_cache"
    } else {
        "ip6_mr_cache"
    };
    let mut out = Vec::new();
    for (n, _, f) in rows::after_header(text) {
        if f.len() < 6 {
            return Err(bad(
                file,
                n,
                format!("{} fields, expected at least 6", f.len()),
            ));
        }
        let addr = |s: &str| -> Option<IpAddr> {
            if family == Family::Inet {
                ipv4_mem(s).map(IpAddr::V4)
            } else {
                s.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
            }
        };
        let num = |i: usize| {
            f[i].parse::<u64>()
                .map_err(|_| bad(file, n, format!("bad number {:?}", f[i])))
        };
        let iif: i64 = f[2].parse().map_err(|_| bad(file, n, "bad iif"))?;
        let mut oifs = Vec::new();
        for o in &f[6..] {
            let (vif, ttl) = o
                .split_once(':')
                .ok_or_else(|| bad(file, n, format!("bad oif {o:?}")))?;
            oifs.push((
                vif.parse().map_err(|_| bad(file, n, "bad oif vif"))?,
                ttl.parse().map_err(|_| bad(file, n, "bad oif ttl"))?,
            ));
        }
        out.push(Mfc {
            family,
            group: addr(f[0]).ok_or_else(|| bad(file, n, format!("bad group {:?}", f[0])))?,
            origin: addr(f[1]).ok_or_else(|| bad(file, n, format!("bad origin {:?}", f[1])))?,
            iif: u32::try_from(iif).ok(),
            packets: num(3)?,
            bytes: num(4)?,
            wrong_if: num(5)?,
            oifs,
            table: None,
            idle: None,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn igmp_and_filters() {
        let igmp = "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n\
                    3\tv0        :     2      V3\n\
                    \t\t\t\t020202EF     1 1:00000064\t\t1\n\
                    \t\t\t\t010000E0     1 0:00000000\t\t0\n";
        let (ifs, mut groups) = parse_igmp(igmp).unwrap();
        assert_eq!(
            (ifs[0].ifindex, ifs[0].version.as_deref()),
            (3, Some("igmpv3"))
        );
        assert_eq!(groups[0].group, GroupAddr::Ip("239.2.2.2".parse().unwrap()));
        assert_eq!(
            (groups[0].timer_ms, groups[0].reporter),
            (Some(1000), Some(true))
        );
        let filters = "Idx Device        MCA        SRC    INC    EXC\n  3     v0 0xef020202 0xc000020a      1      0\n";
        apply_filters(&mut groups, parse_mcfilter(filters, Family::Inet).unwrap());
        assert_eq!(groups[0].filter_mode, Some(FilterMode::Include));
        assert_eq!(
            groups[0].sources[0].addr,
            "192.0.2.10".parse::<IpAddr>().unwrap()
        );
        assert_eq!(groups[1].filter_mode, Some(FilterMode::Exclude));
        // An any-source join beside a source-specific one makes the group EXCLUDE.
        let (_, mut mixed) =
            parse_igmp("h\n3\tv0 : 1 V3\n\t\t\t\t020202EF     2 0:00000000\t\t0\n").unwrap();
        apply_filters(&mut mixed, parse_mcfilter(filters, Family::Inet).unwrap());
        assert_eq!(mixed[0].filter_mode, Some(FilterMode::Exclude));
        assert_eq!(
            ether_group("239.130.2.2".parse().unwrap()),
            [1, 0, 0x5e, 2, 2, 2]
        );
    }

    #[test]
    fn router_tables() {
        let vif = "Interface      BytesIn  PktsIn  BytesOut PktsOut Flags Local    Remote\n 0 mc0           420       5         0       0 00000 010200C0 00000000\n";
        let v = parse_mr_vif(vif, Family::Inet).unwrap();
        assert_eq!(
            (v[0].netif.as_deref(), v[0].pkts_in, v[0].local),
            (Some("mc0"), 5, Some("192.0.2.1".parse().unwrap()))
        );
        let cache = "Group    Origin   Iif     Pkts    Bytes    Wrong Oifs\n030201EF 020200C0 0          5      420        0  1:1    2:1   \n";
        let c = parse_mr_cache(cache, Family::Inet).unwrap();
        assert_eq!(c[0].group, "239.1.2.3".parse::<IpAddr>().unwrap());
        assert_eq!(
            (c[0].iif, c[0].packets, c[0].oifs.clone()),
            (Some(0), 5, vec![(1, 1), (2, 1)])
        );
        let cache6 = "Group                            Origin                           Iif      Pkts  Bytes     Wrong  Oifs\n\
                      ff3e:0000:0000:0000:0000:0000:0001:0002 2001:0db8:0000:0000:0000:0000:0000:0002 0          3      312        0  1:1  \n";
        let c6 = parse_mr_cache(cache6, Family::Inet6).unwrap();
        assert_eq!(c6[0].origin, "2001:db8::2".parse::<IpAddr>().unwrap());
        assert!(parse_mr_cache("h\nzz 1 2 3 4 5\n", Family::Inet).is_err());
    }
}
