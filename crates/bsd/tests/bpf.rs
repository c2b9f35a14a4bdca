//! The FreeBSD bpf peer decoder (net.bpf.stats) on the fixture host
//! (fixtures/freebsd/host1/bpf.c, generated with zig from the real headers), on every
//! truncation and on random bytes: real answers decode to the host's values, damaged ones
//! give an error, never a panic.

use proptest::prelude::*;
use rnetstat_bsd::freebsd::{bpf, owners};
use rnetstat_core::bsd::bpf::BpfDirection;

const STATS: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/net.bpf.stats.bin");
const PROCS: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/kern.proc.proc.bin");

#[test]
fn dhclient_and_tcpdump_on_em0() {
    let names = owners::process_names(PROCS).unwrap();
    let peers = bpf::decode(STATS, &names).unwrap();
    assert_eq!(peers.len(), 2);
    let (d, t) = (&peers[0], &peers[1]);
    assert_eq!(
        (d.pid, d.command.as_deref(), d.ifname.as_str()),
        (310, Some("dhclient"), "em0")
    );
    assert_eq!(d.direction, Some(BpfDirection::In));
    assert_eq!(d.flags(), "-if---l");
    assert_eq!((d.received, d.dropped, d.matched), (1843, 0, 12));
    assert_eq!((t.pid, t.command.as_deref()), (1512, Some("tcpdump")));
    assert_eq!(t.flags(), "pifs--l");
    assert_eq!(
        (t.received, t.dropped, t.matched, t.store_len),
        (52311, 17, 4890, 1534)
    );
    assert_eq!(t.buffer_size, 32768);
    // A peer of a process that is gone has no command.
    let none = bpf::decode(STATS, &Default::default()).unwrap();
    assert_eq!(none[0].command, None);
}

#[test]
fn every_truncation_and_a_foreign_size_are_errors() {
    let names = Default::default();
    for n in 1..STATS.len() {
        if n % bpf::XBPF_D_LEN == 0 {
            assert_eq!(
                bpf::decode(&STATS[..n], &names).unwrap().len(),
                n / bpf::XBPF_D_LEN
            );
        } else {
            assert!(bpf::decode(&STATS[..n], &names).is_err(), "{n}");
        }
    }
    let mut other = STATS.to_vec();
    other[0] = 160;
    assert!(bpf::decode(&other, &names).is_err());
    assert!(bpf::decode(&[], &names).unwrap().is_empty());
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..700)) {
        let _ = bpf::decode(&bytes, &Default::default());
    }

    #[test]
    fn damaged_answers_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12)) {
        let mut b = STATS.to_vec();
        for (at, v) in edits {
            let n = b.len();
            b[at % n] = v;
        }
        let _ = bpf::decode(&b, &Default::default());
    }
}
