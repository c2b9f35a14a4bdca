//! RTM_NEWROUTE decoder: any payload decodes or errors.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::linux_route::run(data));
