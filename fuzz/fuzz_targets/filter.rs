//! The socket filter language: parser and evaluator.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::filter::run(data));
