//! The kernel statistics structures that `netstat -s` reads, as byte layouts: one [`Layout`]
//! per structure and system, listing the fields the wording tables ([`crate::stats::wording`])
//! print, and one decoder ([`decode`]) for all of them.
//!
//! Each sysctl answers one structure, little-endian (amd64, arm64), counters only:
//!
//! - FreeBSD 15 (`freebsd`: headers as in zig's generic-freebsd, checked by `tests/layout.rs`,
//!   sizes and values checked against the real 15.1 capture of fixtures/freebsd/real-15.1):
//!   `struct tcpstat`, `udpstat`, `ipstat`, `ip6stat`, `icmp6stat`, `rtstat` of 64-bit
//!   counters; `struct icmpstat` of `u_long`s (64-bit); `struct igmpstat` opens with
//!   `igps_version` (3) and `igps_len` (168), 32-bit, then 64-bit counters. The kernel
//!   sums its per-CPU counters into the answer. FreeBSD has no sysctl for the routing
//!   statistics (netstat -rs reads the kernel symbol `_rtstat`); a snapshot holds them as
//!   `net.rtstat.bin`.
//! - macOS, from xnu-11417.101.15 (bsd/netinet/tcp_var.h, udp_var.h, ip_var.h, icmp_var.h,
//!   igmp_var.h, bsd/netinet6/ip6_var.h, bsd/netinet/icmp6.h, bsd/net/route_private.h):
//!   `struct tcpstat`, `udpstat`, `ipstat`, `icmpstat` of 32-bit counters (tcpstat also has
//!   some 64-bit ones), `struct igmpstat_v3` (same header as FreeBSD's), `struct ip6stat` and
//!   `struct icmp6stat` of 64-bit counters, `struct rtstat_64`
//!   (NET_RT_STAT_64 = 11 under the routing node, snapshot `net.route.0.0.11.0.bin`; without it
//!   the SDK's `struct rtstat` of `short`s, NET_RT_STAT = 4, `net.route.0.0.4.0.bin`). The
//!   macOS SDK ships none of these structures; fixtures/macos/host1/stats.c declares them as
//!   that xnu release does and its layout lines check these tables against that declaration.
//!
//! A shorter answer than the structure is an error unless it is an older kernel's structure
//! ([`Layout::min_size`], see [`decode`]); a newer kernel's longer structure is read up to the
//! fields known here, as netstat's fixed-size buffer reads it.

use crate::os::{Assumption, Os};
use crate::stats::values::Values;
use crate::wire::bytes::le;
use rnetstat_core::lit::Lit;
use rnetstat_core::{Error, Result};

mod freebsd;
pub use freebsd::*;

/// One field: name, offset, width in bytes (2, 4 or 8) and, for an array, its length.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The structure's name for it (inline: see [`rnetstat_core::lit`]).
    pub name: Lit<48>,
    /// Offset from the structure's start.
    pub offset: usize,
    /// Bytes per value.
    pub width: usize,
    /// Elements, for an array field (0: a scalar).
    pub count: usize,
}

pub(super) const fn f(name: &str, offset: usize, width: usize, count: usize) -> Field {
    Field {
        name: Lit::new(name),
        offset,
        width,
        count,
    }
}

/// A statistics structure of one system.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// The sysctl (or snapshot name) that answers it.
    pub sysctl: &'static str,
    /// The C structure.
    pub c_name: &'static str,
    /// sizeof the structure.
    pub size: usize,
    /// The shortest answer read: an older kernel's smaller structure of the same counters
    /// (FreeBSD 14's, which lacks counters FreeBSD 15 added at its end). Equal to `size` where
    /// no shorter structure is known.
    pub min_size: usize,
    /// The fields read, in structure order.
    pub fields: &'static [Field],
}

/// The counters of `layout` in `buf`. An answer shorter than the structure is read if it is
/// at least `min_size` and a whole number of 64-bit counters (an older kernel's structure):
/// the fields past its end are absent (their lines are not shown). A longer answer (a newer
/// kernel's) is read up to the fields known here, as netstat's fixed-size buffer reads it.
pub fn decode(layout: &Layout, buf: &[u8]) -> Result<Values> {
    let older = buf.len() >= layout.min_size && buf.len().is_multiple_of(8);
    if buf.len() < layout.size && !older {
        return Err(Error::decode(
            "statistics",
            format!(
                "{}: {} bytes, shorter than struct {} ({} bytes)",
                layout.sysctl,
                buf.len(),
                layout.c_name,
                layout.size
            ),
        ));
    }
    let mut values = Values::default();
    for field in layout.fields {
        let n = field.count.max(1);
        if field.offset + n * field.width > buf.len() {
            continue;
        }
        let read: Vec<u64> = (0..n)
            .filter_map(|i| le(buf, field.offset + i * field.width, field.width))
            .collect();
        if read.len() != n {
            return Err(Error::decode(
                "statistics",
                format!(
                    "{}: field {} outside struct {}",
                    layout.sysctl, field.name, layout.c_name
                ),
            ));
        }
        if field.count == 0 {
            values.scalars.push((field.name.as_str(), read[0]));
        } else {
            values.arrays.push((field.name.as_str(), read));
        }
    }
    Ok(values)
}

/// The structures `os` reads, section by section (the wording tables' section names); where a
/// section has two, the first one the system answers is read (macOS's NET_RT_STAT_64, then the
/// older NET_RT_STAT, as its netstat does).
pub fn layouts(os: Os) -> &'static [(&'static str, Layout)] {
    match os {
        Os::FreeBsd => &[
            ("tcp", FREEBSD_TCP),
            ("udp", FREEBSD_UDP),
            ("ip", FREEBSD_IP),
            ("icmp", FREEBSD_ICMP),
            ("igmp", FREEBSD_IGMP),
            ("pim", FREEBSD_PIM),
            ("arp", FREEBSD_ARP),
            ("ip6", FREEBSD_IP6),
            ("icmp6", FREEBSD_ICMP6),
            ("rip6", FREEBSD_RIP6),
            ("routing", FREEBSD_ROUTING),
        ],
        Os::MacOs => &[
            ("tcp", MACOS_TCP),
            ("udp", MACOS_UDP),
            ("ip", MACOS_IP),
            ("icmp", MACOS_ICMP),
            ("igmp", MACOS_IGMP),
            ("ip6", MACOS_IP6),
            ("icmp6", MACOS_ICMP6),
            ("routing", MACOS_ROUTING),
            ("routing", MACOS_ROUTING_COMPAT),
        ],
    }
}

/// The sizes and offsets these layouts assume, in `layout.txt`'s key format.
pub fn assumptions(os: Os) -> Vec<Assumption> {
    let mut v = Vec::new();
    for (_, l) in layouts(os) {
        v.push((vec![format!("sizeof {}", l.c_name)], l.size as u64));
        for field in l.fields {
            v.push((
                vec![format!("offsetof {} {}", l.c_name, field.name)],
                field.offset as u64,
            ));
        }
    }
    if os == Os::MacOs {
        v.push((vec!["const NET_RT_STAT".into()], 4));
        v.push((vec!["const NET_RT_TRASH".into()], 5));
    }
    v
}

/// struct tcpstat (net.inet.tcp.stats).
pub const MACOS_TCP: Layout = Layout {
    sysctl: "net.inet.tcp.stats",
    c_name: "tcpstat",
    size: 992,
    min_size: 992,
    fields: &[
        f("tcps_connattempt", 0, 4, 0),
        f("tcps_accepts", 4, 4, 0),
        f("tcps_connects", 8, 4, 0),
        f("tcps_drops", 12, 4, 0),
        f("tcps_conndrops", 16, 4, 0),
        f("tcps_closed", 20, 4, 0),
        f("tcps_segstimed", 24, 4, 0),
        f("tcps_rttupdated", 28, 4, 0),
        f("tcps_delack", 32, 4, 0),
        f("tcps_timeoutdrop", 36, 4, 0),
        f("tcps_rexmttimeo", 40, 4, 0),
        f("tcps_persisttimeo", 44, 4, 0),
        f("tcps_keeptimeo", 48, 4, 0),
        f("tcps_keepprobe", 52, 4, 0),
        f("tcps_keepdrops", 56, 4, 0),
        f("tcps_sndtotal", 60, 4, 0),
        f("tcps_sndpack", 64, 4, 0),
        f("tcps_sndbyte", 68, 4, 0),
        f("tcps_sndrexmitpack", 72, 4, 0),
        f("tcps_sndrexmitbyte", 76, 4, 0),
        f("tcps_sndacks", 80, 4, 0),
        f("tcps_sndprobe", 84, 4, 0),
        f("tcps_sndurg", 88, 4, 0),
        f("tcps_sndwinup", 92, 4, 0),
        f("tcps_sndctrl", 96, 4, 0),
        f("tcps_rcvtotal", 100, 4, 0),
        f("tcps_rcvpack", 104, 4, 0),
        f("tcps_rcvbyte", 108, 4, 0),
        f("tcps_rcvbadsum", 112, 4, 0),
        f("tcps_rcvbadoff", 116, 4, 0),
        f("tcps_rcvmemdrop", 120, 4, 0),
        f("tcps_rcvshort", 124, 4, 0),
        f("tcps_rcvduppack", 128, 4, 0),
        f("tcps_rcvdupbyte", 132, 4, 0),
        f("tcps_rcvpartduppack", 136, 4, 0),
        f("tcps_rcvpartdupbyte", 140, 4, 0),
        f("tcps_rcvoopack", 144, 4, 0),
        f("tcps_rcvoobyte", 148, 4, 0),
        f("tcps_rcvpackafterwin", 152, 4, 0),
        f("tcps_rcvbyteafterwin", 156, 4, 0),
        f("tcps_rcvafterclose", 160, 4, 0),
        f("tcps_rcvwinprobe", 164, 4, 0),
        f("tcps_rcvdupack", 168, 4, 0),
        f("tcps_rcvacktoomuch", 172, 4, 0),
        f("tcps_rcvackpack", 176, 4, 0),
        f("tcps_rcvackbyte", 180, 4, 0),
        f("tcps_rcvwinupd", 184, 4, 0),
        f("tcps_pawsdrop", 188, 4, 0),
        f("tcps_predack", 192, 4, 0),
        f("tcps_preddat", 196, 4, 0),
        f("tcps_cachedrtt", 204, 4, 0),
        f("tcps_cachedrttvar", 208, 4, 0),
        f("tcps_cachedssthresh", 212, 4, 0),
        f("tcps_usedrtt", 216, 4, 0),
        f("tcps_usedrttvar", 220, 4, 0),
        f("tcps_usedssthresh", 224, 4, 0),
        f("tcps_persistdrop", 228, 4, 0),
        f("tcps_badsyn", 232, 4, 0),
        f("tcps_mturesent", 236, 4, 0),
        f("tcps_listendrop", 240, 4, 0),
        f("tcps_synchallenge", 244, 4, 0),
        f("tcps_rstchallenge", 248, 4, 0),
        f("tcps_minmssdrops", 252, 4, 0),
        f("tcps_sndrexmitbad", 256, 4, 0),
        f("tcps_badrst", 260, 4, 0),
        f("tcps_sc_dropped", 276, 4, 0),
        f("tcps_sc_completed", 280, 4, 0),
        f("tcps_sc_aborted", 300, 4, 0),
        f("tcps_sc_sendcookie", 316, 4, 0),
        f("tcps_sc_recvcookie", 320, 4, 0),
        f("tcps_sack_recovery_episode", 332, 4, 0),
        f("tcps_sack_rexmits", 336, 4, 0),
        f("tcps_sack_rexmit_bytes", 340, 4, 0),
        f("tcps_sack_rcv_blocks", 344, 4, 0),
        f("tcps_sack_send_blocks", 348, 4, 0),
        f("tcps_sack_sboverflow", 352, 4, 0),
        f("tcps_rack_recovery_episode", 356, 4, 0),
        f("tcps_rack_reordering_timeout_recovery_episode", 360, 4, 0),
        f("tcps_rack_rexmits", 364, 4, 0),
        f("tcps_rxtfindrop", 372, 4, 0),
        f("tcps_fcholdpacket", 376, 4, 0),
        f("tcps_limited_txt", 380, 4, 0),
        f("tcps_early_rexmt", 384, 4, 0),
        f("tcps_sack_ackadv", 388, 4, 0),
        f("tcps_rcv_swcsum", 392, 4, 0),
        f("tcps_rcv_swcsum_bytes", 396, 4, 0),
        f("tcps_rcv6_swcsum", 400, 4, 0),
        f("tcps_rcv6_swcsum_bytes", 404, 4, 0),
        f("tcps_snd_swcsum", 408, 4, 0),
        f("tcps_snd_swcsum_bytes", 412, 4, 0),
        f("tcps_snd6_swcsum", 416, 4, 0),
        f("tcps_snd6_swcsum_bytes", 420, 4, 0),
        f("tcps_tailloss_rto", 500, 4, 0),
        f("tcps_reordered_pkts", 504, 4, 0),
        f("tcps_recovered_pkts", 508, 4, 0),
        f("tcps_pto", 512, 4, 0),
        f("tcps_rto_after_pto", 516, 4, 0),
        f("tcps_tlp_recovery", 520, 4, 0),
        f("tcps_tlp_recoverlastpkt", 524, 4, 0),
        f("tcps_ecn_client_success", 528, 4, 0),
        f("tcps_ecn_recv_ece", 532, 4, 0),
        f("tcps_ecn_sent_ece", 536, 4, 0),
        f("tcps_detect_reordering", 540, 4, 0),
        f("tcps_delay_recovery", 544, 4, 0),
        f("tcps_avoid_rxmt", 548, 4, 0),
        f("tcps_pto_in_recovery", 564, 4, 0),
        f("tcps_pmtudbh_reverted", 568, 4, 0),
        f("tcps_dsack_ackloss", 576, 4, 0),
        f("tcps_dsack_badrexmt", 580, 4, 0),
        f("tcps_dsack_sent", 584, 4, 0),
        f("tcps_dsack_recvd", 588, 4, 0),
        f("tcps_dsack_recvd_old", 592, 4, 0),
        f("tcps_drop_after_sleep", 620, 4, 0),
        f("tcps_probe_if", 624, 4, 0),
        f("tcps_probe_if_conflict", 628, 4, 0),
        f("tcps_ecn_client_setup", 632, 4, 0),
        f("tcps_ecn_server_setup", 636, 4, 0),
        f("tcps_ecn_server_success", 640, 4, 0),
        f("tcps_ecn_ace_syn_not_ect", 644, 4, 0),
        f("tcps_ecn_ace_syn_ect1", 648, 4, 0),
        f("tcps_ecn_ace_syn_ect0", 652, 4, 0),
        f("tcps_ecn_ace_syn_ce", 656, 4, 0),
        f("tcps_ecn_lost_synack", 660, 4, 0),
        f("tcps_ecn_lost_syn", 664, 4, 0),
        f("tcps_ecn_not_supported", 668, 4, 0),
        f("tcps_ecn_recv_ce", 672, 4, 0),
        f("tcps_ecn_ace_recv_ce", 676, 4, 0),
        f("tcps_ecn_conn_recv_ce", 680, 4, 0),
        f("tcps_ecn_conn_recv_ece", 684, 4, 0),
        f("tcps_ecn_conn_plnoce", 688, 4, 0),
        f("tcps_ecn_conn_pl_ce", 692, 4, 0),
        f("tcps_ecn_conn_nopl_ce", 696, 4, 0),
        f("tcps_ecn_fallback_synloss", 700, 4, 0),
        f("tcps_ecn_fallback_reorder", 704, 4, 0),
        f("tcps_ecn_fallback_ce", 708, 4, 0),
        f("tcps_tfo_syn_data_rcv", 712, 4, 0),
        f("tcps_tfo_cookie_req_rcv", 716, 4, 0),
        f("tcps_tfo_cookie_sent", 720, 4, 0),
        f("tcps_tfo_cookie_invalid", 724, 4, 0),
        f("tcps_tfo_cookie_req", 728, 4, 0),
        f("tcps_tfo_cookie_rcv", 732, 4, 0),
        f("tcps_tfo_syn_data_sent", 736, 4, 0),
        f("tcps_tfo_syn_data_acked", 740, 4, 0),
        f("tcps_tfo_syn_loss", 744, 4, 0),
        f("tcps_tfo_blackhole", 748, 4, 0),
        f("tcps_tfo_cookie_wrong", 752, 4, 0),
        f("tcps_tfo_no_cookie_rcv", 756, 4, 0),
        f("tcps_tfo_heuristics_disable", 760, 4, 0),
        f("tcps_tfo_sndblackhole", 764, 4, 0),
        f("tcps_mss_to_default", 768, 4, 0),
        f("tcps_mss_to_medium", 772, 4, 0),
        f("tcps_mss_to_low", 776, 4, 0),
        f("tcps_ecn_fallback_droprst", 780, 4, 0),
        f("tcps_ecn_fallback_droprxmt", 784, 4, 0),
        f("tcps_timer_drift_le_1_ms", 804, 4, 0),
        f("tcps_timer_drift_le_10_ms", 808, 4, 0),
        f("tcps_timer_drift_le_20_ms", 812, 4, 0),
        f("tcps_timer_drift_le_50_ms", 816, 4, 0),
        f("tcps_timer_drift_le_100_ms", 820, 4, 0),
        f("tcps_timer_drift_le_200_ms", 824, 4, 0),
        f("tcps_timer_drift_le_500_ms", 828, 4, 0),
        f("tcps_timer_drift_le_1000_ms", 832, 4, 0),
        f("tcps_timer_drift_gt_1000_ms", 836, 4, 0),
        f("tcps_ka_offload_drops", 980, 4, 0),
        f("tcps_fin_timeout_drops", 988, 4, 0),
    ],
};

/// struct udpstat (net.inet.udp.stats).
pub const MACOS_UDP: Layout = Layout {
    sysctl: "net.inet.udp.stats",
    c_name: "udpstat",
    size: 88,
    min_size: 88,
    fields: &[
        f("udps_ipackets", 0, 4, 0),
        f("udps_hdrops", 4, 4, 0),
        f("udps_badsum", 8, 4, 0),
        f("udps_badlen", 12, 4, 0),
        f("udps_noport", 16, 4, 0),
        f("udps_noportbcast", 20, 4, 0),
        f("udps_fullsock", 24, 4, 0),
        f("udpps_pcbhashmiss", 32, 4, 0),
        f("udps_opackets", 36, 4, 0),
        f("udps_nosum", 44, 4, 0),
        f("udps_noportmcast", 48, 4, 0),
        f("udps_filtermcast", 52, 4, 0),
        f("udps_rcv_swcsum", 56, 4, 0),
        f("udps_rcv_swcsum_bytes", 60, 4, 0),
        f("udps_rcv6_swcsum", 64, 4, 0),
        f("udps_rcv6_swcsum_bytes", 68, 4, 0),
        f("udps_snd_swcsum", 72, 4, 0),
        f("udps_snd_swcsum_bytes", 76, 4, 0),
        f("udps_snd6_swcsum", 80, 4, 0),
        f("udps_snd6_swcsum_bytes", 84, 4, 0),
    ],
};

/// struct ipstat (net.inet.ip.stats).
pub const MACOS_IP: Layout = Layout {
    sysctl: "net.inet.ip.stats",
    c_name: "ipstat",
    size: 196,
    min_size: 196,
    fields: &[
        f("ips_total", 0, 4, 0),
        f("ips_badsum", 4, 4, 0),
        f("ips_tooshort", 8, 4, 0),
        f("ips_toosmall", 12, 4, 0),
        f("ips_badhlen", 16, 4, 0),
        f("ips_badlen", 20, 4, 0),
        f("ips_fragments", 24, 4, 0),
        f("ips_fragdropped", 28, 4, 0),
        f("ips_fragtimeout", 32, 4, 0),
        f("ips_forward", 36, 4, 0),
        f("ips_fastforward", 40, 4, 0),
        f("ips_cantforward", 44, 4, 0),
        f("ips_redirectsent", 48, 4, 0),
        f("ips_noproto", 52, 4, 0),
        f("ips_delivered", 56, 4, 0),
        f("ips_localout", 60, 4, 0),
        f("ips_odropped", 64, 4, 0),
        f("ips_reassembled", 68, 4, 0),
        f("ips_fragmented", 72, 4, 0),
        f("ips_ofragments", 76, 4, 0),
        f("ips_cantfrag", 80, 4, 0),
        f("ips_badoptions", 84, 4, 0),
        f("ips_noroute", 88, 4, 0),
        f("ips_badvers", 92, 4, 0),
        f("ips_rawout", 96, 4, 0),
        f("ips_toolong", 100, 4, 0),
        f("ips_notmember", 104, 4, 0),
        f("ips_nogif", 108, 4, 0),
        f("ips_badaddr", 112, 4, 0),
        f("ips_pktdropcntrl", 116, 4, 0),
        f("ips_rcv_swcsum", 120, 4, 0),
        f("ips_rcv_swcsum_bytes", 124, 4, 0),
        f("ips_snd_swcsum", 128, 4, 0),
        f("ips_snd_swcsum_bytes", 132, 4, 0),
        f("ips_adj", 136, 4, 0),
        f("ips_adj_hwcsum_clr", 140, 4, 0),
        f("ips_rxc_collisions", 144, 4, 0),
        f("ips_rxc_chained", 148, 4, 0),
        f("ips_rxc_notchain", 152, 4, 0),
        f("ips_rxc_chainsz_gt2", 156, 4, 0),
        f("ips_rxc_chainsz_gt4", 160, 4, 0),
        f("ips_rxc_notlist", 164, 4, 0),
        f("ips_necp_policy_drop", 172, 4, 0),
        f("ips_rcv_if_weak_match", 176, 4, 0),
        f("ips_rcv_if_no_match", 180, 4, 0),
    ],
};

/// struct icmpstat (net.inet.icmp.stats).
pub const MACOS_ICMP: Layout = Layout {
    sysctl: "net.inet.icmp.stats",
    c_name: "icmpstat",
    size: 368,
    min_size: 368,
    fields: &[
        f("icps_error", 0, 4, 0),
        f("icps_oldicmp", 8, 4, 0),
        f("icps_outhist", 12, 4, 41),
        f("icps_badcode", 176, 4, 0),
        f("icps_tooshort", 180, 4, 0),
        f("icps_checksum", 184, 4, 0),
        f("icps_badlen", 188, 4, 0),
        f("icps_reflect", 192, 4, 0),
        f("icps_inhist", 196, 4, 41),
        f("icps_bmcastecho", 360, 4, 0),
        f("icps_bmcasttstamp", 364, 4, 0),
    ],
};

/// struct igmpstat_v3 (net.inet.igmp.v3stats).
pub const MACOS_IGMP: Layout = Layout {
    sysctl: "net.inet.igmp.v3stats",
    c_name: "igmpstat_v3",
    size: 168,
    min_size: 168,
    fields: &[
        f("igps_version", 0, 4, 0),
        f("igps_len", 4, 4, 0),
        f("igps_rcv_total", 8, 8, 0),
        f("igps_rcv_tooshort", 16, 8, 0),
        f("igps_rcv_badttl", 24, 8, 0),
        f("igps_rcv_badsum", 32, 8, 0),
        f("igps_rcv_v1v2_queries", 40, 8, 0),
        f("igps_rcv_v3_queries", 48, 8, 0),
        f("igps_rcv_badqueries", 56, 8, 0),
        f("igps_rcv_gen_queries", 64, 8, 0),
        f("igps_rcv_group_queries", 72, 8, 0),
        f("igps_rcv_gsr_queries", 80, 8, 0),
        f("igps_drop_gsr_queries", 88, 8, 0),
        f("igps_rcv_reports", 96, 8, 0),
        f("igps_rcv_badreports", 104, 8, 0),
        f("igps_rcv_ourreports", 112, 8, 0),
        f("igps_rcv_nora", 120, 8, 0),
        f("igps_snd_reports", 128, 8, 0),
    ],
};

/// struct ip6stat (net.inet6.ip6.stats).
pub const MACOS_IP6: Layout = Layout {
    sysctl: "net.inet6.ip6.stats",
    c_name: "ip6stat",
    size: 3592,
    min_size: 3592,
    fields: &[
        f("ip6s_total", 0, 8, 0),
        f("ip6s_tooshort", 8, 8, 0),
        f("ip6s_toosmall", 16, 8, 0),
        f("ip6s_fragments", 24, 8, 0),
        f("ip6s_fragdropped", 32, 8, 0),
        f("ip6s_fragtimeout", 40, 8, 0),
        f("ip6s_fragoverflow", 48, 8, 0),
        f("ip6s_forward", 56, 8, 0),
        f("ip6s_cantforward", 64, 8, 0),
        f("ip6s_redirectsent", 72, 8, 0),
        f("ip6s_delivered", 80, 8, 0),
        f("ip6s_localout", 88, 8, 0),
        f("ip6s_odropped", 96, 8, 0),
        f("ip6s_reassembled", 104, 8, 0),
        f("ip6s_atmfrag_rcvd", 112, 8, 0),
        f("ip6s_fragmented", 120, 8, 0),
        f("ip6s_ofragments", 128, 8, 0),
        f("ip6s_cantfrag", 136, 8, 0),
        f("ip6s_badoptions", 144, 8, 0),
        f("ip6s_noroute", 152, 8, 0),
        f("ip6s_badvers", 160, 8, 0),
        f("ip6s_rawout", 168, 8, 0),
        f("ip6s_badscope", 176, 8, 0),
        f("ip6s_notmember", 184, 8, 0),
        f("ip6s_nxthist", 192, 8, 256),
        f("ip6s_m1", 2240, 8, 0),
        f("ip6s_m2m", 2248, 8, 32),
        f("ip6s_mext1", 2504, 8, 0),
        f("ip6s_mext2m", 2512, 8, 0),
        f("ip6s_exthdrtoolong", 2520, 8, 0),
        f("ip6s_nogif", 2528, 8, 0),
        f("ip6s_toomanyhdr", 2536, 8, 0),
        f("ip6s_sources_none", 2544, 8, 0),
        f("ip6s_sources_sameif", 2552, 8, 16),
        f("ip6s_sources_otherif", 2680, 8, 16),
        f("ip6s_sources_samescope", 2808, 8, 16),
        f("ip6s_sources_otherscope", 2936, 8, 16),
        f("ip6s_sources_deprecated", 3064, 8, 16),
        f("ip6s_forward_cachehit", 3192, 8, 0),
        f("ip6s_forward_cachemiss", 3200, 8, 0),
        f("ip6s_sources_rule", 3208, 8, 16),
        f("ip6s_sources_skip_expensive_secondary_if", 3336, 8, 0),
        f("ip6s_pktdropcntrl", 3344, 8, 0),
        f("ip6s_adj", 3352, 8, 0),
        f("ip6s_adj_hwcsum_clr", 3360, 8, 0),
        f("ip6s_dad_collide", 3368, 8, 0),
        f("ip6s_dad_loopcount", 3376, 8, 0),
        f("ip6s_necp_policy_drop", 3384, 8, 0),
        f("ip6s_clat464_in_tooshort_drop", 3392, 8, 0),
        f("ip6s_clat464_in_nov6addr_drop", 3400, 8, 0),
        f("ip6s_clat464_in_nov4addr_drop", 3408, 8, 0),
        f("ip6s_clat464_in_v4synthfail_drop", 3416, 8, 0),
        f("ip6s_clat464_in_64transfail_drop", 3424, 8, 0),
        f("ip6s_clat464_in_64proto_transfail_drop", 3432, 8, 0),
        f("ip6s_clat464_in_64frag_transfail_drop", 3440, 8, 0),
        f("ip6s_clat464_in_invalpbuf_drop", 3448, 8, 0),
        f("ip6s_clat464_in_success", 3456, 8, 0),
        f("ip6s_clat464_in_drop", 3464, 8, 0),
        f("ip6s_clat464_in_v4_drop", 3472, 8, 0),
        f("ip6s_clat464_out_nov6addr_drop", 3480, 8, 0),
        f("ip6s_clat464_out_v6synthfail_drop", 3488, 8, 0),
        f("ip6s_clat464_out_46transfail_drop", 3496, 8, 0),
        f("ip6s_clat464_out_46proto_transfail_drop", 3504, 8, 0),
        f("ip6s_clat464_out_46frag_transfail_drop", 3512, 8, 0),
        f("ip6s_clat464_out_invalpbuf_drop", 3520, 8, 0),
        f("ip6s_clat464_out_success", 3528, 8, 0),
        f("ip6s_clat464_out_drop", 3536, 8, 0),
        f("ip6s_rcv_if_weak_match", 3576, 8, 0),
        f("ip6s_rcv_if_no_match", 3584, 8, 0),
    ],
};

/// struct icmp6stat (net.inet6.icmp6.stats).
pub const MACOS_ICMP6: Layout = Layout {
    sysctl: "net.inet6.icmp6.stats",
    c_name: "icmp6stat",
    size: 4344,
    min_size: 4344,
    fields: &[
        f("icp6s_error", 0, 8, 0),
        f("icp6s_canterror", 8, 8, 0),
        f("icp6s_toofreq", 16, 8, 0),
        f("icp6s_outhist", 24, 8, 256),
        f("icp6s_badcode", 2072, 8, 0),
        f("icp6s_tooshort", 2080, 8, 0),
        f("icp6s_checksum", 2088, 8, 0),
        f("icp6s_badlen", 2096, 8, 0),
        f("icp6s_reflect", 2104, 8, 0),
        f("icp6s_inhist", 2112, 8, 256),
        f("icp6s_nd_toomanyopt", 4160, 8, 0),
        f("icp6s_odst_unreach_noroute", 4168, 8, 0),
        f("icp6s_odst_unreach_admin", 4176, 8, 0),
        f("icp6s_odst_unreach_beyondscope", 4184, 8, 0),
        f("icp6s_odst_unreach_addr", 4192, 8, 0),
        f("icp6s_odst_unreach_noport", 4200, 8, 0),
        f("icp6s_opacket_too_big", 4208, 8, 0),
        f("icp6s_otime_exceed_transit", 4216, 8, 0),
        f("icp6s_otime_exceed_reassembly", 4224, 8, 0),
        f("icp6s_oparamprob_header", 4232, 8, 0),
        f("icp6s_oparamprob_nextheader", 4240, 8, 0),
        f("icp6s_oparamprob_option", 4248, 8, 0),
        f("icp6s_oredirect", 4256, 8, 0),
        f("icp6s_ounknown", 4264, 8, 0),
        f("icp6s_pmtuchg", 4272, 8, 0),
        f("icp6s_nd_badopt", 4280, 8, 0),
        f("icp6s_badns", 4288, 8, 0),
        f("icp6s_badna", 4296, 8, 0),
        f("icp6s_badrs", 4304, 8, 0),
        f("icp6s_badra", 4312, 8, 0),
        f("icp6s_badredirect", 4320, 8, 0),
        f("icp6s_rfc6980_drop", 4328, 8, 0),
    ],
};

/// struct rtstat_64 (net.route.0.0.11.0).
pub const MACOS_ROUTING: Layout = Layout {
    sysctl: "net.route.0.0.11.0",
    c_name: "rtstat_64",
    size: 48,
    min_size: 48,
    fields: &[
        f("rts_badredirect", 0, 8, 0),
        f("rts_dynamic", 8, 8, 0),
        f("rts_newgateway", 16, 8, 0),
        f("rts_unreach", 24, 8, 0),
        f("rts_wildcard", 32, 8, 0),
        f("rts_badrtgwroute", 40, 8, 0),
    ],
};

/// struct rtstat (net.route.0.0.4.0): macOS's older routing statistics, `short`s, as the SDK's
/// net/route.h declares them (netstat prints them as `%d`; a count past 32767 reads here as
/// unsigned).
pub const MACOS_ROUTING_COMPAT: Layout = Layout {
    sysctl: "net.route.0.0.4.0",
    c_name: "rtstat",
    size: 12,
    min_size: 12,
    fields: &[
        f("rts_badredirect", 0, 2, 0),
        f("rts_dynamic", 2, 2, 0),
        f("rts_newgateway", 4, 2, 0),
        f("rts_unreach", 6, 2, 0),
        f("rts_wildcard", 8, 2, 0),
        f("rts_badrtgwroute", 10, 2, 0),
    ],
};
