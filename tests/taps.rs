//! `-B`: packet taps of a real namespace (tests/helpers/tap.py) after real traffic, against `ss`,
//! through both kernel paths (packet_diag and /proc/net/packet).

use crate::common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Child;

/// Echo requests of 8000 bytes sent after the tap is open; each reply is one frame larger
/// than the tap's minimal receive buffer, so the first is queued and the others dropped.
const BIG_PINGS: u64 = 5;

/// The tap helper, stopped (stdin closed) on drop.
struct Tap {
    child: Child,
    info: Value,
}

impl Tap {
    fn start(ns: &Netns, args: &[&str]) -> Tap {
        let (child, info) = ns.python_helper("tap.py", args);
        Tap { child, info }
    }
}

impl Drop for Tap {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// The table row (split into columns) whose Pid and Netif are these.
fn tap_row<'a>(out: &'a str, pid: &str, netif: &str) -> Option<Vec<&'a str>> {
    out.lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|c| c.len() > 2 && c[0] == pid && c[1] == netif)
}

/// Per packet socket of `ss -0 -a -e -m -b`: inode to (Recv-Q, drops, bpf filter length).
fn ss_packet(ns: &Netns) -> BTreeMap<u64, (u64, u64, Option<u64>)> {
    let out = text(&ns.exec(&["ss", "-0", "-a", "-e", "-m", "-b", "-H"]));
    let mut map = BTreeMap::new();
    let mut current: Option<u64> = None;
    for line in out.lines() {
        if !line.starts_with(char::is_whitespace) {
            let inode = line
                .split_whitespace()
                .find_map(|w| w.strip_prefix("ino:"))
                .map(|i| i.parse::<u64>().unwrap())
                .expect("ss -e names the inode");
            let recv_q: u64 = line.split_whitespace().nth(2).unwrap().parse().unwrap();
            map.insert(inode, (recv_q, 0, None));
            current = Some(inode);
        }
        let Some(inode) = current else { continue };
        let entry = map.get_mut(&inode).unwrap();
        if let Some(rest) = line.split("skmem:(").nth(1) {
            let drops = rest
                .trim_end_matches(')')
                .split(',')
                .find_map(|f| f.trim_end_matches(')').strip_prefix('d'))
                .unwrap();
            entry.1 = drops.parse().unwrap();
        }
        if let Some(rest) = line.split("bpf filter (").nth(1) {
            entry.2 = Some(rest.split(')').next().unwrap().parse().unwrap());
        }
    }
    map
}

/// The taps of `-B --json`, by inode.
fn json_taps(doc: &Value) -> BTreeMap<u64, Value> {
    doc["taps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["inode"].as_u64().unwrap(), t.clone()))
        .collect()
}

#[test]
fn a_filtered_tap_and_a_ring_tap_against_ss() {
    let t = Topology::new("tp");
    let ns = &t.host;
    t.host.ip("link set va0 mtu 9000");
    t.router.ip("link set vb0 mtu 9000");
    ns.ip_batch("link add vc0 type veth peer name vd0\nlink set vc0 up\nlink set vd0 up\n");
    let tap = Tap::start(ns, &["--ifname", "va0", "--small-rcvbuf", "--ring-tap"]);
    let pid = tap.info["pid"].to_string();
    let inode = tap.info["inode"].as_u64().unwrap();
    let ring_inode = tap.info["ring_inode"].as_u64().unwrap();

    // Nothing received yet: the filtered tap on va0, taking IPv4, 4 instructions.
    let out = ns.rnetstat_ok(&["-B"]);
    assert!(
        out.starts_with("    Pid Netif    Type  Proto  Flags Filter Ring"),
        "{out}"
    );
    let row = tap_row(&out, &pid, "va0").unwrap_or_else(|| panic!("no va0 tap: {out}"));
    assert_eq!(
        row[2..],
        ["raw", "ip", "R", "4", "-", "0", "0", "python3"],
        "{out}"
    );
    // The ring tap: every EtherType on every interface, TPACKET_V3 ring, fanout group.
    let ring = tap_row(&out, &pid, "*").unwrap_or_else(|| panic!("no ring tap: {out}"));
    assert_eq!(row.len(), ring.len(), "{out}");
    assert_eq!(
        ring[2..7],
        ["dgram", "all", "RF", "-", "v3,rx:4x4K"],
        "{out}"
    );

    // Five large echo replies arrive on va0: one is queued, four are dropped.
    ns.exec(&[
        "ping",
        "-c",
        &BIG_PINGS.to_string(),
        "-i",
        "0.05",
        "-W",
        "2",
        "-s",
        "8000",
        "-M",
        "do",
        "198.51.100.1",
    ]);
    let verbose = ns.rnetstat_ok(&["-Bv"]);
    let row = tap_row(&verbose, &pid, "va0").unwrap();
    let recv_q: u64 = row[7].parse().unwrap();
    assert!(recv_q > 8000, "one 8 KB frame queued: {verbose}");
    assert_eq!(row[8], (BIG_PINGS - 1).to_string(), "{verbose}");
    assert_eq!(
        row[9..],
        ["-", "0", &inode.to_string(), "python3"],
        "{verbose}"
    );
    let ring = tap_row(&verbose, &pid, "*").unwrap();
    assert_eq!(
        ring[9..],
        ["42:lb", "0", &ring_inode.to_string(), "python3"],
        "{verbose}"
    );

    // JSON: valid, and the same packet sockets, queues, drops and filters as ss.
    let doc = json(&ns.rnetstat_ok(&["-B", "--json"]));
    assert_schema("taps", &doc);
    let ours = json_taps(&doc);
    let theirs = ss_packet(ns);
    assert_eq!(
        ours.keys().collect::<BTreeSet<_>>(),
        theirs.keys().collect::<BTreeSet<_>>(),
        "{doc:#}"
    );
    for (i, (recv_q, drops, filter)) in &theirs {
        let t = &ours[i];
        assert_eq!(t["recv_q"].as_u64(), Some(*recv_q), "{t}");
        assert_eq!(t["filter_instructions"].as_u64(), *filter, "{t}");
        // The ring tap takes every frame (MLD reports of the new links among them) and may
        // drop one between the two readings; the filtered tap's count holds still.
        if *i == inode {
            assert_eq!(t["drops"].as_u64(), Some(*drops), "{t}");
        }
    }
    let ours_tap = &ours[&inode];
    assert_eq!(ours_tap["netif"], "va0");
    assert_eq!(ours_tap["ifindex"], tap.info["ifindex"]);
    assert_eq!(ours_tap["protocol"], 0x0800);
    assert_eq!(ours_tap["filter"], "classic");
    assert_eq!(ours_tap["filter_instructions"], 4);
    assert_eq!(ours_tap["owners"][0]["pid"], tap.info["pid"]);
    assert_eq!(ours_tap["drops"], BIG_PINGS - 1);
    let ring = &ours[&ring_inode];
    assert_eq!(ring["netif"], Value::Null);
    assert_eq!(ring["filter"], "none");
    assert_eq!(ring["version"], 2);
    assert_eq!(ring["rx_ring"]["frame_count"], 8);
    assert_eq!(ring["fanout"]["id"], 42);
    assert_eq!(ring["fanout"]["mode"], "lb");

    // -I vc0: the tap on every interface sees vc0 too; the one on va0 does not.
    let vc0 = ns.rnetstat_ok(&["-B", "-I", "vc0"]);
    assert!(tap_row(&vc0, &pid, "*").is_some(), "{vc0}");
    assert!(tap_row(&vc0, &pid, "va0").is_none(), "{vc0}");
    let va0 = json(&ns.rnetstat_ok(&["-B", "-I", "va0", "--json"]));
    assert_eq!(
        json_taps(&va0).keys().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from([inode, ring_inode])
    );
    let bad = ns.rnetstat(&["-B", "-I", "nosuch0"]);
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "rnetstat: nosuch0: no such interface\n"
    );
    let two = ns.rnetstat(&["-B", "-r"]);
    assert!(!two.status.success());

    // /proc/net/packet: the same sockets, queues and owners; no filters or drops.
    let proc = ns
        .command(bin())
        .args(["-B", "--json"])
        .env("RNETSTAT_PROCFS", "1")
        .output()
        .unwrap();
    assert!(proc.status.success());
    let proc = json(&text(&proc));
    assert_schema("taps", &proc);
    let proc = json_taps(&proc);
    assert_eq!(
        proc.keys().collect::<BTreeSet<_>>(),
        ours.keys().collect::<BTreeSet<_>>()
    );
    assert_eq!(proc[&inode]["recv_q"], ours_tap["recv_q"]);
    assert_eq!(proc[&inode]["owners"], ours_tap["owners"]);
    assert_eq!(proc[&inode]["filter"], Value::Null);
    // /proc/net/packet tells only whether a tap runs: the other flags are unknown, not false.
    assert_eq!(proc[&inode]["flags"]["running"], true);
    assert_eq!(proc[&inode]["flags"]["auxdata"], Value::Null);
    assert_eq!(ours_tap["flags"]["auxdata"], false);

    for args in [&["-B"][..], &["-Bv", "-I", "vc0"], &["-B", "--json"]] {
        ns.assert_capture_round_trip(args);
    }
}
