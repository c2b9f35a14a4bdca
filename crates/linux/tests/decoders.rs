//! Every decoder of kernel bytes, on real captured messages, on every truncation of them, and on
//! random bytes: the real ones decode to the values the capture's namespace was given, the
//! others give an error or a smaller valid answer, never a panic.

use proptest::prelude::*;
use rnetstat_linux::{netlink::addr, netlink::link, netlink::nlmsg, netlink::route};

const LINKS: &[u8] = include_bytes!("../../../fixtures/linux/basic/link.nl");
const ADDRS: &[u8] = include_bytes!("../../../fixtures/linux/basic/addr.nl");
const ROUTES4: &[u8] = include_bytes!("../../../fixtures/linux/basic/route-inet.nl");
const ROUTES6: &[u8] = include_bytes!("../../../fixtures/linux/basic/route-inet6.nl");

/// Payloads of the data messages (not DONE) of a captured dump.
fn payloads(dump: &'static [u8]) -> Vec<&'static [u8]> {
    nlmsg::messages(dump)
        .map(|m| m.expect("capture frames"))
        .filter(|m| m.kind != nlmsg::NLMSG_DONE)
        .map(|m| m.payload)
        .collect()
}

fn no_names(_: u32) -> Option<std::sync::Arc<str>> {
    None
}

#[test]
fn captured_messages_decode_to_the_configured_values() {
    let links: Vec<_> = payloads(LINKS)
        .into_iter()
        .map(|p| link::decode(p).unwrap())
        .collect();
    let va0 = links.iter().find(|l| l.name == "va0").unwrap();
    assert_eq!(
        (va0.index, va0.mtu, va0.link_addr.as_slice()),
        (2, Some(1500), &[2, 0, 0, 0, 0x0a, 2][..])
    );
    let addrs: Vec<_> = payloads(ADDRS)
        .into_iter()
        .map(|p| addr::decode(p).unwrap())
        .collect();
    assert!(addrs
        .iter()
        .any(|(i, a)| *i == 2 && a.addr.to_string() == "198.51.100.2" && a.prefix_len == 24));
    let routes: Vec<_> = payloads(ROUTES4)
        .into_iter()
        .chain(payloads(ROUTES6))
        .filter_map(|p| route::decode(p, &no_names).unwrap())
        .collect();
    let mp = routes
        .iter()
        .find(|r| r.destination.addr.to_string() == "192.0.2.0")
        .unwrap();
    assert_eq!(mp.nexthops.len(), 2);
    assert_eq!(mp.nexthops[1].weight, Some(2));
    let exp = routes
        .iter()
        .find(|r| r.destination.addr.to_string() == "2001:db8:5::")
        .unwrap();
    assert!(exp.expire.is_some_and(|e| e > 0 && e <= 300));
}

/// An IPv4 route as the kernel sends it for `ip route add 203.0.113.0/24 nhid 41` through
/// 198.51.100.1 on ifindex 3 with RTNH_F_ONLINK in rtm_flags, and no RTA_PRIORITY (metric 0).
fn nexthop_object_route() -> Vec<u8> {
    let mut m = vec![2, 24, 0, 0, 254, 4, 0, 1, 4, 0, 0, 0];
    let mut attr = |t: u16, v: &[u8]| {
        m.extend_from_slice(&(4 + v.len() as u16).to_ne_bytes());
        m.extend_from_slice(&t.to_ne_bytes());
        m.extend_from_slice(v);
    };
    attr(1, &[203, 0, 113, 0]);
    attr(30, &41u32.to_ne_bytes());
    attr(5, &[198, 51, 100, 1]);
    attr(4, &3u32.to_ne_bytes());
    m
}

#[test]
fn nexthop_id_onlink_and_metric_zero() {
    let r = route::decode(&nexthop_object_route(), &no_names)
        .unwrap()
        .unwrap();
    assert_eq!((r.priority, r.nexthop_id), (Some(0), Some(41)));
    assert_eq!(r.nexthops.len(), 1);
    assert_eq!(
        (r.nexthops[0].id, r.nexthops[0].onlink),
        (Some(41), Some(true))
    );
    // Every cut, and an RTA_NH_ID of two bytes, is an error or a smaller route, never a panic.
    let m = nexthop_object_route();
    for cut in 0..m.len() {
        let _ = route::decode(&m[..cut], &no_names);
    }
    let mut short = m[..20].to_vec();
    short.extend_from_slice(&[6, 0, 30, 0, 41, 0, 0, 0]);
    assert!(route::decode(&short, &no_names).is_err());
}

/// Every strict prefix of every captured message: an error or a valid (smaller) answer, and
/// an error whenever the cut falls inside the fixed family header.
#[test]
fn every_truncation_is_an_error_or_valid_never_a_panic() {
    for p in payloads(LINKS) {
        for cut in 0..p.len() {
            let r = link::decode(&p[..cut]);
            if cut < 16 {
                assert!(r.is_err(), "ifinfomsg cut at {cut} decoded");
            }
        }
    }
    for p in payloads(ADDRS) {
        for cut in 0..p.len() {
            let r = addr::decode(&p[..cut]);
            if cut < 8 {
                assert!(r.is_err(), "ifaddrmsg cut at {cut} decoded");
            }
        }
    }
    for p in payloads(ROUTES4).into_iter().chain(payloads(ROUTES6)) {
        for cut in 0..p.len() {
            let r = route::decode(&p[..cut], &no_names);
            if cut < 12 {
                assert!(r.is_err(), "rtmsg cut at {cut} decoded");
            }
        }
    }
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = link::decode(&bytes);
        let _ = addr::decode(&bytes);
        let _ = route::decode(&bytes, &no_names);
    }

    /// A real message with a few bytes changed: still no panic.
    #[test]
    fn mutated_messages_never_panic(which in 0usize..64, edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let all: Vec<&[u8]> = payloads(LINKS).into_iter().chain(payloads(ADDRS)).chain(payloads(ROUTES4)).chain(payloads(ROUTES6)).collect();
        let mut m = all[which % all.len()].to_vec();
        for (pos, b) in edits {
            let i = pos % m.len();
            m[i] = b;
        }
        let _ = link::decode(&m);
        let _ = addr::decode(&m);
        let _ = route::decode(&m, &no_names);
    }
}

mod sockets {
    //! sock_diag and /proc/net socket decoders: random, truncated and mutated input gives an
    //! error or a socket, never a panic; a hand-built message decodes to its values.

    use proptest::prelude::*;
    use rnetstat_core::{Endpoint, Family, Proto, State};
    use rnetstat_linux::netlink::diag::{packet, sock};
    use rnetstat_linux::procfs::{owners, sockets as procnet};

    /// A struct inet_diag_msg for a TCP listener on 127.0.0.1:40002, accept queue 3 of 8,
    /// with INET_DIAG_SKV6ONLY appended.
    fn listener() -> Vec<u8> {
        let mut m = vec![0u8; 72];
        m[0] = 2;
        m[1] = 10;
        m[4..6].copy_from_slice(&40002u16.to_be_bytes());
        m[8..12].copy_from_slice(&[127, 0, 0, 1]);
        m[56..60].copy_from_slice(&3u32.to_ne_bytes());
        m[60..64].copy_from_slice(&8u32.to_ne_bytes());
        m[64..68].copy_from_slice(&1000u32.to_ne_bytes());
        m[68..72].copy_from_slice(&4242u32.to_ne_bytes());
        m.extend_from_slice(&5u16.to_ne_bytes());
        m.extend_from_slice(&11u16.to_ne_bytes());
        m.extend_from_slice(&[0, 0, 0, 0]);
        m
    }

    #[test]
    fn inet_diag_message() {
        let s = sock::decode_inet(&listener(), Proto::Tcp).unwrap();
        assert_eq!(
            s.local,
            Endpoint::Inet {
                addr: "127.0.0.1".parse().unwrap(),
                port: 40002
            }
        );
        assert_eq!(s.state, Some(State::Listen));
        let q = s.listen.unwrap();
        assert_eq!((q.qlen, q.maxqlen), (Some(3), Some(8)));
        assert_eq!(
            (s.inode, s.uid, s.family),
            (Some(4242), Some(1000), Family::Inet)
        );
        for cut in 0..72 {
            assert!(
                sock::decode_inet(&listener()[..cut], Proto::Tcp).is_err(),
                "cut {cut}"
            );
        }
        assert!(
            sock::decode_inet(&listener()[..74], Proto::Tcp).is_err(),
            "a cut attribute"
        );
    }

    #[test]
    fn unix_diag_message() {
        let mut m = vec![1u8, 1, 10, 0];
        m.extend_from_slice(&77u32.to_ne_bytes());
        m.extend_from_slice(&[0; 8]);
        // UNIX_DIAG_NAME "\0abstract", UNIX_DIAG_RQLEN (2, 128).
        m.extend_from_slice(&13u16.to_ne_bytes());
        m.extend_from_slice(&0u16.to_ne_bytes());
        m.extend_from_slice(b"\0abstract\0\0\0");
        m.extend_from_slice(&12u16.to_ne_bytes());
        m.extend_from_slice(&4u16.to_ne_bytes());
        m.extend_from_slice(&2u32.to_ne_bytes());
        m.extend_from_slice(&128u32.to_ne_bytes());
        let s = sock::decode_unix(&m).unwrap();
        assert_eq!(s.local, Endpoint::Unix(Some("@abstract".into())));
        assert_eq!(s.state, Some(State::Listen));
        assert_eq!(s.listen.unwrap().qlen, Some(2));
        assert_eq!(s.inode, Some(77));
        for cut in 0..16 {
            assert!(sock::decode_unix(&m[..cut]).is_err());
        }
    }

    #[test]
    fn vsock_and_packet_diag_messages() {
        // struct vsock_diag_msg: a listener on any cid, port 40100.
        let mut v = vec![40u8, 1, 10, 0];
        for w in [u32::MAX, 40100, 0, 0, 99] {
            v.extend_from_slice(&w.to_ne_bytes());
        }
        v.extend_from_slice(&[0; 8]);
        let s = sock::decode_vsock(&v).unwrap();
        assert_eq!(
            s.local,
            Endpoint::Vsock {
                cid: u32::MAX,
                port: 40100
            }
        );
        assert_eq!((s.state, s.inode), (Some(State::Listen), Some(99)));
        assert!(sock::decode_vsock(&v[..31]).is_err());
        // struct packet_diag_msg: raw, ETH_P_ALL, inode 5; PACKET_DIAG_INFO ifindex 2.
        let mut p = vec![17u8, 3];
        p.extend_from_slice(&3u16.to_ne_bytes());
        p.extend_from_slice(&5u32.to_ne_bytes());
        p.extend_from_slice(&[0; 8]);
        p.extend_from_slice(&28u16.to_ne_bytes());
        p.extend_from_slice(&0u16.to_ne_bytes());
        p.extend_from_slice(&2u32.to_ne_bytes());
        p.extend_from_slice(&[0; 20]);
        let s = packet::decode_packet(&p).unwrap();
        assert_eq!(
            s.local,
            Endpoint::Packet {
                ifindex: 2,
                protocol: 3
            }
        );
        assert_eq!(s.inode, Some(5));
        assert!(packet::decode_packet(&p[..15]).is_err());
    }

    fn all_decoders(bytes: &[u8]) {
        for p in [Proto::Tcp, Proto::Udp, Proto::Raw] {
            let _ = sock::decode_inet(bytes, p);
        }
        let _ = sock::decode_unix(bytes);
        let _ = packet::decode_packet(bytes);
        let _ = sock::decode_vsock(bytes);
        let text = String::from_utf8_lossy(bytes);
        let _ = procnet::parse_inet(&text, "tcp", Proto::Tcp, Family::Inet, &mut |_| Ok(()));
        let _ = procnet::parse_inet(&text, "tcp6", Proto::Tcp, Family::Inet6, &mut |_| Ok(()));
        let _ = procnet::parse_unix(&text, &mut |_| Ok(()));
        let _ = procnet::parse_packet(&text, &mut |_| Ok(()));
        let _ = owners::OwnerMap::from_text(&text);
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            all_decoders(&bytes);
        }

        #[test]
        fn mutated_messages_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in 0usize..90) {
            let mut m = listener();
            for (pos, b) in edits {
                let i = pos % m.len();
                m[i] = b;
            }
            m.truncate(cut.min(m.len()));
            all_decoders(&m);
        }

        #[test]
        fn procfs_lines_never_panic(line in "[0-9A-Fa-f: ]{0,160}") {
            let text = format!("header\n{line}\n");
            all_decoders(text.as_bytes());
        }
    }
}

mod multicast {
    //! procfs multicast decoders: random and mutated text gives an error or tables, never a panic.

    use proptest::prelude::*;
    use rnetstat_core::Family;
    use rnetstat_linux::{netlink::mroute, procfs::multicast};

    const IGMP: &str = "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n3\tv0        :     2      V3\n\t\t\t\t020202EF     1 1:00000064\t\t1\n";
    const CACHE: &str = "Group    Origin   Iif     Pkts    Bytes    Wrong Oifs\n030201EF 020200C0 0          5      420        0  1:1    2:1   \n";

    fn all(text: &str) {
        let _ = multicast::parse_igmp(text);
        let _ = multicast::parse_igmp6(text);
        let _ = multicast::parse_mcfilter(text, Family::Inet);
        let _ = multicast::parse_mcfilter(text, Family::Inet6);
        let _ = multicast::parse_dev_mcast(text);
        let _ = multicast::parse_mr_vif(text, Family::Inet);
        let _ = multicast::parse_mr_vif(text, Family::Inet6);
        let _ = multicast::parse_mr_cache(text, Family::Inet);
        let _ = multicast::parse_mr_cache(text, Family::Inet6);
        let _ = mroute::decode_mroute(text.as_bytes());
    }

    /// An RTNL_FAMILY_IPMR entry as the kernel sends it (captured from smcroute's router).
    const MROUTE: [u8; 104] = [
        0x80, 0x20, 0x20, 0x00, 0xfd, 0x11, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x0f,
        0x00, 0xfd, 0x00, 0x00, 0x00, 0x08, 0x00, 0x02, 0x00, 0xc0, 0x00, 0x02, 0x02, 0x08, 0x00,
        0x01, 0x00, 0xef, 0x01, 0x02, 0x03, 0x08, 0x00, 0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x14,
        0x00, 0x09, 0x00, 0x08, 0x00, 0x00, 0x01, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x01,
        0x04, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x11, 0x00, 0x0d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0xac, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x0c, 0x00, 0x17, 0x00, 0xc8, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    #[test]
    fn ipmr_netlink_entry() {
        let e = mroute::decode_mroute(&MROUTE).unwrap();
        assert_eq!(
            (e.table, e.origin.to_string(), e.group.to_string()),
            (253, "192.0.2.2".into(), "239.1.2.3".into())
        );
        assert_eq!(
            (e.iif_ifindex, e.oifs.clone()),
            (Some(2), vec![(3, 1), (4, 1)])
        );
        assert_eq!((e.stats, e.idle), (Some((13, 1196, 3)), Some(9)));
        for cut in 0..MROUTE.len() {
            let _ = mroute::decode_mroute(&MROUTE[..cut]);
        }
        assert!(mroute::decode_mroute(&MROUTE[..11]).is_err());
        assert!(
            mroute::decode_mroute(&MROUTE[..90]).is_err(),
            "a cut RTA_MFC_STATS"
        );
    }

    #[test]
    fn truncated_lines_are_errors() {
        assert!(multicast::parse_mr_cache("h\n030201EF 020200C0 0 5\n", Family::Inet).is_err());
        assert!(multicast::parse_igmp("h\n\t\t\t\t020202EF 1\n").is_err());
        assert!(multicast::parse_dev_mcast("2 v1 1 0 01005e00000\n").is_err());
        for cut in 0..IGMP.len() {
            let _ = multicast::parse_igmp(&IGMP[..cut]);
        }
    }

    proptest! {
        #[test]
        fn random_text_never_panics(text in "[0-9A-Fa-fx:\t V\n.-]{0,300}") {
            all(&text);
        }

        #[test]
        fn mutated_tables_never_panic(pos in 0usize..200, c in any::<char>()) {
            for base in [IGMP, CACHE] {
                let mut t: Vec<char> = base.chars().collect();
                let i = pos % t.len();
                t[i] = c;
                all(&t.into_iter().collect::<String>());
            }
        }
    }
}

mod counters {
    //! procfs counter decoders: random text gives an error or counters, never a panic.

    use proptest::prelude::*;
    use rnetstat_linux::{procfs::memory, procfs::routing, procfs::snmp};

    proptest! {
        #[test]
        fn random_text_never_panics(text in "[A-Za-z0-9: \t\n-]{0,300}") {
            let _ = snmp::parse_paired(&text, "snmp");
            let _ = snmp::parse_snmp6(&text);
            let _ = memory::parse_sockstat(&text, "sockstat");
            let _ = memory::parse_protocols(&text);
            let _ = memory::parse_softnet(&text);
            let _ = memory::add_limits(&mut [], "tcp", &text, "tcp_mem");
            let _ = routing::parse_triestat(&text);
            let _ = routing::parse_rt6_stats(&text);
            let _ = routing::parse_rt_cache(&text);
            let (speed, duplex) = text.split_at(text.len() / 2);
            let _ = rnetstat_linux::netlink::link::parse_speed(Some(speed), Some(duplex));
        }

        #[test]
        fn truncated_rt6_stats_are_errors(cut in 0usize..31) {
            let full = "0009 0006 000a 0007 0000 0000 0000\n";
            // Up to 30 bytes hold at most six of the seven words.
            let text = &full[..cut];
            prop_assert!(routing::parse_rt6_stats(text).is_err());
        }
    }
}

/// packet_diag with every attribute (-B): built messages decode to what they were built from;
/// cuts, edits and random bytes give an error or an answer, never a panic.
mod taps {
    use proptest::prelude::*;
    use rnetstat_core::{SockType, TapFilter};
    use rnetstat_linux::{netlink::diag::packet, procfs::sockets as procnet};

    fn attr(m: &mut Vec<u8>, kind: u16, value: &[u8]) {
        m.extend_from_slice(&((4 + value.len()) as u16).to_ne_bytes());
        m.extend_from_slice(&kind.to_ne_bytes());
        m.extend_from_slice(value);
        while !m.len().is_multiple_of(4) {
            m.push(0);
        }
    }

    fn words(w: &[u32]) -> Vec<u8> {
        w.iter().flat_map(|x| x.to_ne_bytes()).collect()
    }

    /// struct packet_diag_msg (raw, `protocol`, inode 77, cookie 5) and its attributes.
    #[allow(clippy::too_many_arguments)]
    fn message(
        protocol: u16,
        info: [u32; 6],
        ring: [u32; 7],
        fanout: u32,
        uid: u32,
        meminfo: [u32; 9],
        filter_len: Option<usize>,
    ) -> Vec<u8> {
        let mut m = vec![17u8, 3];
        m.extend_from_slice(&protocol.to_ne_bytes());
        m.extend(words(&[77, 5, 0]));
        attr(&mut m, 0, &words(&info));
        attr(&mut m, 2, &words(&ring));
        attr(&mut m, 4, &fanout.to_ne_bytes());
        attr(&mut m, 5, &uid.to_ne_bytes());
        attr(&mut m, 6, &words(&meminfo));
        if let Some(n) = filter_len {
            attr(&mut m, 7, &vec![0x06; n * 8]);
        }
        m
    }

    #[test]
    fn a_full_message() {
        let m = message(
            0x0800,
            [2, 2, 0, 0, 0, 0x1 | 0x8],
            [4096, 4, 2048, 8, 100, 0, 1],
            42 | (1 << 16),
            1000,
            [16640, 2304, 0, 0, 0, 0, 296, 0, 4],
            Some(4),
        );
        let t = packet::decode_tap(&m).unwrap();
        assert_eq!((t.ifindex, t.protocol, t.kind), (2, 0x0800, SockType::Raw));
        assert_eq!((t.inode, t.uid, t.version), (Some(77), Some(1000), Some(2)));
        let f = t.flags.unwrap();
        assert!(f.running && f.vnet_hdr && !f.auxdata && !f.origdev && !f.loss);
        let r = t.rx_ring.unwrap();
        assert_eq!(
            (r.block_size, r.block_count, r.frame_size, r.frame_count),
            (4096, 4, 2048, 8)
        );
        assert_eq!((r.retire_timeout, r.features), (100, 1));
        assert!(t.tx_ring.is_none());
        let fo = t.fanout.unwrap();
        assert_eq!((fo.id, fo.mode_name().as_str()), (42, "lb"));
        assert_eq!(
            (t.recv_q, t.rcvbuf, t.drops),
            (Some(16640), Some(2304), Some(4))
        );
        assert_eq!(t.filter, Some(TapFilter::Classic(4)));
        // No filter attribute: none; an empty one: hidden; a ragged one: an error.
        let none = message(3, [0; 6], [0; 7], 0, 0, [0; 9], None);
        assert_eq!(
            packet::decode_tap(&none).unwrap().filter,
            Some(TapFilter::None)
        );
        let mut hidden = none.clone();
        attr(&mut hidden, 7, &[]);
        assert_eq!(
            packet::decode_tap(&hidden).unwrap().filter,
            Some(TapFilter::Hidden)
        );
        let mut ragged = none;
        attr(&mut ragged, 7, &[0; 12]);
        assert!(packet::decode_tap(&ragged).is_err());
        // The socket display's view of the same message.
        let s = packet::decode_packet(&m).unwrap();
        assert_eq!(
            (s.inode, s.recv_q, s.uid),
            (Some(77), Some(16640), Some(1000))
        );
    }

    #[test]
    fn proc_net_packet() {
        let text = "sk       RefCnt Type Proto  Iface R Rmem   User   Inode\n\
                    ffff8881 3      3    0800   2     1 16640  0      1610421\n\
                    ffff8882 3      2    0003   0     0 0      1000   1610422\n";
        let mut taps = Vec::new();
        procnet::parse_packet_taps(text, &mut |t| {
            taps.push(t);
            Ok(())
        })
        .unwrap();
        assert_eq!(taps.len(), 2);
        assert_eq!(
            (taps[0].ifindex, taps[0].protocol, taps[0].recv_q),
            (2, 0x0800, Some(16640))
        );
        assert!(taps[0].flags.unwrap().running && !taps[1].flags.unwrap().running);
        assert_eq!(
            (taps[1].kind, taps[1].uid, taps[1].filter),
            (SockType::Dgram, Some(1000), None)
        );
        assert!(procnet::parse_packet_taps("h\n1 2 3\n", &mut |_| Ok(())).is_err());
    }

    proptest! {
        #[test]
        fn built_messages_decode_to_their_values(
            protocol in any::<u16>(),
            info in any::<[u32; 6]>(),
            ring in any::<[u32; 7]>(),
            fanout in any::<u32>(),
            uid in any::<u32>(),
            meminfo in any::<[u32; 9]>(),
            filter_len in proptest::option::of(1usize..64),
        ) {
            let m = message(protocol, info, ring, fanout, uid, meminfo, filter_len);
            let t = packet::decode_tap(&m).unwrap();
            prop_assert_eq!(t.protocol, protocol);
            prop_assert_eq!(t.ifindex, info[0]);
            prop_assert_eq!(t.version, Some(info[1]));
            prop_assert_eq!(t.flags.unwrap().running, info[5] & 1 != 0);
            prop_assert_eq!(t.rx_ring.unwrap().frame_count, ring[3]);
            prop_assert_eq!(t.fanout.unwrap().id, (fanout & 0xffff) as u16);
            prop_assert_eq!(t.uid, Some(uid));
            prop_assert_eq!(t.recv_q, Some(u64::from(meminfo[0])));
            prop_assert_eq!(t.drops, Some(u64::from(meminfo[8])));
            let want = filter_len.map_or(TapFilter::None, |n| TapFilter::Classic(n as u32));
            prop_assert_eq!(t.filter, Some(want));
        }

        #[test]
        fn cut_and_edited_messages_never_panic(
            cut in 0usize..200,
            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        ) {
            let mut m = message(3, [2, 2, 0, 0, 0, 1], [4096, 4, 2048, 8, 100, 0, 0], 42, 0, [1; 9], Some(4));
            for (pos, b) in edits {
                let i = pos % m.len();
                m[i] = b;
            }
            m.truncate(cut.min(m.len()));
            let r = packet::decode_tap(&m);
            if cut < 16 {
                prop_assert!(r.is_err());
            }
            let _ = packet::decode_packet(&m);
        }

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = packet::decode_tap(&bytes);
            let text = String::from_utf8_lossy(&bytes);
            let _ = procnet::parse_packet_taps(&text, &mut |_| Ok(()));
        }

        #[test]
        fn procfs_lines_never_panic(line in "[0-9A-Fa-f ]{0,80}") {
            let text = format!("header\n{line}\n");
            let _ = procnet::parse_packet_taps(&text, &mut |_| Ok(()));
        }
    }
}

mod queues {
    //! RTM_NEWQDISC / RTM_NEWTCLASS: a capture of a veth `qa` (ifindex 2) with
    //! `tc qdisc add dev qa root handle 1: estimator 250ms 1sec htb default 10`, class 1:10
    //! (htb rate 100mbit) and qdisc 10: (tbf) under it, read right after 40 pings (41 packets,
    //! 3962 bytes with one ARP reply) decodes to those values; truncated, random and mutated
    //! messages give an error or a queue, never a panic.

    use super::payloads;
    use proptest::prelude::*;
    use rnetstat_core::{QueueType, RateEstimate};
    use rnetstat_linux::{netlink::nlmsg, netlink::qdisc};

    const QDISCS: &[u8] = include_bytes!("../../../fixtures/linux/queues/qdisc-2.nl");
    const CLASSES: &[u8] = include_bytes!("../../../fixtures/linux/queues/tclass-2.nl");

    fn name(i: u32) -> Option<String> {
        (i == 2).then(|| "qa".to_string())
    }

    #[test]
    fn captured_queues_decode_to_the_configured_values() {
        let qs: Vec<_> = payloads(QDISCS)
            .into_iter()
            .map(|p| qdisc::decode(p, QueueType::Qdisc, &name).unwrap())
            .collect();
        let shape: Vec<_> = qs
            .iter()
            .map(|q| (q.kind.as_str(), q.handle.as_str(), q.parent.as_str()))
            .collect();
        assert_eq!(shape, [("htb", "1:", "root"), ("tbf", "10:", "1:10")]);
        for q in &qs {
            assert_eq!((q.packets, q.bytes), (Some(41), Some(3962)));
            assert_eq!(
                (q.drops, q.requeues, q.backlog_packets),
                (Some(0), Some(0), Some(0))
            );
            assert_eq!((q.ifindex, q.netif.as_deref()), (2, Some("qa")));
        }
        assert_eq!(qs[0].rate, Some(RateEstimate { bps: 2363, pps: 24 }));
        assert_eq!(qs[1].rate, None);
        let cs: Vec<_> = payloads(CLASSES)
            .into_iter()
            .map(|p| qdisc::decode(p, QueueType::Class, &name).unwrap())
            .collect();
        let shape: Vec<_> = cs
            .iter()
            .map(|q| {
                (
                    q.kind.as_str(),
                    q.handle.as_str(),
                    q.parent.as_str(),
                    q.packets,
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                ("htb", "1:10", "root", Some(41)),
                ("tbf", "10:1", "10:", None)
            ]
        );
    }

    #[test]
    fn handles_print_as_tc_prints_them() {
        assert_eq!(qdisc::classid(0xffff_ffff), "root");
        assert_eq!(qdisc::classid(0), "none");
        assert_eq!(qdisc::classid(0x0001_0010), "1:10");
        assert_eq!(qdisc::classid(0x0001_0000), "1:");
        assert_eq!(qdisc::classid(0x0000_0001), ":1");
        assert_eq!(qdisc::classid(0xffff_fff1), "ffff:fff1");
    }

    /// A tcmsg with TCA_KIND "pfifo" and the given attributes after it.
    fn message(attrs: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut m = qdisc::dump_header(7).to_vec();
        m[8..12].copy_from_slice(&0x0002_0000u32.to_ne_bytes());
        m[12..16].copy_from_slice(&qdisc::TC_H_ROOT.to_ne_bytes());
        let mut all = vec![(1u16, b"pfifo\0".to_vec())];
        all.extend_from_slice(attrs);
        for (t, v) in all {
            m.extend_from_slice(&(4 + v.len() as u16).to_ne_bytes());
            m.extend_from_slice(&t.to_ne_bytes());
            m.extend_from_slice(&v);
            m.resize(nlmsg::align(m.len()), 0);
        }
        m
    }

    fn words(ws: &[u64], size: usize) -> Vec<u8> {
        ws.iter()
            .flat_map(|w| w.to_ne_bytes()[..size].to_vec())
            .collect()
    }

    #[test]
    fn old_stats_and_64_bit_counters() {
        // TCA_STATS only: bytes 5000, packets 50, drops 2, overlimits 3, bps 0, pps 0, qlen 1, backlog 100.
        let mut old = words(&[5000], 8);
        old.extend(words(&[50, 2, 3, 0, 0, 1, 100, 0], 4));
        let q = qdisc::decode(&message(&[(3, old)]), QueueType::Qdisc, &|_| None).unwrap();
        assert_eq!((q.handle.as_str(), q.parent.as_str()), ("2:", "root"));
        assert_eq!(
            (q.bytes, q.packets, q.drops, q.overlimits),
            (Some(5000), Some(50), Some(2), Some(3))
        );
        assert_eq!(
            (q.backlog_packets, q.backlog_bytes, q.requeues, q.rate),
            (Some(1), Some(100), None, None)
        );
        // TCA_STATS2 with TCA_STATS_PKT64 and TCA_STATS_RATE_EST64 beside the 32-bit ones.
        let mut nest = Vec::new();
        for (t, v) in [
            (1u16, [words(&[1 << 40], 8), words(&[7, 0], 4)].concat()),
            (2, words(&[u32::MAX.into(), 9], 4)),
            (5, words(&[1 << 33, 9], 8)),
            (8, words(&[1 << 35], 8)),
        ] {
            nest.extend_from_slice(&(4 + v.len() as u16).to_ne_bytes());
            nest.extend_from_slice(&t.to_ne_bytes());
            nest.extend_from_slice(&v);
        }
        let m = message(&[(7, nest)]);
        let q = qdisc::decode(&m, QueueType::Qdisc, &|_| None).unwrap();
        assert_eq!((q.bytes, q.packets), (Some(1 << 40), Some(1 << 35)));
        assert_eq!(
            q.rate,
            Some(RateEstimate {
                bps: 1 << 33,
                pps: 9
            })
        );
        // A TCA_STATS2 whose TCA_STATS_BASIC is cut short is an error, as is any cut
        // inside an attribute.
        let mut short = words(&[1], 8);
        short.extend(words(&[1], 2));
        let nest = [(4 + short.len() as u16).to_ne_bytes(), 1u16.to_ne_bytes()].concat();
        let bad = message(&[(7, [nest, short].concat())]);
        assert!(qdisc::decode(&bad, QueueType::Qdisc, &|_| None).is_err());
        assert!(qdisc::decode(&m[..m.len() - 3], QueueType::Qdisc, &|_| None).is_err());
    }

    #[test]
    fn every_truncation_is_an_error_or_valid_never_a_panic() {
        for (dump, t) in [(QDISCS, QueueType::Qdisc), (CLASSES, QueueType::Class)] {
            for p in payloads(dump) {
                for cut in 0..p.len() {
                    let r = qdisc::decode(&p[..cut], t, &name);
                    // Inside struct tcmsg or TCA_KIND (the first attribute): an error.
                    if cut < qdisc::TCMSG_LEN + 8 {
                        assert!(r.is_err(), "cut at {cut} decoded");
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = qdisc::decode(&bytes, QueueType::Qdisc, &name);
            let _ = qdisc::decode(&bytes, QueueType::Class, &name);
        }

        #[test]
        fn mutated_messages_never_panic(which in 0usize..8, edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in 0usize..300) {
            let all: Vec<&[u8]> = payloads(QDISCS).into_iter().chain(payloads(CLASSES)).collect();
            let mut m = all[which % all.len()].to_vec();
            for (pos, b) in edits {
                let i = pos % m.len();
                m[i] = b;
            }
            m.truncate(cut.max(1).min(m.len()));
            let _ = qdisc::decode(&m, QueueType::Qdisc, &name);
            let _ = qdisc::decode(&m, QueueType::Class, &name);
        }
    }
}
