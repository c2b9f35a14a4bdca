//! macOS socket decoders (net.inet.*.pcblist_n, net.local.*.pcblist_n, kern.proc.all): any
//! answer decodes or errors.
#![no_main]
use rnetstat_bsd::{macos_pcblist, macos_proc, macos_unpcb};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for tcp in [false, true] {
        let _ = macos_pcblist::decode(data, tcp, &mut |_| Ok(()));
    }
    let _ = macos_unpcb::decode(data, &mut |_| Ok(()));
    let _ = macos_proc::decode(data);
});
