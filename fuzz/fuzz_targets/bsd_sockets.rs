//! FreeBSD socket decoders: the Internet and unix pcb lists, kern.file and kern.proc.proc,
//! and the bpf peers of net.bpf.stats.
#![no_main]
use rnetstat_bsd::freebsd::pcblist::{self, List};
use rnetstat_bsd::freebsd::{bpf, owners, unpcb};
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
    let _ = bpf::decode(data, &Default::default());
});
