//! The TCP sockets of both families in one walk (sock_diag's compat request): the dumps the
//! backend asks for per display, and the per-family dumps it falls back to when the kernel
//! refuses the compat request or a snapshot taken before it lacks the file.

use rnetstat_core::{Backend, Endpoint, Error, Family, Proto, Socket, SocketQuery, State};
use rnetstat_linux::netlink::nlmsg;
use rnetstat_linux::source::{Dump, Handler, Source};
use rnetstat_linux::LinuxBackend;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

const LINKS: &[u8] = include_bytes!("../../../fixtures/linux/basic/link.nl");
const TCPDIAG_GETSOCK: u16 = 18;
const SOCK_DIAG_BY_FAMILY: u16 = 20;
const EINVAL: i32 = 22;

/// Answers each dump by file name from canned bytes (a missing name is a snapshot without
/// the file) and records what was asked.
#[derive(Clone, Default)]
struct Fake {
    answers: Arc<Mutex<HashMap<String, Vec<u8>>>>,
    asked: Arc<Mutex<Vec<String>>>,
}

impl Fake {
    fn answer(&self, file: &str, bytes: Vec<u8>) {
        self.answers.lock().unwrap().insert(file.into(), bytes);
    }

    /// The sock_diag dumps asked for, in order.
    fn diag_asked(&self) -> Vec<String> {
        let asked = self.asked.lock().unwrap();
        asked
            .iter()
            .filter(|a| a.starts_with("diag-"))
            .cloned()
            .collect()
    }
}

impl Source for Fake {
    fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> rnetstat_core::Result<()> {
        let name = dump.file_name();
        self.asked.lock().unwrap().push(name.clone());
        let bytes = self.answers.lock().unwrap().get(&name).cloned();
        match bytes {
            Some(b) => handler(&b).map(|_| ()),
            None => Err(Error::NotFound(format!("no {name}"))),
        }
    }

    fn proc_net(&mut self, name: &str) -> rnetstat_core::Result<String> {
        Err(Error::io(
            format!("no /proc/net/{name} here"),
            std::io::ErrorKind::NotFound.into(),
        ))
    }
}

/// One netlink message of `kind` holding `payload`.
fn message(kind: u16, payload: &[u8]) -> Vec<u8> {
    let len = nlmsg::NLMSG_HDRLEN + payload.len();
    let mut m = Vec::new();
    m.extend_from_slice(&(len as u32).to_ne_bytes());
    m.extend_from_slice(&kind.to_ne_bytes());
    m.extend_from_slice(&nlmsg::NLM_F_MULTI.to_ne_bytes());
    m.extend_from_slice(&[0; 8]);
    m.extend_from_slice(payload);
    m.resize(nlmsg::align(len), 0);
    m
}

/// A TCP socket as sock_diag describes it.
#[derive(Clone, Copy)]
struct Tcp {
    local: (&'static str, u16),
    remote: (&'static str, u16),
    /// Linux TCP_* state.
    state: u8,
    cookie: u32,
    /// An IPv6 socket that takes IPv4 too (INET_DIAG_SKV6ONLY 0).
    dual: bool,
}

impl Tcp {
    fn family(&self) -> u8 {
        if self.local.0.contains(':') {
            10
        } else {
            2
        }
    }

    /// Its struct inet_diag_msg (and INET_DIAG_SKV6ONLY for an IPv6 socket) in a message of
    /// `kind`.
    fn message(&self, kind: u16) -> Vec<u8> {
        let mut m = vec![0u8; 72];
        m[0] = self.family();
        m[1] = self.state;
        let mut put = |at: usize, (addr, port): (&str, u16)| {
            m[at..at + 2].copy_from_slice(&port.to_be_bytes());
            match addr.parse::<IpAddr>().unwrap() {
                IpAddr::V4(a) => m[at + 4..at + 8].copy_from_slice(&a.octets()),
                IpAddr::V6(a) => m[at + 4..at + 20].copy_from_slice(&a.octets()),
            }
        };
        put(4, self.local);
        // The destination address follows the source's 16 bytes (offset 24); its port is at 6.
        let (raddr, rport) = self.remote;
        m[6..8].copy_from_slice(&rport.to_be_bytes());
        match raddr.parse::<IpAddr>().unwrap() {
            IpAddr::V4(a) => m[24..28].copy_from_slice(&a.octets()),
            IpAddr::V6(a) => m[24..40].copy_from_slice(&a.octets()),
        }
        m[44..48].copy_from_slice(&self.cookie.to_ne_bytes());
        if self.family() == 10 {
            // struct nlattr { len 5, type 11 } and the u8, padded to 8.
            m.extend_from_slice(&5u16.to_ne_bytes());
            m.extend_from_slice(&11u16.to_ne_bytes());
            m.extend_from_slice(&[u8::from(!self.dual), 0, 0, 0]);
        }
        message(kind, &m)
    }
}

fn done() -> Vec<u8> {
    message(nlmsg::NLMSG_DONE, &0i32.to_ne_bytes())
}

fn error(errno: i32) -> Vec<u8> {
    let mut p = (-errno).to_ne_bytes().to_vec();
    p.extend_from_slice(&[0; 16]);
    message(nlmsg::NLMSG_ERROR, &p)
}

/// An answer of `kind` listing `sockets`.
fn answer(kind: u16, sockets: &[Tcp]) -> Vec<u8> {
    let mut b: Vec<u8> = sockets.iter().flat_map(|s| s.message(kind)).collect();
    b.extend(done());
    b
}

const LISTEN: u8 = 10;
const ESTABLISHED: u8 = 1;
const SYN_RECV: u8 = 3;

/// A host's TCP sockets in the kernel's (hash) order, the families interleaved.
fn table() -> Vec<Tcp> {
    let s = |local, remote, state, cookie, dual| Tcp {
        local,
        remote,
        state,
        cookie,
        dual,
    };
    vec![
        s(("192.0.2.2", 8081), ("0.0.0.0", 0), LISTEN, 1, false),
        s(("::", 8080), ("::", 0), LISTEN, 2, true),
        s(
            ("::ffff:192.0.2.2", 8080),
            ("::ffff:192.0.2.9", 40000),
            ESTABLISHED,
            3,
            false,
        ),
        s(("2001:db8::2", 8082), ("::", 0), LISTEN, 4, false),
        s(
            ("192.0.2.2", 40001),
            ("192.0.2.2", 8081),
            ESTABLISHED,
            5,
            false,
        ),
        s(
            ("2001:db8::2", 8082),
            ("2001:db8::9", 40002),
            SYN_RECV,
            6,
            false,
        ),
    ]
}

fn per_family(fake: &Fake, states_suffix: &str) {
    for (family, name) in [(2, "inet"), (10, "inet6")] {
        let mine: Vec<Tcp> = table()
            .into_iter()
            .filter(|s| s.family() == family)
            .collect();
        fake.answer(
            &format!("diag-{name}-6{states_suffix}.nl"),
            answer(SOCK_DIAG_BY_FAMILY, &mine),
        );
    }
}

/// A fake with the link dump and, unless `compat` is None, the compat answers.
fn fake(compat: Option<Vec<u8>>) -> Fake {
    let f = Fake::default();
    f.answer("link.nl", LINKS.to_vec());
    if let Some(c) = compat {
        f.answer("diag-any-6.nl", c.clone());
        f.answer("diag-any-6-syn.nl", c);
    }
    f
}

/// (family, local, state, incqlen) of each socket listed for `query`.
type Row = (Family, String, Option<State>, Option<u64>);

fn list(fake: &Fake, query: &SocketQuery) -> Vec<Row> {
    let mut b = LinuxBackend::new(Box::new(fake.clone()));
    let mut rows = Vec::new();
    b.sockets(query, &mut |s: &Socket| {
        let local = match &s.local {
            Endpoint::Inet { addr, port } => format!("{addr}.{port}"),
            other => panic!("{other:?}"),
        };
        rows.push((s.family, local, s.state, s.listen.and_then(|l| l.incqlen)));
        Ok(())
    })
    .unwrap();
    rows
}

fn all_tcp() -> SocketQuery {
    SocketQuery {
        protos: vec![Proto::Tcp],
        all: true,
        ..SocketQuery::default()
    }
}

#[test]
fn plain_an_walks_the_table_once_in_the_kernels_order() {
    let f = fake(Some(answer(TCPDIAG_GETSOCK, &table())));
    let rows = list(&f, &all_tcp());
    assert_eq!(f.diag_asked(), ["diag-any-6.nl"]);
    let want: Vec<Row> = vec![
        (
            Family::Inet,
            "192.0.2.2.8081".into(),
            Some(State::Listen),
            None,
        ),
        (Family::Inet6, "::.8080".into(), Some(State::Listen), None),
        // IPv4-mapped: an IPv4 socket.
        (
            Family::Inet,
            "192.0.2.2.8080".into(),
            Some(State::Established),
            None,
        ),
        (
            Family::Inet6,
            "2001:db8::2.8082".into(),
            Some(State::Listen),
            None,
        ),
        (
            Family::Inet,
            "192.0.2.2.40001".into(),
            Some(State::Established),
            None,
        ),
        (
            Family::Inet6,
            "2001:db8::2.8082".into(),
            Some(State::SynRcvd),
            None,
        ),
    ];
    assert_eq!(rows, want);
    // -f inet: the IPv4 sockets and the dual-stack listener, from the same one walk.
    let f = fake(Some(answer(TCPDIAG_GETSOCK, &table())));
    let v4 = list(
        &f,
        &SocketQuery {
            family: Some(Family::Inet),
            ..all_tcp()
        },
    );
    assert_eq!(f.diag_asked(), ["diag-any-6.nl"]);
    assert_eq!(v4.len(), 4, "{v4:?}");
}

#[test]
fn listen_queues_walk_the_syn_queues_once_first() {
    let f = fake(Some(answer(TCPDIAG_GETSOCK, &table())));
    let rows = list(
        &f,
        &SocketQuery {
            protos: vec![Proto::Tcp],
            listening_only: true,
            syn_queues: true,
            ..SocketQuery::default()
        },
    );
    assert_eq!(f.diag_asked(), ["diag-any-6-syn.nl", "diag-any-6.nl"]);
    let queues: Vec<(String, Option<u64>)> = rows.into_iter().map(|r| (r.1, r.3)).collect();
    assert_eq!(
        queues,
        [
            ("192.0.2.2.8081".to_string(), Some(0)),
            ("::.8080".into(), Some(0)),
            ("2001:db8::2.8082".into(), Some(1)),
        ]
    );
}

#[test]
fn a_refused_compat_request_falls_back_to_one_dump_per_family() {
    let f = fake(Some(error(EINVAL)));
    per_family(&f, "");
    per_family(&f, "-syn");
    let query = SocketQuery {
        syn_queues: true,
        ..all_tcp()
    };
    let mut rows = list(&f, &query);
    assert_eq!(
        f.diag_asked(),
        [
            "diag-any-6-syn.nl",
            "diag-inet-6-syn.nl",
            "diag-inet6-6-syn.nl",
            "diag-any-6.nl",
            "diag-inet-6.nl",
            "diag-inet6-6.nl",
        ]
    );
    // The same sockets as the one walk gives, IPv4 ones first.
    let f = fake(Some(answer(TCPDIAG_GETSOCK, &table())));
    let mut walked = list(&f, &query);
    assert_eq!(rows.len(), 6);
    let key = |r: &Row| format!("{r:?}");
    rows.sort_by_key(key);
    walked.sort_by_key(key);
    assert_eq!(rows, walked);
}

#[test]
fn a_snapshot_without_the_compat_file_reads_the_per_family_ones() {
    let f = fake(None);
    per_family(&f, "");
    let rows = list(&f, &all_tcp());
    assert_eq!(
        f.diag_asked(),
        ["diag-any-6.nl", "diag-inet-6.nl", "diag-inet6-6.nl"]
    );
    let families: Vec<Family> = rows.iter().map(|r| r.0).collect();
    // IPv4 first (the mapped one came from the IPv6 file), as before.
    assert_eq!(
        families,
        [
            Family::Inet,
            Family::Inet,
            Family::Inet6,
            Family::Inet,
            Family::Inet6,
            Family::Inet6
        ]
    );
}

#[test]
fn the_state_counts_walk_the_table_once() {
    let f = fake(None);
    f.answer("diag-any-6-states.nl", answer(TCPDIAG_GETSOCK, &table()));
    let mut b = LinuxBackend::new(Box::new(f.clone()));
    let groups = b.protocol_stats(&|p, _| p == "tcp").unwrap();
    assert_eq!(f.diag_asked(), ["diag-any-6-states.nl"]);
    let tcp = groups.iter().find(|g| g.protocol == "tcp").unwrap();
    let listen = tcp
        .counters
        .iter()
        .find(|c| c.description.contains("LISTEN"))
        .unwrap();
    assert_eq!(listen.value, 3);
}
