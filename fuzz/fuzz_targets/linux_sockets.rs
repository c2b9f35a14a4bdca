//! sock_diag (inet, unix, packet with every -B attribute, vsock) and /proc/net socket decoders: any input decodes or errors.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::linux_sockets::run(data));
