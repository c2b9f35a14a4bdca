//! BSD interface-list decoder (if_msghdr / if_msghdr2, ifa_msghdr, ifma_msghdr2, and FreeBSD's
//! extensible if_msghdrl / ifa_msghdrl).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::bsd_iflist::run(data));
