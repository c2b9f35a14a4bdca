//! sock_diag (inet, unix, packet with every -B attribute, vsock) and /proc/net socket decoders: any input decodes or errors.
#![no_main]
use rnetstat_core::{Family, Proto};
use rnetstat_linux::{
    netlink::diag::packet, netlink::diag::sock, procfs::owners, procfs::sockets as procnet,
};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = sock::decode_inet(data, Proto::Tcp);
    let _ = sock::decode_inet(data, Proto::Udp);
    let _ = sock::decode_unix(data);
    let _ = packet::decode_packet(data);
    let _ = packet::decode_tap(data);
    let _ = sock::decode_vsock(data);
    let text = String::from_utf8_lossy(data);
    let _ = procnet::parse_inet(&text, "tcp6", Proto::Tcp, Family::Inet6, &mut |_| Ok(()));
    let _ = procnet::parse_unix(&text, &mut |_| Ok(()));
    let _ = procnet::parse_packet(&text, &mut |_| Ok(()));
    let _ = procnet::parse_packet_taps(&text, &mut |_| Ok(()));
    let _ = owners::OwnerMap::from_text(&text);
});
