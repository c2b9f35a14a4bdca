//! `-j all`'s one walk of every namespace's TCP tables (a BPF program, crates/linux/src/
//! tcp_walk) against each namespace's own sock_diag dump (RNETSTAT_TCP_WALK=off): the same
//! text, namespace by namespace, for listeners of both families (dual-stack and IPv6-only),
//! connections with unread bytes and TIME_WAIT, in namespaces that share the kernel's table
//! and in one with a table of its own (net.ipv4.tcp_child_ehash_entries).

use crate::common::*;
use std::process::{Child, Command, Output};

/// Python that makes the sockets of namespace number `n` (ports 7n01...): an IPv4 listener,
/// a dual-stack and an IPv6-only one, two connections (IPv4, IPv6) holding `n + 4` unread
/// bytes at the accepting end, and one closed connection in TIME_WAIT; says `ready`.
fn sockets(n: u16) -> String {
    format!(
        r#"
import socket, sys, time
P = {base}
def listen(fam, addr, port, v6only=None):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((addr, port)); s.listen(16); return s
held = [listen(socket.AF_INET, "127.0.0.1", P + 1), listen(socket.AF_INET6, "::", P + 2, 0),
        listen(socket.AF_INET6, "::1", P + 3, 1)]
for fam, addr, l in [(socket.AF_INET, "127.0.0.1", held[0]), (socket.AF_INET6, "::1", held[2])]:
    c = socket.socket(fam, socket.SOCK_STREAM); c.connect((addr, l.getsockname()[1]))
    a, _ = l.accept(); c.sendall(b"x" * {unread}); held += [c, a]
c = socket.socket(socket.AF_INET, socket.SOCK_STREAM); c.connect(("127.0.0.1", P + 1))
a, _ = held[0].accept(); c.close(); a.close()
time.sleep(0.3)
print("ready", flush=True)
sys.stdin.read()
"#,
        base = 7000 + 100 * n,
        unread = n + 4
    )
}

/// The lines of `text` under the heading of the namespace whose heading contains `key`.
fn namespace_section(text: &str, key: &str) -> Vec<String> {
    let mut lines = text.lines();
    let found = lines
        .by_ref()
        .find(|l| l.starts_with("Network namespace ") && l.contains(key));
    assert!(found.is_some(), "no heading with {key:?} in:\n{text}");
    lines
        .take_while(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn listing(walk: &str) -> Output {
    Command::new(bin())
        .args(["-an", "-p", "tcp", "-j", "all"])
        .env("RNETSTAT_TCP_WALK", walk)
        .output()
        .expect("run rnetstat")
}

/// True when this kernel can run the walk: BTF and the tables of Linux 6.1 and later.
fn kernel_can_walk() -> bool {
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap();
    let mut v = release
        .trim()
        .split(|c: char| !c.is_ascii_digit())
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (v.next().unwrap_or(0), v.next().unwrap_or(0));
    std::path::Path::new("/sys/kernel/btf/vmlinux").exists() && (major, minor) >= (6, 1)
}

struct Helper(Child);

impl Drop for Helper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn one_walk_lists_each_namespaces_tcp_sockets_as_its_own_dump_does() {
    let a = Netns::with_prefix("rnw", "a");
    let b = Netns::with_prefix("rnw", "b");
    let (ha, ready) = a.python_inline(&sockets(1));
    let _ha = Helper(ha);
    assert_eq!(ready.trim(), "ready");
    let (hb, ready) = b.python_inline(&sockets(2));
    let _hb = Helper(hb);
    assert_eq!(ready.trim(), "ready");
    // A namespace with a table of its own: made from inside a namespace whose
    // tcp_child_ehash_entries asks for one (kernels from 6.1), held only by its process.
    let parent = Netns::with_prefix("rnw", "p");
    let own = parent
        .exec(&["sysctl", "-qw", "net.ipv4.tcp_child_ehash_entries=256"])
        .status
        .success();
    let (child, line) = start_until_line(
        parent
            .command("unshare")
            .args(["--net", "sh", "-c"])
            .arg(format!(
                "ip link set lo up && exec python3 -c '{}'",
                sockets(3).replace('\'', "\"")
            )),
        "unshare",
    );
    let child = Helper(child);
    assert_eq!(line.trim(), "ready");
    let child_pid = format!("pid {})", child.0.id());
    if own {
        let entries = run(&[
            "nsenter",
            "-t",
            &child.0.id().to_string(),
            "-n",
            "sysctl",
            "-n",
            "net.ipv4.tcp_ehash_entries",
        ]);
        assert_eq!(text(&entries).trim(), "256", "the child has its own table");
    }

    let dumps = listing("off");
    assert!(
        dumps.status.success(),
        "{}",
        String::from_utf8_lossy(&dumps.stderr)
    );
    let walked = listing("require");
    if !kernel_can_walk() {
        assert_eq!(walked.status.code(), Some(1));
        let err = String::from_utf8_lossy(&walked.stderr);
        assert!(err.starts_with("rnetstat: "), "{err}");
        return;
    }
    assert!(
        walked.status.success(),
        "the walk failed: {}",
        String::from_utf8_lossy(&walked.stderr)
    );
    let (dumps, walked) = (text(&dumps), text(&walked));
    for (n, key) in [
        (1u16, a.name.as_str()),
        (2, b.name.as_str()),
        (3, child_pid.as_str()),
    ] {
        let by_walk = namespace_section(&walked, key);
        assert_eq!(by_walk, namespace_section(&dumps, key), "namespace {key}");
        let port = |k: u16| 7000 + 100 * n + k;
        let has = |want: &str| {
            assert!(
                by_walk.iter().any(|l| {
                    let words: Vec<&str> = l.split_whitespace().collect();
                    words.join(" ").contains(want)
                }),
                "{key}: no row with {want:?} in\n{}",
                by_walk.join("\n")
            )
        };
        has(&format!("tcp4 0 0 127.0.0.1.{} *.* LISTEN", port(1)));
        has(&format!("tcp46 0 0 *.{} *.* LISTEN", port(2)));
        has(&format!("tcp6 0 0 ::1.{} *.* LISTEN", port(3)));
        has(&format!("tcp4 {} 0 127.0.0.1.{}", n + 4, port(1)));
        has(&format!("tcp6 {} 0 ::1.{}", n + 4, port(3)));
        has("TIME_WAIT");
        // Nothing of the other namespaces: each port range stays home.
        for other in (1..=3).filter(|o| *o != n) {
            let foreign = format!(".{}", 7000 + 100 * other + 1);
            assert!(
                !by_walk.iter().any(|l| l.contains(&foreign)),
                "{key} shows a socket of namespace {other}"
            );
        }
    }
}

/// Python that holds a listener on 127.0.0.1:7901 with two connections to it, says `ready`,
/// then opens and resets connections to it as fast as it can until stdin closes.
const CHURN: &str = r#"
import socket, struct, sys, threading
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("127.0.0.1", 7901)); l.listen(512)
held = []
for _ in range(2):
    c = socket.create_connection(("127.0.0.1", 7901)); a, _ = l.accept(); held += [c, a]
stop = threading.Event()
def churn():
    while not stop.is_set():
        c = socket.create_connection(("127.0.0.1", 7901))
        a, _ = l.accept()
        for s in (c, a):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()
threading.Thread(target=churn, daemon=True).start()
print("ready", flush=True)
sys.stdin.read()
stop.set()
"#;

#[test]
fn the_walk_keeps_the_steady_sockets_of_a_namespace_whose_sockets_come_and_go() {
    if !kernel_can_walk() {
        return assert_eq!(listing("require").status.code(), Some(1));
    }
    let ns = Netns::with_prefix("rnw", "churn");
    let (h, ready) = ns.python_inline(CHURN);
    let _h = Helper(h);
    assert_eq!(ready.trim(), "ready");
    for _ in 0..5 {
        let out = listing("require");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows = namespace_section(&text(&out), &ns.name);
        let listeners = rows
            .iter()
            .filter(|l| l.contains("127.0.0.1.7901") && l.contains("LISTEN"))
            .count();
        assert_eq!(listeners, 1, "{}", rows.join("\n"));
        // The two steady connections, both ends, each once among the churn's.
        let established: Vec<&String> = rows.iter().filter(|l| l.contains("ESTABLISHED")).collect();
        assert!(established.len() >= 4, "{}", rows.join("\n"));
        let mut unique = established.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            established.len(),
            "a row twice:\n{}",
            rows.join("\n")
        );
    }
}
