//! `-q` / `-qq -I if`: the send queues of a real veth after real traffic, against `tc -s`.
//!
//! qa (192.0.2.1) in one namespace, its peer qb (192.0.2.2) in another; IPv6 off and
//! permanent neighbour entries on both sides, so the only packets qa sends are the echo
//! requests of the pings (98 bytes each on the wire). qa has `htb` root 1: with class 1:10
//! and a `tbf` qdisc 10: under the class.

use crate::common::*;
use std::collections::BTreeMap;

const PINGS: u64 = 25;
/// An echo request with ping's 56 data bytes: 14 Ethernet + 20 IPv4 + 8 ICMP + 56.
const ECHO_BYTES: u64 = 98;

struct Queues {
    a: Netns,
    _b: Netns,
}

fn setup(tag: &str) -> Queues {
    let a = Netns::new(&format!("{tag}a"));
    let b = Netns::new(&format!("{tag}b"));
    a.without_ipv6();
    b.without_ipv6();
    a.ip(&format!(
        "link add qa type veth peer name qb netns {}",
        b.name
    ));
    a.ip_batch(
        "link set qa address 02:00:00:00:0a:01\n\
         addr add 192.0.2.1/24 dev qa\n\
         link set qa up\n\
         neigh add 192.0.2.2 lladdr 02:00:00:00:0b:01 dev qa nud permanent\n",
    );
    b.ip_batch(
        "link set qb address 02:00:00:00:0b:01\n\
         addr add 192.0.2.2/24 dev qb\n\
         link set qb up\n\
         neigh add 192.0.2.1 lladdr 02:00:00:00:0a:01 dev qb nud permanent\n",
    );
    a.exec(&[
        "tc", "qdisc", "add", "dev", "qa", "root", "handle", "1:", "htb", "default", "10",
    ]);
    a.exec(&[
        "tc", "class", "add", "dev", "qa", "parent", "1:", "classid", "1:10", "htb", "rate",
        "100mbit",
    ]);
    a.exec(&[
        "tc", "qdisc", "add", "dev", "qa", "parent", "1:10", "handle", "10:", "tbf", "rate",
        "50mbit", "burst", "32k", "latency", "50ms",
    ]);
    a.exec(&[
        "ping",
        "-c",
        &PINGS.to_string(),
        "-i",
        "0.02",
        "-W",
        "2",
        "-q",
        "192.0.2.2",
    ]);
    Queues { a, _b: b }
}

/// (packets, bytes) per handle from `tc -s -j <what> show dev qa`; iproute2 releases whose
/// `tc class` ignores -j print text, which is read instead.
fn tc_counters(ns: &Netns, what: &str) -> BTreeMap<String, (u64, u64)> {
    let out = ns.exec(&["tc", "-s", "-j", what, "show", "dev", "qa"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if let Ok(serde_json::Value::Array(items)) = serde_json::from_str(&text) {
        return items
            .iter()
            .filter(|q| q.get("packets").is_some() || q["stats"].get("packets").is_some())
            .map(|q| {
                let s = if q.get("packets").is_some() {
                    q
                } else {
                    &q["stats"]
                };
                (
                    q["handle"].as_str().unwrap().to_string(),
                    (s["packets"].as_u64().unwrap(), s["bytes"].as_u64().unwrap()),
                )
            })
            .collect();
    }
    // "class htb 1:10 root ...\n Sent 2450 bytes 25 pkt (dropped 0, ...)".
    let mut map = BTreeMap::new();
    let mut handle = None;
    for line in text.lines() {
        let w: Vec<&str> = line.split_whitespace().collect();
        if w.first() == Some(&what) && w.len() > 2 {
            handle = Some(w[2].to_string());
        } else if w.first() == Some(&"Sent") {
            let h = handle.take().expect("Sent line after its header");
            map.insert(h, (w[3].parse().unwrap(), w[1].parse().unwrap()));
        }
    }
    map
}

/// (packets, bytes) per (type, handle) from `rnetstat --json`.
fn ours(doc: &serde_json::Value, kind: &str) -> BTreeMap<String, (u64, u64)> {
    doc["queues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["type"] == kind && !q["packets"].is_null())
        .map(|q| {
            (
                q["handle"].as_str().unwrap().to_string(),
                (q["packets"].as_u64().unwrap(), q["bytes"].as_u64().unwrap()),
            )
        })
        .collect()
}

#[test]
fn qdiscs_and_classes_count_the_pings_as_tc_does() {
    let t = setup("q");
    let doc = json(&t.a.rnetstat_ok(&["-qq", "-I", "qa", "--json"]));
    let tc_qdiscs = tc_counters(&t.a, "qdisc");
    let tc_classes = tc_counters(&t.a, "class");
    assert_schema("queues", &doc);
    let want = (PINGS, PINGS * ECHO_BYTES);
    let qdiscs = ours(&doc, "qdisc");
    assert_eq!(qdiscs, tc_qdiscs);
    assert_eq!(qdiscs["1:"], want, "{doc}");
    assert_eq!(qdiscs["10:"], want, "{doc}");
    let classes = ours(&doc, "class");
    assert_eq!(classes, tc_classes);
    assert_eq!(classes["1:10"], want, "{doc}");
    let kinds: Vec<(&str, &str, &str, &str)> = doc["queues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["type"].as_str().unwrap(),
                q["kind"].as_str().unwrap(),
                q["handle"].as_str().unwrap(),
                q["parent"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("qdisc", "htb", "1:", "root"),
            ("qdisc", "tbf", "10:", "1:10"),
            ("class", "htb", "1:10", "root"),
            ("class", "tbf", "10:1", "10:"),
        ]
    );

    // The table: -q has the qdiscs only, with the same counters.
    let out = t.a.rnetstat_ok(&["-q", "-I", "qa"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Queue statistics for qa:");
    let head: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        head[..6],
        ["Type", "Kind", "Handle", "Parent", "Packets", "Bytes"]
    );
    assert_eq!(lines.len(), 4, "{out}");
    for (line, handle) in lines[2..].iter().zip(["1:", "10:"]) {
        let c: Vec<&str> = line.split_whitespace().collect();
        assert_eq!((c[0], c[2]), ("qdisc", handle), "{out}");
        assert_eq!(c[4].parse::<u64>().unwrap(), PINGS, "{out}");
        assert_eq!(c[5].parse::<u64>().unwrap(), PINGS * ECHO_BYTES, "{out}");
        // Nothing dropped, nothing waiting.
        assert_eq!((c[6], c[9], c[10]), ("0", "0", "0"), "{out}");
    }

    // -c keeps one queue, by handle or by kind.
    let one = t.a.rnetstat_ok(&["-qq", "-I", "qa", "-c", "1:10"]);
    let rows: Vec<&str> = one.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{one}");
    assert!(rows[0].starts_with("class htb        1:10"), "{one}");
    // A class handle is enough to show that class without -qq.
    let class = t.a.rnetstat_ok(&["-q", "-I", "qa", "-c", "1:10"]);
    assert_eq!(
        class.lines().skip(2).collect::<Vec<_>>().len(),
        1,
        "{class}"
    );
    assert!(
        class.lines().nth(2).unwrap().starts_with("class htb"),
        "{class}"
    );
    let tbf = t.a.rnetstat_ok(&["-q", "-I", "qa", "-c", "tbf"]);
    assert_eq!(tbf.lines().skip(2).count(), 1, "{tbf}");
    let root = t.a.rnetstat_ok(&["-q", "-I", "qa", "-c", "1"]);
    assert!(
        root.lines()
            .nth(2)
            .unwrap()
            .starts_with("qdisc htb        1:"),
        "{root}"
    );

    // The same from a capture, byte for byte.
    t.a.assert_capture_round_trip(&["-qq", "-I", "qa"]);
    t.a.assert_capture_round_trip(&["-q", "-I", "qa", "--json"]);
}

#[test]
fn usage_errors_are_one_clear_line() {
    let t = setup("qe");
    let cases: [(&[&str], &str); 5] = [
        (&["-q"], "rnetstat: -q needs -I interface\n"),
        (
            &["-q", "-I", "qa", "-c", "1:2:3"],
            "rnetstat: -c \"1:2:3\": not a queue handle (1:, 1:10), root or a kind (htb)\n",
        ),
        (&["-q", "-I", "nosuch0"], "rnetstat: nosuch0: no such interface\n"),
        (
            &["-q", "-I", "qa", "-c", "7:7"],
            "rnetstat: -c \"7:7\": qa has no queue with that handle or kind\n",
        ),
        (
            &["-c", "1:", "-I", "qa"],
            "rnetstat: -c (--queue) names a queue of the queue statistics: rnetstat -q -I interface -c queue\n",
        ),
    ];
    for (args, want) in cases {
        let out = t.a.rnetstat(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), want, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
