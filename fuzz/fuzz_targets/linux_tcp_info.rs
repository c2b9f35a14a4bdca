//! sock_diag's TCP internals (tcp_info of any length, skmem, congestion name, inet_diag message with them): any input decodes or errors.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::linux_tcp_info::run(data));
