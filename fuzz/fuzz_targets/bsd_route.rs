//! BSD route decoder (rt_msghdr / rt_msghdr2): any dump decodes or errors, on both systems.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::bsd_route::run(data));
