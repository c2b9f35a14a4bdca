//! macOS socket decoders (net.inet.*.pcblist_n, net.local.*.pcblist_n, kern.proc.all): any
//! answer decodes or errors.
#![no_main]
use rnetstat_bsd::macos::{pcblist as macos_pcblist, proc as macos_proc, unpcb as macos_unpcb};
use rnetstat_core::{Proto, SockType};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for proto in [Proto::Tcp, Proto::Udp] {
        let _ = macos_pcblist::decode(data, proto, &mut |_| Ok(()));
    }
    let _ = macos_unpcb::decode(data, SockType::Stream, &mut |_| Ok(()));
    let _ = macos_proc::decode(data);
});
