//! procfs counter decoders (snmp, netstat, snmp6, sockstat, protocols, softnet_stat,
//! fib_triestat, rt6_stats, sysfs speed and duplex).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::linux_stats::run(data));
