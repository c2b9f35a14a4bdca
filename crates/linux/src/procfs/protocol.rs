//! `-s` and `-gs` on Linux: the counters of /proc/net/snmp (Ip, Icmp, IcmpMsg, Tcp, Udp,
//! UdpLite), /proc/net/netstat (TcpExt, IpExt, MPTcpExt) and /proc/net/snmp6 (Ip6, Icmp6,
//! Udp6, UdpLite6) and, where SCTP is in the kernel, /proc/net/sctp/snmp (Sctp), grouped per
//! protocol in the kernel's order, each with netstat(1)-style wording where rnetstat knows the
//! counter and its kernel name otherwise.
//!
//! The wording lives here, beside the decoder, as the BSD crate keeps its systems' wording
//! beside theirs: it is a fact about this kernel's counter names; the CLI renders every
//! platform's counters alike.

use crate::procfs::snmp::{Counters, Entry};
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

/// netstat(1)-style wording of the counters rnetstat knows; `{}` is the number.
const WORDING: &[(&str, &str, &str)] = &[
    ("Ip", "InReceives", "{} total packets received"),
    ("Ip", "InHdrErrors", "{} packets with bad headers"),
    (
        "Ip",
        "InAddrErrors",
        "{} packets with a bad destination address",
    ),
    ("Ip", "ForwDatagrams", "{} packets forwarded"),
    (
        "Ip",
        "InUnknownProtos",
        "{} packets for an unknown or unsupported protocol",
    ),
    ("Ip", "InDiscards", "{} incoming packets discarded"),
    ("Ip", "InDelivers", "{} packets delivered"),
    ("Ip", "OutRequests", "{} packets sent from this host"),
    ("Ip", "OutDiscards", "{} output packets discarded"),
    (
        "Ip",
        "OutNoRoutes",
        "{} output packets discarded due to no route",
    ),
    ("Ip", "ReasmReqds", "{} fragments received"),
    ("Ip", "ReasmOKs", "{} packets reassembled ok"),
    (
        "Ip",
        "ReasmFails",
        "{} fragments dropped after timeout or failure",
    ),
    ("Ip", "FragOKs", "{} output datagrams fragmented"),
    ("Ip", "FragCreates", "{} fragments created"),
    ("Ip", "FragFails", "{} datagrams that can't be fragmented"),
    ("Icmp", "InMsgs", "{} ICMP messages received"),
    (
        "Icmp",
        "InErrors",
        "{} messages with bad code fields or checksums",
    ),
    (
        "Icmp",
        "InDestUnreachs",
        "{} destination unreachable messages received",
    ),
    ("Icmp", "InEchos", "{} echo requests received"),
    ("Icmp", "InEchoReps", "{} echo replies received"),
    ("Icmp", "OutMsgs", "{} ICMP messages sent"),
    (
        "Icmp",
        "OutDestUnreachs",
        "{} destination unreachable messages sent",
    ),
    ("Icmp", "OutEchos", "{} echo requests sent"),
    ("Icmp", "OutEchoReps", "{} echo replies sent"),
    ("Tcp", "ActiveOpens", "{} connection requests"),
    ("Tcp", "PassiveOpens", "{} connection accepts"),
    ("Tcp", "AttemptFails", "{} failed connection attempts"),
    (
        "Tcp",
        "EstabResets",
        "{} connections reset while established",
    ),
    ("Tcp", "CurrEstab", "{} connections established"),
    ("Tcp", "InSegs", "{} segments received"),
    ("Tcp", "OutSegs", "{} segments sent"),
    ("Tcp", "RetransSegs", "{} segments retransmitted"),
    ("Tcp", "InErrs", "{} bad segments received"),
    ("Tcp", "OutRsts", "{} resets sent"),
    ("Tcp", "InCsumErrors", "{} segments with bad checksums"),
    ("Udp", "InDatagrams", "{} datagrams received"),
    ("Udp", "NoPorts", "{} datagrams dropped due to no socket"),
    ("Udp", "InErrors", "{} datagrams with errors received"),
    ("Udp", "OutDatagrams", "{} datagrams output"),
    (
        "Udp",
        "RcvbufErrors",
        "{} datagrams dropped due to full socket buffers",
    ),
    (
        "Udp",
        "SndbufErrors",
        "{} datagrams not sent: send buffer full",
    ),
    ("Udp", "InCsumErrors", "{} datagrams with bad checksums"),
    ("TcpExt", "SyncookiesSent", "{} SYN cookies sent"),
    ("TcpExt", "SyncookiesRecv", "{} SYN cookies received"),
    (
        "TcpExt",
        "SyncookiesFailed",
        "{} invalid SYN cookies received",
    ),
    ("TcpExt", "TW", "{} connections entered TIME_WAIT"),
    (
        "TcpExt",
        "ListenOverflows",
        "{} times the listen queue of a socket overflowed",
    ),
    ("TcpExt", "ListenDrops", "{} SYNs to listen sockets dropped"),
    ("TcpExt", "TCPTimeouts", "{} retransmit timeouts"),
    ("IpExt", "InMcastPkts", "{} multicast packets received"),
    ("IpExt", "OutMcastPkts", "{} multicast packets sent"),
    ("IpExt", "InBcastPkts", "{} broadcast packets received"),
    ("IpExt", "OutBcastPkts", "{} broadcast packets sent"),
    ("IpExt", "InOctets", "{} bytes received"),
    ("IpExt", "OutOctets", "{} bytes sent"),
    ("Ip6", "Ip6InReceives", "{} total packets received"),
    ("Ip6", "Ip6InHdrErrors", "{} packets with bad headers"),
    ("Ip6", "Ip6InNoRoutes", "{} packets dropped due to no route"),
    ("Ip6", "Ip6InDelivers", "{} packets delivered"),
    ("Ip6", "Ip6OutRequests", "{} packets sent from this host"),
    ("Ip6", "Ip6OutForwDatagrams", "{} packets forwarded"),
    (
        "Ip6",
        "Ip6OutNoRoutes",
        "{} output packets discarded due to no route",
    ),
    ("Icmp6", "Icmp6InMsgs", "{} ICMPv6 messages received"),
    ("Icmp6", "Icmp6OutMsgs", "{} ICMPv6 messages sent"),
    ("Icmp6", "Icmp6InEchos", "{} echo requests received"),
    ("Icmp6", "Icmp6InEchoReplies", "{} echo replies received"),
    ("Icmp6", "Icmp6OutEchos", "{} echo requests sent"),
    ("Icmp6", "Icmp6OutEchoReplies", "{} echo replies sent"),
    ("Udp6", "Udp6InDatagrams", "{} datagrams received"),
    (
        "Udp6",
        "Udp6NoPorts",
        "{} datagrams dropped due to no socket",
    ),
    ("Udp6", "Udp6OutDatagrams", "{} datagrams output"),
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
                    None => Counter::unworded(n, *v),
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
