//! BSD statistics decoders (struct tcpstat, udpstat, ipstat, icmpstat, igmpstat, ip6stat,
//! icmp6stat, rtstat of FreeBSD and macOS; pimstat, arpstat, rip6stat of FreeBSD) and their rendering.
#![no_main]
use rnetstat_bsd::stats::layout::{decode, layouts};
use rnetstat_bsd::stats::wording::{self as w, render};
use rnetstat_bsd::Os;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for os in [Os::FreeBsd, Os::MacOs] {
        for (section, layout) in layouts(os) {
            let Ok(values) = decode(layout, data) else {
                continue;
            };
            let table = match *section {
                "tcp" => w::TCP,
                "udp" => w::UDP,
                "ip" => w::IP,
                "icmp" => w::ICMP,
                "igmp" => w::IGMP,
                "ip6" => w::IP6,
                "icmp6" => w::ICMP6,
                "pim" => w::PIM,
                "arp" => w::ARP,
                "rip6" => w::RIP6,
                _ => w::ROUTING,
            };
            for c in render(os, section, table, &values, &|_| None).counters {
                let _ = c.text();
            }
        }
    }
});
