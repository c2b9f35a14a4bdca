//! The -j all TCP walk's decoders (the kernel's BTF, the walk's socket records): any input decodes or errors.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::linux_tcp_walk::run(data));
