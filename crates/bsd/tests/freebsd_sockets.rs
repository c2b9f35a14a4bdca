//! The FreeBSD socket decoders (pcb lists, unix pcb lists, kern.file, kern.proc.proc) on the
//! fixture host (fixtures/freebsd/host1/sockets.c, generated with zig from the real headers),
//! on every truncation of it, on damaged copies and on random bytes: real answers decode to
//! the host's values, damaged ones give an error, never a panic.

use proptest::prelude::*;
use rnetstat_bsd::freebsd::owners::{self, Owners};
use rnetstat_bsd::freebsd::pcblist::{self, List, Pcb};
use rnetstat_bsd::freebsd::unpcb::{self, Unp};
use rnetstat_bsd::os::Os;
use rnetstat_core::{Endpoint, Family, SockType, State};
use std::net::IpAddr;

const TCP: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/net.inet.tcp.pcblist.bin");
const UDP: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/net.inet.udp.pcblist.bin");
const RAW: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/net.inet.raw.pcblist.bin");
const STREAM: &[u8] =
    include_bytes!("../../../fixtures/freebsd/host1/net.local.stream.pcblist.bin");
const DGRAM: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/net.local.dgram.pcblist.bin");
const SEQPACKET: &[u8] =
    include_bytes!("../../../fixtures/freebsd/host1/net.local.seqpacket.pcblist.bin");
const FILES: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/kern.file.bin");
const PROCS: &[u8] = include_bytes!("../../../fixtures/freebsd/host1/kern.proc.proc.bin");

const INET_LISTS: [(List, &[u8]); 3] = [(List::Tcp, TCP), (List::Udp, UDP), (List::Raw, RAW)];
const UNIX_LISTS: [(SockType, &[u8]); 3] = [
    (SockType::Stream, STREAM),
    (SockType::Dgram, DGRAM),
    (SockType::SeqPacket, SEQPACKET),
];

fn pcbs(list: List, buf: &[u8]) -> rnetstat_core::Result<Vec<Pcb>> {
    let mut v = Vec::new();
    pcblist::decode(Os::FreeBsd, buf, list, &mut |p| {
        v.push(p);
        Ok(())
    })?;
    Ok(v)
}

fn unps(kind: SockType, buf: &[u8]) -> rnetstat_core::Result<Vec<Unp>> {
    let mut v = Vec::new();
    unpcb::decode(Os::FreeBsd, buf, kind, &mut |u| {
        v.push(u);
        Ok(())
    })?;
    Ok(v)
}

fn inet(e: &Endpoint) -> (IpAddr, u16) {
    match e {
        Endpoint::Inet { addr, port } => (*addr, *port),
        e => panic!("not an Internet endpoint: {e:?}"),
    }
}

#[test]
fn tcp_connections_listeners_and_queues() {
    let v = pcbs(List::Tcp, TCP).unwrap();
    assert_eq!(v.len(), 5);
    let states: Vec<_> = v.iter().map(|p| p.socket.state.unwrap()).collect();
    assert_eq!(
        states,
        [
            State::Established,
            State::TimeWait,
            State::Established,
            State::Listen,
            State::Listen
        ]
    );
    let ssh = &v[2].socket;
    assert_eq!(inet(&ssh.local), ("192.0.2.10".parse().unwrap(), 22));
    assert_eq!(inet(&ssh.remote), ("198.51.100.7".parse().unwrap(), 52214));
    assert_eq!((ssh.recv_q, ssh.send_q), (Some(0), Some(36)));
    assert_eq!(ssh.cookie, Some(0xfffff80012a4c000));
    assert_eq!(v[2].so, 0xfffff80012b1a000);
    // The queued connection has the client's version string waiting.
    assert_eq!(v[0].socket.recv_q, Some(21));
    // TIME_WAIT: no socket left, so no pcb address, uid or socket to own.
    assert_eq!(
        (v[1].socket.cookie, v[1].socket.uid, v[1].so),
        (None, None, 0)
    );
    let l6 = &v[3].socket;
    assert_eq!((l6.family, l6.dual_stack), (Family::Inet6, false));
    assert_eq!(inet(&l6.local), ("::".parse().unwrap(), 22));
    let q = v[4].socket.listen.unwrap();
    assert_eq!(
        (q.qlen, q.incqlen, q.maxqlen),
        (Some(1), Some(0), Some(128))
    );
    assert_eq!(v[4].socket.family, Family::Inet);
}

#[test]
fn udp_and_raw_sockets() {
    let v = pcbs(List::Udp, UDP).unwrap();
    assert_eq!(v.len(), 8);
    let shown: Vec<String> = v
        .iter()
        .map(|p| {
            let (a, port) = inet(&p.socket.local);
            format!("{a}.{port}")
        })
        .collect();
    assert_eq!(
        shown,
        [
            "2001:db8:1::10.123",
            "::1.123",
            "127.0.0.1.123",
            "192.0.2.10.123",
            "::.123",
            "0.0.0.0.123",
            "::.514",
            "0.0.0.0.514"
        ]
    );
    assert!(v
        .iter()
        .all(|p| p.socket.state.is_none() && p.socket.listen.is_none()));
    let raw = pcbs(List::Raw, RAW).unwrap();
    assert_eq!(raw.len(), 1);
    assert_eq!(raw[0].socket.ip_proto, Some(1));
    assert_eq!(raw[0].socket.kind, SockType::Raw);
    assert_eq!(raw[0].so, 0xfffff80012c2e000);
}

#[test]
fn unix_sockets_with_paths_peers_and_references() {
    let s = unps(SockType::Stream, STREAM).unwrap();
    assert_eq!(s.len(), 3);
    // The socketpair: each names the other.
    assert_eq!(s[0].socket.peer_inode, s[1].socket.cookie);
    assert_eq!(s[1].socket.peer_inode, s[0].socket.cookie);
    let devd = &s[2].socket;
    assert_eq!(
        devd.local,
        Endpoint::Unix(Some("/var/run/devd.pipe".into()))
    );
    assert_eq!(devd.state, Some(State::Listen));
    assert_eq!(devd.listen.unwrap().maxqlen, Some(4));
    assert_eq!(devd.inode, Some(0xfffff80003a4f3c0));
    let d = unps(SockType::Dgram, DGRAM).unwrap();
    assert_eq!(d.len(), 4);
    let log = &d[2].socket;
    assert_eq!(log.local, Endpoint::Unix(Some("/var/run/log".into())));
    // /var/run/log's senders: ntpd's socket, then devd's.
    assert_eq!(log.unix_refs, Some((0xfffff80003b7e600, 0)));
    assert_eq!(d[0].socket.unix_refs, Some((0, 0xfffff80003a1e200)));
    assert_eq!(d[0].socket.peer_inode, log.cookie);
    assert_eq!(d[0].socket.remote, Endpoint::Unix(None));
    let q = unps(SockType::SeqPacket, SEQPACKET).unwrap();
    assert_eq!(q[0].socket.kind, SockType::SeqPacket);
    assert_eq!(
        q[0].socket.local,
        Endpoint::Unix(Some("/var/run/devd.seqpacket.pipe".into()))
    );
}

#[test]
fn owners_join_descriptors_and_process_names() {
    let files = owners::socket_files(FILES).unwrap();
    // 33 descriptors, of which 12 are the stdio vnodes of four processes.
    assert_eq!(files.len(), 21);
    let names = owners::process_names(PROCS).unwrap();
    // Eight holding sockets, and dhclient and tcpdump (bpf peers).
    assert_eq!(names.len(), 10);
    assert_eq!(names[&520], "syslogd");
    let o = Owners::join(&files, &names);
    let ssh = o.of(0xfffff80012b1a000);
    let held: Vec<_> = ssh
        .iter()
        .map(|o| (o.pid, o.command.as_deref(), o.fd))
        .collect();
    assert_eq!(
        held,
        [(1402, Some("sshd"), Some(4)), (1404, Some("sshd"), Some(4))]
    );
    assert!(o.of(0).is_empty());
    // A process gone before its name was read has no command (null in JSON).
    let mut fewer = names.clone();
    fewer.remove(&1404);
    let o = Owners::join(&files, &fewer);
    assert_eq!(o.of(0xfffff80012b1a000)[1].command, None);
    assert!(o.of(0xfffff80012b1b800).is_empty(), "not accepted yet");
}

#[test]
fn generations_and_lengths_are_checked() {
    // A record newer than the opening generation was created during the copy-out: skipped.
    let mut m = TCP.to_vec();
    m[16..24].copy_from_slice(&400u64.to_le_bytes());
    let v = pcbs(List::Tcp, &m).unwrap();
    assert_eq!(v.len(), 4, "the pcb of generation 411 is left out");
    // A closing generation that differs only says the list changed.
    let mut m = UDP.to_vec();
    let tail = m.len() - 64;
    m[tail + 16..tail + 24].copy_from_slice(&97u64.to_le_bytes());
    let mut n = 0;
    let sum = pcblist::decode(Os::FreeBsd, &m, List::Udp, &mut |_| {
        n += 1;
        Ok(())
    })
    .unwrap();
    assert!(sum.changed && n == 8 && sum.count == 8);
    // A record of another size (another release's layout) is an error, not a misreading.
    let mut m = TCP.to_vec();
    m[64..72].copy_from_slice(&736u64.to_le_bytes());
    assert!(pcbs(List::Tcp, &m).is_err());
    // The TCP list read as UDP: records of the wrong size.
    assert!(pcbs(List::Udp, TCP).is_err());
    assert!(unps(SockType::Stream, TCP).is_err());
    // A header of the wrong size.
    let mut m = STREAM.to_vec();
    m[0] = 64;
    assert!(unps(SockType::Stream, &m).is_err());
    // kern.file with a record of another size, kern.proc.proc with another structsize.
    let mut m = FILES.to_vec();
    m[0] = 120;
    assert!(owners::socket_files(&m).is_err());
    let mut m = PROCS.to_vec();
    m[0] = 0;
    assert!(owners::process_names(&m).is_err());
    // macOS has other layouts.
    assert!(pcbs_os(Os::MacOs).is_err());
}

fn pcbs_os(os: Os) -> rnetstat_core::Result<()> {
    pcblist::decode(os, TCP, List::Tcp, &mut |_| Ok(())).map(|_| ())
}

/// Decode `bytes` with every socket decoder: only errors or answers, never a panic.
fn decode_everything(bytes: &[u8]) {
    for (list, _) in INET_LISTS {
        let _ = pcbs(list, bytes);
    }
    for (kind, _) in UNIX_LISTS {
        let _ = unps(kind, bytes);
    }
    let _ = owners::socket_files(bytes);
    let _ = owners::process_names(bytes);
}

#[test]
fn every_truncation_is_an_error() {
    for (list, buf) in INET_LISTS {
        for cut in 0..buf.len() {
            assert!(pcbs(list, &buf[..cut]).is_err(), "{list:?} cut at {cut}");
        }
    }
    for (kind, buf) in UNIX_LISTS {
        for cut in 0..buf.len() {
            assert!(unps(kind, &buf[..cut]).is_err(), "{kind:?} cut at {cut}");
        }
    }
    // The tables are arrays: a cut inside a record is an error, at a boundary fewer records.
    for cut in (1..FILES.len()).step_by(7) {
        assert_eq!(owners::socket_files(&FILES[..cut]).is_err(), cut % 128 != 0);
    }
    for cut in (1..PROCS.len()).step_by(13) {
        assert_eq!(
            owners::process_names(&PROCS[..cut]).is_err(),
            cut % 1088 != 0
        );
    }
}

fn fixtures() -> Vec<&'static [u8]> {
    let mut v: Vec<&[u8]> = INET_LISTS.iter().map(|(_, b)| *b).collect();
    v.extend(UNIX_LISTS.iter().map(|(_, b)| *b));
    v.extend([FILES, PROCS]);
    v
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1200)) {
        decode_everything(&bytes);
    }

    #[test]
    fn damaged_answers_never_panic(which in 0usize..8, edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..12)) {
        let all = fixtures();
        let mut m = all[which % all.len()].to_vec();
        for (pos, b) in edits {
            let i = pos % m.len();
            m[i] = b;
        }
        decode_everything(&m);
    }
}

/// The whole list through a snapshot: netstat's order, the query's filters, owners, and a
/// warning for a list that changed while it was copied out.
#[test]
fn listing_orders_filters_and_warns() {
    use rnetstat_bsd::freebsd::sockets as fbsd_sockets;
    use rnetstat_bsd::source::Snapshot;
    use rnetstat_core::{Proto, SocketQuery};
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/freebsd/host1");
    let dir = std::env::temp_dir().join(format!("rnt-fbsd-sockets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in std::fs::read_dir(fixture).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let mut udp = UDP.to_vec();
    let tail = udp.len() - 64;
    udp[tail + 8..tail + 12].copy_from_slice(&9u32.to_le_bytes());
    udp[tail + 16..tail + 24].copy_from_slice(&97u64.to_le_bytes());
    std::fs::write(dir.join("net.inet.udp.pcblist.bin"), udp).unwrap();
    let mut src = Snapshot::new(&dir, None);
    let run = |src: &mut Snapshot, q: SocketQuery| {
        let mut got = Vec::new();
        let w = fbsd_sockets::list(src, &q, &|_| None, &mut |s| {
            got.push(s.clone());
            Ok(())
        })
        .unwrap();
        (got, w)
    };
    let (all, warnings) = run(
        &mut src,
        SocketQuery {
            all: true,
            owners: true,
            ..Default::default()
        },
    );
    let protos: Vec<Proto> = all.iter().map(|s| s.proto).collect();
    // ping's raw socket (xso_protocol 0, which netstat never lists) only for -p raw.
    assert_eq!(protos.len(), 5 + 8 + 3 + 4 + 1);
    assert!(protos.windows(2).all(|w| w[0] <= w[1]), "tcp, udp, unix");
    assert_eq!(
        warnings,
        ["some udp sockets may have been created while they were listed"]
    );
    let devd = all
        .iter()
        .find(|s| s.local == Endpoint::Unix(Some("/var/run/devd.pipe".into())))
        .unwrap();
    assert_eq!(devd.owners[0].pid, 383);
    // -f inet: IPv4 sockets only (no dual-stack ones on this host); without -a no servers.
    let (v4, _) = run(
        &mut src,
        SocketQuery {
            family: Some(Family::Inet),
            ..Default::default()
        },
    );
    assert_eq!(v4.len(), 3 + 2, "three connections, two bound UDP sockets");
    assert!(v4
        .iter()
        .all(|s| s.family == Family::Inet && s.owners.is_empty()));
    // -L: listeners of every kind.
    let (listen, _) = run(
        &mut src,
        SocketQuery {
            listening_only: true,
            ..Default::default()
        },
    );
    assert_eq!(listen.len(), 4);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn multicast_bound_ipv6_pcbs_lose_their_embedded_zone() {
    // The first UDP pcb (2001:db8:1::10.123) bound instead to ff02::fb with the zone, the
    // interface index 2, embedded in bytes 2-3 as the KAME stack keeps it.
    let mut buf = UDP.to_vec();
    let laddr = 64 + 248 + 4 + 20;
    let mut a = [0u8; 16];
    a[..4].copy_from_slice(&[0xff, 0x02, 0, 2]);
    a[15] = 0xfb;
    buf[laddr..laddr + 16].copy_from_slice(&a);
    let v = pcbs(List::Udp, &buf).unwrap();
    assert_eq!(inet(&v[0].socket.local), ("ff02::fb".parse().unwrap(), 123));
    // Interface-local multicast (ff01::/16) too.
    buf[laddr + 1] = 0x01;
    let v = pcbs(List::Udp, &buf).unwrap();
    assert_eq!(inet(&v[0].socket.local), ("ff01::fb".parse().unwrap(), 123));
}
