//! macOS socket decoders (net.inet.*.pcblist_n, net.local.*.pcblist_n, kern.proc.all): any
//! answer decodes or errors.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::bsd_macos_sockets::run(data));
