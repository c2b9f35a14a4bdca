//! RTM_NEWLINK decoder: any payload decodes or errors.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::linux_link::run(data));
