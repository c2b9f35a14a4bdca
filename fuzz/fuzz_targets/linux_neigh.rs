//! RTM_NEWNEIGH decoder: any payload decodes or errors.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::linux_neigh::run(data));
