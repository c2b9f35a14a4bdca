//! The names of histogram entries ([`Names`]): ICMP and ICMPv6 types, IPv6 next headers,
//! interfaces, address scopes, source address selection rules and TCP states.

use super::row::Names;
use crate::wire::sockconst::tcp_state_name;
use rnetstat_core::Shown;

/// The text of histogram entry `i` and, where it differs from the row's, when it is shown;
/// None for an index the names do not cover.
pub(super) fn entry_text(
    names: Names,
    i: usize,
    ifname: &dyn Fn(u32) -> Option<String>,
) -> Option<(String, Option<Shown>)> {
    let text = match names {
        Names::Icmp => format!("{}: {{}}", ICMP_TYPES.get(i).copied()?),
        Names::Icmp6 => format!("{}: {{}}", icmp6_type(i)?),
        Names::Ip6Next => format!("{}: {{}}", ip6_next_header(i)?),
        Names::Ifnames => {
            let name = ifname(u32::try_from(i).ok()?).unwrap_or_else(|| "(null)".into());
            format!("{name}= {{}}")
        }
        Names::Scope => scope(i),
        Names::MacScope => {
            let always = !matches!(i, 1 | 2 | 5 | 14);
            return Some((scope(i), always.then_some(Shown::Always)));
        }
        Names::SourceRules => format!("{{}} {}", SOURCE_RULES.get(i)?),
        Names::TcpStates => format!("{{}} connection{{ |s}} in {} state", tcp_state_name(i)?),
        Names::MacSourceRules => format!("{{}} rule{{s}} {}", MAC_SOURCE_RULES.get(i)?),
    };
    Some((text, None))
}

/// An IPv6 scope's entry (netstat's PRINT_SCOPESTAT).
fn scope(i: usize) -> String {
    match i {
        1 => "{} node-local{s}".into(),
        2 => "{} link-local{s}".into(),
        5 => "{} site-local{s}".into(),
        14 => "{} global{s}".into(),
        _ => format!("{{}} addresses scope={i:x}"),
    }
}

/// macOS's source address selection rules (netstat's srcrulenames; the last six are unnamed
/// and not printed).
#[rustfmt::skip]
const MAC_SOURCE_RULES: [&str; 10] = [
    "default", "prefer same address", "prefer appropriate scope", "avoid deprecated addresses",
    "prefer home addresses", "prefer outgoing interface", "prefer matching label",
    "prefer temporary addresses", "prefer addresses on alive interfaces",
    "use longest matching prefix",
];

/// ICMP type names (0 to ICMP_MAXTYPE = 40), as netstat names them.
#[rustfmt::skip]
pub const ICMP_TYPES: [&str; 41] = [
    "echo reply", "#1", "#2", "destination unreachable", "source quench", "routing redirect", "#6",
    "#7", "echo", "router advertisement", "router solicitation", "time exceeded",
    "parameter problem", "time stamp", "time stamp reply", "information request",
    "information request reply", "address mask request", "address mask reply", "#19", "#20", "#21",
    "#22", "#23", "#24", "#25", "#26", "#27", "#28", "#29", "icmp traceroute",
    "datagram conversion error", "mobile host redirect", "IPv6 where-are-you", "IPv6 i-am-here",
    "mobile registration req", "mobile registration reply", "domain name request",
    "domain name reply", "icmp SKIP", "icmp photuris",
];

/// ICMPv6 type names; the others print as "#N" (netstat's table has "#80" at 90 and "#180"
/// at 190).
fn icmp6_type(i: usize) -> Option<String> {
    #[rustfmt::skip]
    const NAMED: [&str; 16] = [
        "echo", "echo reply", "multicast listener query", "MLDv1 listener report",
        "MLDv1 listener done", "router solicitation", "router advertisement",
        "neighbor solicitation", "neighbor advertisement", "redirect", "router renumbering",
        "node information request", "node information reply", "inverse neighbor solicitation",
        "inverse neighbor advertisement", "MLDv2 listener report",
    ];
    Some(match i {
        1 => "unreach".into(),
        2 => "packet too big".into(),
        3 => "time exceed".into(),
        4 => "parameter problem".into(),
        128..=143 => NAMED[i - 128].into(),
        _ => numbered(i)?,
    })
}

/// IPv6 next header names, as netstat's ip6nh table has them.
fn ip6_next_header(i: usize) -> Option<String> {
    let name = match i {
        0 => "hop by hop",
        1 => "ICMP",
        2 => "IGMP",
        4 => "IP",
        6 => "TCP",
        17 => "UDP",
        22 => "IDP",
        29 => "TP",
        41 => "IP6",
        43 => "routing",
        44 => "fragment",
        50 => "ESP",
        51 => "AH",
        58 => "ICMP6",
        59 => "no next header",
        60 => "destination option",
        62 => "mobility",
        80 => "ISOIP",
        89 => "OSPF",
        97 => "Ethernet",
        103 => "PIM",
        _ => return numbered(i),
    };
    Some(name.into())
}

/// "#N" for entry `i` of a 256-entry table (with netstat's two slips, "#80" and "#180").
fn numbered(i: usize) -> Option<String> {
    match i {
        90 => Some("#80".into()),
        190 => Some("#180".into()),
        0..=255 => Some(format!("#{i}")),
        _ => None,
    }
}

/// IPv6 source address selection rules (FreeBSD's srcrule_str).
#[rustfmt::skip]
const SOURCE_RULES: [&str; 16] = [
    "first candidate", "same address", "appropriate scope", "deprecated address", "home address",
    "outgoing interface", "matching label", "public/temporary address", "alive interface",
    "preferred interface", "rule #10", "rule #11", "rule #12", "rule #13", "longest match",
    "rule #15",
];
