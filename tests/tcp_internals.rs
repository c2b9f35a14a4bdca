//! TCP internals on Linux (FreeBSD's -x, -T and -C columns, the JSON `tcp` and `buffers`
//! objects) and -s's connection count by state, from real connections between two namespaces
//! joined by a veth pair: congestion control, MSS and keepalive set per socket,
//! retransmissions caused by taking the server's address away for a second while data flows
//! (its kernel drops what arrives; this kernel has no netem). `ss` is the oracle.

use crate::common::{assert_schema, item, json, Netns};
use serde_json::Value;
use std::collections::HashMap;
use std::process::Child;

/// A server namespace (198.51.100.2) and a client one (198.51.100.1), each with its
/// tests/helpers/tcp_peer.py, held until dropped.
struct Peers {
    client: Netns,
    _server: Netns,
    helpers: Vec<Child>,
    ports: Value,
}

impl Peers {
    fn new() -> Peers {
        let server = Netns::new("tcps");
        let client = Netns::new("tcpc");
        client.ip(&format!(
            "link add vc type veth peer name vs netns {}",
            server.name
        ));
        client.ip("addr add 198.51.100.1/24 dev vc");
        client.ip("link set vc up");
        server.ip("addr add 198.51.100.2/24 dev vs");
        server.ip("link set vs up");
        let (s, _) = server.python_helper("tcp_peer.py", &["server", "198.51.100.2"]);
        let (c, info) = client.python_helper(
            "tcp_peer.py",
            &["client", "198.51.100.2", &server.name, "vs"],
        );
        Peers {
            client,
            _server: server,
            helpers: vec![c, s],
            ports: info["ports"].clone(),
        }
    }

    fn port(&self, name: &str) -> u64 {
        self.ports[name].as_u64().unwrap()
    }

    /// The client's address of connection `name`, as rnetstat -n prints it.
    fn local(&self, name: &str) -> String {
        format!("198.51.100.1.{}", self.port(name))
    }
}

impl Drop for Peers {
    fn drop(&mut self) {
        for h in &mut self.helpers {
            drop(h.stdin.take());
            let _ = h.wait();
        }
    }
}

/// `ss -tnie -m -o` of the client's established connections: local port -> ss's words
/// (`cubic`, `mss:1000`, `skmem:(...)`, `retrans:0/7`, `timer:(keepalive,...)`).
fn ss(ns: &Netns) -> HashMap<u64, Vec<String>> {
    let out = ns.exec(&["ss", "-Htnie", "-m", "-o", "state", "established"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut by_port = HashMap::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let mut words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        while lines.peek().is_some_and(|l| l.starts_with([' ', '\t'])) {
            words.extend(lines.next().unwrap().split_whitespace().map(str::to_string));
        }
        let local = &words[2];
        let port = local.rsplit(':').next().unwrap().parse().unwrap();
        by_port.insert(port, words);
    }
    by_port
}

/// The number after `key:` among ss's words (`mss:1000` -> 1000; `retrans:0/7` -> 7, the
/// total).
fn ss_value(words: &[String], key: &str) -> u64 {
    let w = words
        .iter()
        .find_map(|w| w.strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no {key} in {words:?}"));
    w.rsplit('/').next().unwrap().parse().unwrap()
}

/// ss's skmem field `name` (`rb`, `tb`, `r`).
fn skmem(words: &[String], name: &str) -> u64 {
    let inner = words
        .iter()
        .find_map(|w| w.strip_prefix("skmem:("))
        .unwrap()
        .trim_end_matches(')');
    inner
        .split(',')
        .find_map(|f| {
            f.strip_prefix(name)
                .filter(|v| v.bytes().all(|b| b.is_ascii_digit()))
        })
        .unwrap()
        .parse()
        .unwrap()
}

/// The columns of the row of `text` whose local address is `local`.
fn row<'a>(text: &'a str, local: &str) -> Vec<&'a str> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|c| c.get(3) == Some(&local))
        .unwrap_or_else(|| panic!("no row of {local} in\n{text}"))
}

fn seconds(cell: &str) -> f64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("{cell} is not seconds"))
}

#[test]
fn congestion_mss_and_retransmissions_as_ss_sees_them() {
    let p = Peers::new();
    let ss = ss(&p.client);
    let reno = &ss[&p.port("reno")];
    let cubic = &ss[&p.port("cubic")];
    assert!(reno.contains(&"reno".to_string()), "{reno:?}");
    let reno_mss = ss_value(reno, "mss");
    assert!(reno_mss <= 1000, "TCP_MAXSEG 1000 gave mss {reno_mss}");

    // -C: CC, cwin and ssthresh in bytes (segments times MSS), MSS, ECN.
    let c = p.client.rnetstat_ok(&["-anC", "-p", "tcp"]);
    assert!(
        c.lines()
            .nth(1)
            .unwrap()
            .ends_with("(state)     CC               cwin   ssthresh   MSS ECN"),
        "{c}"
    );
    let r = row(&c, &p.local("reno"));
    assert_eq!(&r[5..7], ["ESTABLISHED", "reno"], "{c}");
    let cwnd = ss_value(reno, "cwnd");
    assert_eq!(r[7], (cwnd * reno_mss).to_string(), "{c}");
    assert_eq!(r[9], reno_mss.to_string());
    assert_eq!(r[10], "off");
    let k = row(&c, &p.local("cubic"));
    assert_eq!(k[6], "cubic", "{c}");
    let cubic_mss = ss_value(cubic, "mss");
    assert_eq!(
        k[8],
        (ss_value(cubic, "ssthresh") * cubic_mss).to_string(),
        "{c}"
    );

    // -T: Rexmit is ss's total of retransmitted segments, OOORcv 0 (the client receives no
    // data), 0-win unknown.
    let t = p.client.rnetstat_ok(&["-anT", "-p", "tcp"]);
    let retrans = ss_value(cubic, "retrans");
    assert!(
        retrans > 0,
        "a second without the server and no retransmission? {cubic:?}"
    );
    let k = t
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|c| c.get(4) == Some(&p.local("cubic").as_str()))
        .unwrap_or_else(|| panic!("{t}"));
    assert_eq!(&k[1..4], [retrans.to_string().as_str(), "0", "-"], "{t}");

    // JSON: the same values, and what the text does not show.
    let doc = json(&p.client.rnetstat_ok(&["-an", "-p", "tcp", "--json"]));
    assert_schema("sockets", &doc);
    let socket = |name: &str| -> &Value {
        doc["sockets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["local"]["port"] == p.port(name) && s["state"] == "ESTABLISHED")
            .unwrap_or_else(|| panic!("no {name} in {doc}"))
    };
    let j = &socket("reno")["tcp"];
    assert_eq!(j["congestion"], "reno");
    assert_eq!(j["mss"], reno_mss);
    assert_eq!(j["cwnd"], cwnd);
    // 20000 bytes and the SYN.
    assert_eq!(j["bytes_acked"], 20001, "{j}");
    assert_eq!(j["ssthresh"], Value::Null, "{j}");
    assert!(j["rtt_us"].as_u64().unwrap() > 0, "{j}");
    assert!(j["rcv_mss"].is_u64(), "{j}");
    assert_eq!(j["options"]["sack"], true);
    let b = &socket("reno")["buffers"];
    assert_eq!(b["rcvbuf"], skmem(reno, "rb"), "{b}");
    assert_eq!(b["sndbuf"], skmem(reno, "tb"), "{b}");
    let j = &socket("cubic")["tcp"];
    assert_eq!(j["congestion"], "cubic");
    assert_eq!(j["total_retrans"], retrans, "{j}");
    assert!(j["bytes_retrans"].as_u64().unwrap() > 0, "{j}");
    assert_eq!(j["bytes_acked"], 300001, "{j}");
}

#[test]
fn buffers_and_timers() {
    let p = Peers::new();
    let ss = ss(&p.client);
    let reno = &ss[&p.port("reno")];
    let x = p.client.rnetstat_ok(&["-anx", "-p", "tcp"]);
    assert!(
        x.lines().nth(1).unwrap().ends_with(
            "R-HIWA S-HIWA R-LOWA S-LOWA R-BCNT S-BCNT R-BMAX S-BMAX   rexmt persist    keep    2msl  delack rcvtime"
        ),
        "{x}"
    );
    let r = row(&x, &p.local("reno"));
    assert_eq!(r[5], skmem(reno, "rb").to_string(), "{x}");
    assert_eq!(r[6], skmem(reno, "tb").to_string(), "{x}");
    assert_eq!(&r[7..9], ["-", "-"]);
    assert_eq!(r[9], skmem(reno, "r").to_string(), "{x}");
    assert_eq!(&r[11..13], ["-", "-"]);
    // The keepalive timer of TCP_KEEPIDLE 600, nothing else running; delack unknown.
    assert_eq!(&r[13..15], ["0.00", "0.00"], "{x}");
    let keep = seconds(r[15]);
    assert!(keep > 540.0 && keep <= 600.0, "{x}");
    assert_eq!(&r[16..18], ["0.00", "-"], "{x}");
    // The closed connection waits in TIME_WAIT (60 s on Linux).
    let tw = row(&x, &p.local("tw"));
    let msl = seconds(tw[16]);
    assert!(msl > 0.0 && msl <= 60.0, "{x}");
    let doc = json(&p.client.rnetstat_ok(&["-an", "-p", "tcp", "--json"]));
    let timer = doc["sockets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["local"]["port"] == p.port("reno"))
        .map(|s| s["tcp"]["timer"].clone())
        .unwrap();
    assert_eq!(timer["kind"], "keepalive", "{timer}");
    let ms = timer["expires_ms"].as_u64().unwrap();
    assert!(ms > 540_000 && ms <= 600_000, "{timer}");
    // A snapshot renders the same columns.
    p.client.assert_capture_round_trip(&["-anx", "-p", "tcp"]);
    p.client.assert_capture_round_trip(&["-anC"]);
}

#[test]
fn connection_count_by_state() {
    let p = Peers::new();
    // The oracle: ss's count of each state.
    let count = |state: &str| -> u64 {
        let out = p.client.exec(&["ss", "-Htan", "state", state]);
        String::from_utf8_lossy(&out.stdout).lines().count() as u64
    };
    let s = p.client.rnetstat_ok(&["-s", "-p", "tcp"]);
    let block: Vec<&str> = s
        .lines()
        .skip_while(|l| *l != "TCP connection count by state:")
        .skip(1)
        .take(11)
        .collect();
    let mut expected = Vec::new();
    for (state, ss_state) in [
        ("CLOSED", None),
        ("LISTEN", Some("listening")),
        ("SYN_SENT", Some("syn-sent")),
        ("SYN_RCVD", Some("syn-recv")),
        ("ESTABLISHED", Some("established")),
        ("CLOSE_WAIT", Some("close-wait")),
        ("FIN_WAIT_1", Some("fin-wait-1")),
        ("CLOSING", Some("closing")),
        ("LAST_ACK", Some("last-ack")),
        ("FIN_WAIT_2", Some("fin-wait-2")),
        ("TIME_WAIT", Some("time-wait")),
    ] {
        let n = ss_state.map_or(0, count);
        let word = if n == 1 { "connection " } else { "connections" };
        expected.push(format!("\t{n} {word} in {state} state"));
    }
    assert_eq!(block, expected, "{s}");
    // What the helper holds: 5 established, 2 listeners, 1 in TIME_WAIT.
    assert!(
        block.contains(&"\t5 connections in ESTABLISHED state"),
        "{s}"
    );
    assert!(block.contains(&"\t2 connections in LISTEN state"), "{s}");
    assert!(block.contains(&"\t1 connection  in TIME_WAIT state"), "{s}");
    // -ss leaves out the zero lines.
    let ss2 = p.client.rnetstat_ok(&["-ss", "-p", "tcp"]);
    let short: Vec<&str> = ss2
        .lines()
        .skip_while(|l| *l != "TCP connection count by state:")
        .skip(1)
        .take_while(|l| l.contains(" state"))
        .collect();
    assert_eq!(
        short,
        [
            "\t2 connections in LISTEN state",
            "\t5 connections in ESTABLISHED state",
            "\t1 connection  in TIME_WAIT state"
        ],
        "{ss2}"
    );
    let doc = json(&p.client.rnetstat_ok(&["-s", "-p", "tcp", "--json"]));
    assert_schema("statistics", &doc);
    let tcp = item(&doc["statistics"], "protocol", "tcp");
    let by_state = &tcp["connections_by_state"];
    assert_eq!(by_state["ESTABLISHED"], 5, "{by_state}");
    assert_eq!(by_state["LISTEN"], 2);
    assert_eq!(by_state["TIME_WAIT"], 1);
    assert_eq!(by_state["CLOSED"], 0);
    // --capture keeps the dump the block is counted from.
    let text = p.client.assert_capture_round_trip(&["-s", "-p", "tcp"]);
    assert!(text.contains("\t5 connections in ESTABLISHED state"));
}

#[test]
fn linux_letters() {
    let ns = Netns::new("tcpargs");
    // -C and -T go with the socket display only; -x alone stays the reachability display.
    for (args, needle) in [
        (&["-rC"][..], "-C adds columns to the socket display"),
        (&["-iT"][..], "-T adds columns to the socket display"),
    ] {
        let out = ns.rnetstat(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err}");
    }
    let x = ns.rnetstat_ok(&["-nx"]);
    assert!(!x.contains("R-HIWA"), "{x}");
    // -x with the socket display's -a (an empty namespace: no rows, no error).
    assert_eq!(ns.rnetstat_ok(&["-anx"]), "");
}
