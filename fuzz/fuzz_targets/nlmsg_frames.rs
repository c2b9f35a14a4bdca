//! Netlink framing: any bytes walk to messages or an error.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::nlmsg_frames::run(data));
