//! `-R` / `-x`: the neighbour table of a real namespace after real traffic, against `ip neigh`.

use crate::common::*;
use std::collections::BTreeSet;

#[test]
fn reachable_peer_and_permanent_entry() {
    let t = Topology::new("nr");
    t.host
        .ip("neigh add 198.51.100.9 lladdr 02:00:00:00:00:09 dev va0 nud permanent");
    t.host
        .ip("-6 neigh add 2001:db8:1::9 lladdr 02:00:00:00:00:19 dev va0 nud permanent");
    let out = t.host.rnetstat_ok(&["-Rn"]);
    let rows: Vec<&str> = out.lines().collect();
    // The router answered the pings: reachable, with its MAC.
    assert_eq!(
        row(&rows, "198.51.100.1")[1..4],
        ["02:00:00:00:0b:01", "va0", "reachable"],
        "{out}"
    );
    assert_eq!(
        row(&rows, "198.51.100.9")[1..4],
        ["02:00:00:00:00:09", "va0", "permanent"],
        "{out}"
    );
    assert_eq!(
        row(&rows, "2001:db8:1::9")[1..4],
        ["02:00:00:00:00:19", "va0", "permanent"],
        "{out}"
    );

    let x = t
        .host
        .rnetstat_ok(&["-xn", "-f", "inet", "-i", "-I", "va0"]);
    let head: Vec<&str> = x.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        head[head.len() - 5..],
        ["Confirmed", "Used", "Updated", "Probes", "Refs"]
    );
    assert!(!x.contains("2001:db8"), "{x}");
    let peer = row(&x.lines().collect::<Vec<_>>(), "198.51.100.1");
    let confirmed: u64 = peer[4].parse().unwrap();
    assert!(confirmed < 30, "confirmed {confirmed} s ago: {x}");

    // JSON: the same (address, lladdr, state) as `ip -j neigh show`.
    let doc = json(&t.host.rnetstat_ok(&["-Rn", "--json"]));
    assert_schema("neighbors", &doc);
    let ours: BTreeSet<(String, String, String)> = doc["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["netif"] == "va0")
        .map(|n| {
            (
                n["address"].as_str().unwrap().to_string(),
                n["link_layer"].as_str().unwrap_or("").to_string(),
                n["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let ip = t.host.ip_json("neigh show nud all dev va0");
    let theirs: BTreeSet<(String, String, String)> = ip
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["dst"].as_str().unwrap().to_string(),
                n["lladdr"].as_str().unwrap_or("").to_string(),
                n["state"][0].as_str().unwrap().to_ascii_lowercase(),
            )
        })
        .collect();
    assert_eq!(ours, theirs);
    let bad = t.host.rnetstat(&["-R", "-I", "nosuch0"]);
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "rnetstat: nosuch0: no such interface\n"
    );
}

/// -R streams the table as -rn does: 20 times the neighbours cost at most 1 MiB more memory,
/// in text and JSON, and every entry is listed once.
#[test]
fn neighbours_stream_in_flat_memory() {
    let t = Topology::new("nm");
    // Permanent entries are not garbage-collected, whatever gc_thresh3 says.
    let add = |from: u32, to: u32| {
        let mut batch = String::new();
        for i in from..to {
            let a = std::net::Ipv4Addr::from(0xc612_0000u32 + i); // 198.18.0.0 + i
            batch.push_str(&format!(
                "neigh add {a} lladdr 02:00:00:{:02x}:{:02x}:{:02x} dev va0 nud permanent\n",
                i >> 16,
                (i >> 8) & 0xff,
                i & 0xff
            ));
        }
        t.host.ip_batch(&batch);
    };
    add(0, 2_000);
    let small_table = peak_rss_kib(&t.host, &["-Rn"]);
    let small_json = peak_rss_kib(&t.host, &["-Rn", "--json"]);
    add(2_000, 40_000);
    let big_table = peak_rss_kib(&t.host, &["-Rn"]);
    let big_json = peak_rss_kib(&t.host, &["-Rn", "--json"]);
    assert!(
        big_table < small_table + 1024,
        "table: {small_table} KiB -> {big_table} KiB"
    );
    assert!(
        big_json < small_json + 1024,
        "json: {small_json} KiB -> {big_json} KiB"
    );
    let out = t.host.rnetstat_ok(&["-Rn", "-f", "inet"]);
    let listed: BTreeSet<&str> = out
        .lines()
        .filter(|l| l.starts_with("198.18."))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(listed.len(), 40_000);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("198.18.")).count(),
        40_000
    );
}

/// Neighbours added and deleted while -R reads the table: every printed row is whole, none is
/// printed twice, and the static entries are all there unless stderr says the dump was
/// interrupted.
#[test]
fn neighbours_changing_during_the_dump_give_whole_unique_rows() {
    let t = Topology::new("nc");
    let mut batch = String::new();
    for i in 0..5_000u32 {
        let a = std::net::Ipv4Addr::from(0xc612_0000u32 + i); // 198.18.0.0 + i
        batch.push_str(&format!(
            "neigh add {a} lladdr 02:00:00:00:{:02x}:{:02x} dev va0 nud permanent\n",
            i >> 8,
            i & 0xff
        ));
    }
    t.host.ip_batch(&batch);
    let script = format!(
        "while :; do for op in add del; do \
         seq 0 255 | sed \"s|.*|neigh $op 198.19.0.& lladdr 02:00:00:00:ff:01 dev va0 nud permanent|\" \
         | ip -n {ns} -batch - 2>/dev/null; done; done",
        ns = t.host.name
    );
    let _churn = Background::shell(&script);
    let mut failure = None;
    for _ in 0..5 {
        let out = t.host.rnetstat(&["-Rn", "-f", "inet"]);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        let interrupted = err.contains("changed during the dump");
        let text = text(&out);
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("198.1")).collect();
        let unique: BTreeSet<&str> = rows.iter().copied().collect();
        let statics = rows.iter().filter(|r| r.starts_with("198.18.")).count();
        let whole = rows.iter().all(|r| r.split_whitespace().count() == 4);
        if !out.status.success()
            || !(err.is_empty() || interrupted)
            || unique.len() != rows.len()
            || !whole
            || (!interrupted && statics != 5_000)
        {
            failure = Some(format!("{err}\n{text}"));
            break;
        }
    }
    assert!(failure.is_none(), "{}", failure.unwrap());
}
