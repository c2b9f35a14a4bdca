//! sock_diag (inet, unix, packet with every -B attribute, vsock) and /proc/net socket decoders: any input decodes or errors.
#![no_main]
use rnetstat_core::{Family, Proto};
use rnetstat_linux::{packetdiag, procnet, procs, sockdiag};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = sockdiag::decode_inet(data, Proto::Tcp);
    let _ = sockdiag::decode_inet(data, Proto::Udp);
    let _ = sockdiag::decode_unix(data);
    let _ = sockdiag::decode_packet(data);
    let _ = packetdiag::decode_tap(data);
    let _ = sockdiag::decode_vsock(data);
    let text = String::from_utf8_lossy(data);
    let _ = procnet::parse_inet(&text, "tcp6", Proto::Tcp, Family::Inet6, &mut |_| Ok(()));
    let _ = procnet::parse_unix(&text, &mut |_| Ok(()));
    let _ = procnet::parse_packet(&text, &mut |_| Ok(()));
    let _ = procnet::parse_packet_taps(&text, &mut |_| Ok(()));
    let _ = procs::OwnerMap::from_text(&text);
});
