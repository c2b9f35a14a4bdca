//! `-r`: routing tables of a real namespace, against what was configured and against `ip -j`.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

#[test]
fn table_shows_configured_routes_with_flag_letters() {
    let t = Topology::new("rt");
    let out = t.host.rnetstat_ok(&["-rn"]);
    assert!(out.starts_with("Routing tables\n\nInternet:\n"), "{out}");
    let inet = section(&out, "Internet:");
    assert_eq!(
        row(&inet, "default"),
        ["default", "198.51.100.1", "UGS", "-", "-", "va0"]
    );
    assert_eq!(
        row(&inet, "198.51.100.0/24"),
        ["198.51.100.0/24", "link#2", "U", "-", "-", "va0"]
    );
    assert_eq!(
        row(&inet, "203.0.113.7"),
        ["203.0.113.7", "198.51.100.1", "UGHS", "-", "-", "va0"]
    );
    assert_eq!(row(&inet, "203.0.113.64/26")[1..3], ["-", "USB"]);
    assert_eq!(row(&inet, "203.0.113.128/26")[1..3], ["-", "URS"]);
    assert_eq!(row(&inet, "203.0.113.192/26")[1..3], ["-", "URS"]);
    // Multipath: one row per path, as FreeBSD prints them.
    let paths: Vec<_> = inet
        .iter()
        .filter(|l| l.starts_with("192.0.2.0/24 "))
        .collect();
    assert_eq!(paths.len(), 2, "{inet:#?}");
    assert!(
        paths[0].contains("198.51.100.1") && paths[1].contains("198.51.100.3"),
        "{paths:?}"
    );
    // The other table has a section of its own; the local table only with -a.
    let t100 = section(&out, "Internet (table 100):");
    assert_eq!(row(&t100, "198.18.0.0/15")[1..3], ["198.51.100.1", "UGS"]);
    assert!(!out.contains("table local"), "{out}");

    let inet6 = section(&out, "Internet6:");
    assert_eq!(row(&inet6, "default")[1..3], ["2001:db8:1::1", "UGS"]);
    assert_eq!(
        row(&inet6, "2001:db8:2::7")[1..3],
        ["2001:db8:1::1", "UGHS"]
    );
    assert_eq!(row(&inet6, "2001:db8:dead::/48")[2], "USB");
    // Link-local prefix carries its scope; IPv6 routes have kernel refs and use counts.
    let ll = row(&inet6, "fe80::%va0/64");
    assert_eq!(ll[1..3], ["link#2", "U"]);
    assert!(
        ll[3].parse::<u64>().is_ok() && ll[4].parse::<u64>().is_ok(),
        "{ll:?}"
    );
}

#[test]
fn all_family_table_and_long_options() {
    let t = Topology::new("ro");
    let all = t.host.rnetstat_ok(&["-rna"]);
    let local = section(&all, "Internet (table local):");
    assert_eq!(row(&local, "198.51.100.2")[1..3], ["link#2", "UHL"]);
    assert_eq!(row(&local, "198.51.100.255")[2], "UHb");
    assert_eq!(
        row(&section(&all, "Internet6 (table local):"), "ff00::/8")[2],
        "Um"
    );

    let v6 = t.host.rnetstat_ok(&["-rn", "-f", "inet6"]);
    assert!(
        !v6.contains("Internet:") && v6.contains("Internet6:"),
        "{v6}"
    );
    let one = t.host.rnetstat_ok(&["-rn", "-F", "100"]);
    assert!(
        one.contains("198.18.0.0/15") && !one.contains("default"),
        "{one}"
    );

    let long = t.host.rnetstat_ok(&["-rnl"]);
    let hdr = long.lines().find(|l| l.starts_with("Destination")).unwrap();
    assert_eq!(
        hdr.split_whitespace().collect::<Vec<_>>(),
        [
            "Destination",
            "Gateway",
            "Flags",
            "Refs",
            "Use",
            "Mtu",
            "Netif",
            "Expire"
        ]
    );
    t.host
        .ip("route add 2001:db8:4444:5555:6666:7777:8888:0/112 via 2001:db8:1::1 mtu 1400");
    // -l prints the full IPv6 address and the route's MTU; without -l the column cuts it.
    let long = t.host.rnetstat_ok(&["-rnl", "-f", "inet6"]);
    let r = row(
        &section(&long, "Internet6:"),
        "2001:db8:4444:5555:6666:7777:8888:0/112",
    );
    assert_eq!(r[5], "1400");
    // Numbers are never cut (-n), as in both BSD netstats; without -n the column cuts, -W not.
    let numeric = t.host.rnetstat_ok(&["-rn", "-f", "inet6"]);
    assert!(
        numeric.contains("2001:db8:4444:5555:6666:7777:8888:0/112 "),
        "{numeric}"
    );
    t.host.etc(
        "resolv.conf",
        "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n",
    );
    t.host.etc("hosts", "127.0.0.1 localhost\n");
    let short = t.host.rnetstat_ok(&["-r", "-f", "inet6"]);
    assert!(!short.contains("8888:0/112"), "{short}");
    let wide = t.host.rnetstat_ok(&["-rW", "-f", "inet6"]);
    assert!(
        wide.contains("2001:db8:4444:5555:6666:7777:8888:0/112"),
        "{wide}"
    );
}

#[test]
fn names_come_from_the_resolver_without_n() {
    let t = Topology::new("rr");
    // The namespace's own /etc/hosts names the router; other lookups fail fast (no DNS server).
    t.host.etc(
        "hosts",
        "127.0.0.1 localhost\n198.51.100.1 router.test\n203.0.113.7 far.test\n",
    );
    t.host.etc(
        "resolv.conf",
        "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n",
    );
    let out = t.host.rnetstat_ok(&["-ra", "-f", "inet"]);
    let inet = section(&out, "Internet:");
    assert_eq!(row(&inet, "default")[1..3], ["router.test", "UGS"]);
    assert_eq!(row(&inet, "far.test")[1..3], ["router.test", "UGHS"]);
    assert_eq!(row(&inet, "198.51.100.0/24")[1], "link#2");
    let local = section(&out, "Internet (table local):");
    assert_eq!(row(&local, "localhost")[2], "UHL");
}

/// (destination, table) of every route `ip -j route show table all` lists, normalised.
fn ip_routes(t: &Topology, family: &str) -> BTreeSet<(String, u64)> {
    let v = t.host.ip_json(&format!("{family} route show table all"));
    let (any, host) = if family == "-4" {
        ("0.0.0.0/0", "/32")
    } else {
        ("::/0", "/128")
    };
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let dst = r["dst"].as_str().unwrap();
            let dst = match dst {
                "default" => any.to_string(),
                d if d.contains('/') => d.to_string(),
                d => format!("{d}{host}"),
            };
            let table = match &r["table"] {
                Value::Null => 254,
                Value::String(s) if s == "main" => 254,
                Value::String(s) if s == "local" => 255,
                Value::String(s) => s.parse().unwrap(),
                other => other.as_u64().unwrap(),
            };
            (dst, table)
        })
        .collect()
}

#[test]
fn json_agrees_with_ip_and_validates() {
    let t = Topology::new("rj");
    let doc = json(&t.host.rnetstat_ok(&["-rn", "-a", "--json"]));
    assert_schema("routes", &doc);
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["display"], "routes");
    let routes = doc["routes"].as_array().unwrap();
    for (family, name) in [("-4", "inet"), ("-6", "inet6")] {
        let ours: BTreeSet<(String, u64)> = routes
            .iter()
            .filter(|r| r["family"] == name)
            .map(|r| {
                (
                    r["destination"].as_str().unwrap().to_string(),
                    r["table"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(ours, ip_routes(&t, family), "{family}");
    }
    let find = |dst: &str| {
        routes
            .iter()
            .find(|r| r["destination"] == dst)
            .unwrap_or_else(|| panic!("{dst}"))
    };
    let d = find("0.0.0.0/0");
    assert_eq!(d["gateway"], "198.51.100.1");
    assert_eq!(d["gateway_kind"], "address");
    assert_eq!(d["netif"], "va0");
    assert_eq!(d["flags"], "UGS");
    assert_eq!(
        d["flag_names"],
        serde_json::json!(["up", "gateway", "static"])
    );
    assert_eq!(d["protocol"], "boot");
    assert_eq!(
        d["refs"],
        Value::Null,
        "IPv4 routes have no refcount on Linux"
    );
    let bh = find("203.0.113.64/26");
    assert_eq!(
        (bh["type"].as_str(), bh["gateway"].clone()),
        (Some("blackhole"), Value::Null)
    );
    assert_eq!(find("203.0.113.192/26")["type"], "prohibit");
    let mp = find("192.0.2.0/24");
    let hops = mp["nexthops"].as_array().unwrap();
    assert_eq!(hops.len(), 2);
    assert_eq!(
        (hops[0]["gateway"].as_str(), hops[0]["weight"].as_u64()),
        (Some("198.51.100.1"), Some(1))
    );
    assert_eq!(
        (hops[1]["gateway"].as_str(), hops[1]["weight"].as_u64()),
        (Some("198.51.100.3"), Some(2))
    );
    assert_eq!(find("198.18.0.0/15")["table"], 100);
    assert_eq!(find("2001:db8:2::7/128")["flags"], "UGHS");
}

#[test]
fn routes_stream_in_flat_memory_and_a_closed_pipe_ends_quietly() {
    let t = Topology::new("rs");
    add_routes_from(&t.host, 0, 2_000);
    let small_table = peak_rss_kib(&t.host, &["-rn"]);
    let small_json = peak_rss_kib(&t.host, &["-rn", "--json"]);
    add_routes_from(&t.host, 2_000, 60_000);
    let big_table = peak_rss_kib(&t.host, &["-rn"]);
    let big_json = peak_rss_kib(&t.host, &["-rn", "--json"]);
    // 30 times the routes may not cost more than 1 MiB more memory.
    assert!(
        big_table < small_table + 1024,
        "table: {small_table} KiB -> {big_table} KiB"
    );
    assert!(
        big_json < small_json + 1024,
        "json: {small_json} KiB -> {big_json} KiB"
    );

    // `rnetstat -rn | head -1`: the reader leaves after one line; rnetstat exits 0, silently.
    let mut child = t
        .host
        .command(bin())
        .arg("-rn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "Routing tables\n");
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Add host routes 198.18.0.0 + from .. to through va0.
fn add_routes_from(ns: &Netns, from: u32, to: u32) {
    let mut batch = String::new();
    for i in from..to {
        let a = 0xc612_0000u32 + i; // 198.18.0.0 + i
        batch.push_str(&format!(
            "route add {}/32 dev va0\n",
            std::net::Ipv4Addr::from(a)
        ));
    }
    ns.ip_batch(&batch);
}

/// -4 and -6 are -f inet and -f inet6 (FreeBSD, ss); both together restrict nothing; with a -f
/// naming another family they are refused.
#[test]
fn minus_4_and_6_name_the_ip_families() {
    let snap = "fixtures/linux/basic";
    let show = |args: &[&str]| render_from(snap, args);
    let v6 = show(&["-rn", "-6"]);
    assert_eq!(v6, show(&["-rn", "-f", "inet6"]));
    assert!(
        v6.contains("Internet6:") && !v6.contains("Internet:"),
        "{v6}"
    );
    let v4 = show(&["-rn", "-4"]);
    assert_eq!(v4, show(&["-rn", "-f", "inet"]));
    assert!(!v4.contains("Internet6:"), "{v4}");
    assert_eq!(show(&["-rn", "-4", "-6"]), show(&["-rn"]));
    assert_eq!(show(&["-rn", "-4", "-f", "inet"]), v4);
    let out = rnetstat(&[
        "-M",
        &root().join(snap).to_string_lossy(),
        "-rn",
        "-4",
        "-f",
        "inet6",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "rnetstat: -4 and -6 name a family as -f does; -f inet6 says another: give one of them\n"
    );
}

/// Routes added and deleted while -rn reads the table: every printed row is whole and one the
/// kernel had (a static route, or one of the churning range), none twice; the static routes
/// are all there unless stderr says the dump was interrupted.
#[test]
fn routes_changing_during_the_dump_give_whole_unique_rows() {
    let t = Topology::new("rc");
    add_routes_from(&t.host, 0, 20_000);
    // The churn: 198.19.0.0/24's host routes added and deleted, over and over.
    let script = format!(
        "while :; do for op in add del; do \
         seq 0 255 | sed \"s|.*|route $op 198.19.0.&/32 dev va0|\" | ip -n {ns} -batch - 2>/dev/null; \
         done; done",
        ns = t.host.name
    );
    /// Stops the churn even when an assertion fails.
    struct Churn(std::process::Child);
    impl Drop for Churn {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _churn = Churn(
        std::process::Command::new("sh")
            .args(["-c", &script])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    for _ in 0..5 {
        let out = t.host.rnetstat(&["-rn", "-f", "inet"]);
        assert!(out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        let interrupted = err.contains("changed during the dump");
        assert!(
            err.is_empty() || (interrupted && err.lines().count() == 1),
            "{err}"
        );
        let text = text(&out);
        // Host routes only: the topology's own 198.18.0.0/15 is not the test's.
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| {
                l.starts_with("198.1") && !l.split_whitespace().next().unwrap().contains('/')
            })
            .collect();
        let unique: BTreeSet<&str> = rows.iter().copied().collect();
        assert_eq!(unique.len(), rows.len(), "a row printed twice");
        let mut statics = 0;
        for r in &rows {
            let cells: Vec<&str> = r.split_whitespace().collect();
            assert!(cells.len() >= 4, "torn row: {r}");
            let dest: std::net::Ipv4Addr = cells[0].parse().unwrap_or_else(|_| panic!("{r}"));
            let [a, b, c, _] = dest.octets();
            match (a, b, c) {
                (198, 18, _) => statics += 1,
                (198, 19, 0) => {}
                _ => panic!("not a route of this test: {r}"),
            }
            assert_eq!(cells[1], "link#2", "{r}");
            assert_eq!(cells.last(), Some(&"va0"), "{r}");
        }
        if !interrupted {
            assert_eq!(statics, 20_000);
        }
    }
}
