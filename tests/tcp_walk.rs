//! One walk of the kernel's TCP table per listing: the TCP sockets of both families come from
//! sock_diag's compat request (TCPDIAG_GETSOCK, family AF_UNSPEC), each listed once with its
//! own family, and a capture keeps that one dump (`diag-any-6*.nl`).

use crate::common::*;
use std::collections::BTreeSet;
use std::process::Child;

/// Listeners of every kind (dual-stack, IPv4, IPv6-only, IPv4 wildcard) and a connection to
/// each, over a veth end with 192.0.2.2 and 2001:db8::2; held until stdin closes.
const SOCKETS: &str = "\
import socket, sys
A4, A6 = socket.AF_INET, socket.AF_INET6
def listener(family, addr, port, v6only=None):
    l = socket.socket(family)
    if v6only is not None:
        l.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    l.bind((addr, port)); l.listen(8); return l
dual = listener(A6, '::', 8080, 0)
v4 = listener(A4, '192.0.2.2', 8081)
v6 = listener(A6, '2001:db8::2', 8082, 1)
v4any = listener(A4, '0.0.0.0', 8083)
held = []
for family, to, l in [(A4, ('192.0.2.2', 8080), dual), (A6, ('2001:db8::2', 8080), dual),
                      (A4, ('192.0.2.2', 8081), v4), (A6, ('2001:db8::2', 8082), v6),
                      (A4, ('192.0.2.2', 8083), v4any)]:
    c = socket.socket(family); c.connect(to); s, _ = l.accept(); held += [c, s]
print('up', flush=True); sys.stdin.read()
";

/// A namespace holding [`SOCKETS`]; the script ends when the value drops.
struct Held {
    ns: Netns,
    child: Child,
}

impl Held {
    fn new(tag: &str) -> Held {
        let ns = Netns::new(tag);
        ns.ip_batch(
            "link add d0 type veth peer name d1\naddr add 192.0.2.2/24 dev d0\n\
             addr add 2001:db8::2/64 dev d0 nodad\nlink set d0 up\nlink set d1 up\n",
        );
        let (child, up) = ns.python_inline(SOCKETS);
        let held = Held { ns, child };
        assert_eq!(up, "up", "the socket script failed");
        held
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// `addr:port` of ss as netstat writes it: `host.port`, `*` for a wildcard, IPv4-mapped IPv6
/// addresses as IPv4.
fn netstat_endpoint(ss: &str) -> String {
    let (addr, port) = ss.rsplit_once(':').unwrap();
    let addr = addr.trim_start_matches('[').trim_end_matches(']');
    let addr = addr.strip_prefix("::ffff:").unwrap_or(addr);
    let addr = if matches!(addr, "*" | "0.0.0.0" | "::") {
        "*"
    } else {
        addr
    };
    format!("{addr}.{port}")
}

/// Every TCP socket `ss -tan` lists: (local, foreign, state) as netstat writes them.
fn ss_rows(ns: &Netns) -> Vec<(String, String, String)> {
    text(&ns.exec(&["ss", "-Htan"]))
        .lines()
        .map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            let state = match c[0] {
                "ESTAB" => "ESTABLISHED",
                s => s,
            };
            (
                netstat_endpoint(c[3]),
                netstat_endpoint(c[4]),
                state.to_string(),
            )
        })
        .collect()
}

/// The rows of `-an -p tcp`: (proto, local, foreign, state).
fn our_rows(out: &str) -> Vec<(String, String, String, String)> {
    section(out, "Active Internet connections (including servers)")
        .iter()
        .map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(c.len(), 6, "{l}");
            (c[0].into(), c[3].into(), c[4].into(), c[5].into())
        })
        .collect()
}

#[test]
fn every_tcp_socket_of_both_families_is_listed_once_with_its_family() {
    let h = Held::new("rnw-tw");
    let out = h.ns.rnetstat_ok(&["-an", "-p", "tcp"]);
    let ours = our_rows(&out);
    // 4 listeners and 5 connections of two ends each.
    assert_eq!(ours.len(), 14, "{out}");
    let unique: BTreeSet<_> = ours.iter().collect();
    assert_eq!(unique.len(), ours.len(), "a socket listed twice:\n{out}");
    let ss: BTreeSet<(String, String, String)> = ss_rows(&h.ns).into_iter().collect();
    let without_proto: BTreeSet<(String, String, String)> = ours
        .iter()
        .map(|(_, l, f, s)| (l.clone(), f.clone(), s.clone()))
        .collect();
    assert_eq!(without_proto, ss, "{out}");
    // The family: IPv4 addresses (mapped ones included) are tcp4, IPv6 ones tcp6, the
    // dual-stack wildcard listener tcp46 and the IPv4 wildcard one tcp4.
    for (proto, local, _, state) in &ours {
        let want = match local.as_str() {
            "*.8080" => "tcp46",
            "*.8083" => "tcp4",
            l if l.starts_with("192.0.2.2.") => "tcp4",
            l if l.starts_with("2001:db8::2.") => "tcp6",
            l => panic!("unexpected local address {l} ({state})"),
        };
        assert_eq!(proto, want, "{local} {state}:\n{out}");
    }
    let count = |p: &str| ours.iter().filter(|r| r.0 == p).count();
    assert_eq!((count("tcp4"), count("tcp6"), count("tcp46")), (8, 5, 1));
    // -f inet: the IPv4 sockets and the dual-stack listener; -f inet6: the IPv6 ones.
    let v4 = our_rows(&h.ns.rnetstat_ok(&["-an", "-p", "tcp", "-f", "inet"]));
    assert_eq!(v4.len(), 9, "{v4:?}");
    assert!(v4.iter().all(|r| r.0 == "tcp4" || r.0 == "tcp46"), "{v4:?}");
    let v6 = our_rows(&h.ns.rnetstat_ok(&["-an", "-p", "tcp", "-f", "inet6"]));
    assert_eq!(v6.len(), 6, "{v6:?}");
    assert!(v6.iter().all(|r| r.0 != "tcp4"), "{v6:?}");
    // JSON (internals and SYN queues asked for) lists the same sockets once each.
    let doc = json(&h.ns.rnetstat_ok(&["-an", "-p", "tcp", "--json"]));
    assert_schema("sockets", &doc);
    let sockets = doc["sockets"].as_array().unwrap();
    assert_eq!(sockets.len(), 14);
    let families: Vec<&str> = sockets
        .iter()
        .map(|s| s["family"].as_str().unwrap())
        .collect();
    assert_eq!(families.iter().filter(|f| **f == "inet").count(), 8);
    assert_eq!(families.iter().filter(|f| **f == "inet6").count(), 6);
    // The same sockets as the /proc/net path, which reads the two families' files (and
    // cannot tell a dual-stack listener, which it calls tcp6).
    let procfs =
        h.ns.command(bin())
            .args(["-an", "-p", "tcp"])
            .env("RNETSTAT_PROCFS", "1")
            .output()
            .unwrap();
    let procfs: BTreeSet<_> = our_rows(&text(&procfs))
        .into_iter()
        .map(|(_, l, f, s)| (l, f, s))
        .collect();
    assert_eq!(procfs, without_proto);
}

/// The `diag-*` files a capture of `args` writes, and the capture rendered back through -M
/// (which must equal the live output).
fn captured_diag_files(ns: &Netns, args: &[&str]) -> BTreeSet<String> {
    let dir = std::env::temp_dir().join(format!("rnw-cap-{}-{}", ns.name, args.join("")));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let mut capture = vec!["--capture", d];
    capture.extend(args);
    let live = ns.rnetstat_ok(&capture);
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("diag-"))
        .collect();
    let rendered = render_from(d, args);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(rendered, live, "{args:?}");
    files
}

#[test]
fn a_capture_keeps_one_tcp_dump_per_walk_and_renders_the_same() {
    let h = Held::new("rnw-tc");
    let set =
        |names: &[&str]| -> BTreeSet<String> { names.iter().map(|n| n.to_string()).collect() };
    // Plain -an: one walk, no SYN queues (its text has no incqlen).
    assert_eq!(
        captured_diag_files(&h.ns, &["-an", "-p", "tcp"]),
        set(&["diag-any-6.nl"])
    );
    assert_eq!(
        captured_diag_files(&h.ns, &["-an", "-p", "tcp", "-f", "inet6"]),
        set(&["diag-any-6.nl"])
    );
    // -L and JSON show incqlen: the SYN queues' walk first.
    assert_eq!(
        captured_diag_files(&h.ns, &["-L", "-p", "tcp"]),
        set(&["diag-any-6-syn.nl", "diag-any-6.nl"])
    );
    assert_eq!(
        captured_diag_files(&h.ns, &["-an", "-p", "tcp", "--json"]),
        set(&["diag-any-6-syn.nl", "diag-any-6.nl"])
    );
    // -s: the connection count by state, one walk.
    assert_eq!(
        captured_diag_files(&h.ns, &["-s", "-p", "tcp"]),
        set(&["diag-any-6-states.nl"])
    );
    let stats = h.ns.rnetstat_ok(&["-s", "-p", "tcp"]);
    for line in [
        "\t4 connections in LISTEN state",
        "\t10 connections in ESTABLISHED state",
    ] {
        assert!(stats.lines().any(|l| l == line), "no {line:?} in\n{stats}");
    }
    // -L: each listener with its limit (8), nothing waiting.
    let listen = h.ns.rnetstat_ok(&["-L", "-p", "tcp"]);
    let rows = section(&listen, "Current listen queue sizes (qlen/incqlen/maxqlen)");
    assert_eq!(rows.len(), 4, "{listen}");
    assert!(rows.iter().all(|r| r.contains(" 0/0/8 ")), "{listen}");
}
