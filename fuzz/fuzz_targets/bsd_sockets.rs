//! FreeBSD socket decoders: the Internet and unix pcb lists, kern.file and kern.proc.proc.
#![no_main]
use rnetstat_bsd::freebsd::pcblist::{self, List};
use rnetstat_bsd::freebsd::{owners, unpcb};
use rnetstat_bsd::Os;
use rnetstat_core::SockType;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for list in [List::Tcp, List::Udp, List::Raw] {
        let _ = pcblist::decode(Os::FreeBsd, data, list, &mut |_| Ok(()));
    }
    for kind in [SockType::Stream, SockType::Dgram, SockType::SeqPacket] {
        let _ = unpcb::decode(Os::FreeBsd, data, kind, &mut |_| Ok(()));
    }
    let _ = owners::socket_files(data);
    let _ = owners::process_names(data);
});
