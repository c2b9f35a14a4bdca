//! BSD interface-list decoder (if_msghdr / if_msghdr2, ifa_msghdr, ifma_msghdr2, and FreeBSD's
//! extensible if_msghdrl / ifa_msghdrl).
#![no_main]
use rnetstat_bsd::{rtsock::iflist, Os};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = iflist::decode(Os::FreeBsd, data);
    let _ = iflist::decode(Os::MacOs, data);
    let _ = iflist::decode_extended(data);
});
