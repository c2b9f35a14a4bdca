//! Renderer snapshots from real captures under fixtures/linux/, and the capture that makes them.
//!
//! The fixtures are what `rnetstat --capture` wrote in the namespaces of
//! [`crate::common::Topology`]; regenerate them with
//! `cargo test --test integration -- --ignored --exact snapshots::capture_fixtures`, then review
//! the snapshot changes with `cargo insta review` (or INSTA_UPDATE=always). insta names the
//! snapshot files after this module's path: tests/snapshots/integration__snapshots__NAME.snap.

use crate::common::*;

const BASIC: &str = "fixtures/linux/basic";
const FREEBSD: &str = "fixtures/freebsd/host1";
const MACOS: &str = "fixtures/macos/host1";

fn render(args: &[&str]) -> String {
    render_from(BASIC, args)
}

macro_rules! snap {
    ($name:ident, $($arg:expr),+) => {
        #[test]
        fn $name() {
            let args = [$($arg),+];
            insta::assert_snapshot!(stringify!($name), render(&args), &args.join(" "));
        }
    };
}

snap!(routes_numeric, "-rn");
snap!(routes_all, "-rna");
snap!(routes_long_inet6, "-rnl", "-f", "inet6");
snap!(routes_wide, "-rnW");
snap!(routes_table_100, "-rn", "-F", "100");
snap!(interfaces, "-in");
snap!(interfaces_bytes_drops, "-inbd");
snap!(interfaces_inet6_wide, "-inW", "-f", "inet6");
snap!(interfaces_one, "-in", "-I", "va0");

macro_rules! bsd_snap {
    ($name:ident, $fixture:expr, $($arg:expr),+) => {
        #[test]
        fn $name() {
            let args = [$($arg),+];
            insta::assert_snapshot!(stringify!($name), render_from($fixture, &args), &args.join(" "));
        }
    };
}

bsd_snap!(freebsd_routes, FREEBSD, "-rn");
bsd_snap!(freebsd_routes_wide_long, FREEBSD, "-rnWl");
bsd_snap!(freebsd_interfaces, FREEBSD, "-inbd");
bsd_snap!(freebsd_groups, FREEBSD, "-g", "-v");
bsd_snap!(freebsd_mroute, FREEBSD, "-g");
bsd_snap!(freebsd_mroute_inet6, FREEBSD, "-g", "-f", "inet6");
bsd_snap!(freebsd_mroute_stats, FREEBSD, "-gs");
bsd_snap!(macos_routes, MACOS, "-rn");
bsd_snap!(macos_routes_inet6_long, MACOS, "-rnl", "-f", "inet6");
bsd_snap!(macos_interfaces, MACOS, "-inb");
bsd_snap!(macos_groups, MACOS, "-g", "-v");
bsd_snap!(
    macos_groups_en0_inet6,
    MACOS,
    "-g",
    "-f",
    "inet6",
    "-I",
    "en0"
);

bsd_snap!(macos_sockets, MACOS, "-an");
bsd_snap!(macos_sockets_default, MACOS, "-n");
bsd_snap!(macos_sockets_listen, MACOS, "-nL");
bsd_snap!(macos_sockets_kernel_ids, MACOS, "-naA");
bsd_snap!(macos_sockets_verbose, MACOS, "-anv");
bsd_snap!(macos_sockets_unix, MACOS, "-an", "-f", "unix");
bsd_snap!(macos_sockets_udp, MACOS, "-an", "-p", "udp");

/// The macOS socket displays print what fixtures/macos/host1/sockets.c's head comment says
/// macOS netstat prints for that host.
#[test]
fn macos_sockets_match_the_fixture_comment() {
    for (shown, args) in [
        ("-an", &["-an"][..]),
        ("-nL", &["-nL"]),
        ("-naA", &["-naA"]),
        ("-anv -p tcp", &["-anv", "-p", "tcp"]),
    ] {
        let expected = real_netstat(
            "fixtures/macos/host1/sockets.c",
            &format!("netstat {shown}"),
        );
        let got = render_from(MACOS, args);
        let got: String = got
            .lines()
            .take(expected.lines().count())
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(got, expected, "netstat {shown}");
    }
}

/// The macOS socket displays as JSON: valid against the schema, with the fixture's values.
#[test]
fn macos_sockets_json_validates_and_matches() {
    for (name, args) in [
        ("an", &["-an", "--json"][..]),
        ("listen", &["-nL", "--json"]),
        ("kernel_ids", &["-naA", "--json"]),
        ("verbose", &["-anv", "--json"]),
        ("unix", &["-an", "-f", "unix", "--json"]),
        ("udp", &["-an", "-p", "udp", "--json"]),
    ] {
        let doc = json(&render_from(MACOS, args));
        assert_schema("sockets", &doc);
        assert_eq!(doc["platform"], "macos");
        insta::assert_snapshot!(
            format!("macos_sockets_json_{name}"),
            serde_json::to_string_pretty(&doc).unwrap()
        );
    }
    let doc = json(&render_from(MACOS, &["-anv", "--json"]));
    let socks = doc["sockets"].as_array().unwrap();
    let curl = &socks[0];
    assert_eq!(curl["remote"]["address"], "198.51.100.7");
    assert_eq!(curl["remote"]["port"], 443);
    assert_eq!(curl["send_q"], 31);
    assert_eq!(curl["owners"][0]["pid"], 4242);
    assert_eq!(curl["owners"][0]["command"], "curl");
    let nginx = &socks[2];
    assert_eq!(nginx["dual_stack"], true);
    assert_eq!(
        nginx["listen"],
        serde_json::json!({"qlen": 2, "incqlen": 1, "maxqlen": 128})
    );
    let syslog = socks
        .iter()
        .find(|s| s["local"]["path"] == "/var/run/syslog")
        .unwrap();
    assert_eq!(syslog["type"], "dgram");
    // The common keys, not repeated in the macos object.
    assert_eq!(syslog["refs"], "1f6c8a3e5b7d2094");
    assert_eq!(syslog["ip_proto"], serde_json::Value::Null);
    assert_eq!(syslog["macos"]["unix"].as_object().unwrap().len(), 1);
    assert!(syslog["macos"].get("ip_proto").is_none());
    // A connected unix socket names its peer's pcb in the common peer_inode, as on FreeBSD.
    assert!(socks
        .iter()
        .any(|s| s["family"] == "unix" && s["peer_inode"].is_u64()));
    assert_eq!(syslog["owners"][0]["command"], "syslogd");
}

#[test]
fn bsd_json_validates_and_matches() {
    for (name, fixture) in [("freebsd", FREEBSD), ("macos", MACOS)] {
        for (display, args) in [
            ("routes", &["-rn", "--json"][..]),
            ("interfaces", &["-in", "--json"]),
            ("multicast", &["-gv", "--json"]),
        ] {
            let doc = json(&render_from(fixture, args));
            assert_schema(display, &doc);
            assert_eq!(doc["platform"], name);
            insta::assert_snapshot!(
                format!("{name}_{display}_json"),
                serde_json::to_string_pretty(&doc).unwrap()
            );
        }
    }
}

/// FreeBSD's multicast router and its statistics as JSON: the schema holds, and the values
/// are mroute.c's.
#[test]
fn freebsd_mroute_json_validates() {
    for args in [&["-g", "--json"][..], &["-g", "-f", "inet6", "--json"]] {
        let doc = json(&render_from(FREEBSD, args));
        assert_schema("multicast", &doc);
        assert_eq!(doc["mfc_unexported"][0]["buckets"], 1, "{args:?}");
    }
    let doc = json(&render_from(FREEBSD, &["-g", "--json"]));
    assert_eq!(doc["vifs"][0]["netif"], "em0");
    assert_eq!(doc["vifs"][1]["netif"], "register_vif");
    assert_eq!(doc["mfc"][0]["origin"], "192.0.2.20");
    assert_eq!(doc["mfc"][0]["bytes"], 5488000);
    assert_eq!(doc["mfc"][0]["oifs"][0]["ttl"], 1);
    let ssm = item(&doc["memberships"], "group", "239.1.2.3");
    assert_eq!(ssm["filter_mode"], "include");
    assert_eq!(ssm["sources"][1]["address"], "203.0.113.6");
    insta::assert_snapshot!(
        "freebsd_mroute_json",
        serde_json::to_string_pretty(&doc).unwrap()
    );
    let stats = json(&render_from(FREEBSD, &["-gs", "--json"]));
    assert_schema("statistics", &stats);
    insta::assert_snapshot!(
        "freebsd_mroute_stats_json",
        serde_json::to_string_pretty(&stats).unwrap()
    );
}

#[test]
fn json_snapshots_validate_and_match() {
    let routes = json(&render(&["-rna", "--json"]));
    assert_schema("routes", &routes);
    insta::assert_snapshot!(
        "routes_json",
        serde_json::to_string_pretty(&routes).unwrap()
    );
    let ifs = json(&render(&["-in", "--json"]));
    assert_schema("interfaces", &ifs);
    insta::assert_snapshot!(
        "interfaces_json",
        serde_json::to_string_pretty(&ifs).unwrap()
    );
}

/// What `--capture` saves renders, through `-M`, exactly as the live run that saved it.
#[test]
fn capture_then_render_gives_the_same_output() {
    let t = Topology::new("cr");
    for args in [
        &["-rna"][..],
        &["-inbd"],
        &["-rn", "--json"],
        &["-in", "--json"],
        &["-rn", "-F", "100"],
    ] {
        t.host.assert_capture_round_trip(args);
    }
}

/// Rebuild fixtures/linux/basic from a fresh topology (run on purpose, not in CI).
#[test]
#[ignore]
fn capture_fixtures() {
    let t = Topology::new("fx");
    t.host
        .ip("-6 route add 2001:db8:5::/64 via 2001:db8:1::1 expires 300");
    t.host
        .ip("route add 2001:db8:4444:5555:6666:7777:8888:0/112 via 2001:db8:1::1 mtu 1400");
    let dir = root().join(BASIC);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // A capture goes into an empty directory of its own: each is merged into the fixture.
    // Routes last: their capture's link dump is the one kept, and it matches the addresses'.
    for (n, args) in [&["-in"][..], &["-rn", "-F", "100"], &["-rna"]]
        .iter()
        .enumerate()
    {
        let part = std::env::temp_dir().join(format!("rnt-fixture-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&part);
        let mut all = vec!["--capture", part.to_str().unwrap()];
        all.extend(args.iter());
        t.host.rnetstat_ok(&all);
        for e in std::fs::read_dir(&part).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
        let _ = std::fs::remove_dir_all(&part);
    }
}
bsd_snap!(freebsd_mbufs, FREEBSD, "-m");
bsd_snap!(macos_mbufs, MACOS, "-m");
bsd_snap!(macos_mbufs_classes, MACOS, "-mm");
bsd_snap!(macos_mbufs_waits, MACOS, "-mmm");

/// The output a fixture C file's head comment gives for `$ command` (a prompt line that may
/// carry a remark after two or more blanks): the comment lines after it up to the next empty
/// one or the comment's end.
fn real_netstat(c_file: &str, command: &str) -> String {
    let text = std::fs::read_to_string(root().join(c_file)).unwrap();
    let prompt = format!(" * $ {command}");
    let mut lines = text
        .lines()
        .skip_while(|l| *l != prompt && !l.starts_with(&format!("{prompt}  ")));
    assert!(lines.next().is_some(), "{c_file} shows no `$ {command}`");
    let mut out = String::new();
    for l in lines.take_while(|l| *l != " *" && *l != " */") {
        out.push_str(l.strip_prefix(" * ").unwrap_or(l));
        out.push('\n');
    }
    assert!(
        !out.is_empty(),
        "{c_file} shows nothing after `$ {command}`"
    );
    out
}

#[test]
fn bsd_mbufs_match_the_real_netstat() {
    for (c_file, fixture) in [
        ("fixtures/freebsd/host1/memory.c", FREEBSD),
        ("fixtures/macos/host1/memory.c", MACOS),
    ] {
        let want = real_netstat(c_file, "netstat -m");
        assert_eq!(render_from(fixture, &["-m"]), want, "{c_file}");
    }
    let table = real_netstat("fixtures/macos/host1/memory.c", "netstat -mm");
    assert!(render_from(MACOS, &["-mm"]).starts_with(&table));
    let tags = real_netstat("fixtures/macos/host1/memory.c", "netstat -mmm | tail -13");
    assert!(render_from(MACOS, &["-mmm"]).ends_with(&tags));
}

#[test]
fn bsd_mbufs_json_validates_and_matches() {
    for (name, fixture) in [("freebsd", FREEBSD), ("macos", MACOS)] {
        let doc = json(&render_from(fixture, &["-m", "--json"]));
        assert_schema("mbufs", &doc);
        assert_eq!(doc["platform"], name);
        assert_eq!(doc["display"], "mbuf_statistics");
        insta::assert_snapshot!(
            format!("{name}_mbufs_json"),
            serde_json::to_string_pretty(&doc).unwrap()
        );
    }
}

// FreeBSD sockets (fixtures/freebsd/host1/sockets.c, whose head comment shows the host's real
// netstat output): numeric, as name lookups would depend on the machine running the tests.
bsd_snap!(freebsd_sockets_all, FREEBSD, "-an");
bsd_snap!(freebsd_sockets, FREEBSD, "-n");
bsd_snap!(freebsd_sockets_listen_queues, FREEBSD, "-Ln");
bsd_snap!(freebsd_sockets_kernel_ids, FREEBSD, "-aAn");
bsd_snap!(freebsd_sockets_owners, FREEBSD, "-anv");
bsd_snap!(freebsd_sockets_unix, FREEBSD, "-an", "-f", "unix");
bsd_snap!(freebsd_sockets_tcp, FREEBSD, "-an", "-p", "tcp");
bsd_snap!(freebsd_sockets_inet_wide, FREEBSD, "-anW", "-f", "inet");
// FreeBSD's own socket columns: -T, -x, -R, -c -C -P (alice's ssh session carries values).
bsd_snap!(freebsd_sockets_tcp_counters, FREEBSD, "-anT", "-p", "tcp");
bsd_snap!(freebsd_bpf_peers, FREEBSD, "-B");

#[test]
fn freebsd_bpf_json_validates_and_filters_by_interface() {
    let doc = json(&render_from(FREEBSD, &["-B", "--json"]));
    assert_schema("taps", &doc);
    let taps = doc["taps"].as_array().unwrap();
    assert_eq!(taps.len(), 2);
    assert_eq!(taps[1]["command"], "tcpdump");
    assert_eq!(taps[1]["direction"], "bidirectional");
    assert_eq!(taps[1]["dropped"], 17);
    let lo = json(&render_from(FREEBSD, &["-B", "-I", "lo0", "--json"]));
    assert!(lo["taps"].as_array().unwrap().is_empty());
}
bsd_snap!(freebsd_sockets_buffers, FREEBSD, "-anx", "-p", "tcp");
bsd_snap!(freebsd_sockets_flows, FREEBSD, "-anR");
bsd_snap!(
    freebsd_sockets_stack_cc_log,
    FREEBSD,
    "-an",
    "-c",
    "-C",
    "-P",
    "-p",
    "tcp"
);

#[test]
fn freebsd_sockets_json_validates_and_matches() {
    for args in [
        &["-an", "--json"][..],
        &["-Ln", "--json"],
        &["-an", "-f", "unix", "--json"],
        &["-an", "-p", "tcp", "--json"],
    ] {
        let doc = json(&render_from(FREEBSD, args));
        assert_schema("sockets", &doc);
        assert_eq!(doc["platform"], "freebsd", "{args:?}");
    }
    let doc = json(&render_from(FREEBSD, &["-anv", "--json"]));
    assert_schema("sockets", &doc);
    let socks = doc["sockets"].as_array().unwrap();
    // alice's ssh session: held by the privilege-separated sshd pair.
    let ssh = socks
        .iter()
        .find(|s| s["remote"]["address"] == "198.51.100.7")
        .unwrap();
    assert_eq!(ssh["send_q"], 36);
    assert_eq!(ssh["cookie"], "fffff80012a4c000");
    let pids: Vec<_> = ssh["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["pid"].clone())
        .collect();
    assert_eq!(pids, [1402, 1404]);
    let listener = socks
        .iter()
        .find(|s| s["family"] == "inet" && s["state"] == "LISTEN")
        .unwrap();
    assert_eq!(listener["listen"]["qlen"], 1);
    assert_eq!(listener["listen"]["maxqlen"], 128);
    // FreeBSD's raw sockets carry protocol 0, which netstat never lists: -p raw does.
    assert!(!socks.iter().any(|s| s["proto"] == "raw"));
    let raw = json(&render_from(FREEBSD, &["-anv", "-p", "raw", "--json"]));
    let ping = &raw["sockets"][0];
    assert_eq!(
        (
            ping["ip_proto"].clone(),
            ping["owners"][0]["command"].clone()
        ),
        (1.into(), "ping".into())
    );
    let log = socks
        .iter()
        .find(|s| s["local"]["path"] == "/var/run/log")
        .unwrap();
    assert_eq!(log["refs"], "fffff80003b7e600");
    assert_eq!(log["owners"][0]["command"], "syslogd");
    insta::assert_snapshot!(
        "freebsd_sockets_json",
        serde_json::to_string_pretty(&doc).unwrap()
    );
}

// Protocol and routing statistics (-s, -ss, -s -p, -s -f, -rs) of the BSD fixture hosts.
bsd_snap!(freebsd_stats, FREEBSD, "-s");
bsd_snap!(freebsd_stats_nonzero, FREEBSD, "-ss");
bsd_snap!(freebsd_stats_tcp, FREEBSD, "-s", "-p", "tcp");
bsd_snap!(freebsd_stats_inet6, FREEBSD, "-s", "-f", "inet6");
bsd_snap!(freebsd_routing_stats, FREEBSD, "-rs");
bsd_snap!(macos_stats, MACOS, "-s");
bsd_snap!(macos_stats_nonzero, MACOS, "-ss");
bsd_snap!(macos_stats_tcp, MACOS, "-s", "-p", "tcp");
bsd_snap!(macos_stats_inet6, MACOS, "-s", "-f", "inet6");
bsd_snap!(macos_routing_stats, MACOS, "-rs");

#[test]
fn bsd_stats_json_validates_and_matches() {
    for (name, fixture) in [("freebsd", FREEBSD), ("macos", MACOS)] {
        for (tag, args) in [
            ("stats", &["-s", "--json"][..]),
            ("stats_nonzero", &["-ss", "--json"]),
            ("stats_tcp", &["-s", "-p", "tcp", "--json"]),
            ("stats_inet6", &["-s", "-f", "inet6", "--json"]),
            ("routing_stats", &["-rs", "--json"]),
        ] {
            let doc = json(&render_from(fixture, args));
            assert_schema("statistics", &doc);
            assert_eq!(doc["platform"], name);
            insta::assert_snapshot!(
                format!("{name}_{tag}_json"),
                serde_json::to_string_pretty(&doc).unwrap()
            );
        }
    }
}

/// What rnetstat prints for -s and -rs is what the fixture's stats.c says the real netstat
/// prints for its counters.
#[test]
fn bsd_stats_match_the_expected_output_in_stats_c() {
    for fixture in [FREEBSD, MACOS] {
        for args in [&["-s"][..], &["-rs"]] {
            let expected = real_netstat(
                &format!("{fixture}/stats.c"),
                &format!("netstat {}", args.join(" ")),
            );
            assert_eq!(render_from(fixture, args), expected, "{fixture} {args:?}");
        }
    }
}

/// The FreeBSD socket and multicast router displays print what the fixture C files' head
/// comments say FreeBSD 14's netstat prints, except for the differences the man page lists
/// (here: the raw ICMP socket that netstat leaves out).
#[test]
fn freebsd_sockets_and_mroute_match_the_real_netstat() {
    let sockets = "fixtures/freebsd/host1/sockets.c";
    // The comment trims the blanks that end netstat's padded last columns.
    let trimmed =
        |t: String| -> String { t.lines().map(|l| format!("{}\n", l.trim_end())).collect() };
    let got = trimmed(render_from(FREEBSD, &["-an"]));
    assert_eq!(got, real_netstat(sockets, "netstat -an"));
    let want = real_netstat(sockets, "netstat -aLn");
    assert_eq!(trimmed(render_from(FREEBSD, &["-aLn"])), want);
    // The C comment shows netstat's leading tab expanded.
    let want = real_netstat("fixtures/freebsd/host1/mroute.c", "netstat -gs");
    assert_eq!(
        render_from(FREEBSD, &["-gs"]).replace('\t', "        "),
        want
    );
}
