//! The wording of BSD `netstat -s`, shared by FreeBSD and macOS: one table per section, one
//! row per printed line, in print order. Both netstats descend from 4.4BSD's and print most
//! lines alike; a row says on which system it is printed ([`F`], [`M`] or both, [`B`]).
//!
//! A row names the kernel counter(s) it prints (as the statistics structure names its fields,
//! or a value the decoder derives, such as UDP's `delivered`), the tabs before it and its
//! text in [`rnetstat_core::Counter`]'s template language: `{}` for a number, `{s}`, `{es}`,
//! `{ies}` or `{singular|plural}` for the word forms that follow the number before them
//! (netstat's `plural()`, `plurales()`, `pluralies()`: singular for 1 on FreeBSD, for 0 and
//! 1 on macOS, see [`rnetstat_core::Plural`]), `{?yes|no}` for a word chosen by whether the
//! number is zero. The printed text is a fact about the
//! real tools: FreeBSD 14's usr.bin/netstat (inet.c, inet6.c, route.c) and macOS's
//! network_cmds-741.100.2 netstat.tproj (inet.c, inet6.c, route.c).
//!
//! [`render`] turns a table and a [`Values`] (decoded by [`crate::stats_layout`]) into the
//! counters of one [`StatGroup`].

use crate::os::Os;
use rnetstat_core::lit::Lit;
use rnetstat_core::{Counter, CounterName, Plural, Shown, StatGroup};

/// Printed on FreeBSD only.
pub const F: u8 = 1;
/// Printed on macOS only.
pub const M: u8 = 2;
/// Printed on both.
pub const B: u8 = F | M;

/// One row of a section's table.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// The systems that print it ([`F`], [`M`], [`B`]).
    pub on: u8,
    /// Tabs before the line (histogram entries: before each entry).
    pub tabs: u8,
    /// What the line prints.
    pub what: What,
}

/// A counter's field name in a table (inline: see [`crate::lit`]).
pub type FieldName = Lit<48>;
/// A line's text in a table.
pub type Text = Lit<80>;

/// What a row prints. The tables build rows with [`One`], [`Two`], [`Always`], [`Hist`],
/// [`Open`] and [`Close`].
#[derive(Debug, Clone, Copy)]
pub enum What {
    /// One counter: its field and text; left out under `-ss` when zero.
    Counter(FieldName, Text),
    /// Two counters on one line ("N data packets (M bytes)"); left out under `-ss` when both
    /// are zero.
    Pair(FieldName, FieldName, Text),
    /// One counter printed whatever `-ss` says.
    Fixed(FieldName, Text),
    /// One line per element of an array counter (a histogram), named by `Names`, printed as
    /// `Shown` says, under a heading printed before the first entry shown.
    Histogram(FieldName, Names, Shown, Text),
    /// A heading above the following rows, up to [`What::EndHeading`].
    Heading(Text),
    /// Ends the last [`What::Heading`].
    EndHeading,
}

/// A row of one counter.
#[allow(non_snake_case)]
pub const fn One(field: &str, text: &str) -> What {
    What::Counter(Lit::new(field), Lit::new(text))
}

/// A row of two counters.
#[allow(non_snake_case)]
pub const fn Two(field: &str, second: &str, text: &str) -> What {
    What::Pair(Lit::new(field), Lit::new(second), Lit::new(text))
}

/// A row printed whatever `-ss` says.
#[allow(non_snake_case)]
pub const fn Always(field: &str, text: &str) -> What {
    What::Fixed(Lit::new(field), Lit::new(text))
}

/// A histogram's rows.
#[allow(non_snake_case)]
pub const fn Hist(array: &str, names: Names, shown: Shown, heading: &str) -> What {
    What::Histogram(Lit::new(array), names, shown, Lit::new(heading))
}

/// A heading above the following rows.
#[allow(non_snake_case)]
pub const fn Open(heading: &str) -> What {
    What::Heading(Lit::new(heading))
}

/// The end of the last heading.
#[allow(non_upper_case_globals)]
pub const Close: What = What::EndHeading;

/// How the entries of a histogram are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// ICMP types: "echo reply: N".
    Icmp,
    /// ICMPv6 types: "echo: N".
    Icmp6,
    /// IPv6 next headers: "TCP: N".
    Ip6Next,
    /// Interfaces by index: "lo0= N".
    Ifnames,
    /// IPv6 address scopes: "N link-locals", "N addresses scope=3".
    Scope,
    /// Source address selection rules: "N longest match".
    SourceRules,
    /// TCP states: "N connections in ESTABLISHED state".
    TcpStates,
    /// macOS's IPv6 address scopes: every scope, the named ones as [`Names::Scope`] (left
    /// out under `-ss` when zero), the others "N addresses scope=3" always.
    MacScope,
    /// macOS's source address selection rules: "N rules prefer outgoing interface".
    MacSourceRules,
}

const fn l(on: u8, tabs: u8, what: What) -> Line {
    Line { on, tabs, what }
}

/// Decoded counters of one structure: scalar fields and derived values by name, array fields
/// by name.
#[derive(Debug, Clone, Default)]
pub struct Values {
    /// Scalars, e.g. ("tcps_sndtotal", 1234).
    pub scalars: Vec<(&'static str, u64)>,
    /// Arrays, e.g. ("icps_outhist", [...]).
    pub arrays: Vec<(&'static str, Vec<u64>)>,
}

impl Values {
    /// The scalar `name`.
    pub fn get(&self, name: &str) -> Option<u64> {
        self.scalars
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// The array `name`.
    pub fn array(&self, name: &str) -> Option<&[u64]> {
        self.arrays
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// Set (or add) the scalar `name`.
    pub fn set(&mut self, name: &'static str, value: u64) {
        match self.scalars.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.scalars.push((name, value)),
        }
    }
}

/// The counters of section `protocol` as `os`'s netstat prints them from `values`. Rows whose
/// counter the values lack (an optional sysctl that was absent, such as macOS's pcbcount) are
/// left out; `ifname` names interface indexes.
pub fn render(
    os: Os,
    protocol: &str,
    table: &[Line],
    values: &Values,
    ifname: &dyn Fn(u32) -> Option<String>,
) -> StatGroup {
    let (mask, plural) = match os {
        Os::FreeBsd => (F, Plural::NotOne),
        Os::MacOs => (M, Plural::AboveOne),
    };
    let mut counters = Vec::with_capacity(table.len());
    let mut open: Vec<String> = Vec::new();
    for line in table.iter().filter(|l| l.on & mask != 0) {
        let one = |name: &str, value: u64, text: &str, shown: Shown, open: &[String]| Counter {
            name: CounterName::new(name),
            value,
            description: text.to_string().into(),
            indent: Some(line.tabs),
            headings: open.to_vec(),
            shown,
            plural,
            ..Counter::default()
        };
        match line.what {
            What::Counter(f, text) | What::Fixed(f, text) => {
                let (f, text) = (f.as_str(), text.as_str());
                let Some(v) = values.get(f) else { continue };
                let shown = if matches!(line.what, What::Fixed(..)) {
                    Shown::Always
                } else {
                    Shown::Normal
                };
                counters.push(one(f, v, text, shown, &open));
            }
            What::Pair(f1, f2, text) => {
                let (f1, f2) = (f1.as_str(), f2.as_str());
                let (Some(v1), Some(v2)) = (values.get(f1), values.get(f2)) else {
                    continue;
                };
                let mut c = one(f1, v1, text.as_str(), Shown::Normal, &open);
                c.second = Some(Box::new((f2.to_string(), v2)));
                counters.push(c);
            }
            What::Histogram(array, names, shown, heading) => {
                let array = array.as_str();
                let Some(entries) = values.array(array) else {
                    continue;
                };
                let mut headings = open.clone();
                headings.push(heading.as_str().to_string());
                for (i, &v) in entries.iter().enumerate() {
                    let Some((text, own)) = entry_text(names, i, ifname) else {
                        continue;
                    };
                    let name = format!("{array}[{i}]");
                    counters.push(one(&name, v, &text, own.unwrap_or(shown), &headings));
                }
            }
            What::Heading(heading) => open.push(heading.as_str().to_string()),
            What::EndHeading => {
                open.pop();
            }
        }
    }
    StatGroup {
        protocol: protocol.to_string(),
        counters,
    }
}

/// The text of histogram entry `i` and, where it differs from the row's, when it is shown;
/// None for an index the names do not cover.
fn entry_text(
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
        Names::TcpStates => format!(
            "{{}} connection{{ |s}} in {} state",
            crate::sockconst::tcp_state_name(i)?
        ),
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
const MAC_SOURCE_RULES: [&str; 10] = [
    "default",
    "prefer same address",
    "prefer appropriate scope",
    "avoid deprecated addresses",
    "prefer home addresses",
    "prefer outgoing interface",
    "prefer matching label",
    "prefer temporary addresses",
    "prefer addresses on alive interfaces",
    "use longest matching prefix",
];

/// ICMP type names (0 to ICMP_MAXTYPE = 40), as netstat names them.
pub const ICMP_TYPES: [&str; 41] = [
    "echo reply",
    "#1",
    "#2",
    "destination unreachable",
    "source quench",
    "routing redirect",
    "#6",
    "#7",
    "echo",
    "router advertisement",
    "router solicitation",
    "time exceeded",
    "parameter problem",
    "time stamp",
    "time stamp reply",
    "information request",
    "information request reply",
    "address mask request",
    "address mask reply",
    "#19",
    "#20",
    "#21",
    "#22",
    "#23",
    "#24",
    "#25",
    "#26",
    "#27",
    "#28",
    "#29",
    "icmp traceroute",
    "datagram conversion error",
    "mobile host redirect",
    "IPv6 where-are-you",
    "IPv6 i-am-here",
    "mobile registration req",
    "mobile registration reply",
    "domain name request",
    "domain name reply",
    "icmp SKIP",
    "icmp photuris",
];

/// ICMPv6 type names; the others print as "#N" (netstat's table has "#80" at 90 and "#180"
/// at 190).
fn icmp6_type(i: usize) -> Option<String> {
    const NAMED: [&str; 16] = [
        "echo",
        "echo reply",
        "multicast listener query",
        "MLDv1 listener report",
        "MLDv1 listener done",
        "router solicitation",
        "router advertisement",
        "neighbor solicitation",
        "neighbor advertisement",
        "redirect",
        "router renumbering",
        "node information request",
        "node information reply",
        "inverse neighbor solicitation",
        "inverse neighbor advertisement",
        "MLDv2 listener report",
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
const SOURCE_RULES: [&str; 16] = [
    "first candidate",
    "same address",
    "appropriate scope",
    "deprecated address",
    "home address",
    "outgoing interface",
    "matching label",
    "public/temporary address",
    "alive interface",
    "preferred interface",
    "rule #10",
    "rule #11",
    "rule #12",
    "rule #13",
    "longest match",
    "rule #15",
];

/// The `tcp:` section.
pub const TCP: &[Line] = &[
    l(B, 1, One("tcps_sndtotal", "{} packet{s} sent")),
    l(
        B,
        2,
        Two(
            "tcps_sndpack",
            "tcps_sndbyte",
            "{} data packet{s} ({} byte{s})",
        ),
    ),
    l(
        B,
        2,
        Two(
            "tcps_sndrexmitpack",
            "tcps_sndrexmitbyte",
            "{} data packet{s} ({} byte{s}) retransmitted",
        ),
    ),
    l(
        F,
        2,
        One(
            "tcps_sndrexmitbad",
            "{} data packet{s} unnecessarily retransmitted",
        ),
    ),
    l(
        B,
        2,
        One("tcps_mturesent", "{} resend{s} initiated by MTU discovery"),
    ),
    l(
        B,
        2,
        Two(
            "tcps_sndacks",
            "tcps_delack",
            "{} ack-only packet{s} ({} delayed)",
        ),
    ),
    l(B, 2, One("tcps_sndurg", "{} URG only packet{s}")),
    l(B, 2, One("tcps_sndprobe", "{} window probe packet{s}")),
    l(B, 2, One("tcps_sndwinup", "{} window update packet{s}")),
    l(B, 2, One("tcps_sndctrl", "{} control packet{s}")),
    l(
        M,
        2,
        One(
            "tcps_fcholdpacket",
            "{} data packet{s} sent after flow control",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_synchallenge",
            "{} challenge ACK{s} sent due to unexpected SYN",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_rstchallenge",
            "{} challenge ACK{s} sent due to unexpected RST",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_minmssdrops",
            "{} challenge ACK{s} sent due to unexpected RST",
        ),
    ),
    l(M, 2, One("snd_swcsum", "{} checksummed in software")),
    l(
        M,
        3,
        Two(
            "tcps_snd_swcsum",
            "tcps_snd_swcsum_bytes",
            "{} segment{s} ({} byte{s}) over IPv4",
        ),
    ),
    l(
        M,
        3,
        Two(
            "tcps_snd6_swcsum",
            "tcps_snd6_swcsum_bytes",
            "{} segment{s} ({} byte{s}) over IPv6",
        ),
    ),
    l(B, 1, One("tcps_rcvtotal", "{} packet{s} received")),
    l(
        B,
        2,
        Two(
            "tcps_rcvackpack",
            "tcps_rcvackbyte",
            "{} ack{s} (for {} byte{s})",
        ),
    ),
    l(B, 2, One("tcps_rcvdupack", "{} duplicate ack{s}")),
    l(B, 2, One("tcps_rcvacktoomuch", "{} ack{s} for unsent data")),
    l(
        B,
        2,
        Two(
            "tcps_rcvpack",
            "tcps_rcvbyte",
            "{} packet{s} ({} byte{s}) received in-sequence",
        ),
    ),
    l(
        B,
        2,
        Two(
            "tcps_rcvduppack",
            "tcps_rcvdupbyte",
            "{} completely duplicate packet{s} ({} byte{s})",
        ),
    ),
    l(B, 2, One("tcps_pawsdrop", "{} old duplicate packet{s}")),
    l(
        M,
        2,
        One(
            "tcps_rcvmemdrop",
            "{} received packet{s} dropped due to low memory",
        ),
    ),
    l(
        B,
        2,
        Two(
            "tcps_rcvpartduppack",
            "tcps_rcvpartdupbyte",
            "{} packet{s} with some dup. data ({} byte{s} duped)",
        ),
    ),
    l(
        B,
        2,
        Two(
            "tcps_rcvoopack",
            "tcps_rcvoobyte",
            "{} out-of-order packet{s} ({} byte{s})",
        ),
    ),
    l(
        B,
        2,
        Two(
            "tcps_rcvpackafterwin",
            "tcps_rcvbyteafterwin",
            "{} packet{s} ({} byte{s}) of data after window",
        ),
    ),
    l(B, 2, One("tcps_rcvwinprobe", "{} window probe{s}")),
    l(B, 2, One("tcps_rcvwinupd", "{} window update packet{s}")),
    l(
        M,
        2,
        One("tcps_recovered_pkts", "{} packet{s} recovered after loss"),
    ),
    l(
        B,
        2,
        One("tcps_rcvafterclose", "{} packet{s} received after close"),
    ),
    l(M, 2, One("tcps_badrst", "{} bad reset{s}")),
    l(
        B,
        2,
        One("tcps_rcvbadsum", "{} discarded for bad checksum{s}"),
    ),
    l(M, 2, One("rcv_swcsum", "{} checksummed in software")),
    l(
        M,
        3,
        Two(
            "tcps_rcv_swcsum",
            "tcps_rcv_swcsum_bytes",
            "{} segment{s} ({} byte{s}) over IPv4",
        ),
    ),
    l(
        M,
        3,
        Two(
            "tcps_rcv6_swcsum",
            "tcps_rcv6_swcsum_bytes",
            "{} segment{s} ({} byte{s}) over IPv6",
        ),
    ),
    l(
        B,
        2,
        One(
            "tcps_rcvbadoff",
            "{} discarded for bad header offset field{s}",
        ),
    ),
    l(
        B,
        2,
        One("tcps_rcvshort", "{} discarded because packet too short"),
    ),
    l(
        F,
        2,
        One("tcps_rcvreassfull", "{} discarded due to memory problems"),
    ),
    l(B, 1, One("tcps_connattempt", "{} connection request{s}")),
    l(B, 1, One("tcps_accepts", "{} connection accept{s}")),
    l(B, 1, One("tcps_badsyn", "{} bad connection attempt{s}")),
    l(B, 1, One("tcps_listendrop", "{} listen queue overflow{s}")),
    l(F, 1, One("tcps_badrst", "{} ignored RSTs in the window{s}")),
    l(
        B,
        1,
        One(
            "tcps_connects",
            "{} connection{s} established (including accepts)",
        ),
    ),
    l(
        F,
        2,
        One("tcps_usedrtt", "{} time{s} used RTT from hostcache"),
    ),
    l(
        F,
        2,
        One(
            "tcps_usedrttvar",
            "{} time{s} used RTT variance from hostcache",
        ),
    ),
    l(
        F,
        2,
        One(
            "tcps_usedssthresh",
            "{} time{s} used slow-start threshold from hostcache",
        ),
    ),
    l(
        B,
        1,
        Two(
            "tcps_closed",
            "tcps_drops",
            "{} connection{s} closed (including {} drop{s})",
        ),
    ),
    l(
        B,
        2,
        One(
            "tcps_cachedrtt",
            "{} connection{s} updated cached RTT on close",
        ),
    ),
    l(
        B,
        2,
        One(
            "tcps_cachedrttvar",
            "{} connection{s} updated cached RTT variance on close",
        ),
    ),
    l(
        B,
        2,
        One(
            "tcps_cachedssthresh",
            "{} connection{s} updated cached ssthresh on close",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_usedrtt",
            "{} connection{s} initialized RTT from route cache",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_usedrttvar",
            "{} connection{s} initialized RTT variance from route cache",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_usedssthresh",
            "{} connection{s} initialized ssthresh from route cache",
        ),
    ),
    l(
        B,
        1,
        One("tcps_conndrops", "{} embryonic connection{s} dropped"),
    ),
    l(
        B,
        1,
        Two(
            "tcps_rttupdated",
            "tcps_segstimed",
            "{} segment{s} updated rtt (of {} attempt{s})",
        ),
    ),
    l(B, 1, One("tcps_rexmttimeo", "{} retransmit timeout{s}")),
    l(
        B,
        2,
        One(
            "tcps_timeoutdrop",
            "{} connection{s} dropped by rexmit timeout",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_rxtfindrop",
            "{} connection{s} dropped after retransmitting FIN",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_sndrexmitbad",
            "{} unnecessary packet retransmissions{s}",
        ),
    ),
    l(B, 1, One("tcps_persisttimeo", "{} persist timeout{s}")),
    l(
        B,
        2,
        One(
            "tcps_persistdrop",
            "{} connection{s} dropped by persist timeout",
        ),
    ),
    l(
        F,
        1,
        One(
            "tcps_finwait2_drops",
            "{} Connection{s} (fin_wait_2) dropped because of timeout",
        ),
    ),
    l(B, 1, One("tcps_keeptimeo", "{} keepalive timeout{s}")),
    l(B, 2, One("tcps_keepprobe", "{} keepalive probe{s} sent")),
    l(
        B,
        2,
        One("tcps_keepdrops", "{} connection{s} dropped by keepalive"),
    ),
    l(
        M,
        2,
        One(
            "tcps_ka_offload_drops",
            "{} connection{s} dropped by keepalive offload",
        ),
    ),
    l(
        B,
        1,
        One("tcps_predack", "{} correct ACK header prediction{s}"),
    ),
    l(
        B,
        1,
        One(
            "tcps_preddat",
            "{} correct data packet header prediction{s}",
        ),
    ),
    l(F, 1, One("tcps_sc_added", "{} syncache entr{ies} added")),
    l(F, 2, One("tcps_sc_retransmitted", "{} retransmitted")),
    l(F, 2, One("tcps_sc_dupsyn", "{} dupsyn")),
    l(F, 2, One("tcps_sc_dropped", "{} dropped")),
    l(F, 2, One("tcps_sc_completed", "{} completed")),
    l(F, 2, One("tcps_sc_bucketoverflow", "{} bucket overflow")),
    l(F, 2, One("tcps_sc_cacheoverflow", "{} cache overflow")),
    l(F, 2, One("tcps_sc_reset", "{} reset")),
    l(F, 2, One("tcps_sc_stale", "{} stale")),
    l(F, 2, One("tcps_sc_aborted", "{} aborted")),
    l(F, 2, One("tcps_sc_badack", "{} badack")),
    l(F, 2, One("tcps_sc_unreach", "{} unreach")),
    l(F, 2, One("tcps_sc_zonefail", "{} zone failure{s}")),
    l(F, 1, One("tcps_sc_sendcookie", "{} cookie{s} sent")),
    l(F, 1, One("tcps_sc_recvcookie", "{} cookie{s} received")),
    l(F, 1, One("tcps_hc_added", "{} hostcache entr{ies} added")),
    l(F, 2, One("tcps_hc_bucketoverflow", "{} bucket overflow")),
    l(
        B,
        1,
        One("tcps_sack_recovery_episode", "{} SACK recovery episode{s}"),
    ),
    l(
        B,
        1,
        One(
            "tcps_sack_rexmits",
            "{} segment rexmit{s} in SACK recovery episodes",
        ),
    ),
    l(
        B,
        1,
        One(
            "tcps_sack_rexmit_bytes",
            "{} byte rexmit{s} in SACK recovery episodes",
        ),
    ),
    l(
        B,
        1,
        One(
            "tcps_sack_rcv_blocks",
            "{} SACK option{s} (SACK blocks) received",
        ),
    ),
    l(
        B,
        1,
        One(
            "tcps_sack_send_blocks",
            "{} SACK option{s} (SACK blocks) sent",
        ),
    ),
    l(
        B,
        1,
        One("tcps_sack_sboverflow", "{} SACK scoreboard overflow"),
    ),
    l(
        F,
        1,
        One("tcps_ecn_rcvce", "{} packet{s} with ECN CE bit set"),
    ),
    l(
        F,
        1,
        One("tcps_ecn_rcvect0", "{} packet{s} with ECN ECT(0) bit set"),
    ),
    l(
        F,
        1,
        One("tcps_ecn_rcvect1", "{} packet{s} with ECN ECT(1) bit set"),
    ),
    l(F, 1, One("tcps_ecn_shs", "{} successful ECN handshake{s}")),
    l(
        F,
        1,
        One(
            "tcps_ecn_rcwnd",
            "{} time{s} ECN reduced the congestion window",
        ),
    ),
    l(
        F,
        1,
        One(
            "tcps_sig_rcvgoodsig",
            "{} packet{s} with matching signature received",
        ),
    ),
    l(
        F,
        1,
        One(
            "tcps_sig_rcvbadsig",
            "{} packet{s} with bad signature received",
        ),
    ),
    l(
        F,
        1,
        One(
            "tcps_sig_err_buildsig",
            "{} time{s} failed to make signature due to no SA",
        ),
    ),
    l(
        F,
        1,
        One(
            "tcps_sig_err_sigopt",
            "{} time{s} unexpected signature received",
        ),
    ),
    l(
        F,
        1,
        One(
            "tcps_sig_err_nosigopt",
            "{} time{s} no signature provided by segment",
        ),
    ),
    l(
        F,
        1,
        Hist(
            "tcps_states",
            Names::TcpStates,
            Shown::Normal,
            "TCP connection count by state:",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_rack_rexmits",
            "{} segment{s} retransmitted in RACK recovery episodes",
        ),
    ),
    l(
        M,
        1,
        One("tcps_rack_recovery_episode", "{} RACK recovery episode{s}"),
    ),
    l(
        M,
        1,
        One(
            "tcps_rack_reordering_timeout_recovery_episode",
            "{} RACK recovery episode{s} due to reordering timeout",
        ),
    ),
    l(M, 1, One("tcps_limited_txt", "{} limited transmit{s} done")),
    l(M, 1, One("tcps_early_rexmt", "{} early retransmit{s} done")),
    l(
        M,
        1,
        One(
            "tcps_sack_ackadv",
            "{} time{s} cumulative ack advanced along with SACK",
        ),
    ),
    l(M, 1, One("tcps_pto", "{} probe timeout{s}")),
    l(
        M,
        2,
        One(
            "tcps_rto_after_pto",
            "{} time{s} retransmit timeout triggered after probe",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_probe_if",
            "{} time{s} probe packets were sent for an interface",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_probe_if_conflict",
            "{} time{s} couldn't send probe packets for an interface",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_tlp_recovery",
            "{} time{s} fast recovery after tail loss",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_tlp_recoverlastpkt",
            "{} time{s} recovered last packet ",
        ),
    ),
    l(
        M,
        2,
        One("tcps_pto_in_recovery", "{} SACK based rescue retransmit{s}"),
    ),
    l(
        M,
        1,
        One(
            "tcps_ecn_client_setup",
            "{} client connection{s} attempted to negotiate ECN",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_client_success",
            "{} client connection{s} successfully negotiated ECN",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_not_supported",
            "{} time{s} graceful fallback to Non-ECN connection",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_lost_syn",
            "{} time{s} lost ECN negotiating SYN, followed by retransmission",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_server_setup",
            "{} server connection{s} attempted to negotiate ECN",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_server_success",
            "{} server connection{s} successfully negotiated ECN",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_lost_synack",
            "{} time{s} lost ECN negotiating SYN-ACK, followed by retransmission",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_recv_ce",
            "{} time{s} received congestion experienced (CE) notification",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_recv_ece",
            "{} time{s} CWR was sent in response to ECE",
        ),
    ),
    l(
        M,
        2,
        One("tcps_ecn_sent_ece", "{} time{s} sent ECE notification"),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_conn_recv_ce",
            "{} connection{s} received CE atleast once",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_conn_recv_ece",
            "{} connection{s} received ECE atleast once",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_conn_plnoce",
            "{} connection{s} using ECN have seen packet loss but no CE",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_conn_pl_ce",
            "{} connection{s} using ECN have seen packet loss and CE",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_conn_nopl_ce",
            "{} connection{s} using ECN received CE but no packet loss",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_fallback_synloss",
            "{} connection{s} fell back to non-ECN due to SYN-loss",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_fallback_reorder",
            "{} connection{s} fell back to non-ECN due to reordering",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_fallback_ce",
            "{} connection{s} fell back to non-ECN due to excessive CE-markings",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_fallback_droprst",
            "{} connection{s} fell back caused by connection drop due to RST",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_fallback_droprxmt",
            "{} connection{s} fell back due to drop after multiple retransmits ",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_ace_syn_not_ect",
            "{} time{s} received AccECN SYN packet with Not-ECT",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_ace_syn_ect1",
            "{} time{s} received AccECN SYN packet with ECT1",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_ace_syn_ect0",
            "{} time{s} received AccECN SYN packet with ECT0",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_ace_syn_ce",
            "{} time{s} received AccECN SYN packet with CE",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_ecn_ace_recv_ce",
            "{} time{s} CE received in ACE field",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_detect_reordering",
            "{} time{s} packet reordering was detected on a connection",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_reordered_pkts",
            "{} time{s} transmitted packets were reordered",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_delay_recovery",
            "{} time{s} fast recovery was delayed to handle reordering",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_avoid_rxmt",
            "{} time{s} retransmission was avoided by delaying recovery",
        ),
    ),
    l(
        M,
        1,
        One("tcps_tailloss_rto", "{} retransmission{s} due to tail loss"),
    ),
    l(
        M,
        1,
        One("tcps_dsack_sent", "{} time{s} DSACK option was sent"),
    ),
    l(
        M,
        2,
        One("tcps_dsack_recvd", "{} time{s} DSACK option was received"),
    ),
    l(
        M,
        2,
        One(
            "tcps_dsack_badrexmt",
            "{} time{s} recovered from bad retransmission using DSACK",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_dsack_ackloss",
            "{} time{s} ignored DSACK due to ack loss",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_dsack_recvd_old",
            "{} time{s} ignored old DSACK options",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_pmtudbh_reverted",
            "{} time{s} PMTU Blackhole detection, size reverted",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_drop_after_sleep",
            "{} connection{s} were dropped after long sleep",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_cookie_sent",
            "{} time{s} a TFO-cookie has been announced",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_syn_data_rcv",
            "{} SYN{s} with data and a valid TFO-cookie have been received",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_cookie_req_rcv",
            "{} SYN{s} with TFO-cookie-request received",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_cookie_invalid",
            "{} time{s} an invalid TFO-cookie has been received",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_cookie_req",
            "{} time{s} we requested a TFO-cookie",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_tfo_cookie_rcv",
            "{} time{s} the peer announced a TFO-cookie",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_syn_data_sent",
            "{} time{s} we combined SYN with data and a TFO-cookie",
        ),
    ),
    l(
        M,
        2,
        One(
            "tcps_tfo_syn_data_acked",
            "{} time{s} our SYN with data has been acknowledged",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_syn_loss",
            "{} time{s} a connection-attempt with TFO fell back to regular TCP",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_blackhole",
            "{} time{s} a TFO-connection blackhole'd",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_cookie_wrong",
            "{} time{s} a TFO-cookie we sent was wrong",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_no_cookie_rcv",
            "{} time{s} did not received a TFO-cookie we asked for",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_heuristics_disable",
            "{} time{s} TFO got disabled due to heuristicsn",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_tfo_sndblackhole",
            "{} time{s} TFO got blackholed in the sending direction",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_mss_to_default",
            "{} time{s} maximum segment size was changed to default",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_mss_to_medium",
            "{} time{s} maximum segment size was changed to medium",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_mss_to_low",
            "{} time{s} maximum segment size was changed to low",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_timer_drift_le_1_ms",
            "{} timer drift{s} less or equal to 1 ms",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_timer_drift_le_10_ms",
            "{} timer drift{s} less or equal to 10 ms",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_timer_drift_le_20_ms",
            "{} timer drift{s} less or equal to 20 ms",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_timer_drift_le_50_ms",
            "{} timer drift{s} less or equal to 50 ms",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_timer_drift_le_100_ms",
            "{} timer drift{s} less or equal to 100 ms",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_timer_drift_le_200_ms",
            "{} timer drift{s} less or equal to 200 ms",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_timer_drift_le_500_ms",
            "{} timer drift{s} less or equal to 500 ms",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_timer_drift_le_1000_ms",
            "{} timer drift{s} less or equal to 1000 ms",
        ),
    ),
    l(
        M,
        1,
        One(
            "tcps_timer_drift_gt_1000_ms",
            "{} timer drift{s} greater than to 1000 ms",
        ),
    ),
    l(
        M,
        1,
        One("tcps_fin_timeout_drops", "{} FIN_WAIT timeout drop{s}"),
    ),
    l(
        M,
        1,
        One("tcps_sc_dropped", "{} time{s} could not reply to packet"),
    ),
    l(
        M,
        1,
        One("tcps_sc_completed", "{} successful extraction of entr{ies}"),
    ),
    l(
        M,
        1,
        One("tcps_sc_aborted", "{} syncache entr{ies} aborted"),
    ),
    l(M, 1, One("tcps_sc_sendcookie", "{} SYN cookie{s} sent")),
    l(M, 1, One("tcps_sc_recvcookie", "{} SYN cookie{s} received")),
    l(M, 1, One("pcbcount", "{} open TCP socket{s}")),
];

/// The `udp:` section.
pub const UDP: &[Line] = &[
    l(B, 1, One("udps_ipackets", "{} datagram{s} received")),
    l(F, 1, One("udps_hdrops", "{} with incomplete header")),
    l(F, 1, One("udps_badlen", "{} with bad data length field")),
    l(F, 1, One("udps_badsum", "{} with bad checksum")),
    l(F, 1, One("udps_nosum", "{} with no checksum")),
    l(F, 1, One("udps_noport", "{} dropped due to no socket")),
    l(
        F,
        1,
        One(
            "udps_noportbcast",
            "{} broadcast/multicast datagram{s} undelivered",
        ),
    ),
    l(
        F,
        1,
        One("udps_fullsock", "{} dropped due to full socket buffers"),
    ),
    l(F, 1, One("udpps_pcbhashmiss", "{} not for hashed pcb")),
    l(F, 1, One("delivered", "{} delivered")),
    l(M, 2, One("udps_hdrops", "{} with incomplete header")),
    l(M, 2, One("udps_badlen", "{} with bad data length field")),
    l(M, 2, One("udps_badsum", "{} with bad checksum")),
    l(M, 2, One("udps_nosum", "{} with no checksum")),
    l(M, 2, One("rcv_swcsum", "{} checksummed in software")),
    l(
        M,
        3,
        Two(
            "udps_rcv_swcsum",
            "udps_rcv_swcsum_bytes",
            "{} datagram{s} ({} byte{s}) over IPv4",
        ),
    ),
    l(
        M,
        3,
        Two(
            "udps_rcv6_swcsum",
            "udps_rcv6_swcsum_bytes",
            "{} datagram{s} ({} byte{s}) over IPv6",
        ),
    ),
    l(M, 2, One("udps_noport", "{} dropped due to no socket")),
    l(
        M,
        2,
        One(
            "udps_noportbcast",
            "{} broadcast/multicast datagram{s} undelivered",
        ),
    ),
    l(
        M,
        2,
        One(
            "udps_noportmcast",
            "{} IPv6 multicast datagram{s} undelivered",
        ),
    ),
    l(
        M,
        2,
        One(
            "udps_filtermcast",
            "{} time{s} multicast source filter matched",
        ),
    ),
    l(
        M,
        2,
        One("udps_fullsock", "{} dropped due to full socket buffers"),
    ),
    l(M, 2, One("udpps_pcbhashmiss", "{} not for hashed pcb")),
    l(M, 2, One("delivered", "{} delivered")),
    l(B, 1, One("udps_opackets", "{} datagram{s} output")),
    l(
        F,
        1,
        One(
            "udps_filtermcast",
            "{} time{s} multicast source filter matched",
        ),
    ),
    l(M, 2, One("snd_swcsum", "{} checksummed in software")),
    l(
        M,
        3,
        Two(
            "udps_snd_swcsum",
            "udps_snd_swcsum_bytes",
            "{} datagram{s} ({} byte{s}) over IPv4",
        ),
    ),
    l(
        M,
        3,
        Two(
            "udps_snd6_swcsum",
            "udps_snd6_swcsum_bytes",
            "{} datagram{s} ({} byte{s}) over IPv6",
        ),
    ),
];

/// The `ip:` section.
pub const IP: &[Line] = &[
    l(B, 1, One("ips_total", "{} total packet{s} received")),
    l(F, 1, One("ips_badsum", "{} bad header checksum{s}")),
    l(
        F,
        1,
        One("ips_toosmall", "{} with size smaller than minimum"),
    ),
    l(F, 1, One("ips_tooshort", "{} with data size < data length")),
    l(
        F,
        1,
        One("ips_toolong", "{} with ip length > max ip packet size"),
    ),
    l(
        F,
        1,
        One("ips_badhlen", "{} with header length < data size"),
    ),
    l(
        F,
        1,
        One("ips_badlen", "{} with data length < header length"),
    ),
    l(F, 1, One("ips_badoptions", "{} with bad options")),
    l(F, 1, One("ips_badvers", "{} with incorrect version number")),
    l(F, 1, One("ips_fragments", "{} fragment{s} received")),
    l(
        F,
        1,
        One(
            "ips_fragdropped",
            "{} fragment{s} dropped (dup or out of space)",
        ),
    ),
    l(
        F,
        1,
        One("ips_fragtimeout", "{} fragment{s} dropped after timeout"),
    ),
    l(F, 1, One("ips_reassembled", "{} packet{s} reassembled ok")),
    l(F, 1, One("ips_delivered", "{} packet{s} for this host")),
    l(
        F,
        1,
        One(
            "ips_noproto",
            "{} packet{s} for unknown/unsupported protocol",
        ),
    ),
    l(
        F,
        1,
        Two(
            "ips_forward",
            "ips_fastforward",
            "{} packet{s} forwarded ({} packet{s} fast forwarded)",
        ),
    ),
    l(F, 1, One("ips_cantforward", "{} packet{s} not forwardable")),
    l(
        F,
        1,
        One(
            "ips_notmember",
            "{} packet{s} received for unknown multicast group",
        ),
    ),
    l(F, 1, One("ips_redirectsent", "{} redirect{s} sent")),
    l(M, 2, One("ips_badsum", "{} bad header checksum{s}")),
    l(
        M,
        2,
        Two(
            "ips_rcv_swcsum",
            "ips_rcv_swcsum_bytes",
            "{} header{s} ({} byte{s}) checksummed in software",
        ),
    ),
    l(
        M,
        2,
        One("ips_toosmall", "{} with size smaller than minimum"),
    ),
    l(M, 2, One("ips_tooshort", "{} with data size < data length")),
    l(M, 2, One("ips_adj", "{} with data size > data length")),
    l(
        M,
        3,
        One(
            "ips_adj_hwcsum_clr",
            "{} packet{s} forced to software checksum",
        ),
    ),
    l(
        M,
        2,
        One("ips_toolong", "{} with ip length > max ip packet size"),
    ),
    l(
        M,
        2,
        One("ips_badhlen", "{} with header length < data size"),
    ),
    l(
        M,
        2,
        One("ips_badlen", "{} with data length < header length"),
    ),
    l(M, 2, One("ips_badoptions", "{} with bad options")),
    l(M, 2, One("ips_badvers", "{} with incorrect version number")),
    l(M, 2, One("ips_fragments", "{} fragment{s} received")),
    l(
        M,
        3,
        One("ips_fragdropped", "{} dropped (dup or out of space)"),
    ),
    l(M, 3, One("ips_fragtimeout", "{} dropped after timeout")),
    l(M, 3, One("ips_reassembled", "{} reassembled ok")),
    l(M, 2, One("ips_delivered", "{} packet{s} for this host")),
    l(
        M,
        2,
        One(
            "ips_noproto",
            "{} packet{s} for unknown/unsupported protocol",
        ),
    ),
    l(
        M,
        2,
        Two(
            "ips_forward",
            "ips_fastforward",
            "{} packet{s} forwarded ({} packet{s} fast forwarded)",
        ),
    ),
    l(M, 2, One("ips_cantforward", "{} packet{s} not forwardable")),
    l(
        M,
        2,
        One(
            "ips_notmember",
            "{} packet{s} received for unknown multicast group",
        ),
    ),
    l(M, 2, One("ips_redirectsent", "{} redirect{s} sent")),
    l(
        M,
        2,
        One(
            "ips_rxc_collisions",
            "{} input packet{s} not chained due to collision",
        ),
    ),
    l(
        M,
        2,
        One("ips_rxc_chained", "{} input packet{s} processed in a chain"),
    ),
    l(
        M,
        2,
        One("ips_rxc_notchain", "{} input packet{s} unable to chain"),
    ),
    l(
        M,
        2,
        One(
            "ips_rxc_chainsz_gt2",
            "{} input packet chain{s} processed with length greater than 2",
        ),
    ),
    l(
        M,
        2,
        One(
            "ips_rxc_chainsz_gt4",
            "{} input packet chain{s} processed with length greater than 4",
        ),
    ),
    l(
        M,
        2,
        One(
            "ips_rxc_notlist",
            "{} input packet{s} did not go through list processing path",
        ),
    ),
    l(
        M,
        2,
        One(
            "ips_rcv_if_weak_match",
            "{} input packet{s} that passed the weak ES interface address match",
        ),
    ),
    l(
        M,
        2,
        One(
            "ips_rcv_if_no_match",
            "{} input packet{s} with no interface address match",
        ),
    ),
    l(
        B,
        1,
        One("ips_localout", "{} packet{s} sent from this host"),
    ),
    l(
        F,
        1,
        One("ips_rawout", "{} packet{s} sent with fabricated ip header"),
    ),
    l(
        F,
        1,
        One(
            "ips_odropped",
            "{} output packet{s} dropped due to no bufs, etc.",
        ),
    ),
    l(
        F,
        1,
        One(
            "ips_noroute",
            "{} output packet{s} discarded due to no route",
        ),
    ),
    l(
        F,
        1,
        One("ips_fragmented", "{} output datagram{s} fragmented"),
    ),
    l(F, 1, One("ips_ofragments", "{} fragment{s} created")),
    l(
        F,
        1,
        One("ips_cantfrag", "{} datagram{s} that can't be fragmented"),
    ),
    l(
        F,
        1,
        One("ips_nogif", "{} tunneling packet{s} that can't find gif"),
    ),
    l(
        F,
        1,
        One("ips_badaddr", "{} datagram{s} with bad address in header"),
    ),
    l(
        M,
        2,
        One("ips_rawout", "{} packet{s} sent with fabricated ip header"),
    ),
    l(
        M,
        2,
        One(
            "ips_odropped",
            "{} output packet{s} dropped due to no bufs, etc.",
        ),
    ),
    l(
        M,
        2,
        One(
            "ips_noroute",
            "{} output packet{s} discarded due to no route",
        ),
    ),
    l(
        M,
        2,
        One("ips_fragmented", "{} output datagram{s} fragmented"),
    ),
    l(M, 2, One("ips_ofragments", "{} fragment{s} created")),
    l(
        M,
        2,
        One("ips_cantfrag", "{} datagram{s} that can't be fragmented"),
    ),
    l(
        M,
        2,
        One("ips_nogif", "{} tunneling packet{s} that can't find gif"),
    ),
    l(
        M,
        2,
        One("ips_badaddr", "{} datagram{s} with bad address in header"),
    ),
    l(
        M,
        2,
        One(
            "ips_pktdropcntrl",
            "{} packet{s} dropped due to no bufs for control data",
        ),
    ),
    l(
        M,
        2,
        One(
            "ips_necp_policy_drop",
            "{} packet{s} dropped due to NECP policy",
        ),
    ),
    l(
        M,
        2,
        Two(
            "ips_snd_swcsum",
            "ips_snd_swcsum_bytes",
            "{} header{s} ({} byte{s}) checksummed in software",
        ),
    ),
    l(M, 1, One("pcbcount", "{} open raw IP socket{s}")),
];

/// The `icmp:` section.
pub const ICMP: &[Line] = &[
    l(B, 1, One("icps_error", "{} call{s} to icmp_error")),
    l(
        F,
        1,
        One(
            "icps_oldicmp",
            "{} error{s} not generated in response to an icmp message",
        ),
    ),
    l(
        M,
        1,
        One(
            "icps_oldicmp",
            "{} error{s} not generated 'cuz old message was icmp",
        ),
    ),
    l(
        B,
        2,
        Hist(
            "icps_outhist",
            Names::Icmp,
            Shown::NonZero,
            "Output histogram:",
        ),
    ),
    l(
        B,
        1,
        One("icps_badcode", "{} message{s} with bad code fields"),
    ),
    l(
        F,
        1,
        One(
            "icps_tooshort",
            "{} message{s} less than the minimum length",
        ),
    ),
    l(
        F,
        1,
        One("icps_checksum", "{} message{s} with bad checksum"),
    ),
    l(M, 1, One("icps_tooshort", "{} message{s} < minimum length")),
    l(M, 1, One("icps_checksum", "{} bad checksum{s}")),
    l(B, 1, One("icps_badlen", "{} message{s} with bad length")),
    l(
        B,
        1,
        One("icps_bmcastecho", "{} multicast echo requests ignored"),
    ),
    l(
        B,
        1,
        One(
            "icps_bmcasttstamp",
            "{} multicast timestamp requests ignored",
        ),
    ),
    l(
        B,
        2,
        Hist(
            "icps_inhist",
            Names::Icmp,
            Shown::NonZero,
            "Input histogram:",
        ),
    ),
    l(
        B,
        1,
        One("icps_reflect", "{} message response{s} generated"),
    ),
    l(F, 1, One("icps_badaddr", "{} invalid return address{es}")),
    l(F, 1, One("icps_noroute", "{} no return route{s}")),
    l(
        B,
        1,
        Always("maskrepl", "ICMP address mask responses are {?en|dis}abled"),
    ),
];

/// The `igmp:` section.
pub const IGMP: &[Line] = &[
    l(B, 1, One("igps_rcv_total", "{} message{s} received")),
    l(
        B,
        1,
        One(
            "igps_rcv_tooshort",
            "{} message{s} received with too few bytes",
        ),
    ),
    l(
        B,
        1,
        One("igps_rcv_badttl", "{} message{s} received with wrong TTL"),
    ),
    l(
        B,
        1,
        One(
            "igps_rcv_badsum",
            "{} message{s} received with bad checksum",
        ),
    ),
    l(
        B,
        1,
        One(
            "igps_rcv_v1v2_queries",
            "{} V1/V2 membership quer{ies} received",
        ),
    ),
    l(
        B,
        1,
        One("igps_rcv_v3_queries", "{} V3 membership quer{ies} received"),
    ),
    l(
        B,
        1,
        One(
            "igps_rcv_badqueries",
            "{} membership quer{ies} received with invalid field(s)",
        ),
    ),
    l(
        B,
        1,
        One("igps_rcv_gen_queries", "{} general quer{ies} received"),
    ),
    l(
        B,
        1,
        One("igps_rcv_group_queries", "{} group quer{ies} received"),
    ),
    l(
        B,
        1,
        One("igps_rcv_gsr_queries", "{} group-source quer{ies} received"),
    ),
    l(
        B,
        1,
        One("igps_drop_gsr_queries", "{} group-source quer{ies} dropped"),
    ),
    l(
        B,
        1,
        One("igps_rcv_reports", "{} membership report{s} received"),
    ),
    l(
        B,
        1,
        One(
            "igps_rcv_badreports",
            "{} membership report{s} received with invalid field(s)",
        ),
    ),
    l(
        B,
        1,
        One(
            "igps_rcv_ourreports",
            "{} membership report{s} received for groups to which we belong",
        ),
    ),
    l(
        B,
        1,
        One(
            "igps_rcv_nora",
            "{} V3 report{s} received without Router Alert",
        ),
    ),
    l(
        B,
        1,
        One("igps_snd_reports", "{} membership report{s} sent"),
    ),
];

/// The `ip6:` section.
pub const IP6: &[Line] = &[
    l(B, 1, One("ip6s_total", "{} total packet{s} received")),
    l(
        F,
        1,
        One("ip6s_toosmall", "{} with size smaller than minimum"),
    ),
    l(
        F,
        1,
        One("ip6s_tooshort", "{} with data size < data length"),
    ),
    l(F, 1, One("ip6s_badoptions", "{} with bad options")),
    l(
        F,
        1,
        One("ip6s_badvers", "{} with incorrect version number"),
    ),
    l(F, 1, One("ip6s_fragments", "{} fragment{s} received")),
    l(
        F,
        1,
        One(
            "ip6s_fragdropped",
            "{} fragment{s} dropped (dup or out of space)",
        ),
    ),
    l(
        F,
        1,
        One("ip6s_fragtimeout", "{} fragment{s} dropped after timeout"),
    ),
    l(
        F,
        1,
        One("ip6s_fragoverflow", "{} fragment{s} that exceeded limit"),
    ),
    l(F, 1, One("ip6s_reassembled", "{} packet{s} reassembled ok")),
    l(F, 1, One("ip6s_delivered", "{} packet{s} for this host")),
    l(F, 1, One("ip6s_forward", "{} packet{s} forwarded")),
    l(
        F,
        1,
        One("ip6s_cantforward", "{} packet{s} not forwardable"),
    ),
    l(F, 1, One("ip6s_redirectsent", "{} redirect{s} sent")),
    l(
        M,
        2,
        One("ip6s_toosmall", "{} with size smaller than minimum"),
    ),
    l(
        M,
        2,
        One("ip6s_tooshort", "{} with data size < data length"),
    ),
    l(M, 2, One("ip6s_adj", "{} with data size > data length")),
    l(
        M,
        3,
        One(
            "ip6s_adj_hwcsum_clr",
            "{} packet{s} forced to software checksum",
        ),
    ),
    l(M, 2, One("ip6s_badoptions", "{} with bad options")),
    l(
        M,
        2,
        One("ip6s_badvers", "{} with incorrect version number"),
    ),
    l(M, 2, One("ip6s_fragments", "{} fragment{s} received")),
    l(
        M,
        3,
        One("ip6s_fragdropped", "{} dropped (dup or out of space)"),
    ),
    l(M, 3, One("ip6s_fragtimeout", "{} dropped after timeout")),
    l(M, 3, One("ip6s_fragoverflow", "{} exceeded limit")),
    l(M, 3, One("ip6s_reassembled", "{} reassembled ok")),
    l(
        M,
        3,
        One("ip6s_atmfrag_rcvd", "{} atomic fragments received"),
    ),
    l(M, 2, One("ip6s_delivered", "{} packet{s} for this host")),
    l(
        M,
        2,
        One(
            "ip6s_rcv_if_weak_match",
            "{} input packet{s} that passed the weak ES interface address match",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_rcv_if_no_match",
            "{} input packet{s} with no interface address match",
        ),
    ),
    l(M, 2, One("ip6s_forward", "{} packet{s} forwarded")),
    l(
        M,
        2,
        One("ip6s_cantforward", "{} packet{s} not forwardable"),
    ),
    l(M, 2, One("ip6s_redirectsent", "{} redirect{s} sent")),
    l(
        M,
        2,
        One(
            "ip6s_notmember",
            "{} multicast packet{s} which we didn't join",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_exthdrtoolong",
            "{} packet{s} whose headers are not continuous",
        ),
    ),
    l(
        M,
        2,
        One("ip6s_nogif", "{} tunneling packet{s} that can't find gif"),
    ),
    l(
        M,
        2,
        One(
            "ip6s_toomanyhdr",
            "{} packet{s} discarded due to too may headers",
        ),
    ),
    l(M, 2, One("ip6s_forward_cachehit", "{} forward cache hit")),
    l(M, 2, One("ip6s_forward_cachemiss", "{} forward cache miss")),
    l(
        M,
        2,
        One(
            "ip6s_pktdropcntrl",
            "{} packet{s} dropped due to no bufs for control data",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_tooshort_drop",
            "{} input packet{s} dropped due to too short length ",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_nov6addr_drop",
            "{} input packet{s} dropped due to missing CLAT46 IPv6 address",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_nov4addr_drop",
            "{} input packet{s} dropped due to missing CLAT46 IPv4 address",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_v4synthfail_drop",
            "{} input packet{s} dropped due to CLAT46 IPv4 address derivation failure",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_64transfail_drop",
            "{} input packet{s} dropped due to CLAT46 IP header translation failure",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_64proto_transfail_drop",
            "{} input packet{s} dropped due to CLAT46 protocol translation failure",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_64frag_transfail_drop",
            "{} input packet{s} dropped due to CLAT46 fragment translation failure",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_invalpbuf_drop",
            "{} input packet{s} dropped due to invalid pbuf",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_v4_drop",
            "{} input IPv4 packet{s} dropped on CLAT46 enabled interface",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_drop",
            "{} input packet{s} dropped due to CLAT46 failures",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_in_success",
            "{} input packet{s} successfully translated from IPv6 to IPv4",
        ),
    ),
    l(
        B,
        1,
        One("ip6s_localout", "{} packet{s} sent from this host"),
    ),
    l(
        F,
        1,
        One("ip6s_rawout", "{} packet{s} sent with fabricated ip header"),
    ),
    l(
        F,
        1,
        One(
            "ip6s_odropped",
            "{} output packet{s} dropped due to no bufs, etc.",
        ),
    ),
    l(
        F,
        1,
        One(
            "ip6s_noroute",
            "{} output packet{s} discarded due to no route",
        ),
    ),
    l(
        F,
        1,
        One("ip6s_fragmented", "{} output datagram{s} fragmented"),
    ),
    l(F, 1, One("ip6s_ofragments", "{} fragment{s} created")),
    l(
        F,
        1,
        One("ip6s_cantfrag", "{} datagram{s} that can't be fragmented"),
    ),
    l(
        F,
        1,
        One("ip6s_badscope", "{} packet{s} that violated scope rules"),
    ),
    l(
        F,
        1,
        One(
            "ip6s_notmember",
            "{} multicast packet{s} which we don't join",
        ),
    ),
    l(
        M,
        2,
        One("ip6s_rawout", "{} packet{s} sent with fabricated ip header"),
    ),
    l(
        M,
        2,
        One(
            "ip6s_odropped",
            "{} output packet{s} dropped due to no bufs, etc.",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_noroute",
            "{} output packet{s} discarded due to no route",
        ),
    ),
    l(
        M,
        2,
        One("ip6s_fragmented", "{} output datagram{s} fragmented"),
    ),
    l(M, 2, One("ip6s_ofragments", "{} fragment{s} created")),
    l(
        M,
        2,
        One("ip6s_cantfrag", "{} datagram{s} that can't be fragmented"),
    ),
    l(
        M,
        2,
        One("ip6s_badscope", "{} packet{s} that violated scope rules"),
    ),
    l(
        M,
        2,
        One(
            "ip6s_necp_policy_drop",
            "{} packet{s} dropped due to NECP policy",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_out_nov6addr_drop",
            "{} output packet{s} dropped due to missing CLAT46 IPv6 address",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_out_v6synthfail_drop",
            "{} output packet{s} dropped due to CLAT46 IPv6 address synthesis failure",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_out_46transfail_drop",
            "{} output packet{s} dropped due to CLAT46 IP header translation failure",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_out_46proto_transfail_drop",
            "{} output packet{s} dropped due to CLAT46 protocol translation failure",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_out_46frag_transfail_drop",
            "{} output packet{s} dropped due to CLAT46 fragment translation failure",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_out_invalpbuf_drop",
            "{} output packet{s} dropped due to invalid pbuf",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_out_drop",
            "{} output packet{s} dropped due to CLAT46 failures",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_clat464_out_success",
            "{} output packet{s} successfully translated from IPv4 to IPv6",
        ),
    ),
    l(
        B,
        2,
        Hist(
            "ip6s_nxthist",
            Names::Ip6Next,
            Shown::NonZero,
            "Input histogram:",
        ),
    ),
    l(B, 0, Open("Mbuf statistics:")),
    l(B, 2, Always("ip6s_m1", "{} one mbuf")),
    l(
        B,
        3,
        Hist(
            "ip6s_m2m",
            Names::Ifnames,
            Shown::NonZero,
            "two or more mbuf:",
        ),
    ),
    l(B, 2, Always("ip6s_mext1", "{} one ext mbuf")),
    l(B, 2, Always("ip6s_mext2m", "{} two or more ext mbuf")),
    l(B, 0, Close),
    l(
        F,
        1,
        One(
            "ip6s_exthdrtoolong",
            "{} packet{s} whose headers are not continuous",
        ),
    ),
    l(
        F,
        1,
        One("ip6s_nogif", "{} tunneling packet{s} that can't find gif"),
    ),
    l(
        F,
        1,
        One(
            "ip6s_toomanyhdr",
            "{} packet{s} discarded because of too many headers",
        ),
    ),
    l(
        F,
        1,
        One(
            "ip6s_sources_none",
            "{} failure{s} of source address selection",
        ),
    ),
    l(
        F,
        2,
        Hist(
            "ip6s_sources_sameif",
            Names::Scope,
            Shown::NonZero,
            "source addresses on an outgoing I/F",
        ),
    ),
    l(
        F,
        2,
        Hist(
            "ip6s_sources_otherif",
            Names::Scope,
            Shown::NonZero,
            "source addresses on a non-outgoing I/F",
        ),
    ),
    l(
        F,
        2,
        Hist(
            "ip6s_sources_samescope",
            Names::Scope,
            Shown::NonZero,
            "source addresses of same scope",
        ),
    ),
    l(
        F,
        2,
        Hist(
            "ip6s_sources_otherscope",
            Names::Scope,
            Shown::NonZero,
            "source addresses of a different scope",
        ),
    ),
    l(
        F,
        2,
        Hist(
            "ip6s_sources_deprecated",
            Names::Scope,
            Shown::NonZero,
            "deprecated source addresses",
        ),
    ),
    l(
        F,
        2,
        Hist(
            "ip6s_sources_rule",
            Names::SourceRules,
            Shown::NonZero,
            "Source addresses selection rule applied:",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_sources_none",
            "{} failure{s} of source address selection",
        ),
    ),
    l(
        M,
        3,
        Hist(
            "ip6s_sources_sameif",
            Names::MacScope,
            Shown::Normal,
            "source addresses on an outgoing I/F",
        ),
    ),
    l(
        M,
        3,
        Hist(
            "ip6s_sources_otherif",
            Names::MacScope,
            Shown::Normal,
            "source addresses on a non-outgoing I/F",
        ),
    ),
    l(
        M,
        3,
        Hist(
            "ip6s_sources_samescope",
            Names::MacScope,
            Shown::Normal,
            "source addresses of same scope",
        ),
    ),
    l(
        M,
        3,
        Hist(
            "ip6s_sources_otherscope",
            Names::MacScope,
            Shown::Normal,
            "source addresses of a different scope",
        ),
    ),
    l(
        M,
        3,
        Hist(
            "ip6s_sources_deprecated",
            Names::MacScope,
            Shown::Normal,
            "deprecated source addresses",
        ),
    ),
    l(
        M,
        3,
        Hist(
            "ip6s_sources_rule",
            Names::MacSourceRules,
            Shown::Always,
            "source address selection",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_dad_collide",
            "{} duplicate address detection collision{s}",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_dad_loopcount",
            "{} duplicate address detection NS loop{s}",
        ),
    ),
    l(
        M,
        2,
        One(
            "ip6s_sources_skip_expensive_secondary_if",
            "{} time{s} ignored source on secondary expensive I/F",
        ),
    ),
];

/// The `icmp6:` section.
pub const ICMP6: &[Line] = &[
    l(F, 1, One("icp6s_error", "{} call{s} to icmp6_error")),
    l(
        F,
        1,
        One(
            "icp6s_canterror",
            "{} error{s} not generated in response to an icmp6 message",
        ),
    ),
    l(
        F,
        1,
        One(
            "icp6s_toofreq",
            "{} error{s} not generated because of rate limitation",
        ),
    ),
    l(M, 1, One("icp6s_error", "{} call{s} to icmp_error")),
    l(
        M,
        1,
        One(
            "icp6s_canterror",
            "{} error{s} not generated because old message was icmp error or so",
        ),
    ),
    l(
        M,
        1,
        One(
            "icp6s_toofreq",
            "{} error{s} not generated because rate limitation",
        ),
    ),
    l(
        B,
        2,
        Hist(
            "icp6s_outhist",
            Names::Icmp6,
            Shown::NonZero,
            "Output histogram:",
        ),
    ),
    l(
        B,
        1,
        One("icp6s_badcode", "{} message{s} with bad code fields"),
    ),
    l(
        B,
        1,
        One("icp6s_tooshort", "{} message{s} < minimum length"),
    ),
    l(B, 1, One("icp6s_checksum", "{} bad checksum{s}")),
    l(B, 1, One("icp6s_badlen", "{} message{s} with bad length")),
    l(
        B,
        2,
        Hist(
            "icp6s_inhist",
            Names::Icmp6,
            Shown::NonZero,
            "Input histogram:",
        ),
    ),
    l(B, 0, Open("Histogram of error messages to be generated:")),
    l(F, 2, One("icp6s_odst_unreach_noroute", "{} no route")),
    l(
        F,
        2,
        One("icp6s_odst_unreach_admin", "{} administratively prohibited"),
    ),
    l(
        F,
        2,
        One("icp6s_odst_unreach_beyondscope", "{} beyond scope"),
    ),
    l(
        F,
        2,
        One("icp6s_odst_unreach_addr", "{} address unreachable"),
    ),
    l(
        F,
        2,
        One("icp6s_odst_unreach_noport", "{} port unreachable"),
    ),
    l(F, 2, One("icp6s_opacket_too_big", "{} packet too big")),
    l(
        F,
        2,
        One("icp6s_otime_exceed_transit", "{} time exceed transit"),
    ),
    l(
        F,
        2,
        One("icp6s_otime_exceed_reassembly", "{} time exceed reassembly"),
    ),
    l(
        F,
        2,
        One("icp6s_oparamprob_header", "{} erroneous header field"),
    ),
    l(
        F,
        2,
        One("icp6s_oparamprob_nextheader", "{} unrecognized next header"),
    ),
    l(
        F,
        2,
        One("icp6s_oparamprob_option", "{} unrecognized option"),
    ),
    l(F, 2, One("icp6s_oredirect", "{} redirect")),
    l(F, 2, One("icp6s_ounknown", "{} unknown")),
    l(M, 2, Always("icp6s_odst_unreach_noroute", "{} no route")),
    l(
        M,
        2,
        Always("icp6s_odst_unreach_admin", "{} administratively prohibited"),
    ),
    l(
        M,
        2,
        Always("icp6s_odst_unreach_beyondscope", "{} beyond scope"),
    ),
    l(
        M,
        2,
        Always("icp6s_odst_unreach_addr", "{} address unreachable"),
    ),
    l(
        M,
        2,
        Always("icp6s_odst_unreach_noport", "{} port unreachable"),
    ),
    l(M, 2, Always("icp6s_opacket_too_big", "{} packet too big")),
    l(
        M,
        2,
        Always("icp6s_otime_exceed_transit", "{} time exceed transit"),
    ),
    l(
        M,
        2,
        Always("icp6s_otime_exceed_reassembly", "{} time exceed reassembly"),
    ),
    l(
        M,
        2,
        Always("icp6s_oparamprob_header", "{} erroneous header field"),
    ),
    l(
        M,
        2,
        Always("icp6s_oparamprob_nextheader", "{} unrecognized next header"),
    ),
    l(
        M,
        2,
        Always("icp6s_oparamprob_option", "{} unrecognized option"),
    ),
    l(M, 2, Always("icp6s_oredirect", "{} redirect")),
    l(M, 2, Always("icp6s_ounknown", "{} unknown")),
    l(B, 0, Close),
    l(
        B,
        1,
        One("icp6s_reflect", "{} message response{s} generated"),
    ),
    l(
        B,
        1,
        One(
            "icp6s_nd_toomanyopt",
            "{} message{s} with too many ND options",
        ),
    ),
    l(
        B,
        1,
        One("icp6s_nd_badopt", "{} message{s} with bad ND options"),
    ),
    l(
        B,
        1,
        One("icp6s_badns", "{} bad neighbor solicitation message{s}"),
    ),
    l(
        B,
        1,
        One("icp6s_badna", "{} bad neighbor advertisement message{s}"),
    ),
    l(
        B,
        1,
        One("icp6s_badrs", "{} bad router solicitation message{s}"),
    ),
    l(
        B,
        1,
        One("icp6s_badra", "{} bad router advertisement message{s}"),
    ),
    l(B, 1, One("icp6s_badredirect", "{} bad redirect message{s}")),
    l(B, 1, One("icp6s_pmtuchg", "{} path MTU change{s}")),
    l(
        M,
        1,
        One("icp6s_rfc6980_drop", "{} dropped fragmented NDP message{s}"),
    ),
];

/// The `routing:` section.
pub const ROUTING: &[Line] = &[
    l(B, 1, One("rts_badredirect", "{} bad routing redirect{s}")),
    l(B, 1, One("rts_dynamic", "{} dynamically created route{s}")),
    l(
        B,
        1,
        One("rts_newgateway", "{} new gateway{s} due to redirects"),
    ),
    l(
        B,
        1,
        One("rts_unreach", "{} destination{s} found unreachable"),
    ),
    l(B, 1, One("rts_wildcard", "{} use{s} of a wildcard route")),
    l(
        M,
        1,
        One(
            "rts_badrtgwroute",
            "{} lookup{s} returned indirect routes pointing to indirect gateway route",
        ),
    ),
    l(
        M,
        1,
        One("rttrash", "{} route{s} not in table but not freed"),
    ),
    l(M, 1, One("pcbcount", "{} open routing socket{s}")),
];
