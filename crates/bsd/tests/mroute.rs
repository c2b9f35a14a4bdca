//! FreeBSD's multicast router sysctls and source filters (fixtures/freebsd/host1/mroute.c):
//! the fixture decodes to the values the C file sets, every damaged answer gives an error or a
//! smaller answer, and random bytes never panic.

use proptest::prelude::*;
use rnetstat_bsd::freebsd::{mcast_filters, mroute};
use rnetstat_bsd::rtsock::iflist;
use rnetstat_bsd::source::{Snapshot, Source};
use rnetstat_bsd::Os;
use rnetstat_core::{Family, FilterMode};
use std::net::IpAddr;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/freebsd/host1");

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}.bin")).unwrap()
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn vifs_of_the_fixture() {
    let buf = file("net.inet.ip.viftable");
    assert_eq!(
        buf.len(),
        32 * 56,
        "MAXVIFS records of MROUTE_VIF_SYSCTL_LEN"
    );
    let v = mroute::vifs(&buf).unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(
        (v[0].index, v[0].local, v[0].threshold),
        (0, Some(ip("192.0.2.10")), Some(1))
    );
    assert_eq!(
        (v[0].pkts_in, v[0].pkts_out, v[0].bytes_in, v[0].bytes_out),
        (4210, 1873, 5893400, 262220)
    );
    assert_eq!(v[0].remote, None, "no remote address without VIFF_TUNNEL");
    assert_eq!((v[1].index, v[1].flags), (1, mroute::VIFF_REGISTER));
    assert_eq!((v[1].pkts_in, v[1].pkts_out), (12, 35));
}

#[test]
fn forwarding_cache_of_the_fixture() {
    let m = mroute::mfcs(&file("net.inet.ip.mfctable")).unwrap();
    assert_eq!(m.len(), 1);
    let e = &m[0];
    assert_eq!((e.origin, e.group), (ip("192.0.2.20"), ip("239.1.2.3")));
    assert_eq!(
        (e.iif, e.packets, e.bytes, e.wrong_if),
        (Some(0), 3920, 5488000, 3)
    );
    assert_eq!(e.oifs, vec![(1, 1)]);
}

#[test]
fn mifs_and_ipv6_buckets_of_the_fixture() {
    let m = mroute::mifs(&file("net.inet6.ip6.mif6table")).unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!(
        (m[0].ifindex, m[0].vif.index, m[0].vif.pkts_in),
        (2, 0, 812)
    );
    assert_eq!(
        (
            m[1].ifindex,
            m[1].vif.flags,
            m[1].vif.pkts_out,
            m[1].vif.bytes_out
        ),
        (3, mroute::MIFF_REGISTER, 40, 59200)
    );
    assert_eq!(
        mroute::mf6c_buckets(&file("net.inet6.ip6.mf6ctable")).unwrap(),
        1
    );
}

#[test]
fn statistics_of_the_fixture_in_netstat_order_and_number() {
    let g = mroute::mrtstat(&file("net.inet.ip.mrtstat"), Family::Inet).unwrap();
    assert_eq!(g.protocol, "IPv4 multicast forwarding");
    assert_eq!(g.counters.len(), 13);
    assert_eq!(
        g.counters[0].text(),
        "4250 multicast forwarding cache lookups"
    );
    assert_eq!(g.counters[1].text(), "12 multicast forwarding cache misses");
    assert_eq!(g.counters[9].name, "mrts_wrong_if");
    assert_eq!(g.counters[9].value, 3);
    let g6 = mroute::mrtstat(&file("net.inet6.ip6.mrt6stat"), Family::Inet6).unwrap();
    assert_eq!(g6.counters[5].text(), "1 cache cleanup");
    assert_eq!(
        g6.counters[9].text(),
        "1 datagram arrived on wrong interface"
    );
    assert!(mroute::mrtstat(&[0; 100], Family::Inet).is_err());
}

#[test]
fn source_filters_of_the_memberships() {
    let (name, args) = mcast_filters::query(2, ip("239.1.2.3"));
    assert_eq!(name, "net.inet.ip.mcast.filters");
    #[cfg(target_endian = "little")]
    assert_eq!(args, vec![2, 50463215]);
    let mut s = Snapshot::new(DIR, None);
    let f = mcast_filters::decode(&s.named(name, &args).unwrap(), false)
        .unwrap()
        .unwrap();
    assert_eq!(f.mode, Some(FilterMode::Include));
    let srcs: Vec<IpAddr> = f.sources.iter().map(|s| s.addr).collect();
    assert_eq!(srcs, vec![ip("203.0.113.5"), ip("203.0.113.6")]);

    let (name, args) = mcast_filters::query(2, ip("ff02::fb"));
    assert_eq!(name, "net.inet6.ip6.mcast.filters");
    let f = mcast_filters::decode(&s.named(name, &args).unwrap(), true)
        .unwrap()
        .unwrap();
    assert_eq!((f.mode, f.sources.len()), (Some(FilterMode::Exclude), 0));

    assert_eq!(mcast_filters::decode(&[], false).unwrap(), None);
    let v6 = [
        &2u32.to_le_bytes()[..],
        &[0x20, 0x01, 0x0d, 0xb8][..],
        &[0; 12],
    ]
    .concat();
    let f = mcast_filters::decode(&v6, true).unwrap().unwrap();
    assert_eq!(f.sources[0].addr, ip("2001:db8::"));
    assert!(mcast_filters::decode(&[1, 0, 0], false).is_err());
    assert!(mcast_filters::decode(&[7, 0, 0, 0], false).is_err());
    assert!(mcast_filters::decode(&[1, 0, 0, 0, 1, 2], false).is_err());
}

#[test]
fn routing_names_the_vifs_and_keeps_ttls_of_vifs_in_use() {
    let mut s = Snapshot::new(DIR, None);
    let list = iflist::decode(
        Os::FreeBsd,
        &s.sysctl(rnetstat_bsd::source::Mib::IfList).unwrap(),
    )
    .unwrap();
    let r = mroute::routing(&mut s, &list.interfaces).unwrap();
    assert_eq!(r.families, vec![Family::Inet, Family::Inet6]);
    let names: Vec<_> = r.vifs.iter().map(|v| v.netif.as_deref()).collect();
    assert_eq!(
        names,
        vec![Some("em0"), Some("register_vif"), Some("em0"), Some("reg0")]
    );
    assert_eq!(r.mfc[0].oifs, vec![(1, 1)]);
    assert_eq!(r.mfc_unexported, vec![(Family::Inet6, 1)]);
    let stats = mroute::stats(&mut s).unwrap();
    assert_eq!(stats.len(), 2);
    // A kernel without ip_mroute: no sysctls, no families.
    let mut empty = Snapshot::new(std::env::temp_dir(), None);
    assert_eq!(
        mroute::routing(&mut empty, &[]).unwrap(),
        Default::default()
    );
}

/// Every cut of every fixture answer: an error, or (on a record boundary) fewer records.
#[test]
fn every_truncation_is_an_error_or_fewer_records() {
    let vifs = file("net.inet.ip.viftable");
    let mfc = file("net.inet.ip.mfctable");
    let mifs = file("net.inet6.ip6.mif6table");
    let buckets = file("net.inet6.ip6.mf6ctable");
    for cut in 0..vifs.len() {
        assert_eq!(mroute::vifs(&vifs[..cut]).is_ok(), cut % 56 == 0, "{cut}");
    }
    for cut in 0..mfc.len() {
        assert_eq!(mroute::mfcs(&mfc[..cut]).is_ok(), cut % 176 == 0, "{cut}");
    }
    for cut in 0..mifs.len() {
        assert_eq!(mroute::mifs(&mifs[..cut]).is_ok(), cut % 64 == 0, "{cut}");
    }
    for cut in 0..buckets.len() {
        assert_eq!(mroute::mf6c_buckets(&buckets[..cut]).is_ok(), cut % 8 == 0);
    }
    let stat = file("net.inet.ip.mrtstat");
    for cut in 0..stat.len() {
        assert!(mroute::mrtstat(&stat[..cut], Family::Inet).is_err());
    }
    let f = file("net.inet.ip.mcast.filters.2.50463215");
    for cut in 1..f.len() {
        let ok = mcast_filters::decode(&f[..cut], false).is_ok();
        assert_eq!(ok, cut % 4 == 0, "{cut}");
    }
}

fn decode_everything(bytes: &[u8]) {
    let _ = mroute::vifs(bytes);
    let _ = mroute::mfcs(bytes);
    let _ = mroute::mifs(bytes);
    let _ = mroute::mf6c_buckets(bytes);
    let _ = mroute::mrtstat(bytes, Family::Inet);
    let _ = mcast_filters::decode(bytes, false);
    let _ = mcast_filters::decode(bytes, true);
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        decode_everything(&bytes);
    }

    #[test]
    fn records_decode_whatever_their_contents(n in 0usize..4, fill in proptest::collection::vec(any::<u8>(), 176)) {
        let buf: Vec<u8> = fill.iter().copied().cycle().take(176 * n).collect();
        prop_assert_eq!(mroute::mfcs(&buf).unwrap().len(), n);
        let vifs: Vec<u8> = fill.iter().copied().cycle().take(56 * n).collect();
        prop_assert!(mroute::vifs(&vifs).unwrap().len() <= n);
    }
}

/// The plural form follows the value printed, so an interval's delta reads right too.
#[test]
fn mrtstat_plurals_follow_the_value() {
    let mut buf = vec![0u8; 104];
    buf[8..16].copy_from_slice(&1u64.to_le_bytes());
    let g = mroute::mrtstat(&buf, Family::Inet).unwrap();
    let miss = &g.counters[1];
    assert_eq!(miss.text(), "1 multicast forwarding cache miss");
    assert_eq!(g.counters[0].text(), "0 multicast forwarding cache lookups");
    let mut delta = miss.clone();
    delta.value = 3;
    assert_eq!(delta.text(), "3 multicast forwarding cache misses");
}
