//! The statistics decoders (`-s`, `-rs`) on the fixture hosts' sysctl answers: values, the
//! sections and their order, derived lines, and errors (never panics) on truncated or random
//! input.

use proptest::prelude::*;
use rnetstat_bsd::os::Os;
use rnetstat_bsd::source::{Mib, Snapshot, Source};
use rnetstat_bsd::stats::layout::{decode, layouts};
use rnetstat_bsd::stats::wording::{self as w, render};
use rnetstat_bsd::stats::{protocol_stats, routing_stats};
use rnetstat_core::{Result, StatGroup};
use std::collections::HashMap;

fn dir(os: Os) -> String {
    format!(
        "{}/../../fixtures/{}/host1",
        env!("CARGO_MANIFEST_DIR"),
        os.name()
    )
}

fn file(os: Os, sysctl: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{sysctl}.bin", dir(os))).unwrap()
}

/// The fixture's answer, if it has one (host1's kernel has no multicast routing: no PIM).
fn file_opt(os: Os, sysctl: &str) -> Option<Vec<u8>> {
    std::fs::read(format!("{}/{sysctl}.bin", dir(os))).ok()
}

fn stats(os: Os, wanted: &dyn Fn(&str, &str) -> bool) -> Vec<StatGroup> {
    let mut s = Snapshot::new(dir(os), None);
    protocol_stats(os, &mut s, wanted, &|i| Some(format!("if{i}"))).unwrap()
}

fn text(g: &StatGroup, name: &str) -> String {
    g.counters
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} in {}", g.protocol))
        .text()
}

/// Named sysctls from memory, for the tests that leave some out.
struct Mem(HashMap<String, Vec<u8>>);

impl Source for Mem {
    fn sysctl(&mut self, mib: Mib) -> Result<Vec<u8>> {
        Err(rnetstat_core::Error::NotSupported(mib.file_name().into()))
    }
    fn named_opt(&mut self, name: &str, args: &[u32]) -> Result<Option<Vec<u8>>> {
        let key = rnetstat_bsd::source::named_file(name, args);
        Ok(self.0.get(key.trim_end_matches(".bin")).cloned())
    }
    fn clock(&self) -> Option<i64> {
        None
    }
}

#[test]
fn freebsd_tcpstat_values() {
    let (_, l) = layouts(Os::FreeBsd)
        .iter()
        .find(|(s, _)| *s == "tcp")
        .unwrap();
    let v = decode(l, &file(Os::FreeBsd, "net.inet.tcp.stats")).unwrap();
    assert_eq!(v.get("tcps_sndtotal"), Some(482913));
    assert_eq!(v.get("tcps_sndbyte"), Some(268435021));
    assert_eq!(v.get("tcps_rcvreassfull"), Some(0));
    assert_eq!(v.get("tcps_sc_completed"), Some(2318));
}

#[test]
fn freebsd_sections_in_netstat_order() {
    let all = stats(Os::FreeBsd, &|_, _| true);
    let names: Vec<&str> = all.iter().map(|g| g.protocol.as_str()).collect();
    assert_eq!(
        names,
        ["tcp", "udp", "ip", "icmp", "igmp", "arp", "ip6", "icmp6", "rip6"]
    );
    assert_eq!(
        text(&all[0], "tcps_sndpack"),
        "301224 data packets (268435021 bytes)"
    );
    assert_eq!(text(&all[0], "tcps_badrst"), "1 ignored RSTs in the window");
    assert_eq!(
        text(&all[0], "tcps_states[4]"),
        "12 connections in ESTABLISHED state"
    );
    assert_eq!(text(&all[1], "delivered"), "85520 delivered");
    assert_eq!(text(&all[3], "icps_inhist[8]"), "echo: 745");
    assert_eq!(text(&all[3], "icps_badaddr"), "0 invalid return addresses");
    assert_eq!(
        text(&all[4], "igps_rcv_v3_queries"),
        "120 V3 membership queries received"
    );
    assert_eq!(
        text(&all[1], "noportbmcast"),
        "4410 broadcast/multicast datagrams undelivered"
    );
    assert_eq!(text(&all[5], "txreplies"), "37 ARP replies sent");
    assert_eq!(text(&all[5], "timeouts"), "3 ARP entrys timed out");
    assert_eq!(text(&all[6], "ip6s_m2m[2]"), "if2= 93080");
    assert_eq!(
        text(&all[6], "ip6s_sources_rule[14]"),
        "85745 longest match"
    );
    assert_eq!(text(&all[7], "icp6s_pmtuchg"), "1 path MTU change");
    assert_eq!(text(&all[8], "delivered"), "11 delivered");
}

#[test]
fn inet6_keeps_tcp_and_udp_as_netstat_does() {
    for (os, want) in [
        (Os::FreeBsd, &["tcp", "udp", "ip6", "icmp6", "rip6"][..]),
        (Os::MacOs, &["tcp", "udp", "ip6", "icmp6"]),
    ] {
        let six = stats(os, &|_, f| f == "inet6");
        let names: Vec<&str> = six.iter().map(|g| g.protocol.as_str()).collect();
        assert_eq!(names, want, "{os:?}");
    }
}

#[test]
fn macos_sections_and_derived_lines() {
    let all = stats(Os::MacOs, &|_, _| true);
    let names: Vec<&str> = all.iter().map(|g| g.protocol.as_str()).collect();
    assert_eq!(names, ["tcp", "udp", "ip", "icmp", "igmp", "ip6", "icmp6"]);
    assert_eq!(text(&all[0], "snd_swcsum"), "4331 checksummed in software");
    assert_eq!(text(&all[0], "pcbcount"), "38 open TCP sockets");
    assert_eq!(text(&all[1], "delivered"), "208809 delivered");
    assert_eq!(
        text(&all[2], "ips_forward"),
        "0 packet forwarded (0 packet fast forwarded)"
    );
    assert_eq!(text(&all[2], "pcbcount"), "3 open raw IP sockets");
    assert_eq!(
        text(&all[3], "maskrepl"),
        "ICMP address mask responses are disabled"
    );
    assert_eq!(
        text(&all[5], "ip6s_sources_rule[9]"),
        "381968 rules use longest matching prefix"
    );
    assert_eq!(
        text(&all[5], "ip6s_sources_sameif[3]"),
        "0 addresses scope=3"
    );
}

#[test]
fn routing_statistics() {
    let mut s = Snapshot::new(dir(Os::FreeBsd), None);
    let r = routing_stats(Os::FreeBsd, &mut s).unwrap();
    assert_eq!(
        text(&r[0], "rts_unreach"),
        "17 destinations found unreachable"
    );
    let mut s = Snapshot::new(dir(Os::MacOs), None);
    let r = routing_stats(Os::MacOs, &mut s).unwrap();
    assert_eq!(
        text(&r[0], "rts_unreach"),
        "48 destinations found unreachable"
    );
    assert_eq!(text(&r[0], "rttrash"), "0 route not in table but not freed");
    assert_eq!(text(&r[0], "pcbcount"), "9 open routing sockets");
}

#[test]
fn macos_routing_statistics_fall_back_to_net_rt_stat() {
    let mut old = Mem(HashMap::from([(
        "net.route.0.0.4.0".to_string(),
        file(Os::MacOs, "net.route.0.0.4.0"),
    )]));
    let r = routing_stats(Os::MacOs, &mut old).unwrap();
    assert_eq!(
        text(&r[0], "rts_unreach"),
        "48 destinations found unreachable"
    );
    assert_eq!(r[0].counters.len(), 6, "no trash or pcbcount sysctl here");
}

#[test]
fn absent_sysctls_leave_out_their_sections_and_lines() {
    let mut only_udp = Mem(HashMap::from([(
        "net.inet.udp.stats".to_string(),
        file(Os::MacOs, "net.inet.udp.stats"),
    )]));
    let groups = protocol_stats(Os::MacOs, &mut only_udp, &|_, _| true, &|_| None).unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].protocol, "udp");
    let mut tcp = Mem(HashMap::from([(
        "net.inet.tcp.stats".to_string(),
        file(Os::MacOs, "net.inet.tcp.stats"),
    )]));
    let g = protocol_stats(Os::MacOs, &mut tcp, &|n, _| n == "tcp", &|_| None).unwrap();
    assert!(
        g[0].counters.iter().all(|c| c.name != "pcbcount"),
        "no pcbcount sysctl, no open-sockets line"
    );
    let mut none = Mem(HashMap::new());
    assert!(routing_stats(Os::FreeBsd, &mut none).unwrap().is_empty());
}

/// A cut answer is an error, but for an older kernel's shorter structure (at least
/// `min_size`, whole 64-bit counters), which decodes without the counters past its end.
#[test]
fn every_truncation_is_an_error_but_an_older_structure() {
    for os in [Os::FreeBsd, Os::MacOs] {
        for (_, l) in layouts(os) {
            let Some(full) = file_opt(os, l.sysctl) else {
                assert!(
                    l.sysctl == "net.inet.pim.stats",
                    "{} has no fixture",
                    l.sysctl
                );
                continue;
            };
            assert_eq!(full.len(), l.size, "{}", l.sysctl);
            for cut in 0..full.len() {
                let got = decode(l, &full[..cut]);
                if cut >= l.min_size && cut.is_multiple_of(8) {
                    let v = got.unwrap();
                    for f in l.fields {
                        let inside = f.offset + f.count.max(1) * f.width <= cut;
                        let name = f.name.as_str();
                        let has = v.get(name).is_some() || v.array(name).is_some();
                        assert_eq!(has, inside, "{} cut at {cut}: {name}", l.sysctl);
                    }
                } else {
                    assert!(got.is_err(), "{} cut at {cut}", l.sysctl);
                }
            }
        }
    }
}

#[test]
fn short_small_sysctls_are_errors() {
    let mut m = Mem(HashMap::from([
        (
            "net.inet.tcp.stats".to_string(),
            file(Os::FreeBsd, "net.inet.tcp.stats"),
        ),
        ("net.inet.tcp.states".to_string(), vec![0; 80]),
    ]));
    assert!(protocol_stats(Os::FreeBsd, &mut m, &|_, _| true, &|_| None).is_err());
    let mut m = Mem(HashMap::from([
        (
            "net.inet.ip.stats".to_string(),
            file(Os::MacOs, "net.inet.ip.stats"),
        ),
        ("net.inet.raw.pcbcount".to_string(), vec![1, 2]),
    ]));
    assert!(protocol_stats(Os::MacOs, &mut m, &|_, _| true, &|_| None).is_err());
}

proptest! {
    /// Random bytes of any length decode to an error or to counters, and render, never panic.
    #[test]
    fn random_input_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..5000)) {
        for os in [Os::FreeBsd, Os::MacOs] {
            for (section, l) in layouts(os) {
                if let Ok(v) = decode(l, &bytes) {
                    let table = match *section {
                        "tcp" => w::TCP, "udp" => w::UDP, "ip" => w::IP, "icmp" => w::ICMP,
                        "igmp" => w::IGMP, "ip6" => w::IP6, "icmp6" => w::ICMP6, "pim" => w::PIM,
                        "arp" => w::ARP, "rip6" => w::RIP6, _ => w::ROUTING,
                    };
                    let g = render(os, section, table, &v, &|_| None);
                    for c in &g.counters {
                        let _ = c.text();
                    }
                }
            }
        }
    }
}
