//! BSD route decoder (rt_msghdr / rt_msghdr2): any dump decodes or errors, on both systems.
#![no_main]
use rnetstat_bsd::{rtsock::route, wire::msg::messages, Os};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for os in [Os::FreeBsd, Os::MacOs] {
        for m in messages(data, "fuzz").flatten() {
            let _ = route::decode(os, &m, &|i| Some(format!("if{i}").into()), Some(0));
        }
    }
});
