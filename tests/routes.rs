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
    // One table, as BSD shows one FIB: table 100 and the local table are not in it.
    assert!(!out.contains("198.18.0.0/15"), "{out}");
    assert!(!out.contains("UHL"), "{out}");
    assert_eq!(out.matches("Routing tables").count(), 1, "{out}");

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
    // -a: the local table's routes join the main table's sections, as a BSD FIB holds them.
    let all = t.host.rnetstat_ok(&["-rna"]);
    assert_eq!(all.matches("Routing tables").count(), 1, "{all}");
    let inet = section(&all, "Internet:");
    assert_eq!(row(&inet, "default")[1], "198.51.100.1");
    assert_eq!(row(&inet, "198.51.100.2")[1..3], ["link#2", "UHL"]);
    assert_eq!(row(&inet, "198.51.100.255")[2], "UHb");
    assert_eq!(row(&section(&all, "Internet6:"), "ff00::/8")[2], "Um");

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
    assert!(
        one.starts_with("Routing tables (fib: 100)\n\nInternet:\n"),
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
            "Metric",
            "Weight",
            "Nhflags",
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
    assert_eq!(row(&inet, "localhost")[2], "UHL");
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
    let doc = json(&t.host.rnetstat_ok(&["-rn", "-a", "-F", "all", "--json"]));
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
    let _churn = Background::shell(&script);
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

/// `ip -j route` entries of `table` whose dst is `dst` ("default" for the default route).
fn ip_entries(ns: &Netns, family: &str, table: &str, dst: &str) -> Vec<Value> {
    ns.ip_json(&format!("{family} route show table {table}"))
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["dst"] == dst)
        .cloned()
        .collect()
}

/// Two default routes that differ only in metric, the weights of a multipath route and an
/// `onlink` route: -l shows what tells them apart, and the JSON carries the metric as a number
/// (0 too) and `onlink`, as `ip -j route` shows them.
#[test]
fn long_routes_show_metric_weight_and_onlink() {
    let t = Topology::new("rm");
    let h = &t.host;
    h.ip_batch(
        "route del default via 198.51.100.1\n\
         route add default via 198.51.100.1 metric 100\n\
         route add default via 198.51.100.1 metric 200\n\
         route add 203.0.113.0/28 via 192.0.2.99 dev va0 onlink\n",
    );
    // The oracle: ip's metric (absent for 0), weights and flags.
    let defaults = ip_entries(h, "-4", "main", "default");
    let metrics: Vec<u64> = defaults
        .iter()
        .map(|r| r["metric"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(metrics, [100, 200], "{defaults:?}");
    let onlink = &ip_entries(h, "-4", "main", "203.0.113.0/28")[0];
    assert_eq!(onlink["flags"], serde_json::json!(["onlink"]), "{onlink}");
    let mp = &ip_entries(h, "-4", "main", "192.0.2.0/24")[0];
    let ip_weights: Vec<u64> = mp["nexthops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["weight"].as_u64().unwrap_or(1))
        .collect();
    assert_eq!(ip_weights, [1, 2], "{mp}");

    // Without -l the BSD columns print the two defaults alike; -l tells them apart.
    let plain = section(&h.rnetstat_ok(&["-rn", "-f", "inet"]), "Internet:").join("\n");
    let d: Vec<&str> = plain
        .lines()
        .filter(|l| l.starts_with("default "))
        .collect();
    assert_eq!((d.len(), d[0] == d[1]), (2, true), "{plain}");
    let long = h.rnetstat_ok(&["-rnl", "-f", "inet"]);
    let inet = section(&long, "Internet:");
    // Destination Gateway Flags Refs Use Mtu Metric Weight Nhflags Netif.
    fn cols<'a>(l: &&'a str) -> Vec<&'a str> {
        l.split_whitespace().collect()
    }
    let defaults: Vec<Vec<&str>> = inet
        .iter()
        .filter(|l| l.starts_with("default "))
        .map(cols)
        .collect();
    assert_eq!(
        defaults,
        [
            [
                "default",
                "198.51.100.1",
                "UGS",
                "-",
                "-",
                "-",
                "100",
                "-",
                "-",
                "va0"
            ],
            [
                "default",
                "198.51.100.1",
                "UGS",
                "-",
                "-",
                "-",
                "200",
                "-",
                "-",
                "va0"
            ]
        ],
        "{long}"
    );
    let paths: Vec<Vec<&str>> = inet
        .iter()
        .filter(|l| l.starts_with("192.0.2.0/24 "))
        .map(cols)
        .collect();
    assert_eq!(
        paths.iter().map(|p| (p[1], p[6], p[7])).collect::<Vec<_>>(),
        [("198.51.100.1", "0", "1"), ("198.51.100.3", "0", "2")],
        "{long}"
    );
    assert_eq!(
        row(&inet, "203.0.113.0/28")[1..],
        [
            "192.0.2.99",
            "UGS",
            "-",
            "-",
            "-",
            "0",
            "-",
            "onlink",
            "va0"
        ]
    );
    // IPv6: the kernel's metric 1024 of a route added without one.
    let v6 = h.rnetstat_ok(&["-rnl", "-f", "inet6"]);
    let ip6 = &ip_entries(h, "-6", "main", "default")[0];
    assert_eq!(
        row(&section(&v6, "Internet6:"), "default")[6],
        ip6["metric"].as_u64().unwrap().to_string()
    );

    let doc = json(&h.rnetstat_ok(&["-rn", "-f", "inet", "--json"]));
    assert_schema("routes", &doc);
    let routes = doc["routes"].as_array().unwrap();
    let of =
        |dst: &str| -> Vec<&Value> { routes.iter().filter(|r| r["destination"] == dst).collect() };
    let prio: Vec<&Value> = of("0.0.0.0/0").iter().map(|r| &r["priority"]).collect();
    assert_eq!(prio, [&serde_json::json!(100), &serde_json::json!(200)]);
    // Metric 0 is 0, not null.
    assert_eq!(of("198.51.100.0/24")[0]["priority"], 0);
    let ol = of("203.0.113.0/28")[0];
    assert_eq!(ol["nexthops"][0]["onlink"], true, "{ol}");
    assert_eq!(of("0.0.0.0/0")[0]["nexthops"][0]["onlink"], false);
    let weights: Vec<u64> = of("192.0.2.0/24")[0]["nexthops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["weight"].as_u64().unwrap())
        .collect();
    assert_eq!(weights, ip_weights);
}

/// One table at a time, as BSD shows one FIB: main by default, another with -F N under
/// FreeBSD's "Routing tables (fib: N)", every table with -F all, one block after another.
#[test]
fn one_table_at_a_time_and_all_with_f_all() {
    let t = Topology::new("rf");
    let h = &t.host;
    h.ip_batch(
        "route add 198.18.7.0/24 via 198.51.100.1 table 7\n\
         route add 2001:db8:7::/48 via 2001:db8:1::1 table 7\n",
    );
    let main = h.rnetstat_ok(&["-rn"]);
    assert!(main.starts_with("Routing tables\n\nInternet:\n"), "{main}");
    assert!(
        !main.contains("198.18.") && !main.contains("2001:db8:7::") && !main.contains("(fib"),
        "{main}"
    );
    assert_eq!(h.rnetstat_ok(&["-rn", "-F", "main"]), main);
    assert_eq!(h.rnetstat_ok(&["-rn", "-F", "254"]), main);

    let seven = h.rnetstat_ok(&["-rn", "-F", "7"]);
    assert!(
        seven.starts_with("Routing tables (fib: 7)\n\nInternet:\n"),
        "{seven}"
    );
    assert_eq!(
        row(&section(&seven, "Internet:"), "198.18.7.0/24")[1..3],
        ["198.51.100.1", "UGS"]
    );
    assert_eq!(
        row(&section(&seven, "Internet6:"), "2001:db8:7::/48")[1..3],
        ["2001:db8:1::1", "UGS"]
    );
    let local = h.rnetstat_ok(&["-rn", "-F", "local", "-f", "inet"]);
    assert!(local.starts_with("Routing tables (fib: 255)\n"), "{local}");
    assert_eq!(row(&section(&local, "Internet:"), "198.51.100.2")[2], "UHL");

    // -F all: main, then 7, then 100, each a block of its own; the local table only with -a,
    // in the main block.
    let all = h.rnetstat_ok(&["-rn", "-F", "all"]);
    let headings: Vec<&str> = all
        .lines()
        .filter(|l| l.starts_with("Routing tables"))
        .collect();
    assert_eq!(
        headings,
        [
            "Routing tables",
            "Routing tables (fib: 7)",
            "Routing tables (fib: 100)"
        ],
        "{all}"
    );
    let blocks: Vec<&str> = all.split("\n\nRouting tables").collect();
    assert_eq!(blocks.len(), 3, "{all}");
    assert_eq!(blocks[0], main.trim_end(), "the main block is -rn");
    assert!(blocks[1].starts_with(" (fib: 7)\n\nInternet:\n"), "{all}");
    assert!(
        blocks[1].contains("198.18.7.0/24") && blocks[1].contains("\nInternet6:\n"),
        "{all}"
    );
    assert!(
        blocks[2].starts_with(" (fib: 100)\n\nInternet:\n") && blocks[2].contains("198.18.0.0/15"),
        "{all}"
    );
    assert!(!all.contains("UHL"), "{all}");
    let all_a = h.rnetstat_ok(&["-rna", "-F", "all"]);
    assert_eq!(all_a.matches("Routing tables").count(), 3, "{all_a}");
    assert!(
        all_a
            .split("\n\nRouting tables")
            .next()
            .unwrap()
            .contains("UHL"),
        "{all_a}"
    );

    // JSON: -F all has every table of `ip -j route show table all` but local; -F 7 table 7.
    let doc = json(&h.rnetstat_ok(&["-rn", "-F", "all", "--json"]));
    assert_schema("routes", &doc);
    let tables: BTreeSet<u64> = doc["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["table"].as_u64().unwrap())
        .collect();
    let theirs: BTreeSet<u64> = ip_routes(&t, "-4")
        .into_iter()
        .chain(ip_routes(&t, "-6"))
        .map(|(_, table)| table)
        .filter(|t| *t != 255)
        .collect();
    assert_eq!(tables, theirs);
    let doc = json(&h.rnetstat_ok(&["-rn", "-F", "7", "--json"]));
    let dsts: BTreeSet<&str> = doc["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["destination"].as_str().unwrap())
        .collect();
    assert_eq!(
        dsts,
        BTreeSet::from(["198.18.7.0/24", "2001:db8:7::/48"]),
        "{doc}"
    );
    // A table that does not exist: the heading, no routes.
    assert_eq!(
        h.rnetstat_ok(&["-rn", "-F", "4242"]),
        "Routing tables (fib: 4242)\n"
    );
}

/// Routes through `ip nexthop` objects: the id the route names (RTA_NH_ID) is its
/// nexthop_id, and the id of its one path; a group's paths are expanded without ids of their
/// own. Checked against `ip -j route`'s nhid.
#[test]
fn nexthop_objects_show_their_id() {
    let t = Topology::new("rh");
    let h = &t.host;
    h.ip_batch(
        "nexthop add id 41 via 198.51.100.1 dev va0\n\
         nexthop add id 42 via 198.51.100.3 dev va0\n\
         nexthop add id 50 group 41,1/42,3\n\
         route add 203.0.113.16/28 nhid 41\n\
         route add 203.0.113.32/28 nhid 50\n",
    );
    let nhid = |dst: &str| {
        ip_entries(h, "-4", "main", dst)[0]["nhid"]
            .as_u64()
            .unwrap()
    };
    assert_eq!((nhid("203.0.113.16/28"), nhid("203.0.113.32/28")), (41, 50));
    let doc = json(&h.rnetstat_ok(&["-rn", "-f", "inet", "--json"]));
    assert_schema("routes", &doc);
    let routes = doc["routes"].as_array().unwrap();
    let of = |dst: &str| {
        routes
            .iter()
            .find(|r| r["destination"] == dst)
            .unwrap_or_else(|| panic!("{dst}"))
    };
    let one = of("203.0.113.16/28");
    assert_eq!(one["nexthop_id"], nhid("203.0.113.16/28"), "{one}");
    assert_eq!(one["nexthops"][0]["id"], 41, "{one}");
    assert_eq!(one["gateway"], "198.51.100.1", "{one}");
    let group = of("203.0.113.32/28");
    assert_eq!(group["nexthop_id"], nhid("203.0.113.32/28"), "{group}");
    let paths: Vec<(&str, u64, &Value)> = group["nexthops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["gateway"].as_str().unwrap(),
                n["weight"].as_u64().unwrap(),
                &n["id"],
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            ("198.51.100.1", 1, &Value::Null),
            ("198.51.100.3", 3, &Value::Null)
        ],
        "{group}"
    );
    // A route with its own next hop names no object.
    assert_eq!(of("0.0.0.0/0")["nexthop_id"], Value::Null);
    assert_eq!(of("0.0.0.0/0")["nexthops"][0]["id"], Value::Null);
    // The text is BSD's: one row per path of the group.
    let out = h.rnetstat_ok(&["-rn", "-f", "inet"]);
    let rows: Vec<&str> = section(&out, "Internet:")
        .into_iter()
        .filter(|l| l.starts_with("203.0.113.32/28 "))
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
}
