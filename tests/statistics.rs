//! `-s`: protocol statistics of a fresh namespace, where every counter starts at zero, after
//! exactly N pings and K TCP connections; against `nstat` on the same namespace.

use crate::common::*;
use serde_json::Value;

/// The value of the line ending in `what` in section `title:` of a -s display.
fn counter(text: &str, title: &str, what: &str) -> u64 {
    let line = text
        .lines()
        .skip_while(|l| *l != format!("{title}:"))
        .skip(1)
        .take_while(|l| l.starts_with('\t'))
        .find(|l| {
            l.trim()
                .split_once(' ')
                .is_some_and(|(_, rest)| rest == what)
        })
        .unwrap_or_else(|| panic!("no {what:?} in {title}:\n{text}"));
    line.trim().split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn pings_and_connections_move_their_counters() {
    let t = Topology::new("st");
    const K: u64 = 3;
    // The router accepts K connections; the host opens them.
    let server = "import socket\nl=socket.socket(); l.bind(('198.51.100.1', 40100)); l.listen(8)\n\
                  print('up', flush=True)\nfor _ in range(3): l.accept()[0].close()\n";
    let (mut srv, _up) =
        start_until_line(t.router.command("python3").args(["-c", server]), "python3");
    let client = "import socket\nfor _ in range(3):\n  s=socket.create_connection(('198.51.100.1', 40100)); s.close()\n";
    t.host.exec(&["python3", "-c", client]);
    assert!(srv.wait().unwrap().success());

    let out = t.host.rnetstat_ok(&["-s"]);
    assert_eq!(counter(&out, "icmp", "echo requests sent"), PINGS, "{out}");
    assert_eq!(
        counter(&out, "icmp", "echo replies received"),
        PINGS,
        "{out}"
    );
    assert_eq!(counter(&out, "tcp", "connection requests"), K, "{out}");
    assert_eq!(
        counter(&out, "tcp", "failed connection attempts"),
        0,
        "{out}"
    );

    // -s -p tcp: tcp (ending in FreeBSD's count by state) and its extension only; -ss: no
    // zero counter.
    let tcp = t.host.rnetstat_ok(&["-s", "-p", "tcp"]);
    let titles: Vec<&str> = tcp.lines().filter(|l| !l.starts_with('\t')).collect();
    assert_eq!(
        titles,
        ["tcp:", "TCP connection count by state:", "tcpext:"],
        "{tcp}"
    );
    let nonzero = t.host.rnetstat_ok(&["-ss"]);
    assert!(
        nonzero
            .lines()
            .filter(|l| l.starts_with('\t'))
            .all(|l| !l.trim().starts_with("0 ")),
        "{nonzero}"
    );
    assert!(!t
        .host
        .rnetstat_ok(&["-s", "-f", "inet6"])
        .contains("\ntcp:"));
    assert_eq!(
        t.host.rnetstat_ok(&["-s", "-p", "igmp"]),
        "igmp: no statistics kept by this system\n"
    );

    // The same numbers as nstat, and the schema.
    let doc = json(&t.host.rnetstat_ok(&["-s", "--json"]));
    assert_schema("statistics", &doc);
    let nstat: Value =
        serde_json::from_slice(&t.host.exec(&["nstat", "-az", "--json"]).stdout).unwrap();
    let kernel = &nstat["kernel"];
    let ours = |section: &str, name: &str| -> u64 {
        doc["statistics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["protocol"] == section)
            .unwrap()["counters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()["value"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        ours("tcp", "ActiveOpens"),
        kernel["TcpActiveOpens"].as_u64().unwrap()
    );
    assert_eq!(
        ours("icmp", "OutEchos"),
        kernel["IcmpOutEchos"].as_u64().unwrap()
    );
    assert_eq!(ours("icmp", "OutEchos"), PINGS);
    assert_eq!(ours("tcpext", "TW"), kernel["TcpExtTW"].as_u64().unwrap());
}

/// Whether `line` is a number and a bare kernel name (`0 TCPSackMerged`), not a sentence.
fn bare_kernel_name(line: &str) -> bool {
    let Some((number, word)) = line.trim().split_once(' ') else {
        return false;
    };
    number.bytes().all(|b| b.is_ascii_digit())
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.len() > 1
        && word.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[test]
fn every_counter_of_this_kernel_reads_as_a_sentence() {
    assert!(bare_kernel_name("\t0 TCPSackMerged"));
    assert!(bare_kernel_name("\t0 TW"));
    assert!(!bare_kernel_name("\t0 SYN cookies sent"));
    assert!(!bare_kernel_name("\t0 retransmits"));
    for args in [&["-s"][..], &["-s", "-f", "inet6"], &["-I", "lo", "-s"]] {
        let out = rnetstat(args);
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        let bare: Vec<&str> = text.lines().filter(|l| bare_kernel_name(l)).collect();
        assert!(
            bare.is_empty(),
            "rnetstat {args:?}: no wording for {bare:#?}"
        );
    }
    // JSON keeps the kernel's name; the description is the sentence, never the name.
    let doc = json(&String::from_utf8(rnetstat(&["-s", "--json"]).stdout).unwrap());
    for group in doc["statistics"].as_array().unwrap() {
        for c in group["counters"].as_array().unwrap() {
            assert_ne!(c["description"], c["name"], "{c}");
        }
    }
}

#[test]
fn memory_counts_the_sockets_of_the_namespace() {
    let ns = Netns::new("sm");
    // A listener and one connection (client and server side): three TCP sockets in use.
    let script = "import socket,sys\nl=socket.socket(); l.bind(('127.0.0.1', 40300)); l.listen(1)\n\
                  c=socket.create_connection(('127.0.0.1', 40300)); a=l.accept()[0]\n\
                  u=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 40301))\n\
                  print('up', flush=True); sys.stdin.read()\n";
    let (mut child, _up) = start_until_line(ns.command("python3").args(["-c", script]), "python3");
    let out = ns.rnetstat_ok(&["-m"]);
    assert_eq!(counter(&out, "tcp", "sockets in use"), 3, "{out}");
    assert_eq!(counter(&out, "udp", "sockets in use"), 1, "{out}");
    assert_eq!(counter(&out, "tcp", "sockets in TIME_WAIT"), 0, "{out}");
    // The limits (tcp_mem) are the host's: a namespace has none of its own, so none are shown.
    assert!(!out.contains("pages of buffer memory at most"), "{out}");
    let mm = ns.rnetstat_ok(&["-mm"]);
    assert!(
        mm.contains("\nsoftnet cpu0:\n\t") && mm.contains("\nprotocols:\n\t"),
        "{mm}"
    );
    let doc = json(&ns.rnetstat_ok(&["-m", "--json"]));
    assert_schema("statistics", &doc);
    assert_eq!(doc["display"], "memory_statistics");
    drop(child.stdin.take());
    let _ = child.wait();
}

#[test]
fn routing_statistics_count_the_routes_added() {
    let ns = Netns::new("sr");
    let before = ns.rnetstat_ok(&["-rs"]);
    ns.ip_batch(
        "route add blackhole 198.18.1.0/24\nroute add blackhole 198.18.2.0/24\n\
         route add blackhole 198.18.3.0/24\nroute add blackhole 2001:db8:1::/48\n\
         route add blackhole 2001:db8:2::/48\n",
    );
    let after = ns.assert_capture_round_trip(&["-rs"]);
    let prefixes = |t: &str| counter(t, "ip routing (main)", "prefixes");
    assert_eq!(prefixes(&after), prefixes(&before) + 3, "{before}\n{after}");
    let entries = |t: &str| counter(t, "ip6 routing", "route entries");
    assert_eq!(entries(&after), entries(&before) + 2, "{before}\n{after}");
    // The route lookups are the host's: present, whatever their values.
    assert!(
        after.contains("\nip routing cache:\n\t") && after.contains(" routing cache entries\n"),
        "{after}"
    );
    let doc = json(&ns.rnetstat_ok(&["-rs", "--json"]));
    assert_schema("statistics", &doc);
    assert_eq!(doc["display"], "routing_statistics");
    let main = &doc["statistics"][0];
    assert_eq!(main["protocol"], "ip routing (main)");
    let json_prefixes = main["counters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "prefixes")
        .unwrap()["value"]
        .as_u64()
        .unwrap();
    assert_eq!(json_prefixes, prefixes(&after));
}

#[test]
fn per_interface_statistics_count_the_pings_of_that_interface() {
    let t = Topology::new("si");
    // Five ICMPv6 echo requests leave va0; the router's vb0 answers them.
    t.host.exec(&[
        "ping",
        "-6",
        "-c",
        "5",
        "-i",
        "0.05",
        "-W",
        "2",
        "2001:db8:1::1",
    ]);
    let out = t.host.rnetstat_ok(&["-I", "va0", "-s"]);
    assert_eq!(
        counter(&out, "icmp6 (va0)", "echo requests sent"),
        5,
        "{out}"
    );
    assert_eq!(
        counter(&out, "icmp6 (va0)", "echo replies received"),
        5,
        "{out}"
    );
    // The loopback interface saw none of them.
    let lo = t.host.rnetstat_ok(&["-I", "lo", "-s", "-p", "icmp6"]);
    assert_eq!(counter(&lo, "icmp6 (lo)", "echo requests sent"), 0, "{lo}");
    // -i -s: every interface, each under its own name.
    let all = t.host.rnetstat_ok(&["-i", "-s", "-f", "inet6"]);
    assert!(
        all.contains("\nip6 (va0):\n") && all.starts_with("ip6 (lo):\n"),
        "{all}"
    );
    // Linux keeps no IPv4 or TCP counters per interface: one line says so.
    let tcp = t.host.rnetstat_ok(&["-I", "va0", "-s", "-p", "tcp"]);
    assert_eq!(
        tcp,
        "tcp: no statistics kept per interface on va0 by this system\n"
    );
    let doc = json(&t.host.rnetstat_ok(&["-I", "va0", "-s", "--json"]));
    assert_schema("statistics", &doc);
    assert_eq!(doc["display"], "interface_statistics");
    let icmp6 = item(&doc["statistics"], "protocol", "icmp6");
    assert_eq!(icmp6["interface"], "va0");
    let sent = icmp6["counters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Icmp6OutEchos")
        .unwrap();
    assert_eq!(sent["value"], 5);
    t.host.assert_capture_round_trip(&["-I", "va0", "-s"]);
    let missing = t.host.rnetstat(&["-I", "nosuch0", "-s"]);
    assert_eq!(missing.status.code(), Some(1));
}
