//! procfs counter decoders (snmp, netstat, snmp6, sockstat, protocols, softnet_stat,
//! fib_triestat, rt6_stats, sysfs speed and duplex).
#![no_main]
use rnetstat_linux::{procfs::memory, procfs::routing, procfs::snmp};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = snmp::parse_paired(&text, "snmp");
    let _ = snmp::parse_snmp6(&text);
    let _ = memory::parse_sockstat(&text, "sockstat");
    let _ = memory::parse_protocols(&text);
    let _ = memory::parse_softnet(&text);
    let _ = routing::parse_triestat(&text);
    let _ = routing::parse_rt6_stats(&text);
    let _ = routing::parse_rt_cache(&text);
    if let Some((speed, duplex)) = text.split_once('\n') {
        let _ = rnetstat_linux::netlink::link::parse_speed(Some(speed), Some(duplex));
    }
});
