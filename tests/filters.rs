//! The filter expression after the options (`rnetstat -an state listen and user nobody`) on a
//! namespace of known sockets (tests/helpers/filter_sockets.py): each word and combinations
//! select exactly the expected rows, in JSON and as text; bad expressions are one line and
//! status 1; memory stays flat with a filter on 20,000 sockets.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::{Child, Command};

/// A namespace of this module's own (`rnf-` prefix), loopback up with the test addresses.
fn netns(tag: &str) -> Netns {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let name = format!("rnf-{tag}-{}-{n}", std::process::id());
    run(&["ip", "netns", "add", &name]);
    let ns = Netns { name };
    ns.ip("link set lo up");
    for a in ["192.0.2.1/24", "198.51.100.1/24", "203.0.113.1/24"] {
        ns.ip(&format!("addr add {a} dev lo"));
    }
    for a in ["2001:db8::1/64", "2001:db8::2/64"] {
        ns.ip(&format!("addr add {a} dev lo nodad"));
    }
    ns
}

/// A helper process in `ns`, held until drop.
struct Helper {
    child: Child,
    info: Value,
}

impl Helper {
    fn start(ns: &Netns, comm: &str, specs: &[&str]) -> Helper {
        let script = root().join("tests/helpers/filter_sockets.py");
        let (child, line) = start_until_line(
            Command::new("ip")
                .args(["netns", "exec", &ns.name])
                .arg("python3")
                .arg(&script)
                .arg(comm)
                .args(specs),
            "filter_sockets.py",
        );
        let info = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("filter_sockets.py said {line:?}: {e}"));
        Helper { child, info }
    }

    fn pid(&self) -> u64 {
        self.info["pid"].as_u64().unwrap()
    }

    fn client(&self, i: usize) -> u64 {
        self.info["clients"][i].as_u64().unwrap()
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// The scene: a root process `filtsrv` with listeners, connections (IPv4, IPv6 and an IPv4
/// client of a dual-stack listener) and a UDP socket; a process `filtnob` of uid 65534 (nobody)
/// with one listener.
struct Scene {
    server: Helper,
    nobody: Helper,
    ns: Netns,
}

impl Scene {
    fn new() -> Scene {
        let ns = netns("scene");
        let server = Helper::start(
            &ns,
            "filtsrv",
            &[
                "listen,192.0.2.1,8080",
                "connect,198.51.100.1,192.0.2.1,8080",
                "listen,2001:db8::1,443",
                "connect,2001:db8::2,2001:db8::1,443",
                "listen,::,9090",
                "connect,192.0.2.1,192.0.2.1,9090",
                "udp,203.0.113.1,5353",
            ],
        );
        let nobody = Helper::start(&ns, "filtnob", &["uid,65534", "listen,198.51.100.1,7000"]);
        Scene { server, nobody, ns }
    }

    /// Each socket of the scene by a short name, as [`key`] writes it.
    fn names(&self) -> Vec<(&'static str, String)> {
        let (c1, c2, c3) = (
            self.server.client(0),
            self.server.client(1),
            self.server.client(2),
        );
        vec![
            ("L1", "tcp 192.0.2.1.8080 0.0.0.0.0 LISTEN".into()),
            (
                "C1",
                format!("tcp 198.51.100.1.{c1} 192.0.2.1.8080 ESTABLISHED"),
            ),
            (
                "S1",
                format!("tcp 192.0.2.1.8080 198.51.100.1.{c1} ESTABLISHED"),
            ),
            ("L2", "tcp 2001:db8::1.443 ::.0 LISTEN".into()),
            (
                "C2",
                format!("tcp 2001:db8::2.{c2} 2001:db8::1.443 ESTABLISHED"),
            ),
            (
                "S2",
                format!("tcp 2001:db8::1.443 2001:db8::2.{c2} ESTABLISHED"),
            ),
            ("L3", "tcp ::.9090 ::.0 LISTEN".into()),
            (
                "C3",
                format!("tcp 192.0.2.1.{c3} 192.0.2.1.9090 ESTABLISHED"),
            ),
            // Accepted by the dual-stack listener: IPv4-mapped in the kernel, IPv4 here.
            (
                "S3",
                format!("tcp 192.0.2.1.9090 192.0.2.1.{c3} ESTABLISHED"),
            ),
            ("U1", "udp 203.0.113.1.5353 0.0.0.0.0 -".into()),
            ("L4", "tcp 198.51.100.1.7000 0.0.0.0.0 LISTEN".into()),
        ]
    }

    /// The short names of the sockets `rnetstat -an --json <filter>` lists; every row must
    /// be one of the scene's, and the document must validate.
    fn select(&self, filter: &[&str]) -> BTreeSet<&'static str> {
        let mut args = vec!["-an", "--json"];
        args.extend(filter);
        let doc = json(&self.ns.rnetstat_ok(&args));
        assert_schema("sockets", &doc);
        let names = self.names();
        doc["sockets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let k = key(s);
                names
                    .iter()
                    .find(|(_, want)| *want == k)
                    .map(|(n, _)| *n)
                    .unwrap_or_else(|| panic!("{filter:?} listed {k}, not a socket of the scene"))
            })
            .collect()
    }
}

/// `proto local remote state` of a JSON socket, addresses as `host.port`.
fn key(s: &Value) -> String {
    let end = |e: &Value| format!("{}.{}", e["address"].as_str().unwrap_or("?"), e["port"]);
    format!(
        "{} {} {} {}",
        s["proto"].as_str().unwrap(),
        end(&s["local"]),
        end(&s["remote"]),
        s["state"].as_str().unwrap_or("-")
    )
}

fn set(names: &[&'static str]) -> BTreeSet<&'static str> {
    names.iter().copied().collect()
}

#[test]
fn each_word_and_combinations_select_exactly_their_sockets() {
    let sc = Scene::new();
    let all = set(&[
        "L1", "C1", "S1", "L2", "C2", "S2", "L3", "C3", "S3", "U1", "L4",
    ]);
    let listeners = set(&["L1", "L2", "L3", "L4"]);
    let established = set(&["C1", "S1", "C2", "S2", "C3", "S3"]);
    let pid = sc.server.pid().to_string();
    let netns = sc.ns.name.clone();
    let cases: Vec<(Vec<&str>, BTreeSet<&str>)> = vec![
        (vec![], all.clone()),
        // States, groups, any case, - and _ alike.
        (vec!["state", "listen"], listeners.clone()),
        (vec!["state", "ESTABLISHED"], established.clone()),
        (vec!["state", "connected"], established.clone()),
        (vec!["state", "synchronized"], established.clone()),
        (vec!["state", "time-wait"], set(&[])),
        (
            vec!["not", "state", "connected"],
            set(&["L1", "L2", "L3", "L4", "U1"]),
        ),
        // Ports: numbers, services, ends, comparisons (the wildcard port compares with none).
        (vec!["port", "http-alt"], set(&["L1", "C1", "S1"])),
        (vec!["sport", "8080"], set(&["L1", "S1"])),
        (vec!["dport", "8080"], set(&["C1"])),
        (vec!["port", "https"], set(&["L2", "C2", "S2"])),
        (
            vec!["dport", ">=", "1024"],
            set(&["C1", "S1", "S2", "C3", "S3"]),
        ),
        (vec!["lport<1024"], set(&["L2", "S2"])),
        (vec!["sport", "!=", "8080", "and", "tcp"], {
            let mut s = all.clone();
            for n in ["L1", "S1", "U1"] {
                s.remove(n);
            }
            s
        }),
        // Addresses and prefixes; an IPv4-mapped address is its IPv4 form.
        (vec!["src", "192.0.2.0/24"], set(&["L1", "S1", "C3", "S3"])),
        (vec!["dst", "2001:db8::/32"], set(&["C2", "S2"])),
        (
            vec!["host", "192.0.2.1"],
            set(&["L1", "C1", "S1", "C3", "S3"]),
        ),
        (
            vec!["host", "::ffff:192.0.2.1"],
            set(&["L1", "C1", "S1", "C3", "S3"]),
        ),
        (
            vec!["local", "::ffff:192.0.2.0/120"],
            set(&["L1", "S1", "C3", "S3"]),
        ),
        (vec!["foreign", "198.51.100.1"], set(&["S1"])),
        // Owners: user by name and uid, command exactly and by glob, pid.
        (vec!["user", "nobody"], set(&["L4"])),
        (vec!["user", "65534"], set(&["L4"])),
        (
            vec!["user", "0", "and", "state", "listen"],
            set(&["L1", "L2", "L3"]),
        ),
        (vec!["command", "filtnob"], set(&["L4"])),
        (vec!["comm", "filt*", "and", "udp"], set(&["U1"])),
        (
            vec!["pid", &pid, "state", "listen"],
            set(&["L1", "L2", "L3"]),
        ),
        // Protocols and families.
        (vec!["udp"], set(&["U1"])),
        (vec!["proto", "udp"], set(&["U1"])),
        (vec!["family", "inet6"], set(&["L2", "C2", "S2", "L3"])),
        // Grammar: precedence, parentheses separate or attached, !, quoted as one word.
        (
            vec![
                "(sport", "8080", "or", "sport", "443)", "and", "not", "state", "listen",
            ],
            set(&["S1", "S2"]),
        ),
        (
            vec![
                "(", "sport", "8080", "||", "sport", "443", ")", "state", "listen",
            ],
            set(&["L1", "L2"]),
        ),
        (vec!["!(state", "listen)&&(tcp)"], established.clone()),
        (
            vec!["state listen and user nobody or udp"],
            set(&["L4", "U1"]),
        ),
        // The namespace shown: this one has a name under /run/netns.
        (vec!["netns", &netns], all.clone()),
        (vec!["netns", "host"], set(&[])),
    ];
    for (filter, want) in cases {
        assert_eq!(sc.select(&filter), want, "rnetstat -an {filter:?}");
    }
}

#[test]
fn text_forms_show_the_same_selection() {
    let sc = Scene::new();
    let listen = sc.ns.rnetstat_ok(&["-an", "state", "listen"]);
    let rows = section(&listen, "Active Internet connections (including servers)");
    assert_eq!(rows.len(), 4, "{listen}");
    assert!(rows.iter().all(|r| r.ends_with("LISTEN")), "{listen}");
    assert!(
        !listen.contains("Active UNIX domain sockets"),
        "no unix socket is a TCP listener here: {listen}"
    );
    // -v: the owner columns; a filter on the owner works without -v too.
    let v = sc.ns.rnetstat_ok(&["-anv", "command filtnob"]);
    let r = row(
        &section(&v, "Active Internet connections (including servers)"),
        "tcp4",
    );
    assert_eq!(
        r,
        [
            "tcp4",
            "0",
            "0",
            "198.51.100.1.7000",
            "*.*",
            "LISTEN",
            "65534",
            &sc.nobody.pid().to_string(),
            "filtnob"
        ]
    );
    let plain = sc.ns.rnetstat_ok(&["-an", "command", "filtnob"]);
    assert_eq!(
        section(&plain, "Active Internet connections (including servers)"),
        ["tcp4       0      0  198.51.100.1.7000      *.*                    LISTEN"],
    );
    // -L: the listen queues of the listeners selected.
    let l = sc
        .ns
        .rnetstat_ok(&["-Ln", "sport", "7000", "or", "sport", "https"]);
    let rows = section(&l, "Current listen queue sizes (qlen/incqlen/maxqlen)");
    assert_eq!(rows.len(), 2, "{l}");
    for addr in ["2001:db8::1.443", "198.51.100.1.7000"] {
        assert!(rows.iter().any(|r| r.contains(addr)), "{l}");
    }
    // Without -a, listeners are hidden before the filter sees them, as ever.
    let est = sc
        .ns
        .rnetstat_ok(&["-n", "state", "established", "and", "port", "8080"]);
    assert_eq!(
        section(&est, "Active Internet connections").len(),
        2,
        "{est}"
    );
    assert_eq!(sc.ns.rnetstat_ok(&["-n", "state", "listen"]), "");
    // The capture holds every socket; the filter applies when it is read back.
    sc.ns
        .assert_capture_round_trip(&["-an", "state", "established", "and", "dport", "443"]);
}

#[test]
fn bad_expressions_are_one_line_naming_the_word() {
    let sc = Scene::new();
    for (args, msg) in [
        (
            vec!["-an", "stat", "listen"],
            "rnetstat: filter: 'stat' at word 1 is not a filter word (state, port, sport, dport, host, src, dst, pid, user, command, proto, family, netns, tcp, udp, unix, and, or, not)",
        ),
        (
            vec!["-an", "state", "established", "and", "port"],
            "rnetstat: filter: 'port' at word 4 needs a port number or service name",
        ),
        (
            vec!["-an", "port nosuchservice"],
            "rnetstat: filter: 'nosuchservice' at word 2 is not a port number or service name (after 'port')",
        ),
        (
            vec!["-an", "(port", "22"],
            "rnetstat: filter: unbalanced '(' at word 1: no ')' closes it",
        ),
        (
            vec!["-an", "port", "22", "or"],
            "rnetstat: filter: 'or' at word 3 has nothing after it",
        ),
        (
            vec!["-an", "user", "nosuchuser"],
            "rnetstat: filter: 'nosuchuser' at word 2 is not a user name or uid (after 'user')",
        ),
        (
            vec!["-rn", "port", "22"],
            "rnetstat: a filter expression goes with the socket display (rnetstat -an state established); not with another display",
        ),
        (
            vec!["-an", "--prometheus", "state", "listen"],
            "rnetstat: a filter expression selects rows of the socket table or JSON; --prometheus counts every socket: give one of them",
        ),
        (
            vec!["-s", "port", "22"],
            "rnetstat: a filter expression goes with the socket display (rnetstat -an state established); not with another display",
        ),
    ] {
        let out = sc.ns.rnetstat(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), format!("{msg}\n"), "{args:?}");
    }
}

/// Peak RSS with a filter that keeps every socket, on 2,000 and on 20,000 UDP sockets: the
/// filter holds nothing per socket, so the growth is the display's own (the kernel ids that
/// keep a socket from being listed twice): under 1.5 MiB from 2,000 to 20,000 sockets, and
/// within 1 MiB of the same display without the filter (peak RSS moves by a few hundred KiB
/// between runs of the same command, with the moment the kernel-id set grows its table).
#[test]
fn memory_stays_flat_with_a_filter_on_20000_sockets() {
    let ns = netns("rss");
    let filter = "udp and sport >= 1024 and not dst 192.0.2.0/24";
    let count = |ns: &Netns| {
        let doc = json(&ns.rnetstat_ok(&["-an", "--json", filter]));
        doc["sockets"].as_array().unwrap().len()
    };
    let peaks = |ns: &Netns| {
        [
            peak_rss_kib(ns, &["-an", filter]),
            peak_rss_kib(ns, &["-an", "--json", filter]),
            peak_rss_kib(ns, &["-an"]),
        ]
    };
    let _small = Helper::start(&ns, "filtmany", &["many-udp,127.0.0.1,2000"]);
    assert_eq!(count(&ns), 2000);
    let small = peaks(&ns);
    let _big = Helper::start(&ns, "filtmany", &["many-udp,127.0.0.1,18000"]);
    assert_eq!(count(&ns), 20000);
    let big = peaks(&ns);
    eprintln!("peak RSS KiB (filter, filter --json, no filter): 2k {small:?}, 20k {big:?}");
    for (s, b) in small.iter().zip(&big) {
        assert!(*b < s + 1536, "peak RSS grew from {s} to {b} KiB");
    }
    assert!(big[0] < big[2] + 1024 && big[1] < big[2] + 1024, "{big:?}");
}

/// Every example of the manual's FILTERS section runs (through the shell, as written) in the
/// scene's namespace, and the first selects exactly the connections to port 443.
#[test]
fn manual_examples_run() {
    let sc = Scene::new();
    let man = std::fs::read_to_string(root().join("man/rnetstat.1")).unwrap();
    let filters = man
        .split(".Sh FILTERS")
        .nth(1)
        .and_then(|t| t.split("\n.Sh ").next())
        .unwrap();
    let examples: Vec<&str> = filters
        .lines()
        .filter_map(|l| l.strip_prefix(".Dl $ rnetstat "))
        .collect();
    assert!(examples.len() >= 5, "{examples:?}");
    for e in &examples {
        let script = format!("exec {} {e}", bin());
        let out = sc.ns.exec(&["sh", "-c", &script]);
        assert!(
            out.stderr.is_empty(),
            "{e}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let first = sc
        .ns
        .exec(&["sh", "-c", &format!("exec {} {}", bin(), examples[0])]);
    let rows = text(&first);
    let rows = section(&rows, "Active Internet connections (including servers)");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("2001:db8::1.443") && rows[0].contains("ESTABLISHED"));
}

/// FreeBSD's and macOS's forms (from snapshots) filter the same way: `tcp and state listen`
/// keeps exactly the TCP rows the unfiltered display shows as LISTEN, in every column layout
/// (FreeBSD's -c reads all sockets first to size its column), and JSON agrees.
#[test]
fn bsd_forms_filter_as_they_stream() {
    let listening = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("LISTEN") && l.split_whitespace().any(|w| w.starts_with("tcp")))
            .map(str::to_string)
            .collect()
    };
    for (dir, forms) in [
        (
            "fixtures/macos/host1",
            vec![vec!["-an"], vec!["-anv"], vec!["-anA"]],
        ),
        (
            "fixtures/freebsd/real-15.1/snapshot",
            vec![vec!["-an"], vec!["-anc"], vec!["-anP"]],
        ),
        ("fixtures/freebsd/host1", vec![vec!["-an"], vec!["-anC"]]),
    ] {
        for form in forms {
            let all = listening(&render_from(dir, &form));
            assert!(!all.is_empty(), "{dir} {form:?}");
            let mut filtered = form.clone();
            filtered.push("tcp and state listen");
            let out = render_from(dir, &filtered);
            let rows: Vec<&str> = out
                .lines()
                .filter(|l| {
                    !l.starts_with("Active") && !l.starts_with("Proto") && !l.starts_with("Socket")
                })
                .collect();
            assert_eq!(rows, all, "{dir} {form:?}: {out}");
        }
        let doc = json(&render_from(
            dir,
            &["-an", "--json", "tcp and state listen"],
        ));
        assert_schema("sockets", &doc);
        let states: Vec<&str> = doc["sockets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["state"].as_str().unwrap())
            .collect();
        assert!(
            !states.is_empty() && states.iter().all(|s| *s == "LISTEN"),
            "{dir}"
        );
        // A snapshot names no namespace: `netns` selects nothing from it.
        assert_eq!(render_from(dir, &["-an", "netns", "host"]), "", "{dir}");
    }
}

/// With `-j`, `netns` names the namespace entered: `-j NAME` selects all under `netns NAME`
/// and none under `netns host`; under `-j all`, `host` is only the namespace rnetstat started
/// in, never an unnamed one (a process's, made by unshare) or a named one.
#[test]
fn netns_names_the_namespace_entered_with_j() {
    let sc = Scene::new();
    let name = sc.ns.name.as_str();
    let count = |args: &[&str]| {
        let out = rnetstat(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        json(&text(&out))["sockets"].as_array().unwrap().len()
    };
    assert_eq!(count(&["-j", name, "-an", "--json", "netns", name]), 11);
    assert_eq!(count(&["-j", name, "-an", "--json", "netns", "host"]), 0);
    // An unnamed namespace holding a listener, and -j all.
    let (mut unnamed, line) = start_until_line(
        Command::new("unshare").args(["-n", "sh", "-c", "ip link set lo up && exec python3 -c 'import socket,sys; s=socket.socket(); s.bind((\"127.0.0.1\", 4242)); s.listen(); print(\"ready\", flush=True); sys.stdin.read()'"]),
        "unshare",
    );
    assert_eq!(line, "ready");
    let docs = |filter: &str| -> Vec<Value> {
        let out = rnetstat(&["-j", "all", "-an", "--json", filter]);
        text(&out).lines().map(json).collect()
    };
    let pid = unnamed.id();
    for doc in docs("netns host") {
        let current = doc["netns"]["current"].as_bool().unwrap();
        let n = doc["sockets"].as_array().unwrap().len();
        assert!(
            current || n == 0,
            "netns host selected sockets of {}",
            doc["netns"]
        );
    }
    let ours: Vec<Value> = docs(&format!("netns {name}"))
        .into_iter()
        .filter(|d| !d["sockets"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(ours.len(), 1, "{ours:?}");
    assert_eq!(ours[0]["netns"]["name"], name);
    // The unnamed namespace's listener is there without the netns word.
    let listed = docs("sport 4242 and state listen").into_iter().any(|d| {
        d["netns"]["pids"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_u64() == Some(u64::from(pid)))
            && d["sockets"].as_array().unwrap().len() == 1
    });
    drop(unnamed.stdin.take());
    let _ = unnamed.wait();
    assert!(listed, "the unshare'd listener under -j all");
}

/// Bash, having sourced completions/rnetstat.bash, completes the filter's words.
#[test]
fn bash_completes_filter_words() {
    let complete = crate::completions::bash_completes;
    assert_eq!(complete(&["rnetstat", "-an", "sta"]), ["state"]);
    assert_eq!(
        complete(&["rnetstat", "-an", "state", "est"]),
        ["established"]
    );
    let d = complete(&["rnetstat", "-an", "d"]);
    assert!(
        d.contains(&"dport".to_string()) && d.contains(&"dst".to_string()),
        "{d:?}"
    );
}
