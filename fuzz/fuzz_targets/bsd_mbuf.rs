//! BSD memory statistics decoders (FreeBSD vm.zone_stats, kern.malloc_stats, kern.ipc.sfstat; macOS
//! kern.ipc.mbstat and kern.ipc.mb_stat) and netstat -m's arithmetic over what they decode.
#![no_main]
use rnetstat_bsd::freebsd::{malloc_types, sfstat, uma};
use rnetstat_bsd::macos::mbuf as macos_mbuf;
use rnetstat_core::bsd::mbuf::{ClassMbufs, ZoneMbufs};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(zones) = uma::decode(data) {
        if let Ok(m) = uma::mbufs(&zones) {
            let _ = (
                m.mbufs(),
                m.clusters(),
                m.bytes(),
                ZoneMbufs::jumbo(&m.jumbo_9k),
            );
        }
    }
    let _ = sfstat::decode(data);
    let _ = malloc_types::decode(data);
    let _ = macos_mbuf::decode_njclbytes(data);
    if let Ok(tags) = macos_mbuf::decode_tag_stats(data) {
        let _: Vec<String> = tags.iter().map(|t| t.label()).collect();
    }
    let mut m = macos_mbuf::decode_mbstat(data).unwrap_or_else(|_| ClassMbufs::default());
    if let Ok(classes) = macos_mbuf::decode_classes(data) {
        m.classes = classes;
    }
    m.njclbytes = 16384;
    let _ = (m.mbufs_in_use(), m.types(), m.cluster_lines(), m.memory());
    let _ = m.in_use_percent();
});
