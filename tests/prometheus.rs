//! `--prometheus`: every display's exposition passes `promtool check metrics`, prints only the
//! metrics of schema/prometheus.txt (names, types, labels, help) with the values the test
//! caused; `--prometheus=FILE -w 1` keeps a file current and is replaced whole; and the real
//! fleet path: node_exporter's textfile collector reads rnetstat's file, a Prometheus server
//! scrapes node_exporter, and its HTTP API answers with the ICMP echo replies the test caused.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// One metric of schema/prometheus.txt.
#[derive(Debug)]
struct Listed {
    kind: String,
    labels: Vec<String>,
    help: String,
}

/// schema/prometheus.txt by metric name.
fn listed() -> BTreeMap<String, Listed> {
    let text = std::fs::read_to_string(root().join("schema/prometheus.txt")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "schema/prometheus.txt: {l:?}");
            let labels = f[2].split(',').filter(|s| !s.is_empty()).map(String::from);
            let m = Listed {
                kind: f[1].into(),
                labels: labels.collect(),
                help: f[4].into(),
            };
            (f[0].to_string(), m)
        })
        .collect()
}

/// A sample: metric name, labels in order, value.
type Sample = (String, Vec<(String, String)>, f64);

/// Parse an exposition, checking it against schema/prometheus.txt: every family's TYPE and
/// HELP as listed, before its samples, every sample's label names the listed ones in order.
fn parse_checked(text: &str) -> Vec<Sample> {
    let list = listed();
    let mut samples = Vec::new();
    let mut typed: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# HELP ") {
            let (name, help) = rest.split_once(' ').unwrap();
            let m = list
                .get(name)
                .unwrap_or_else(|| panic!("{name} is not in schema/prometheus.txt"));
            assert_eq!(help, m.help, "{name}'s HELP");
        } else if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').unwrap();
            assert_eq!(kind, list[name].kind, "{name}'s TYPE");
            typed = Some(name.to_string());
        } else {
            let (series, value) = line.rsplit_once(' ').unwrap();
            let (name, labels) = match series.split_once('{') {
                Some((n, l)) => (n, parse_labels(l.strip_suffix('}').unwrap())),
                None => (series, Vec::new()),
            };
            assert_eq!(typed.as_deref(), Some(name), "{line}: not after its TYPE");
            let names: Vec<&String> = labels.iter().map(|(k, _)| k).collect();
            let want: Vec<&String> = list[name].labels.iter().collect();
            assert_eq!(names, want, "{line}: labels");
            samples.push((name.to_string(), labels, value.parse().unwrap()));
        }
    }
    samples
}

/// `a="x",b="y\"z"` into pairs, escapes undone.
fn parse_labels(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (name, after) = rest.split_once("=\"").unwrap();
        let mut value = String::new();
        let mut chars = after.char_indices();
        let end = loop {
            match chars.next().unwrap() {
                (_, '\\') => match chars.next().unwrap().1 {
                    'n' => value.push('\n'),
                    c => value.push(c),
                },
                (i, '"') => break i,
                (_, c) => value.push(c),
            }
        };
        out.push((name.to_string(), value));
        rest = after[end + 1..].trim_start_matches(',');
    }
    out
}

/// The value of the sample of `name` whose labels include `labels`, if there is one.
fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|(n, l, _)| {
            n == name
                && labels
                    .iter()
                    .all(|(k, v)| l.iter().any(|(lk, lv)| lk == k && lv == v))
        })
        .map(|s| s.2)
}

/// `promtool check metrics` accepts `text` (no error, no lint problem).
fn assert_promtool_accepts(args: &[&str], text: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool (Debian package prometheus) is installed by README's test command");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(),
        "promtool check metrics on rnetstat {args:?}: {}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A process killed (and reaped) when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A scratch directory removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("rnp-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A TCP listener on 127.0.0.1:`port` held by python3 in `ns`, until dropped.
fn tcp_listener(ns: &Netns, port: u16) -> Running {
    let script = format!(
        "import socket,sys\ns=socket.socket()\ns.bind(('127.0.0.1',{port}))\ns.listen()\nprint('ready',flush=True)\nsys.stdin.read()\n"
    );
    let (child, line) = ns.python_inline(&script);
    assert_eq!(line, "ready");
    Running(child)
}

/// A namespace with known state: IPv6 off (no packet of its own), loopback that answered
/// three pings, veth va0 (198.51.100.1/24, htb qdisc 1: with class 1:10) that sent three
/// echo requests to a permanent neighbour, and a TCP listener on port 8080.
fn known_state() -> (Netns, Running) {
    let ns = Netns::with_prefix("rnp", "prom");
    ns.without_ipv6();
    ns.ip_batch(
        "link add va0 type veth peer name vb0\n\
         address add 198.51.100.1/24 dev va0\n\
         link set va0 up\n\
         link set vb0 up\n\
         neigh add 198.51.100.9 lladdr 02:00:00:00:00:09 dev va0 nud permanent\n",
    );
    ns.exec(&[
        "tc", "qdisc", "add", "dev", "va0", "root", "handle", "1:", "htb", "default", "10",
    ]);
    ns.exec(&[
        "tc", "class", "add", "dev", "va0", "parent", "1:", "classid", "1:10", "htb", "rate",
        "100mbit",
    ]);
    ns.exec(&["ping", "-c", "3", "-i", "0.2", "-q", "127.0.0.1"]);
    // No answer comes back: the three requests are all va0 sends.
    let _ = ns
        .command("ping")
        .args(["-c", "3", "-i", "0.2", "-W", "0.2", "-q", "198.51.100.9"])
        .output()
        .unwrap();
    let listener = tcp_listener(&ns, 8080);
    (ns, listener)
}

/// rnetstat `args` with --prometheus in `ns`: promtool accepts it, it lists only catalogued
/// metrics; its samples.
fn exposition(ns: &Netns, args: &[&str]) -> Vec<Sample> {
    let mut full = vec!["--prometheus"];
    full.extend(args);
    let text = ns.rnetstat_ok(&full);
    assert_promtool_accepts(args, &text);
    let samples = parse_checked(&text);
    assert!(!samples.is_empty(), "{args:?} printed no sample");
    samples
}

#[test]
fn every_display_passes_promtool_with_the_values_caused() {
    let (ns, _listener) = known_state();
    let s = exposition(&ns, &["-s"]);
    let icmp = |c: &str| {
        value(
            &s,
            "rnetstat_protocol_count_total",
            &[("protocol", "icmp"), ("counter", c)],
        )
    };
    assert_eq!(icmp("InEchos"), Some(3.0));
    assert_eq!(icmp("OutEchoReps"), Some(3.0));
    assert_eq!(icmp("OutEchos"), Some(6.0), "three to lo, three out of va0");
    let level = value(
        &s,
        "rnetstat_protocol_level",
        &[("protocol", "tcp"), ("counter", "CurrEstab")],
    );
    assert_eq!(level, Some(0.0), "CurrEstab is a gauge");
    let only_icmp = exposition(&ns, &["-s", "-p", "icmp"]);
    assert!(only_icmp
        .iter()
        .all(|(_, l, _)| l[0].1 == "icmp" || l[0].1 == "icmpmsg"));

    exposition(&ns, &["-gs"]);

    let m = exposition(&ns, &["-m"]);
    let tcp_inuse = value(
        &m,
        "rnetstat_memory_level",
        &[("protocol", "tcp"), ("counter", "inuse")],
    );
    assert_eq!(tcp_inuse, Some(1.0), "the listener");
    let mm = exposition(&ns, &["-mm"]);
    assert!(mm
        .iter()
        .any(|(n, _, _)| n == "rnetstat_memory_count_total"));

    let i = exposition(&ns, &["-i"]);
    let link = ns.ip_json("-s link show lo");
    let lo_rx = link[0]["stats64"]["rx"]["packets"].as_f64().unwrap();
    assert_eq!(lo_rx, 6.0, "three pings and their replies");
    let on = |name: &str, netif: &str| value(&i, name, &[("interface", netif)]);
    assert_eq!(
        on("rnetstat_interface_receive_packets_total", "lo"),
        Some(lo_rx)
    );
    assert_eq!(
        on("rnetstat_interface_transmit_packets_total", "va0"),
        Some(3.0)
    );
    assert_eq!(
        on("rnetstat_interface_transmit_bytes_total", "va0"),
        Some(294.0)
    );
    assert_eq!(on("rnetstat_interface_mtu_bytes", "va0"), Some(1500.0));
    assert_eq!(on("rnetstat_interface_up", "va0"), Some(1.0));
    let one = exposition(&ns, &["-I", "va0"]);
    assert!(one.iter().all(|(_, l, _)| l[0].1 == "va0"));

    let q = exposition(&ns, &["-q"]);
    let htb = [
        ("interface", "va0"),
        ("type", "qdisc"),
        ("kind", "htb"),
        ("handle", "1:"),
    ];
    assert_eq!(
        value(&q, "rnetstat_queue_sent_packets_total", &htb),
        Some(3.0)
    );
    assert_eq!(
        value(&q, "rnetstat_queue_sent_bytes_total", &htb),
        Some(294.0)
    );
    let tc: serde_json::Value = serde_json::from_slice(
        &ns.exec(&["tc", "-s", "-j", "qdisc", "show", "dev", "va0"])
            .stdout,
    )
    .unwrap();
    assert_eq!(tc[0]["packets"], 3);
    let qq = exposition(&ns, &["-qq", "-I", "va0"]);
    let class = [("type", "class"), ("handle", "1:10"), ("parent", "root")];
    assert_eq!(
        value(&qq, "rnetstat_queue_sent_packets_total", &class),
        Some(3.0)
    );

    let g = exposition(&ns, &["-g"]);
    let maddr = ns.ip_json("maddr show dev va0");
    let inet_groups = maddr[0]["maddr"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["family"] == "inet")
        .count();
    assert!(inet_groups >= 1, "{maddr}");
    let groups = value(
        &g,
        "rnetstat_multicast_groups",
        &[("interface", "va0"), ("family", "inet")],
    );
    assert_eq!(groups, Some(inet_groups as f64));

    for args in [&["-a"][..], &["-an"], &[]] {
        let a = exposition(&ns, args);
        let listen = [("protocol", "tcp"), ("family", "inet")];
        let port = value(
            &a,
            "rnetstat_listening_sockets",
            &[listen[0], listen[1], ("port", "8080")],
        );
        assert_eq!(port, Some(1.0), "{args:?}");
        let state = value(
            &a,
            "rnetstat_sockets",
            &[listen[0], listen[1], ("state", "LISTEN")],
        );
        assert_eq!(state, Some(1.0), "{args:?}");
        let python = value(&a, "rnetstat_sockets_by_command", &[("command", "python3")]);
        assert_eq!(python, Some(1.0), "{args:?}");
    }
}

#[test]
fn displays_without_measurements_and_stdout_with_w_are_usage_errors() {
    for args in [
        &["--prometheus", "-rn"][..],
        &["--prometheus", "-s", "-w", "1"],
        &["--prometheus", "--json", "-s"],
        &["--prometheus=/nonexistent-rnp/x.prom", "-s"],
    ] {
        let out = rnetstat(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("rnetstat: ") && err.lines().count() == 1,
            "{args:?}: {err}"
        );
    }
}

/// Poll `read` every 100 ms until it gives `Some(v)` with `done(v)`, for at most `limit`.
fn poll<T: std::fmt::Debug>(
    limit: Duration,
    what: &str,
    mut read: impl FnMut() -> Option<T>,
    done: impl Fn(&T) -> bool,
) -> T {
    let deadline = Instant::now() + limit;
    let mut last = None;
    while Instant::now() < deadline {
        if let Some(v) = read() {
            if done(&v) {
                return v;
            }
            last = Some(v);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what}: not there within {limit:?}; last seen {last:?}");
}

/// The ICMP echo replies the file at `path` holds, if it exists and has them.
fn echo_replies_in(path: &Path) -> Option<f64> {
    let text = std::fs::read_to_string(path).ok()?;
    let samples = parse_checked(&text);
    value(
        &samples,
        "rnetstat_protocol_count_total",
        &[("protocol", "icmp"), ("counter", "OutEchoReps")],
    )
}

#[test]
fn a_file_is_replaced_whole_every_interval_until_sigterm() {
    let ns = Netns::with_prefix("rnp", "file");
    let dir = Scratch::new("file");
    let path = dir.0.join("rnetstat.prom");
    let target = format!("--prometheus={}", path.display());
    let mut writer = Running(
        ns.command(bin())
            .args([target.as_str(), "-s", "-w", "1"])
            .spawn()
            .unwrap(),
    );
    poll(
        Duration::from_secs(10),
        "the first reading",
        || echo_replies_in(&path),
        |v| *v == 0.0,
    );
    ns.exec(&["ping", "-c", "2", "-i", "0.2", "-q", "127.0.0.1"]);
    poll(
        Duration::from_secs(10),
        "the pings",
        || echo_replies_in(&path),
        |v| *v == 2.0,
    );
    let pid = writer.0.id().to_string();
    run(&["kill", "-TERM", &pid]);
    let status = writer.0.wait().unwrap();
    assert_eq!(status.code(), Some(0), "SIGTERM ends -w with status 0");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "node_exporter may read as another user");
    let names: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["rnetstat.prom"], "no temporary file is left");
}

/// `url` fetched with python3 in `ns`, as JSON (None while nothing answers).
fn http_json(ns: &Netns, url: &str) -> Option<serde_json::Value> {
    let script = "import sys,urllib.request\nprint(urllib.request.urlopen(sys.argv[1],timeout=2).read().decode())";
    let out = ns
        .command("python3")
        .args(["-c", script, url])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

/// The value of `query` in Prometheus's answer (None while it has no result).
fn prometheus_query(ns: &Netns, query: &str) -> Option<f64> {
    let encoded: String = query
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let url = format!("http://127.0.0.1:9090/api/v1/query?query={encoded}");
    let answer = http_json(ns, &url)?;
    answer["data"]["result"][0]["value"][1]
        .as_str()
        .and_then(|v| v.parse().ok())
}

/// A program started in `ns` with its output in `log`.
fn start_logged(ns: &Netns, program: &str, args: &[&str], log: &Path) -> Running {
    let log = std::fs::File::create(log).unwrap();
    Running(
        ns.command(program)
            .args(args)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("{program}: {e}")),
    )
}

#[test]
fn prometheus_scrapes_through_node_exporter_the_echo_replies_caused() {
    let ns = Netns::with_prefix("rnp", "fleet");
    let dir = Scratch::new("fleet");
    let textfiles = dir.0.join("textfile");
    std::fs::create_dir_all(&textfiles).unwrap();
    let prom_file = textfiles.join("rnetstat.prom");
    let config = dir.0.join("prometheus.yml");
    std::fs::write(
        &config,
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n\
         scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['127.0.0.1:9100']\n",
    )
    .unwrap();
    let target = format!("--prometheus={}", prom_file.display());
    let _rnetstat = start_logged(
        &ns,
        bin(),
        &[&target, "-s", "-w", "1"],
        &dir.0.join("rnetstat.log"),
    );
    let textfile_dir = format!("--collector.textfile.directory={}", textfiles.display());
    let _exporter = start_logged(
        &ns,
        "prometheus-node-exporter",
        &[
            "--collector.disable-defaults",
            "--collector.textfile",
            &textfile_dir,
            "--web.listen-address=127.0.0.1:9100",
        ],
        &dir.0.join("node_exporter.log"),
    );
    let config_arg = format!("--config.file={}", config.display());
    let storage = format!("--storage.tsdb.path={}", dir.0.join("data").display());
    let _prometheus = start_logged(
        &ns,
        "prometheus",
        &[&config_arg, &storage, "--web.listen-address=127.0.0.1:9090"],
        &dir.0.join("prometheus.log"),
    );
    let logs = || {
        ["rnetstat.log", "node_exporter.log", "prometheus.log"]
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(dir.0.join(f)).unwrap_or_default();
                let tail: Vec<&str> = text.lines().rev().take(5).collect();
                format!("{f}: {tail:?}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    ns.exec(&["ping", "-c", "5", "-i", "0.2", "-q", "127.0.0.1"]);
    let query = r#"rnetstat_protocol_count_total{protocol="icmp",counter="OutEchoReps"}"#;
    let deadline = Instant::now() + Duration::from_secs(45);
    let mut last = None;
    while Instant::now() < deadline && last != Some(5.0) {
        last = prometheus_query(&ns, query);
        std::thread::sleep(Duration::from_millis(250));
    }
    assert_eq!(
        last,
        Some(5.0),
        "Prometheus's answer for {query} (5 echo replies caused)\n{}",
        logs()
    );
    let errors = prometheus_query(&ns, "node_textfile_scrape_error");
    assert_eq!(errors, Some(0.0), "node_exporter read the file\n{}", logs());
}

/// The manual's PROMETHEUS METRICS list names the metrics of schema/prometheus.txt, in its
/// order, each with its type and display.
#[test]
fn manual_lists_the_metrics_of_the_schema_list() {
    let man = std::fs::read_to_string(root().join("man/rnetstat.1")).unwrap();
    let section = man
        .split("\n.Sh PROMETHEUS METRICS\n")
        .nth(1)
        .unwrap()
        .split("\n.Sh ")
        .next()
        .unwrap();
    let lines: Vec<&str> = section.lines().collect();
    let mut in_manual = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        if let Some(name) = l.strip_prefix(".It Li ") {
            let kind = lines[n + 1].split(' ').next().unwrap().to_lowercase();
            let display = lines[n + 2]
                .trim_start_matches(".Fl ")
                .trim_end_matches(" ;");
            in_manual.push((name.to_string(), kind, format!("-{display}")));
        }
    }
    let text = std::fs::read_to_string(root().join("schema/prometheus.txt")).unwrap();
    let in_schema: Vec<(String, String, String)> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[1].to_string(), f[3].to_string())
        })
        .collect();
    assert_eq!(in_manual, in_schema);
}

/// rnetstat `args` on the snapshot `dir` with --prometheus: promtool accepts it, it lists only
/// catalogued metrics; its samples.
fn snapshot_exposition(dir: &str, args: &[&str]) -> Vec<Sample> {
    let mut full = vec!["--prometheus"];
    full.extend(args);
    let text = render_from(dir, &full);
    assert_promtool_accepts(args, &text);
    parse_checked(&text)
}

/// The FreeBSD and macOS snapshots give the same metrics, with the values their JSON has.
#[test]
fn bsd_snapshots_give_the_values_of_their_json() {
    // The real FreeBSD 15.1 snapshot holds what its displays read: -s -p tcp, not all of -s.
    for (dir, whole) in [
        ("fixtures/freebsd/host1", true),
        ("fixtures/freebsd/real-15.1/snapshot", false),
        ("fixtures/macos/host1", true),
    ] {
        snapshot_exposition(dir, &["-g"]);
        snapshot_exposition(dir, &["-a"]);
        if whole {
            snapshot_exposition(dir, &["-s"]);
        }
        let i = snapshot_exposition(dir, &["-i"]);
        let doc = json(&render_from(dir, &["-i", "--json"]));
        for netif in doc["interfaces"].as_array().unwrap() {
            let name = netif["name"].as_str().unwrap();
            let want = netif["counters"]["ipackets"].as_f64();
            let got = value(
                &i,
                "rnetstat_interface_receive_packets_total",
                &[("interface", name)],
            );
            assert_eq!(got, want, "{dir} {name}");
        }
        let s = snapshot_exposition(dir, &["-s", "-p", "tcp"]);
        let doc = json(&render_from(dir, &["-s", "-p", "tcp", "--json"]));
        let tcp = item(&doc["statistics"], "protocol", "tcp");
        for c in tcp["counters"].as_array().unwrap() {
            let labels = [
                ("protocol", "tcp"),
                ("counter", c["name"].as_str().unwrap()),
            ];
            let got = value(&s, "rnetstat_protocol_count_total", &labels)
                .or_else(|| value(&s, "rnetstat_protocol_level", &labels));
            assert_eq!(got, c["value"].as_f64(), "{dir} tcp {}", c["name"]);
        }
    }
    let g = snapshot_exposition("fixtures/freebsd/host1", &["-g"]);
    let doc = json(&render_from("fixtures/freebsd/host1", &["-g", "--json"]));
    let vifs = doc["vifs"].as_array().unwrap();
    assert!(!vifs.is_empty());
    for v in vifs {
        let index = v["index"].to_string();
        let labels = [
            ("family", v["family"].as_str().unwrap()),
            ("vif", index.as_str()),
        ];
        let got = value(&g, "rnetstat_multicast_vif_receive_packets_total", &labels);
        assert_eq!(got, v["pkts_in"].as_f64(), "{v}");
    }
    let mfc = &doc["mfc"][0];
    let labels = [
        ("origin", mfc["origin"].as_str().unwrap()),
        ("group", mfc["group"].as_str().unwrap()),
    ];
    let got = value(
        &g,
        "rnetstat_multicast_route_wrong_interface_packets_total",
        &labels,
    );
    assert_eq!(got, mfc["wrong_if"].as_f64());
}
