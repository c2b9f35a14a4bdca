//! The macOS socket decoders (pcblist_n, unix pcblist_n, kern.proc.all) on the fixture host
//! (fixtures/macos/host1/sockets.c), on every truncation of its answers and on random or
//! mutated bytes: real answers give the host's sockets, damaged ones an error, never a panic.

use proptest::prelude::*;
use rnetstat_bsd::macos::pcblist::{self as macos_pcblist, InetPcb};
use rnetstat_bsd::macos::proc as macos_proc;
use rnetstat_bsd::macos::unpcb::{self as macos_unpcb, UnixPcb};
use rnetstat_bsd::source::Snapshot;
use rnetstat_bsd::{backend, Os};
use rnetstat_core::{Endpoint, Family, Proto, SockType, Socket, SocketQuery, State};
use std::net::IpAddr;

const TCP: &[u8] = include_bytes!("../../../fixtures/macos/host1/net.inet.tcp.pcblist_n.bin");
const UDP: &[u8] = include_bytes!("../../../fixtures/macos/host1/net.inet.udp.pcblist_n.bin");
const RAW: &[u8] = include_bytes!("../../../fixtures/macos/host1/net.inet.raw.pcblist_n.bin");
const STREAM: &[u8] =
    include_bytes!("../../../fixtures/macos/host1/net.local.stream.pcblist_n.bin");
const DGRAM: &[u8] = include_bytes!("../../../fixtures/macos/host1/net.local.dgram.pcblist_n.bin");
const PROCS: &[u8] = include_bytes!("../../../fixtures/macos/host1/kern.proc.all.bin");

fn inet(buf: &[u8], tcp: bool) -> rnetstat_core::Result<Vec<InetPcb>> {
    let mut v = Vec::new();
    let proto = if tcp { Proto::Tcp } else { Proto::Udp };
    macos_pcblist::decode(buf, proto, &mut |p| {
        v.push(*p);
        Ok(())
    })?;
    Ok(v)
}

fn unix(buf: &[u8]) -> rnetstat_core::Result<Vec<UnixPcb>> {
    let mut v = Vec::new();
    macos_unpcb::decode(buf, SockType::Stream, &mut |p| {
        v.push(p.clone());
        Ok(())
    })?;
    Ok(v)
}

fn sockets(query: &SocketQuery) -> Vec<Socket> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/macos/host1");
    let mut b = backend(Os::MacOs, Box::new(Snapshot::new(dir, None)));
    let mut v = Vec::new();
    b.sockets(query, &mut |s| {
        v.push(s.clone());
        Ok(())
    })
    .unwrap();
    v
}

#[test]
fn tcp_list() {
    let mut v = Vec::new();
    let (head, tail) = macos_pcblist::decode(TCP, Proto::Tcp, &mut |p| {
        v.push(*p);
        Ok(())
    })
    .unwrap();
    assert_eq!(head.count, 6);
    assert_eq!(head.gen, 2849);
    assert_eq!(tail.unwrap().sogen, 3105);
    assert_eq!(v.len(), 6);
    let curl = &v[0];
    assert_eq!(curl.inp.lport, 52100);
    assert_eq!(curl.inp.fport, 443);
    assert_eq!(&curl.inp.faddr[12..], &[198, 51, 100, 7]);
    assert_eq!(curl.snd.cc, 31);
    assert_eq!(curl.so.last_pid, 4242);
    assert_eq!(curl.so.uid, 501);
    assert_eq!(curl.stats.rx_bytes, 5120);
    assert_eq!(curl.tcp_state, Some(4));
    assert_eq!(curl.inp.ppcb, 0x8d41c7a2e05b3f96);
    let nginx = &v[2];
    assert_eq!(nginx.inp.vflag, 3);
    assert_eq!(
        (nginx.so.qlen, nginx.so.incqlen, nginx.so.qlimit),
        (2, 1, 128)
    );
    assert_eq!(v[5].tcp_state, Some(10));
}

#[test]
fn udp_raw_and_unix_lists() {
    let udp = inet(UDP, false).unwrap();
    assert_eq!(udp.len(), 3);
    assert_eq!(udp[1].inp.lport, 5353);
    assert_eq!(udp[1].inp.vflag, 2);
    assert_eq!(udp[0].tcp_state, None);
    let raw = inet(RAW, false).unwrap();
    assert_eq!(
        raw.iter().map(|p| p.so.protocol).collect::<Vec<_>>(),
        [58, 1]
    );
    assert_eq!(raw[1].rcv.cc, 84);
    let stream = unix(STREAM).unwrap();
    assert_eq!(stream.len(), 3);
    assert_eq!(stream[0].unp.conn, stream[1].unp.unpp);
    assert_eq!(
        stream[2].unp.path.as_deref(),
        Some("/var/run/mDNSResponder")
    );
    assert_eq!(stream[2].so.qlimit, 128);
    let dgram = unix(DGRAM).unwrap();
    assert_eq!(dgram[1].unp.path.as_deref(), Some("/var/run/syslog"));
    assert_eq!(dgram[1].unp.refs, dgram[0].unp.unpp);
    assert_eq!(dgram[0].unp.path, None);
}

#[test]
fn process_names() {
    let names = macos_proc::decode(PROCS).unwrap();
    assert_eq!(names[&312], "mDNSResponder");
    assert_eq!(names[&5150], "sshd-session");
    assert_eq!(names[&1], "launchd");
    assert!(macos_proc::decode(&PROCS[..100]).is_err());
}

#[test]
fn backend_sockets_follow_macos_netstat_choices() {
    let all = sockets(&SocketQuery {
        all: true,
        ..Default::default()
    });
    assert_eq!(all.len(), 16);
    let tcp46 = &all[2];
    assert_eq!((tcp46.family, tcp46.dual_stack), (Family::Inet6, true));
    assert_eq!(tcp46.state, Some(State::Listen));
    assert_eq!(
        all[0].remote,
        Endpoint::Inet {
            addr: "198.51.100.7".parse::<IpAddr>().unwrap(),
            port: 443
        }
    );
    // Without -a only TCP listeners go; -L keeps the sockets with a queue limit.
    let default = sockets(&SocketQuery::default());
    assert_eq!(default.len(), 13);
    let listen = sockets(&SocketQuery {
        listening_only: true,
        ..Default::default()
    });
    assert_eq!(listen.len(), 3);
    assert!(listen.iter().all(|s| s.proto == Proto::Tcp));
    // -f inet keeps the dual-stack listener, and owners come with names.
    let v4 = sockets(&SocketQuery {
        all: true,
        family: Some(Family::Inet),
        owners: true,
        ..Default::default()
    });
    assert!(v4.iter().any(|s| s.dual_stack));
    assert!(v4.iter().all(|s| s.proto != Proto::Unix));
    assert_eq!(v4[0].owners[0].command.as_deref(), Some("curl"));
}

#[test]
fn every_truncation_is_an_error() {
    for (buf, tcp, is_unix) in [
        (TCP, true, false),
        (UDP, false, false),
        (RAW, false, false),
        (STREAM, false, true),
        (DGRAM, false, true),
    ] {
        for n in 0..buf.len() {
            let cut = &buf[..n];
            let r = if is_unix {
                unix(cut).map(|v| v.len())
            } else {
                inet(cut, tcp).map(|v| v.len())
            };
            // Only the opening xinpgen alone is a whole (empty) answer.
            if n == 24 {
                assert_eq!(r.unwrap(), 0);
            } else {
                assert!(r.is_err(), "{} bytes of {} decoded", n, buf.len());
            }
        }
    }
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1200), tcp in any::<bool>()) {
        let _ = inet(&bytes, tcp);
        let _ = unix(&bytes);
        let _ = macos_proc::decode(&bytes);
    }

    #[test]
    fn mutated_answers_never_panic(which in 0usize..5, edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let base = [TCP, UDP, RAW, STREAM, DGRAM][which];
        let mut bytes = base.to_vec();
        for (at, b) in edits {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        if which >= 3 {
            let _ = unix(&bytes);
        } else {
            let _ = inet(&bytes, which == 0);
        }
    }
}

/// A list whose generation changed during the copy-out gives netstat's note as a warning:
/// deleted when the closing count is smaller, created when larger.
#[test]
fn changed_lists_are_warned_of() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/macos/host1");
    let dir = std::env::temp_dir().join(format!("rnt-macos-sockets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in std::fs::read_dir(fixture).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    // The closing xinpgen (24 bytes): xig_count at 4, xig_gen at 8.
    let patch = |buf: &[u8], count_delta: i64| {
        let mut b = buf.to_vec();
        let tail = b.len() - 24;
        let count = u32::from_le_bytes(b[tail + 4..tail + 8].try_into().unwrap());
        let gen = u64::from_le_bytes(b[tail + 8..tail + 16].try_into().unwrap());
        let count = (i64::from(count) + count_delta) as u32;
        b[tail + 4..tail + 8].copy_from_slice(&count.to_le_bytes());
        b[tail + 8..tail + 16].copy_from_slice(&(gen + 1).to_le_bytes());
        b
    };
    std::fs::write(dir.join("net.inet.udp.pcblist_n.bin"), patch(UDP, -1)).unwrap();
    std::fs::write(dir.join("net.local.stream.pcblist_n.bin"), patch(STREAM, 1)).unwrap();
    let mut b = backend(Os::MacOs, Box::new(Snapshot::new(&dir, None)));
    let mut n = 0;
    b.sockets(&SocketQuery::default(), &mut |_| {
        n += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(n, 13);
    assert_eq!(
        b.take_warnings(),
        [
            "some udp sockets may have been deleted while they were listed",
            "some stream sockets may have been created while they were listed"
        ]
    );
    assert!(b.take_warnings().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Errors name the sysctl whose answer was damaged.
#[test]
fn errors_name_the_sysctl() {
    let err = |proto| {
        macos_pcblist::decode(&[0; 10], proto, &mut |_| Ok(()))
            .unwrap_err()
            .to_string()
    };
    assert!(err(Proto::Udp).contains("net.inet.udp.pcblist_n"));
    assert!(err(Proto::Raw).contains("net.inet.raw.pcblist_n"));
    let e = macos_unpcb::decode(&[0; 10], SockType::Dgram, &mut |_| Ok(())).unwrap_err();
    assert!(e.to_string().contains("net.local.dgram.pcblist_n"));
}
