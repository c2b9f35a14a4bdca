//! `-s` and `-gs` on Linux: the counters of /proc/net/snmp (Ip, Icmp, IcmpMsg, Tcp, Udp,
//! UdpLite), /proc/net/netstat (TcpExt, IpExt, MPTcpExt) and /proc/net/snmp6 (Ip6, Icmp6,
//! Udp6, UdpLite6) and, where SCTP is in the kernel, /proc/net/sctp/snmp (Sctp), grouped per
//! protocol in the kernel's order, each with netstat(1)-style wording where rnetstat knows the
//! counter ([`crate::procfs::wording`]) and its kernel name otherwise.
//!
//! The wording lives beside the decoder, as the BSD crate keeps its systems' wording beside
//! theirs: it is a fact about this kernel's counter names; the CLI renders every platform's
//! counters alike.

use crate::procfs::snmp::{Counters, Entry};
use crate::procfs::wording::{self, WORDING};
use rnetstat_core::{Counter, Family, Mfc, MulticastRouting, StatGroup};

/// Sections in display order: (section name, kernel group, family).
pub const SECTIONS: &[(&str, &str, &str)] = &[
    ("ip", "Ip", "inet"),
    ("icmp", "Icmp", "inet"),
    ("icmpmsg", "IcmpMsg", "inet"),
    ("tcp", "Tcp", "inet"),
    ("udp", "Udp", "inet"),
    ("udplite", "UdpLite", "inet"),
    ("tcpext", "TcpExt", "inet"),
    ("ipext", "IpExt", "inet"),
    ("mptcp", "MPTcpExt", "inet"),
    ("ip6", "Ip6", "inet6"),
    ("icmp6", "Icmp6", "inet6"),
    ("udp6", "Udp6", "inet6"),
    ("udplite6", "UdpLite6", "inet6"),
    ("sctp", "Sctp", "inet"),
];

/// The statistics sections of `counters` (all of /proc/net/snmp, netstat and snmp6 together),
/// keeping `wanted` sections only.
pub fn sections(counters: &Counters<'_>, wanted: &dyn Fn(&str, &str) -> bool) -> Vec<StatGroup> {
    // Each file lists a group's counters together: find those runs once, not per section.
    let mut runs: Vec<&[Entry<'_>]> = Vec::with_capacity(SECTIONS.len());
    let mut rest = &counters[..];
    while let Some((group, _, _)) = rest.first() {
        // The counters of a paired line share one slice of the text: equal pointers mostly
        // answer without comparing bytes.
        let len = rest
            .iter()
            .take_while(|(g, _, _)| std::ptr::eq(*g, *group) || g == group)
            .count();
        runs.push(&rest[..len]);
        rest = &rest[len..];
    }
    let mut out = Vec::new();
    for (name, group, family) in SECTIONS {
        if !wanted(name, family) {
            continue;
        }
        let words = wording(group);
        let mut list = Vec::new();
        for run in runs
            .iter()
            .filter(|run| run.first().is_some_and(|e| e.0 == *group))
        {
            list.reserve(run.len());
            // The kernel lists its counters in the wording's order: the search for the next
            // counter's wording starts after the last one found, and is mostly one step.
            let mut at = 0;
            list.extend(run.iter().map(|(_, n, v)| {
                let found = (at..words.len()).chain(0..at).find(|&i| words[i].1 == *n);
                match found {
                    Some(i) => {
                        at = i + 1;
                        Counter::fixed(words[i].1, *v, words[i].2)
                    }
                    None => worded_otherwise(group, n, *v),
                }
            }));
        }
        if !list.is_empty() {
            out.push(StatGroup {
                protocol: name.to_string(),
                counters: list,
            });
        }
    }
    out
}

/// A counter that is not a row of [`WORDING`]: a setting, a numbered ICMP counter, or one
/// rnetstat does not know (it reads "N name").
fn worded_otherwise(group: &str, name: &str, value: u64) -> Counter {
    if let Some(phrase) = wording::setting(group, name, value) {
        return Counter::new(name, value, phrase);
    }
    match wording::numbered(group, name) {
        Some(phrase) => Counter::new(name, value, &phrase),
        None => Counter::unworded(name, value),
    }
}

/// The rows of [`WORDING`] for `group` (they are together in the table).
fn wording(group: &str) -> &'static [(&'static str, &'static str, &'static str)] {
    let start = WORDING
        .iter()
        .position(|(g, _, _)| *g == group)
        .unwrap_or(WORDING.len());
    let len = WORDING[start..]
        .iter()
        .take_while(|(g, _, _)| *g == group)
        .count();
    &WORDING[start..start + len]
}

/// `-gs`: the IPv4 multicast counters of /proc/net/netstat (IpExt).
pub fn ip_multicast(netstat: &Counters<'_>) -> StatGroup {
    pick(
        netstat,
        "ip multicast",
        "IpExt",
        &[
            ("InMcastPkts", "{} multicast packets received"),
            ("OutMcastPkts", "{} multicast packets sent"),
            ("InMcastOctets", "{} bytes of multicast received"),
            ("OutMcastOctets", "{} bytes of multicast sent"),
        ],
    )
}

/// `-gs`: the IPv6 multicast and MLD counters of /proc/net/snmp6.
pub fn ip6_multicast(snmp6: &Counters<'_>) -> [StatGroup; 2] {
    [
        pick(
            snmp6,
            "ip6 multicast",
            "Ip6",
            &[
                ("Ip6InMcastPkts", "{} multicast packets received"),
                ("Ip6OutMcastPkts", "{} multicast packets sent"),
                ("Ip6InMcastOctets", "{} bytes of multicast received"),
                ("Ip6OutMcastOctets", "{} bytes of multicast sent"),
            ],
        ),
        pick(
            snmp6,
            "mld",
            "Icmp6",
            &[
                ("Icmp6InGroupMembQueries", "{} membership queries received"),
                (
                    "Icmp6InGroupMembResponses",
                    "{} version 1 membership reports received",
                ),
                (
                    "Icmp6InGroupMembReductions",
                    "{} membership done messages received",
                ),
                (
                    "Icmp6InMLDv2Reports",
                    "{} version 2 membership reports received",
                ),
                ("Icmp6OutGroupMembQueries", "{} membership queries sent"),
                (
                    "Icmp6OutGroupMembResponses",
                    "{} version 1 membership reports sent",
                ),
                (
                    "Icmp6OutGroupMembReductions",
                    "{} membership done messages sent",
                ),
                (
                    "Icmp6OutMLDv2Reports",
                    "{} version 2 membership reports sent",
                ),
            ],
        ),
    ]
}

/// `-gs`: the multicast router's totals per family it routes: vifs, cache entries and what
/// they forwarded.
pub fn multicast_routing(routing: &MulticastRouting) -> Vec<StatGroup> {
    let mut groups = Vec::new();
    for family in routing.families.iter().copied() {
        let mfc = routing.mfc.iter().filter(|m| m.family == family);
        let sum = |f: fn(&Mfc) -> u64| mfc.clone().map(f).sum::<u64>();
        let name = if family == Family::Inet {
            "multicast routing"
        } else {
            "ip6 multicast routing"
        };
        groups.push(StatGroup {
            protocol: name.into(),
            counters: vec![
                Counter::new(
                    "vifs",
                    routing.vifs.iter().filter(|v| v.family == family).count() as u64,
                    "{} virtual interfaces",
                ),
                Counter::new(
                    "mfc_entries",
                    mfc.clone().count() as u64,
                    "{} forwarding cache entries",
                ),
                Counter::new(
                    "mfc_packets",
                    sum(|m| m.packets),
                    "{} packets forwarded by the cache entries",
                ),
                Counter::new(
                    "mfc_bytes",
                    sum(|m| m.bytes),
                    "{} bytes forwarded by the cache entries",
                ),
                Counter::new(
                    "mfc_wrong_if",
                    sum(|m| m.wrong_if),
                    "{} packets arrived on the wrong interface",
                ),
            ],
        });
    }
    groups
}

/// The named counters of `group` in `c`, with their descriptions, as one statistics section;
/// a counter the kernel does not have is left out.
fn pick(c: &Counters<'_>, protocol: &str, group: &str, wanted: &[(&str, &str)]) -> StatGroup {
    StatGroup {
        protocol: protocol.to_string(),
        counters: wanted
            .iter()
            .filter_map(|(name, description)| {
                crate::procfs::snmp::get(c, group, name).map(|v| Counter::new(name, v, description))
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_groups_wording_rows_are_together() {
        for (_, group, _) in SECTIONS {
            let rows = WORDING.iter().filter(|(g, _, _)| g == group).count();
            assert_eq!(wording(group).len(), rows, "{group}");
        }
    }

    #[test]
    fn counters_are_worded_in_any_order_and_grouped_per_section() {
        let counters = vec![
            ("Ip", "InReceives", 5),
            ("Ip", "Unknown", 1),
            ("Tcp", "PassiveOpens", 2),
            ("Tcp", "ActiveOpens", 3),
            ("Ip", "ForwDatagrams", 4),
        ];
        let groups = sections(&counters, &|_, _| true);
        let lines: Vec<Vec<String>> = groups
            .iter()
            .map(|g| {
                g.counters
                    .iter()
                    .map(|c| format!("{} {}", c.name, c.text()))
                    .collect()
            })
            .collect();
        assert_eq!(groups[0].protocol, "ip");
        assert_eq!(
            lines[0],
            [
                "InReceives 5 total packets received",
                "Unknown 1 Unknown",
                "ForwDatagrams 4 packets forwarded"
            ]
        );
        assert_eq!(groups[1].protocol, "tcp");
        assert_eq!(
            lines[1],
            [
                "PassiveOpens 2 connection accepts",
                "ActiveOpens 3 connection requests"
            ]
        );
        assert!(sections(&counters, &|name, _| name == "udp").is_empty());
    }
}
