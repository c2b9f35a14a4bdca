//! The BSD decoders on the fixture hosts (generated with zig from the real headers), on every
//! truncation of them, and on random bytes: real answers decode to the hosts' configured values,
//! damaged ones give an error, never a panic.

use proptest::prelude::*;
use rnetstat_bsd::msg::messages;
use rnetstat_bsd::os::Os;
use rnetstat_bsd::{iflist, ifmalist, route};
use rnetstat_core::{Family, Gateway, GroupAddr, LinkState, RouteFlags};
use std::sync::Arc;

const FREEBSD_ROUTES: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/NET_RT_DUMP.bin");
const FREEBSD_IFLIST: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/NET_RT_IFLIST.bin");
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
