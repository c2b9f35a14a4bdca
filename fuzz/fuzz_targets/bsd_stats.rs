//! BSD statistics decoders (struct tcpstat, udpstat, ipstat, icmpstat, igmpstat, ip6stat,
//! icmp6stat, rtstat of FreeBSD and macOS; pimstat, arpstat, rip6stat of FreeBSD) and their rendering.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::bsd_stats::run(data));
