//! procfs multicast decoders (igmp, igmp6, mcfilter, dev_mcast, ip(6)_mr_vif, ip(6)_mr_cache).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::linux_multicast::run(data));
