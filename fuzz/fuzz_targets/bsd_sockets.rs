//! FreeBSD socket decoders: the Internet and unix pcb lists, kern.file and kern.proc.proc,
//! and the bpf peers of net.bpf.stats.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::bsd_sockets::run(data));
