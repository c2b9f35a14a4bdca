//! FreeBSD NET_RT_IFMALIST decoder (ifma_msghdr).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::bsd_ifmalist::run(data));
