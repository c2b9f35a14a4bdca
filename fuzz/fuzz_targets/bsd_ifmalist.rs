//! FreeBSD NET_RT_IFMALIST decoder (ifma_msghdr).
#![no_main]
use rnetstat_bsd::{freebsd::ifmalist, Os};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = ifmalist::decode(Os::FreeBsd, data);
});
