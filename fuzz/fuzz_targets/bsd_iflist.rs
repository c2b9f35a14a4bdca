//! BSD interface-list decoder (if_msghdr / if_msghdr2, ifa_msghdr, ifma_msghdr2).
#![no_main]
use rnetstat_bsd::{rtsock::iflist, Os};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = iflist::decode(Os::FreeBsd, data);
    let _ = iflist::decode(Os::MacOs, data);
});
