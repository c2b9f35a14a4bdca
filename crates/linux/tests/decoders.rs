//! Every decoder of kernel bytes, on real captured messages, on every truncation of them, and on
//! random bytes: the real ones decode to the values the capture's namespace was given, the
//! others give an error or a smaller valid answer, never a panic.

use proptest::prelude::*;
use rnetstat_linux::{addr, link, nlmsg, route};

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
