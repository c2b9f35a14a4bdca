//! procfs counter decoders (snmp, netstat, snmp6, sockstat, protocols, softnet_stat).
#![no_main]
use rnetstat_linux::{memstats, snmp};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = snmp::parse_paired(&text, "snmp");
    let _ = snmp::parse_snmp6(&text);
    let _ = memstats::parse_sockstat(&text, "sockstat");
    let _ = memstats::parse_protocols(&text);
    let _ = memstats::parse_softnet(&text);
});
