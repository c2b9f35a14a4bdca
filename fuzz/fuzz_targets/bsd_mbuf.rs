//! BSD memory statistics decoders (FreeBSD vm.zone_stats, kern.malloc_stats, kern.ipc.sfstat; macOS
//! kern.ipc.mbstat and kern.ipc.mb_stat) and netstat -m's arithmetic over what they decode.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::bsd_mbuf::run(data));
