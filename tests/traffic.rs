//! `-w wait`: the running traffic display and `-s -w`, in a namespace pair where the only
//! traffic is the pings the test sends.

use crate::common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Lines};
use std::process::{Child, ChildStdout, Stdio};

/// Two namespaces joined by a veth pair: a (ta0, 198.51.100.2/24) and b (tb0, 198.51.100.1/24).
fn pair(tag: &str) -> (Netns, Netns) {
    let a = Netns::new(&format!("{tag}a"));
    let b = Netns::new(&format!("{tag}b"));
    a.without_ipv6();
    b.without_ipv6();
    a.ip(&format!(
        "link add ta0 type veth peer name tb0 netns {}",
        b.name
    ));
    a.ip_batch("addr add 198.51.100.2/24 dev ta0\nlink set ta0 up\n");
    b.ip_batch("addr add 198.51.100.1/24 dev tb0\nlink set tb0 up\n");
    (a, b)
}

/// rnetstat running in `ns` with `args`, its output read line by line.
struct Running {
    child: Child,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Running {
    fn start(ns: &Netns, args: &[&str]) -> Running {
        let mut child = ns
            .command(bin())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap()).lines();
        Running { child, lines }
    }

    fn line(&mut self) -> String {
        self.lines.next().expect("a line").unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Ping b from a `n` times, in the background.
fn pings(a: &Netns, n: u32) -> Child {
    a.command("ping")
        .args(["-c", &n.to_string(), "-i", "0.2", "-W", "1", "198.51.100.1"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn traffic_rows_count_the_pings_and_stream_as_ndjson() {
    let (a, _b) = pair("tw");
    let mut run = Running::start(&a, &["-w", "1", "-I", "ta0", "--json"]);
    let first: Value = serde_json::from_str(&run.line()).unwrap();
    assert_schema("traffic", &first);
    assert_eq!(first["since_boot"], true);
    assert_eq!(first["interface"], "ta0");
    let before_out = first["output"]["packets"].as_u64().unwrap();
    let mut ping = pings(&a, 10);
    let mut rows = Vec::new();
    for _ in 0..2 {
        let row: Value = serde_json::from_str(&run.line()).unwrap();
        assert_schema("traffic", &row);
        assert_eq!(row["since_boot"], false, "{row}");
        rows.push(row);
    }
    assert!(ping.wait().unwrap().success());
    // One more row once every ping is out: all ten echo requests were counted (ARP adds a few).
    let last: Value = serde_json::from_str(&run.line()).unwrap();
    let all_sent: u64 = rows
        .iter()
        .chain([&last])
        .map(|r| r["output"]["packets"].as_u64().unwrap())
        .sum();
    assert!(all_sent >= 10, "{all_sent}");
    for row in &rows {
        assert!(row["output"]["packets"].as_u64().unwrap() > 0, "{row}");
        assert!(row["input"]["packets"].as_u64().unwrap() > 0, "{row}");
        assert!(row["output"]["bytes"].as_u64().unwrap() >= 98, "{row}");
    }
    // Every echo request went out of ta0 after the first reading: the deltas never exceed the
    // totals the kernel counted since.
    let after = a.ip_json("-s link show ta0")[0]["stats64"]["tx"]["packets"]
        .as_u64()
        .unwrap();
    let seen: u64 = rows
        .iter()
        .map(|r| r["output"]["packets"].as_u64().unwrap())
        .sum();
    assert!(
        seen <= after - before_out,
        "{seen} > {after} - {before_out}"
    );
}

#[test]
fn traffic_table_has_the_bsd_header_and_drops_column() {
    let (a, _b) = pair("tt");
    let mut run = Running::start(&a, &["-w", "1", "-d", "-I", "ta0"]);
    let h1 = run.line();
    let h2 = run.line();
    assert_eq!(
        h1.split_whitespace().collect::<Vec<_>>(),
        ["input", "(ta0)", "output"]
    );
    assert_eq!(
        h2.split_whitespace().collect::<Vec<_>>(),
        ["packets", "errs", "idrops", "bytes", "packets", "errs", "bytes", "colls", "drops"]
    );
    let totals: Vec<u64> = run
        .line()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let kernel = &a.ip_json("-s link show ta0")[0]["stats64"];
    assert_eq!(totals.len(), 9);
    // Nothing is sent while the test reads: the totals are the kernel's.
    assert_eq!(totals[0], kernel["rx"]["packets"].as_u64().unwrap());
    assert_eq!(totals[3], kernel["rx"]["bytes"].as_u64().unwrap());
    let mut ping = pings(&a, 4);
    assert!(ping.wait().unwrap().success());
    // The pings land in the next row or, on a slow machine, partly in the one after.
    let mut sent = 0;
    for _ in 0..2 {
        let delta: Vec<u64> = run
            .line()
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        sent += delta[4];
    }
    assert!(sent >= 4, "{sent}");
}

#[test]
fn a_closed_pipe_and_sigint_end_quietly() {
    let (a, _b) = pair("tq");
    let out = a
        .command("sh")
        .args(["-c", &format!("{} -w 1 | head -4; exit 0", bin())])
        .output()
        .unwrap();
    assert_eq!(text(&out).lines().count(), 4, "{}", text(&out));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // SIGINT (^C) and SIGTERM (kill, systemd, a container stop) end the display after the
    // reading being written: status 0, no message, only whole lines.
    for signal in ["-INT", "-TERM"] {
        let mut run = Running::start(&a, &["-w", "1", "--json"]);
        let line = run.line();
        serde_json::from_str::<Value>(&line).unwrap();
        let pid = run.child.id().to_string();
        assert!(run_ok(&["kill", signal, &pid]));
        let status = run.child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{signal}: {status:?}");
        for rest in run.lines.by_ref() {
            serde_json::from_str::<Value>(&rest.unwrap()).unwrap();
        }
        let mut err = String::new();
        std::io::Read::read_to_string(run.child.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert!(err.is_empty(), "{signal}: {err}");
    }
}

fn run_ok(cmd: &[&str]) -> bool {
    run(cmd).status.success()
}

#[test]
fn statistics_every_interval_show_the_pings_of_each() {
    let (a, _b) = pair("ts");
    let mut run = Running::start(&a, &["-s", "-w", "1", "-p", "icmp", "--json"]);
    let first: Value = serde_json::from_str(&run.line()).unwrap();
    assert_schema("statistics", &first);
    assert_eq!(first["since_boot"], true);
    let echos = |doc: &Value| -> u64 {
        doc["statistics"][0]["counters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "OutEchos")
            .unwrap()["value"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(echos(&first), 0);
    let mut ping = pings(&a, 3);
    assert!(ping.wait().unwrap().success());
    let mut seen = 0;
    for _ in 0..2 {
        let doc: Value = serde_json::from_str(&run.line()).unwrap();
        assert_schema("statistics", &doc);
        assert_eq!(doc["since_boot"], false);
        seen += echos(&doc);
    }
    assert_eq!(seen, 3);

    let mut text_run = Running::start(&a, &["-s", "-w", "1", "-p", "icmp"]);
    assert_eq!(text_run.line(), "icmp:");
    let marker = text_run
        .lines
        .by_ref()
        .map(Result::unwrap)
        .find(|l| l.starts_with("---"))
        .unwrap();
    assert!(
        marker.starts_with("--- changes in the last 1 s, at "),
        "{marker}"
    );
}

#[test]
fn wait_mistakes_are_one_line_errors() {
    for (args, says) in [
        (&["-w", "0"][..], "whole number of seconds"),
        (&["-w", "x"][..], "Linux netstat's -w"),
        (&["-r", "-w", "1"][..], "-w goes with"),
        (&["-i", "-s", "-w", "1"][..], "per-interface statistics"),
        (
            &["-w", "1", "-M", "/nonexistent"][..],
            "does not go with -M",
        ),
        (&["-w", "1", "-I", "nosuchif9"][..], "nosuchif9"),
    ] {
        let out = rnetstat(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("rnetstat: ") && err.contains(says),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}
