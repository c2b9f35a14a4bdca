//! The BSD decoders on the fixture hosts (generated with zig from the real headers), on every
//! truncation of them, and on random bytes: real answers decode to the hosts' configured values,
//! damaged ones give an error, never a panic.

use proptest::prelude::*;
use rnetstat_bsd::freebsd::ifmalist;
use rnetstat_bsd::os::Os;
use rnetstat_bsd::rtsock::{iflist, route};
use rnetstat_bsd::wire::msg::messages;
use rnetstat_core::{Family, Gateway, GroupAddr, LinkState, RouteFlags};
use std::sync::Arc;

const FREEBSD_ROUTES: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/NET_RT_DUMP.bin");
const FREEBSD_IFLIST: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/NET_RT_IFLIST.bin");
const FREEBSD_IFLISTL: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/NET_RT_IFLISTL.bin");
/// What a real FreeBSD 15.1 kernel answered to NET_RT_IFLIST (lo0 only).
const REAL_IFLIST: &[u8] =
    include_bytes!("../../../fixtures/freebsd/real-15.1/snapshot/NET_RT_IFLIST.bin");
const FREEBSD_IFMALIST: &[u8] =
    include_bytes!("../../../fixtures/freebsd/host1/NET_RT_IFMALIST.bin");
const MACOS_ROUTES: &[u8] = include_bytes!("../../../fixtures/macos/host1/NET_RT_DUMP2.bin");
const MACOS_IFLIST: &[u8] = include_bytes!("../../../fixtures/macos/host1/NET_RT_IFLIST2.bin");
/// The fixtures' capture time (CAPTURE_TIME in host.c).
const CLOCK: i64 = 1_735_689_600;

fn names(os: Os) -> impl Fn(u32) -> Option<Arc<str>> {
    let list = iflist::decode(
        os,
        if os == Os::FreeBsd {
            FREEBSD_IFLIST
        } else {
            MACOS_IFLIST
        },
    )
    .unwrap();
    move |i| {
        list.interfaces
            .iter()
            .find(|f| f.index == i)
            .map(|f| Arc::from(f.name.as_str()))
    }
}

fn routes(os: Os, buf: &[u8]) -> Vec<rnetstat_core::Route> {
    let n = names(os);
    messages(buf, "test")
        .filter_map(|m| route::decode(os, &m.unwrap(), &n, Some(CLOCK)).unwrap())
        .collect()
}

#[test]
fn freebsd_routes() {
    let rs = routes(Os::FreeBsd, FREEBSD_ROUTES);
    assert_eq!(rs.iter().filter(|r| r.family == Family::Inet).count(), 6);
    assert_eq!(rs.iter().filter(|r| r.family == Family::Inet6).count(), 12);
    let default = rs
        .iter()
        .find(|r| r.family == Family::Inet && r.destination.is_default())
        .unwrap();
    assert_eq!(
        default.gateway(),
        &Gateway::Address("192.0.2.1".parse().unwrap())
    );
    assert_eq!(default.flags, RouteFlags::from_letters("UGS").unwrap());
    assert_eq!(default.netif(), Some("em0"));
    let net = rs
        .iter()
        .find(|r| r.destination.addr.to_string() == "192.0.2.0")
        .unwrap();
    assert_eq!(
        (net.destination.prefix_len, net.gateway()),
        (24, &Gateway::Link(2))
    );
    let bh = rs
        .iter()
        .find(|r| r.destination.addr.to_string() == "198.18.0.0")
        .unwrap();
    assert_eq!(
        (bh.destination.prefix_len, bh.flags.letters()),
        (15, "USB".to_string())
    );
    // em0's link-local address: its host route goes through lo0, its zone is em0.
    let ll = rs
        .iter()
        .find(|r| r.destination.addr.to_string() == "fe80::a00:27ff:feaa:bbcc")
        .unwrap();
    assert_eq!(
        (ll.netif(), ll.destination.zone.as_deref()),
        (Some("lo0"), Some("em0"))
    );
    let v6default = rs
        .iter()
        .find(|r| r.family == Family::Inet6 && r.destination.is_default())
        .unwrap();
    assert_eq!(v6default.nexthops[0].zone.as_deref(), Some("em0"));
    assert_eq!(
        v6default.gateway(),
        &Gateway::Address("fe80::1".parse().unwrap())
    );
}

#[test]
fn macos_routes() {
    let rs = routes(Os::MacOs, MACOS_ROUTES);
    assert_eq!(rs.iter().filter(|r| r.family == Family::Inet).count(), 13);
    assert_eq!(rs.iter().filter(|r| r.family == Family::Inet6).count(), 16);
    let default = rs
        .iter()
        .find(|r| r.family == Family::Inet && r.destination.is_default())
        .unwrap();
    assert_eq!(default.flags.letters(), "UGScg");
    assert_eq!((default.refs, default.use_count), (Some(14), Some(48213)));
    // An ARP entry: a MAC gateway, and seconds left against the capture clock.
    let arp = rs
        .iter()
        .find(|r| r.destination.addr.to_string() == "198.51.100.1")
        .unwrap();
    assert_eq!(
        arp.gateway(),
        &Gateway::LinkLayer(vec![0, 0, 0x5e, 0, 0x53, 1])
    );
    assert_eq!(arp.flags.letters(), "UHLWIir");
    assert_eq!(arp.expire, Some(1172));
    // Shortened masks: /24 from a 7-byte mask, /8 from the loopback network.
    let lo = rs
        .iter()
        .find(|r| r.destination.addr.to_string() == "127.0.0.0")
        .unwrap();
    assert_eq!(lo.destination.prefix_len, 8);
    let mc = rs
        .iter()
        .find(|r| r.destination.addr.to_string() == "224.0.0.0")
        .unwrap();
    assert_eq!(mc.destination.prefix_len, 4);
}

#[test]
fn interfaces_and_counters() {
    let fb = iflist::decode(Os::FreeBsd, FREEBSD_IFLIST).unwrap();
    let em0 = fb.interfaces.iter().find(|i| i.name == "em0").unwrap();
    assert_eq!(
        (em0.index, em0.mtu, em0.link_addr.as_slice()),
        (2, Some(1500), &[8, 0, 0x27, 0xaa, 0xbb, 0xcc][..])
    );
    assert_eq!(em0.counters.ipackets, Some(1_843_201));
    assert_eq!(em0.counters.ierrors, Some(3));
    assert_eq!(em0.link_state, Some(LinkState::Up));
    let v4 = em0.addresses.iter().find(|a| a.addr.is_ipv4()).unwrap();
    assert_eq!(
        (v4.addr.to_string(), v4.prefix_len),
        ("192.0.2.10".to_string(), 24)
    );
    assert_eq!(
        v4.broadcast.map(|b| b.to_string()).as_deref(),
        Some("192.0.2.255")
    );
    assert!(em0
        .addresses
        .iter()
        .any(|a| a.addr.to_string() == "2001:db8:1::10" && a.prefix_len == 64));

    let mac = iflist::decode(Os::MacOs, MACOS_IFLIST).unwrap();
    let en0 = mac.interfaces.iter().find(|i| i.name == "en0").unwrap();
    assert_eq!(en0.index, 4);
    assert_eq!(en0.counters.ipackets, Some(2_893_114));
    assert_eq!(en0.counters.oqdrops, None, "if_data64 has no oqdrops");
    assert!(en0.send_queue.maxlen.is_some() && en0.send_queue.drops.is_some());
    assert!(en0
        .addresses
        .iter()
        .any(|a| a.addr.to_string() == "198.51.100.20" && a.prefix_len == 24));
    // macOS memberships come in the interface list.
    assert!(mac
        .memberships
        .iter()
        .any(|m| m.group == GroupAddr::Ip("239.1.2.3".parse().unwrap())
            && m.netif.as_deref() == Some("en0")
            && m.link_layer.as_deref() == Some(&[1, 0, 0x5e, 1, 2, 3][..])
            && m.refcount.is_some()));
}

/// NET_RT_IFLISTL lists what NET_RT_IFLIST does, and each address's own counters.
#[test]
fn extensible_interface_list_adds_address_counters() {
    let classic = iflist::decode(Os::FreeBsd, FREEBSD_IFLIST).unwrap();
    let ext = iflist::decode_extended(FREEBSD_IFLISTL).unwrap();
    assert_eq!(ext.interfaces.len(), classic.interfaces.len());
    for (e, c) in ext.interfaces.iter().zip(&classic.interfaces) {
        let mut e = e.clone();
        for a in &mut e.addresses {
            assert!(!a.counters.is_unknown(), "{a:?}");
            a.counters = Default::default();
        }
        assert_eq!(&e, c);
    }
    let em0 = &ext.interfaces[1];
    let v4 = &em0.addresses[0].counters;
    assert_eq!(
        (v4.ipackets, v4.opackets, v4.ibytes, v4.obytes),
        (
            Some(1_790_321),
            Some(1_187_205),
            Some(2_140_112_733),
            Some(148_921_004)
        )
    );
    // Read as the classic list, the same bytes are not understood.
    assert!(iflist::decode(Os::FreeBsd, FREEBSD_IFLISTL).is_err());
}

/// The real kernel's classic list: no per-address counters, and lo0's addresses carry an
/// empty RTA_BRD (no broadcast address).
#[test]
fn real_freebsd_15_interface_list() {
    let list = iflist::decode(Os::FreeBsd, REAL_IFLIST).unwrap();
    let lo0 = &list.interfaces[0];
    assert_eq!((lo0.name.as_str(), lo0.mtu), ("lo0", Some(16384)));
    assert_eq!(lo0.counters.ipackets, Some(82));
    assert_eq!(lo0.addresses.len(), 7);
    assert!(lo0
        .addresses
        .iter()
        .all(|a| a.counters.is_unknown() && a.broadcast.is_none() && a.peer.is_none()));
}

#[test]
fn freebsd_memberships() {
    let ms = ifmalist::decode(Os::FreeBsd, FREEBSD_IFMALIST).unwrap();
    assert_eq!(ms.len(), 17);
    let g = ms
        .iter()
        .find(|m| m.group == GroupAddr::Ip("ff02::1:ffaa:bbcc".parse().unwrap()))
        .unwrap();
    assert_eq!(g.ifindex, 2);
    assert_eq!(
        g.link_layer.as_deref(),
        Some(&[0x33, 0x33, 0xff, 0xaa, 0xbb, 0xcc][..])
    );
    assert_eq!(
        ms.iter()
            .filter(|m| matches!(m.group, GroupAddr::Link(_)))
            .count(),
        6
    );
}

/// All messages of every fixture, with the OS that decodes them.
fn all_messages() -> Vec<(Os, &'static [u8])> {
    let mut v = Vec::new();
    for (os, buf) in [
        (Os::FreeBsd, FREEBSD_ROUTES),
        (Os::FreeBsd, FREEBSD_IFLIST),
        (Os::FreeBsd, FREEBSD_IFLISTL),
        (Os::FreeBsd, REAL_IFLIST),
        (Os::FreeBsd, FREEBSD_IFMALIST),
        (Os::MacOs, MACOS_ROUTES),
        (Os::MacOs, MACOS_IFLIST),
    ] {
        for m in messages(buf, "test") {
            v.push((os, m.unwrap().bytes));
        }
    }
    v
}

/// Decode `bytes` with every decoder; only errors or answers, never a panic.
fn decode_everything(os: Os, bytes: &[u8]) {
    let n = |_: u32| None;
    for m in messages(bytes, "test").flatten() {
        let _ = route::decode(os, &m, &n, Some(CLOCK));
    }
    let _ = iflist::decode(os, bytes);
    if os == Os::FreeBsd {
        let _ = iflist::decode_extended(bytes);
    }
    let _ = ifmalist::decode(os, bytes);
}

/// Every truncation of every message: never a panic, and an error whenever the cut falls
/// inside the fixed header (past it, a cut in the last sockaddr's padding is still valid).
#[test]
fn every_truncation_is_an_error_or_a_smaller_answer() {
    let n = |_: u32| None;
    for (os, msg) in all_messages() {
        for cut in 0..msg.len() {
            let mut m = msg[..cut].to_vec();
            // Keep the length field honest so the walk reaches the decoder with a short message.
            if cut >= 2 {
                m[..2].copy_from_slice(&(cut as u16).to_le_bytes());
            }
            decode_everything(os, &m);
            let header = os.rt_layout().header_len;
            if cut >= 4 && cut < header && m[3] == os.rt_layout().msg_type {
                let msg = messages(&m, "test").next().unwrap().unwrap();
                assert!(
                    route::decode(os, &msg, &n, None).is_err(),
                    "{os:?} route cut at {cut}"
                );
            }
        }
    }
    // A whole answer cut anywhere: the walk reports it.
    for cut in [1, 3, 100, FREEBSD_ROUTES.len() - 1] {
        assert!(
            messages(&FREEBSD_ROUTES[..cut], "test").any(|m| m.is_err()),
            "cut at {cut}"
        );
    }
    assert!(iflist::decode(Os::MacOs, &MACOS_IFLIST[..MACOS_IFLIST.len() - 3]).is_err());
    // An extensible interface message cut inside its header or its if_data: an error.
    let first = messages(FREEBSD_IFLISTL, "test")
        .next()
        .unwrap()
        .unwrap()
        .bytes;
    for cut in 4..176 {
        let mut m = first[..cut].to_vec();
        m[..2].copy_from_slice(&(cut as u16).to_le_bytes());
        assert!(iflist::decode_extended(&m).is_err(), "cut at {cut}");
    }
    // Lengths that point into the fields naming them, or past the message: an error.
    for (at, bad) in [(16, 4u16), (18, 2), (16, 4000), (18, 4000)] {
        let mut m = first.to_vec();
        m[at..at + 2].copy_from_slice(&bad.to_le_bytes());
        assert!(iflist::decode_extended(&m).is_err(), "{at}: {bad}");
    }
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..700), mac in any::<bool>()) {
        decode_everything(if mac { Os::MacOs } else { Os::FreeBsd }, &bytes);
    }

    #[test]
    fn mutated_messages_never_panic(which in 0usize..200, edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let all = all_messages();
        let (os, msg) = all[which % all.len()];
        let mut m = msg.to_vec();
        for (pos, b) in edits {
            let i = pos % m.len();
            m[i] = b;
        }
        decode_everything(os, &m);
    }
}

// ---- memory statistics (-m): FreeBSD vm.zone_stats / kern.ipc.sfstat, macOS mbstat / mb_stat ----

mod mbufs {
    use proptest::prelude::*;
    use rnetstat_bsd::freebsd::{malloc_types, sfstat, uma};
    use rnetstat_bsd::macos::mbuf as macos_mbuf;
    use rnetstat_core::bsd::mbuf::ZoneMbufs;

    const ZONES: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/vm.zone_stats.bin");
    const SFSTAT: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/kern.ipc.sfstat.bin");
    const MALLOC: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/kern.malloc_stats.bin");
    const MBSTAT: &[u8] = include_bytes!("../../../fixtures/macos/host1/kern.ipc.mbstat.bin");
    const MB_STAT: &[u8] = include_bytes!("../../../fixtures/macos/host1/kern.ipc.mb_stat.bin");
    const MB_TAGS: &[u8] =
        include_bytes!("../../../fixtures/macos/host1/kern.ipc.mb_tag_stats.bin");

    #[test]
    fn freebsd_zones_sum_up_as_libmemstat() {
        let zones = uma::decode(ZONES).unwrap();
        assert_eq!(zones.len(), 8);
        assert_eq!(zones[0].name, "UMA Kegs");
        let m = uma::mbufs(&zones).unwrap();
        // mbuf: 812345 + 96000 allocations, 810036 + 96000 frees; 264 cached on the CPUs,
        // 384 in the zone, 1105 in the keg.
        assert_eq!((m.mbuf.count, m.mbuf.free, m.mbuf.size), (2309, 1753, 256));
        assert_eq!((m.cluster.count, m.cluster.free), (1422, 254));
        assert_eq!((m.cluster.limit, m.cluster.failures), (262144, 3));
        assert_eq!((m.packet.count, m.packet.free), (128, 1270));
        assert_eq!((m.jumbo_page.count, m.jumbo_page.free), (67, 61));
        assert_eq!(m.jumbo_16k.limit, 21845);
        let mbufs = m.mbufs();
        assert_eq!(
            (mbufs.current, mbufs.cache, mbufs.total),
            (2437, 3023, 5460)
        );
        let c = m.clusters();
        assert_eq!(
            (c.current, c.cache, c.total, c.max),
            (152, 1524, 1676, Some(262144))
        );
        let b = m.bytes();
        assert_eq!((b.current, b.cache, b.total), (1209600, 4144896, 5354496));
        assert_eq!(ZoneMbufs::jumbo(&m.jumbo_page).total, 128);
    }

    #[test]
    fn freebsd_mbuf_tag_memory() {
        let types = malloc_types::decode(MALLOC).unwrap();
        assert_eq!(
            types,
            [("sysctl".to_string(), 576), ("mbuf_tag".to_string(), 768)]
        );
        assert_eq!(
            malloc_types::bytes_of(MALLOC, "mbuf_tag").unwrap(),
            Some(768)
        );
        assert_eq!(malloc_types::bytes_of(MALLOC, "pf_tag").unwrap(), None);
        for n in [1, 15, 16, 48, MALLOC.len() - 1] {
            assert!(malloc_types::decode(&MALLOC[..n]).is_err(), "cut at {n}");
        }
    }

    #[test]
    fn freebsd_sendfile_counters() {
        let s = sfstat::decode(SFSTAT).unwrap();
        assert_eq!((s.syscalls, s.no_io, s.io), (1843, 1721, 122));
        assert_eq!((s.pages_read, s.pages_valid), (2957, 18230));
        assert_eq!((s.readahead_requested, s.readahead_read), (512, 380));
        assert!(sfstat::decode(&SFSTAT[..80]).is_err());
        // A newer kernel's longer struct: its known prefix is read.
        let mut longer = SFSTAT.to_vec();
        longer.extend_from_slice(&[0xff; 16]);
        assert_eq!(sfstat::decode(&longer).unwrap(), s);
    }

    #[test]
    fn a_missing_zone_is_an_error_and_an_empty_stream_has_none() {
        assert!(uma::decode(&[]).unwrap().is_empty());
        let mut zones = uma::decode(ZONES).unwrap();
        zones.retain(|z| z.name != "mbuf_packet");
        let err = uma::mbufs(&zones).unwrap_err().to_string();
        assert!(err.contains("zone mbuf_packet not found"), "{err}");
        let mut bad = ZONES.to_vec();
        bad[0] = 2;
        assert!(uma::decode(&bad)
            .unwrap_err()
            .to_string()
            .contains("version 2"));
    }

    #[test]
    fn macos_classes_and_mbstat() {
        let mut m = macos_mbuf::decode_mbstat(MBSTAT).unwrap();
        m.classes = macos_mbuf::decode_classes(MB_STAT).unwrap();
        m.njclbytes = 16384;
        assert_eq!(m.classes.len(), 7);
        let names: Vec<_> = m.classes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "mbuf",
                "cl",
                "bigcl",
                "16kcl",
                "mbuf_cl",
                "mbuf_bigcl",
                "mbuf_16kcl"
            ]
        );
        let cl = &m.classes[1];
        assert_eq!(
            (cl.size, cl.total, cl.active, cl.ctotal, cl.fail_cnt),
            (2048, 2508, 1282, 1996, 3)
        );
        assert_eq!((m.msize, m.mclbytes, m.bigmclbytes), (256, 2048, 4096));
        assert_eq!((m.clusters, m.bigclusters, m.drops), (2508, 1082, 3));
        assert_eq!((m.mtypes[1], m.mtypes[2], m.mtypes[20]), (1180, 212, 5));
        assert_eq!(m.mbufs_in_use(), (1462, 1532));
        let [c2, c4, c16] = m.cluster_lines();
        assert_eq!((c2.in_use, c2.total), (1030, 2508));
        assert_eq!((c4.in_use, c4.total), (244, 1082));
        assert_eq!((c16.in_use, c16.total, c16.size), (2, 24, 16384));
        assert_eq!(m.memory(), (11056640, 7598080, 0));
        assert_eq!(format!("{:.1}", m.in_use_percent()), "31.3");
        assert!(macos_mbuf::decode_njclbytes(&16384u32.to_le_bytes()).is_ok());
    }

    #[test]
    fn macos_tag_counters() {
        let tags = macos_mbuf::decode_tag_stats(MB_TAGS).unwrap();
        assert_eq!(tags.len(), 10);
        let cfil = &tags[6];
        assert_eq!(
            (cfil.kind, cfil.len, cfil.allocs, cfil.failed, cfil.frees),
            (6, 112, 812, 1, 800)
        );
        assert_eq!(cfil.label(), "cfil_udp (6)");
        assert!(macos_mbuf::decode_tag_stats(&MB_TAGS[..31]).is_err());
    }

    #[test]
    fn macos_bad_answers_are_errors() {
        assert!(macos_mbuf::decode_mbstat(&MBSTAT[..583]).is_err());
        let mut zero = MB_STAT.to_vec();
        zero[..4].copy_from_slice(&0u32.to_le_bytes());
        assert!(macos_mbuf::decode_classes(&zero).is_err());
        let mut many = MB_STAT.to_vec();
        many[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(macos_mbuf::decode_classes(&many).is_err());
        assert!(macos_mbuf::decode_njclbytes(&[0, 64]).is_err());
    }

    #[test]
    fn every_truncation_is_an_error() {
        for n in 1..ZONES.len() {
            assert!(uma::decode(&ZONES[..n]).is_err(), "zone stream cut at {n}");
        }
        for n in 0..MB_STAT.len() {
            assert!(
                macos_mbuf::decode_classes(&MB_STAT[..n]).is_err(),
                "mb_stat cut at {n}"
            );
        }
        for n in 0..MBSTAT.len() {
            assert!(
                macos_mbuf::decode_mbstat(&MBSTAT[..n]).is_err(),
                "mbstat cut at {n}"
            );
        }
    }

    /// Decode `bytes` with every memory decoder and run netstat's arithmetic over the result.
    fn decode_all(bytes: &[u8]) {
        if let Ok(zones) = uma::decode(bytes) {
            if let Ok(m) = uma::mbufs(&zones) {
                let _ = (m.mbufs(), m.clusters(), m.bytes());
            }
        }
        let _ = sfstat::decode(bytes);
        let _ = malloc_types::decode(bytes);
        let _ = macos_mbuf::decode_njclbytes(bytes);
        if let Ok(tags) = macos_mbuf::decode_tag_stats(bytes) {
            let labels: Vec<String> = tags.iter().map(|g| g.label()).collect();
            assert_eq!(labels.len(), tags.len());
        }
        if let Ok(mut m) = macos_mbuf::decode_mbstat(bytes) {
            m.classes = macos_mbuf::decode_classes(MB_STAT).unwrap();
            let _ = (
                m.mbufs_in_use(),
                m.types(),
                m.cluster_lines(),
                m.in_use_percent(),
            );
        }
        if let Ok(classes) = macos_mbuf::decode_classes(bytes) {
            let mut m = macos_mbuf::decode_mbstat(MBSTAT).unwrap();
            m.classes = classes;
            let _ = (
                m.mbufs_in_use(),
                m.cluster_lines(),
                m.memory(),
                m.in_use_percent(),
            );
        }
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1200)) {
            decode_all(&bytes);
        }

        #[test]
        fn mutated_answers_never_panic(
            which in 0usize..5,
            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12),
        ) {
            let mut bytes = [ZONES, SFSTAT, MBSTAT, MB_STAT, MALLOC][which].to_vec();
            for (at, b) in edits {
                let n = bytes.len();
                bytes[at % n] = b;
            }
            decode_all(&bytes);
        }
    }
}
