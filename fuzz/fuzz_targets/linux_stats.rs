//! procfs counter decoders (snmp, netstat, snmp6, sockstat, protocols, softnet_stat,
//! fib_triestat, rt6_stats, sysfs speed and duplex).
#![no_main]
use rnetstat_linux::{memstats, routestats, snmp};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = snmp::parse_paired(&text, "snmp");
    let _ = snmp::parse_snmp6(&text);
    let _ = memstats::parse_sockstat(&text, "sockstat");
    let _ = memstats::parse_protocols(&text);
    let _ = memstats::parse_softnet(&text);
    let _ = routestats::parse_triestat(&text);
    let _ = routestats::parse_rt6_stats(&text);
    let _ = routestats::parse_rt_cache(&text);
    if let Some((speed, duplex)) = text.split_once('\n') {
        let _ = rnetstat_linux::link::parse_speed(Some(speed), Some(duplex));
    }
});
