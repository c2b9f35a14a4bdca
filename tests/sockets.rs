//! The socket display against a real namespace full of sockets (tests/helpers/sockets.py), against
//! `ss`, through both kernel paths (sock_diag and /proc/net), and as an unprivileged user.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::{Child, Command};

/// The socket zoo running in its own namespace; killed (stdin closed) on drop.
struct Zoo {
    ns: Netns,
    child: Child,
    /// What the helper made.
    info: Value,
}

impl Zoo {
    fn new(tag: &str) -> Zoo {
        let ns = Netns::new(tag);
        let (child, info) = ns.python_helper("sockets.py", &[]);
        Zoo { ns, child, info }
    }

    fn pid(&self) -> u64 {
        self.info["pid"].as_u64().unwrap()
    }

    /// The helper's sockets named `name`.
    fn socket(&self, name: &str) -> &Value {
        self.info["sockets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no {name}"))
    }
}

impl Drop for Zoo {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// Rows of a section, split into columns.
fn rows(text: &str, title: &str) -> Vec<Vec<String>> {
    section(text, title)
        .iter()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

fn has_row(rows: &[Vec<String>], cols: &[&str]) -> bool {
    rows.iter()
        .any(|r| r.len() >= cols.len() && r.iter().zip(cols).all(|(a, b)| a == b))
}

#[test]
fn internet_and_unix_sections_show_what_was_opened() {
    let z = Zoo::new("sk");
    let out = z.ns.rnetstat_ok(&["-an"]);
    let inet = rows(&out, "Active Internet connections (including servers)");
    for cols in [
        &["tcp4", "0", "0", "127.0.0.1.40001", "*.*", "LISTEN"][..],
        &["tcp4", "0", "0", "127.0.0.1.40002", "*.*", "LISTEN"],
        &["tcp6", "0", "0", "::1.40003", "*.*", "LISTEN"],
        &["tcp46", "0", "0", "*.40004", "*.*", "LISTEN"],
        &["udp4", "0", "0", "127.0.0.1.40005", "*.*"],
        &["udp6", "0", "0", "::1.40007", "*.*"],
        // Raw sockets are named after their IP protocol, as BSD netstat names them.
        &["icm4", "0", "0", "*.*", "*.*"],
        &["icm6", "0", "0", "*.*", "*.*"],
    ] {
        assert!(has_row(&inet, cols), "no row {cols:?} in\n{out}");
    }
    let c = z.socket("tcp4_client");
    let client_port = c["local_port"].as_u64().unwrap();
    assert!(
        has_row(
            &inet,
            &[
                "tcp4",
                "0",
                "0",
                &format!("127.0.0.1.{client_port}"),
                "127.0.0.1.40001",
                "ESTABLISHED"
            ]
        ),
        "{out}"
    );
    assert!(
        has_row(
            &inet,
            &[
                "tcp4",
                "0",
                "0",
                "127.0.0.1.40008",
                "127.0.0.1.40001",
                "TIME_WAIT"
            ]
        ),
        "{out}"
    );
    assert!(
        has_row(
            &inet,
            &[
                "udp4",
                "0",
                "0",
                "127.0.0.1.40006",
                "127.0.0.1.40005",
                "ESTABLISHED"
            ]
        ),
        "{out}"
    );
    // The dual-stack listener's IPv4 connection is IPv4, as BSD prints it (not ::ffff:).
    assert!(
        inet.iter()
            .any(|r| r[0] == "tcp4" && r[3] == "127.0.0.1.40004" && r[5] == "ESTABLISHED"),
        "v4-mapped: {out}"
    );
    assert!(!out.contains("::ffff:"), "{out}");
    // As in BSD netstat: no blank line between sections, no packet sockets unless asked for.
    assert!(!out.lines().any(|l| l.trim().is_empty()), "{out}");
    assert!(!out.contains("packet"), "{out}");

    let unix = section(&out, "Active UNIX domain sockets");
    let dir = z.info["unix_dir"].as_str().unwrap();
    let pid = z.pid();
    for path in [
        format!("{dir}/stream.sock"),
        format!("{dir}/dgram.sock"),
        format!("@rnetstat-test-{pid}"),
    ] {
        assert!(
            unix.iter().any(|l| l.ends_with(&format!(" {path}"))),
            "no {path} in\n{out}"
        );
    }
    // The packet socket bound to lo, listening to every EtherType.
    let link = z.ns.rnetstat_ok(&["-an", "-f", "link"]);
    assert!(link.starts_with("Active packet sockets\n"), "{link}");
    assert_eq!(link, z.ns.rnetstat_ok(&["-an", "-p", "packet"]));
    let packet = rows(&link, "Active packet sockets");
    let inode = z.socket("packet_lo")["inode"].to_string();
    assert!(
        packet
            .iter()
            .any(|r| r[1..] == ["raw", "all", "lo", inode.as_str()]),
        "{link}"
    );
    // The unnamed socketpairs: connected to each other, no address.
    let seq: Vec<&&str> = unix.iter().filter(|l| l.contains(" seqpac ")).collect();
    assert!(seq.len() >= 2, "{out}");
    // Without -a, as BSD: no listeners and no sockets bound to the wildcard address; sockets
    // bound to a specific address show, connected or not.
    let plain = z.ns.rnetstat_ok(&["-n"]);
    assert!(
        plain.starts_with("Active Internet connections\n"),
        "{plain}"
    );
    assert!(
        !plain.contains("LISTEN") && !plain.contains("*.40004") && !plain.contains("icm4"),
        "{plain}"
    );
    assert!(
        plain.contains("udp4       0      0  127.0.0.1.40005        *.*"),
        "{plain}"
    );
    assert!(plain.contains("127.0.0.1.40001"), "{plain}");
    assert!(
        plain.contains("stream.sock"),
        "unix sockets always show: {plain}"
    );
}

#[test]
fn link_local_sockets_carry_their_zone_and_queues_their_bytes() {
    let ns = Netns::new("sz");
    ns.ip_batch("link add zz0 type veth peer name zz1\nlink set zz0 up\nlink set zz1 up\naddr add fe80::1/64 dev zz0 nodad\n");
    let idx = ns.ip_json("link show dev zz0")[0]["ifindex"]
        .as_u64()
        .unwrap();
    // A listener on fe80::1%zz0, and 3 datagrams of 100 bytes queued on a bound UDP socket.
    let script = format!(
        "import socket,sys\nl=socket.socket(socket.AF_INET6); l.bind(('fe80::1', 40200, 0, {idx})); l.listen(1)\n\
         u=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 40201))\n\
         c=socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n\
         for _ in range(3): c.sendto(b'x'*100, ('127.0.0.1', 40201))\n\
         print('up', flush=True); sys.stdin.read()\n"
    );
    let (mut child, _) = ns.python_inline(&script);
    let out = ns.rnetstat_ok(&["-an"]);
    assert!(
        out.lines()
            .any(|l| l.contains("fe80::1%zz0.40200") && l.contains("LISTEN")),
        "{out}"
    );
    let doc = json(&ns.rnetstat_ok(&["-an", "--json", "-p", "udp"]));
    let udp = doc["sockets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["local"]["port"] == 40201)
        .unwrap();
    // The receive queue counts the kernel's buffers for 3 datagrams, as ss shows it.
    let ss = text(&ns.exec(&["ss", "-Hnua", "src", "127.0.0.1:40201"]));
    let ss_recv: u64 = ss.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(ss_recv >= 300, "{ss}");
    assert_eq!(
        (udp["recv_q"].as_u64(), udp["send_q"].as_u64()),
        (Some(ss_recv), Some(0))
    );
    let l6 = json(&ns.rnetstat_ok(&["-an", "--json", "-p", "tcp"]));
    assert_eq!(l6["sockets"][0]["zone"], "zz0");
    drop(child.stdin.take());
    let _ = child.wait();
}

#[test]
fn filters_listen_queues_owners_and_kernel_ids() {
    let z = Zoo::new("sf");
    let tcp = z.ns.rnetstat_ok(&["-an", "-p", "tcp"]);
    assert!(!tcp.contains("udp4") && !tcp.contains("UNIX"), "{tcp}");
    // -f inet keeps the IPv6 listener that takes IPv4 too, as BSD does.
    let v4 = z.ns.rnetstat_ok(&["-an", "-f", "inet"]);
    assert!(
        v4.contains("tcp46") && !v4.contains("tcp6 ") && v4.contains("tcp4 "),
        "{v4}"
    );
    let v6 = z.ns.rnetstat_ok(&["-an", "-f", "inet6"]);
    assert!(!v6.contains("tcp4 ") && v6.contains("tcp6 "), "{v6}");
    let unix = z.ns.rnetstat_ok(&["-an", "-f", "unix"]);
    assert!(unix.starts_with("Active UNIX domain sockets\n"), "{unix}");

    let l = z.ns.rnetstat_ok(&["-anL"]);
    let rows = rows(&l, "Current listen queue sizes (qlen/incqlen/maxqlen)");
    assert!(has_row(&rows, &["tcp4", "3/0/8", "127.0.0.1.40002"]), "{l}");
    assert!(
        has_row(&rows, &["tcp4", "0/0/16", "127.0.0.1.40001"]),
        "{l}"
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "unix" && r.last().unwrap().ends_with("stream.sock")),
        "{l}"
    );

    let v = z.ns.rnetstat_ok(&["-anv", "-p", "tcp"]);
    let pid = z.pid().to_string();
    let listener = v
        .lines()
        .find(|l| l.contains("127.0.0.1.40001") && l.contains("LISTEN"))
        .unwrap();
    let cols: Vec<&str> = listener.split_whitespace().collect();
    assert_eq!(
        cols[cols.len() - 3..],
        ["0", pid.as_str(), "python3"],
        "{listener}"
    );

    let a = z.ns.rnetstat_ok(&["-anA", "-p", "tcp"]);
    let row = a
        .lines()
        .find(|l| l.contains("127.0.0.1.40001") && l.contains("LISTEN"))
        .unwrap();
    let cookie = row.split_whitespace().next().unwrap();
    assert!(
        cookie.len() == 16 && u64::from_str_radix(cookie, 16).is_ok(),
        "{row}"
    );
}

/// (proto, local, remote, state) of ss's answer, normalised as [`ours`] normalises.
fn ss_sockets(ns: &Netns, proto: &str, args: &str) -> BTreeSet<(String, String, String, String)> {
    let out = ns.exec(&["ss", "-Hn", args]);
    let state_name = |s: &str| match s {
        "ESTAB" => "ESTABLISHED".to_string(),
        "UNCONN" => String::new(),
        other => other.replace('-', "_"),
    };
    let norm = |e: &str| {
        let (addr, port) = e.rsplit_once(':').unwrap();
        let addr = addr.trim_start_matches('[').trim_end_matches(']');
        // rnetstat prints an IPv4-mapped socket as IPv4, as BSD does.
        let addr = addr.trim_start_matches("::ffff:");
        let addr = addr.split('%').next().unwrap();
        let addr = if matches!(addr, "*" | "0.0.0.0" | "::") {
            "*"
        } else {
            addr
        };
        format!("{addr}:{}", if port == "*" { "0" } else { port })
    };
    text(&out)
        .lines()
        .map(|l| {
            // One protocol asked for: State Recv-Q Send-Q Local Peer.
            let f: Vec<&str> = l.split_whitespace().collect();
            let state = match state_name(f[0]).as_str() {
                "FIN_WAIT1" => "FIN_WAIT_1".to_string(),
                "FIN_WAIT2" => "FIN_WAIT_2".to_string(),
                other => other.to_string(),
            };
            (proto.to_string(), norm(f[3]), norm(f[4]), state)
        })
        .collect()
}

fn ours(doc: &Value, proto: &str) -> BTreeSet<(String, String, String, String)> {
    let ep = |e: &Value| {
        if e.is_null() {
            return "*:0".to_string();
        }
        let a = e["address"].as_str().unwrap();
        let a = if matches!(a, "0.0.0.0" | "::") {
            "*"
        } else {
            a
        };
        format!("{a}:{}", e["port"])
    };
    doc["sockets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["proto"] == proto)
        .map(|s| {
            (
                proto.to_string(),
                ep(&s["local"]),
                ep(&s["remote"]),
                s["state"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn json_agrees_with_ss_and_validates() {
    let z = Zoo::new("sj");
    let doc = json(&z.ns.rnetstat_ok(&["-an", "--json"]));
    assert_schema("sockets", &doc);
    assert_eq!(ours(&doc, "tcp"), ss_sockets(&z.ns, "tcp", "-ta"));
    let udp: BTreeSet<_> = ours(&doc, "udp")
        .into_iter()
        .map(|(p, l, r, st)| {
            (
                p,
                l,
                r,
                if st == "ESTABLISHED" {
                    st
                } else {
                    String::new()
                },
            )
        })
        .collect();
    let ss_udp = ss_sockets(&z.ns, "udp", "-ua");
    assert_eq!(udp, ss_udp);
    // Unix sockets by inode, against `ss -xa`'s inode column.
    let ss_unix: BTreeSet<u64> = text(&z.ns.exec(&["ss", "-Hnxa"]))
        .lines()
        .map(|l| l.split_whitespace().nth(5).unwrap().parse().unwrap())
        .collect();
    let unix: BTreeSet<u64> = doc["sockets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["proto"] == "unix")
        .map(|s| s["inode"].as_u64().unwrap())
        .collect();
    assert_eq!(unix, ss_unix);
    let listener = doc["sockets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["local"]["port"] == 40002 && s["state"] == "LISTEN")
        .unwrap();
    assert_eq!(
        listener["listen"],
        serde_json::json!({"qlen": 3, "incqlen": 0, "maxqlen": 8})
    );
    assert_eq!(
        listener["inode"].as_u64(),
        z.socket("tcp4_backlog_listener")["inode"].as_u64()
    );
    let v = json(&z.ns.rnetstat_ok(&["-anv", "--json", "-p", "tcp"]));
    let owned = v["sockets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["local"]["port"] == 40001 && s["state"] == "LISTEN")
        .unwrap();
    assert_eq!(owned["owners"][0]["pid"].as_u64(), Some(z.pid()));
}

/// The fields both kernel paths report, per socket.
fn comparable(doc: &Value) -> BTreeSet<String> {
    doc["sockets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let unix = s["proto"] == "unix";
            format!(
                "{} {} {} {} {} {} {}",
                s["proto"],
                s["family"],
                s["local"],
                if unix {
                    Value::Null
                } else {
                    s["remote"].clone()
                },
                s["state"],
                s["inode"],
                if unix { Value::Null } else { s["uid"].clone() }
            )
        })
        .collect()
}

#[test]
fn sock_diag_and_procfs_agree() {
    let z = Zoo::new("sp");
    let diag = json(&z.ns.rnetstat_ok(&["-an", "--json"]));
    let proc = procfs_json(&z.ns, &["-an", "--json"]);
    assert_schema("sockets", &proc);
    assert_eq!(comparable(&diag), comparable(&proc));
    assert!(comparable(&diag).len() > 20);
}

#[test]
fn an_unprivileged_user_sees_sockets_and_a_note() {
    let z = Zoo::new("su");
    let out = Command::new("ip")
        .args([
            "netns",
            "exec",
            &z.ns.name,
            "setpriv",
            "--reuid",
            "nobody",
            "--regid",
            "nogroup",
            "--clear-groups",
            bin(),
            "-anv",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.starts_with("rnetstat: warning: the owners of sockets held by")
            && err.lines().count() == 1,
        "{err}"
    );
    let text = text(&out);
    // The sockets are there, their owner (root's helper) is not.
    let listener = text
        .lines()
        .find(|l| l.contains("127.0.0.1.40001") && l.contains("LISTEN"))
        .unwrap();
    assert!(listener.trim_end().ends_with("0       - -"), "{listener}");
}

#[test]
fn capture_then_render_gives_the_same_sockets() {
    let z = Zoo::new("sc");
    for args in [
        &["-anv"][..],
        &["-anL"],
        &["-an", "--json"],
        &["-anA", "-f", "unix"],
    ] {
        let live = z.ns.assert_capture_round_trip(args);
        assert!(live.lines().count() > 5, "{args:?}: {live}");
    }
}

/// Run a python3 script in `ns` that prints one line once its sockets are made and holds them
/// until its stdin closes.
fn hold(ns: &Netns, script: &str) -> Child {
    let (child, up) = ns.python_inline(script);
    assert_eq!(up, "up", "the script failed");
    child
}

fn release(mut child: Child) {
    drop(child.stdin.take());
    let _ = child.wait();
}

/// `-an --json` through /proc/net (RNETSTAT_PROCFS=1).
fn procfs_json(ns: &Netns, args: &[&str]) -> Value {
    let out = ns
        .command(bin())
        .args(args)
        .env("RNETSTAT_PROCFS", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&text(&out))
}

/// A veth pair in `ns` with `addr`/24 on its first end, both ends up.
fn veth(ns: &Netns, addr: &str) {
    ns.ip_batch(&format!(
        "link add d0 type veth peer name d1\naddr add {addr}/24 dev d0\nlink set d0 up\nlink set d1 up\n"
    ));
}

#[test]
fn ipv4_connections_of_a_dual_stack_listener_are_ipv4() {
    let ns = Netns::new("sm");
    veth(&ns, "192.0.2.2");
    // A name whose cut (13 characters before .http-alt) ends on a dot.
    ns.etc("hosts", "192.0.2.2 abcdefghijkl.example\n");
    ns.etc("services", "http-alt 8080/tcp\n");
    let child = hold(
        &ns,
        "import socket,sys\n\
         l=socket.socket(socket.AF_INET6); l.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)\n\
         l.bind(('::', 8080)); l.listen(4)\n\
         c=socket.socket(); c.bind(('192.0.2.2', 46708)); c.connect(('192.0.2.2', 8080)); s,_=l.accept()\n\
         print('up', flush=True); sys.stdin.read()\n",
    );
    let out = ns.rnetstat_ok(&["-an", "-p", "tcp"]);
    let inet = rows(&out, "Active Internet connections (including servers)");
    for cols in [
        &["tcp46", "0", "0", "*.8080", "*.*", "LISTEN"][..],
        &[
            "tcp4",
            "0",
            "0",
            "192.0.2.2.8080",
            "192.0.2.2.46708",
            "ESTABLISHED",
        ],
        &[
            "tcp4",
            "0",
            "0",
            "192.0.2.2.46708",
            "192.0.2.2.8080",
            "ESTABLISHED",
        ],
    ] {
        assert!(has_row(&inet, cols), "no row {cols:?} in\n{out}");
    }
    assert!(!out.contains("ffff") && !out.contains("tcp6"), "{out}");
    // -f inet keeps them (and the tcp46 listener); -f inet6 keeps only the listener.
    let v4 = ns.rnetstat_ok(&["-an", "-f", "inet"]);
    assert_eq!(v4, out, "-f inet");
    let v6 = ns.rnetstat_ok(&["-an", "-f", "inet6"]);
    let v6rows = rows(&v6, "Active Internet connections (including servers)");
    assert_eq!(v6rows.len(), 1, "{v6}");
    assert_eq!(v6rows[0][0], "tcp46", "{v6}");
    // Named: the host cut before its dot, never `..`.
    let named = ns.rnetstat_ok(&["-a", "-p", "tcp"]);
    assert!(
        named.contains(
            "tcp4       0      0  abcdefghijkl.http-alt  abcdefghijkl.exa.46708 ESTABLISHED"
        ),
        "{named}"
    );
    assert!(!named.contains(".."), "{named}");
    // JSON: an IPv4 socket with IPv4 addresses, on both kernel paths.
    let doc = json(&ns.rnetstat_ok(&["-an", "-p", "tcp", "--json"]));
    assert_schema("sockets", &doc);
    let server = doc["sockets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["local"]["port"] == 8080 && s["state"] == "ESTABLISHED")
        .unwrap();
    assert_eq!(server["family"], "inet", "{server}");
    assert_eq!(server["local"]["address"], "192.0.2.2", "{server}");
    assert_eq!(server["remote"]["address"], "192.0.2.2", "{server}");
    assert_eq!(
        comparable(&doc),
        comparable(&procfs_json(&ns, &["-an", "-p", "tcp", "--json"]))
    );
    release(child);
}

#[test]
fn raw_and_ping_sockets_are_named_after_their_protocol() {
    let ns = Netns::new("si");
    ns.exec(&["sysctl", "-qw", "net.ipv4.ping_group_range=0 2147483647"]);
    let child = hold(
        &ns,
        "import socket,sys\n\
         k=[socket.socket(socket.AF_INET, socket.SOCK_RAW, p) for p in (1, 2, 253)]\n\
         k.append(socket.socket(socket.AF_INET6, socket.SOCK_RAW, 58))\n\
         p=socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP); p.bind(('127.0.0.1', 4711))\n\
         q=socket.socket(socket.AF_INET6, socket.SOCK_DGRAM, 58); q.bind(('::1', 4712))\n\
         print('up', flush=True); sys.stdin.read()\n",
    );
    let an = ns.rnetstat_ok(&["-an"]);
    let inet = rows(&an, "Active Internet connections (including servers)");
    for cols in [
        &["icm4", "0", "0", "*.*", "*.*"][..],
        &["igm4", "0", "0", "*.*", "*.*"],
        &["raw4", "0", "0", "*.*", "*.*"],
        &["icm6", "0", "0", "*.*", "*.*"],
        &["icm4", "0", "0", "127.0.0.1.4711", "*.*"],
        &["icm6", "0", "0", "::1.4712", "*.*"],
    ] {
        assert!(has_row(&inet, cols), "no row {cols:?} in\n{an}");
    }
    let protos = |args: &[&str]| -> Vec<String> {
        let out = ns.rnetstat_ok(args);
        let mut p: Vec<String> = rows(&out, "Active Internet connections (including servers)")
            .into_iter()
            .map(|r| format!("{} {}", r[0], r[3]))
            .collect();
        p.sort();
        p
    };
    // -p icmp: the ICMP raw socket and the IPv4 ping socket; -p icmp6 their IPv6 peers.
    assert_eq!(
        protos(&["-an", "-p", "icmp"]),
        ["icm4 *.*", "icm4 127.0.0.1.4711"]
    );
    assert_eq!(
        protos(&["-an", "-p", "icmp6"]),
        ["icm6 *.*", "icm6 ::1.4712"]
    );
    assert_eq!(
        protos(&["-an", "-p", "raw"]),
        ["icm4 *.*", "icm6 *.*", "igm4 *.*", "raw4 *.*"]
    );
    // Without -a the ping socket bound to an address shows, the unbound raw ones do not.
    assert_eq!(
        protos(&["-n", "-p", "icmp"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        Vec::<&str>::new(),
        "the header has no (including servers)"
    );
    let plain = ns.rnetstat_ok(&["-n", "-p", "icmp"]);
    assert!(
        plain.contains("icm4       0      0  127.0.0.1.4711         *.*"),
        "{plain}"
    );
    assert!(!plain.contains("*.*                    *.*"), "{plain}");
    // JSON: the ping sockets are icmp/icmp6 datagram sockets, the raw ones carry their protocol.
    let doc = json(&ns.rnetstat_ok(&["-an", "--json"]));
    assert_schema("sockets", &doc);
    let socks = doc["sockets"].as_array().unwrap();
    let kinds: BTreeSet<String> = socks
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {}",
                s["proto"], s["family"], s["type"], s["ip_proto"]
            )
        })
        .collect();
    let want: BTreeSet<String> = [
        r#""raw" "inet" "raw" 1"#,
        r#""raw" "inet" "raw" 2"#,
        r#""raw" "inet" "raw" 253"#,
        r#""raw" "inet6" "raw" 58"#,
        r#""icmp" "inet" "dgram" 1"#,
        r#""icmp6" "inet6" "dgram" 58"#,
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(kinds, want, "{doc}");
    let proc = procfs_json(&ns, &["-an", "--json"]);
    assert_schema("sockets", &proc);
    let with_proto = |d: &Value| -> BTreeSet<String> {
        d["sockets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                format!(
                    "{} {} {} {}",
                    s["proto"], s["local"], s["ip_proto"], s["inode"]
                )
            })
            .collect()
    };
    assert_eq!(with_proto(&doc), with_proto(&proc));
    // The BSD forms have no ping sockets: -p icmp stays refused there.
    let bsd = rnetstat(&["-M", "fixtures/freebsd/host1", "-an", "-p", "icmp"]);
    assert_eq!(bsd.status.code(), Some(1), "{}", text(&bsd));
    release(child);
}

#[test]
fn listen_queues_count_half_open_connections() {
    let ns = Netns::new("sq");
    veth(&ns, "192.0.2.2");
    let (mut child, _) = ns.python_helper("syn_queue.py", &["192.0.2.2"]);
    // 3 connections never accepted, 2 SYNs never completed, backlog 7; the dual-stack listener
    // has the one half-open IPv4 connection.
    let l = ns.rnetstat_ok(&["-anL"]);
    let q = rows(&l, "Current listen queue sizes (qlen/incqlen/maxqlen)");
    assert!(has_row(&q, &["tcp4", "3/2/7", "192.0.2.2.8080"]), "{l}");
    assert!(has_row(&q, &["tcp46", "0/1/5", "*.8081"]), "{l}");
    assert_eq!(q.len(), 2, "{l}");
    let doc = json(&ns.rnetstat_ok(&["-an", "-p", "tcp", "--json"]));
    assert_schema("sockets", &doc);
    let listen: BTreeSet<String> = doc["sockets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["state"] == "LISTEN")
        .map(|s| s["listen"].to_string())
        .collect();
    assert_eq!(
        listen,
        [
            r#"{"qlen":0,"incqlen":1,"maxqlen":5}"#.to_string(),
            r#"{"qlen":3,"incqlen":2,"maxqlen":7}"#.to_string()
        ]
        .into_iter()
        .collect(),
    );
    // The half-open connections are listed as SYN_RCVD, and ss counts as many.
    let an = ns.rnetstat_ok(&["-an", "-p", "tcp"]);
    let syn = an.lines().filter(|l| l.ends_with("SYN_RCVD")).count();
    let ss = text(&ns.exec(&["ss", "-Htn", "state", "syn-recv"]));
    assert_eq!((syn, ss.lines().count()), (3, 3), "{an}\n{ss}");
    // /proc/net counts the same (it knows no limit, and no IPv6-only flag: tcp6).
    let out = ns
        .command(bin())
        .args(["-anL"])
        .env("RNETSTAT_PROCFS", "1")
        .output()
        .unwrap();
    let p = text(&out);
    let pq = rows(&p, "Current listen queue sizes (qlen/incqlen/maxqlen)");
    assert!(has_row(&pq, &["tcp4", "3/2/-", "192.0.2.2.8080"]), "{p}");
    assert!(has_row(&pq, &["tcp6", "0/1/-", "*.8081"]), "{p}");
    // A capture keeps the SYN queue dumps.
    ns.assert_capture_round_trip(&["-anL"]);
    drop(child.stdin.take());
    let _ = child.wait();
}

#[test]
fn the_bsd_forms_still_refuse_link_sockets() {
    let out = rnetstat(&["-M", "fixtures/freebsd/host1", "-an", "-f", "link"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no link sockets"), "{err}");
}

/// Connections opening and closing while -an reads the socket tables: every printed TCP row is
/// whole (protocol, queues, both endpoints, a state), none is printed twice but TIME_WAIT
/// twins, and the 200 held connections are all there, through sock_diag and /proc/net.
#[test]
fn sockets_changing_during_the_dump_give_whole_unique_rows() {
    let ns = Netns::new("sc");
    let held = hold(
        &ns,
        r#"
import socket, sys, threading
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("127.0.0.1", 21000)); l.listen(512)
c2 = socket.socket(); c2.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
c2.bind(("127.0.0.1", 22000)); c2.listen(512)
keep = []
for _ in range(200):
    c = socket.create_connection(("127.0.0.1", 21000)); keep.append((c, l.accept()[0]))
def churn():
    while True:
        try:
            c = socket.create_connection(("127.0.0.1", 22000)); a = c2.accept()[0]
            a.close(); c.close()
        except OSError:
            pass
threading.Thread(target=churn, daemon=True).start()
print("up", flush=True)
sys.stdin.read()
"#,
    );
    for procfs in [false, true] {
        for _ in 0..5 {
            let mut cmd = ns.command(bin());
            cmd.args(["-an", "-p", "tcp"]);
            if procfs {
                cmd.env("RNETSTAT_PROCFS", "1");
            }
            let out = cmd.output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = text(&out);
            let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("tcp")).collect();
            let mut seen = BTreeSet::new();
            let mut held_rows = 0;
            for r in &rows {
                let cells: Vec<&str> = r.split_whitespace().collect();
                assert_eq!(cells.len(), 6, "torn row: {r}");
                assert!(
                    cells[1].parse::<u64>().is_ok() && cells[2].parse::<u64>().is_ok(),
                    "{r}"
                );
                // A TIME_WAIT connection can be listed again by its twin after a port reuse.
                if cells[5] != "TIME_WAIT" {
                    assert!(seen.insert((cells[3], cells[4])), "printed twice: {r}");
                }
                let held_port = cells[3].ends_with(".21000") || cells[4].ends_with(".21000");
                if held_port && cells[5] == "ESTABLISHED" {
                    held_rows += 1;
                }
            }
            // 200 client and 200 accepted ends.
            assert_eq!(held_rows, 400, "procfs {procfs}: {text}");
        }
    }
    release(held);
}
