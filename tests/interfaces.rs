//! `-i` / `-I`: interfaces of a real namespace, against what was configured and `ip -j -s link`.

use crate::common::*;

/// `ip -j -s link show dev` counters of one interface: (rx packets, rx bytes, tx packets, tx bytes).
fn ip_counters(ns: &Netns, dev: &str) -> [u64; 4] {
    let v = ns.ip_json(&format!("-s link show dev {dev}"));
    let s = &v[0]["stats64"];
    [
        &s["rx"]["packets"],
        &s["rx"]["bytes"],
        &s["tx"]["packets"],
        &s["tx"]["bytes"],
    ]
    .map(|x| x.as_u64().unwrap())
}

#[test]
fn one_line_per_address_with_counters_that_moved() {
    let t = Topology::new("if");
    let out = t.host.rnetstat_ok(&["-in", "-I", "va0"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["Name", "Mtu", "Network", "Address", "Ipkts", "Ierrs", "Opkts", "Oerrs", "Coll"]
    );
    let link = row(&lines, "va0");
    assert_eq!(link[..4], ["va0", "1500", "<Link#2>", "02:00:00:00:0a:02"]);
    let ipkts: u64 = link[4].parse().unwrap();
    let opkts: u64 = link[6].parse().unwrap();
    assert!(ipkts >= PINGS && opkts >= PINGS, "{link:?}");
    assert_eq!(link[5], "0");
    let v4: Vec<&str> = lines
        .iter()
        .copied()
        .find(|l| l.contains("198.51.100.0/24"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(v4[..4], ["va0", "1500", "198.51.100.0/24", "198.51.100.2"]);
    // Counters are per interface: address lines show none.
    assert_eq!(v4[4..], ["-", "-", "-", "-", "-"]);
    assert!(out.contains("2001:db8:1::/64"), "{out}");
    assert!(!out.contains("lo "), "-I va0 shows only va0: {out}");
}

#[test]
fn bytes_drops_family_and_wide() {
    let t = Topology::new("ib");
    let out = t.host.rnetstat_ok(&["-inbd", "-I", "va0", "-f", "link"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        [
            "Name", "Mtu", "Network", "Address", "Ipkts", "Ierrs", "Idrop", "Ibytes", "Opkts",
            "Oerrs", "Obytes", "Coll", "Drop"
        ]
    );
    assert_eq!(lines.len(), 2, "-f link: the link line only: {out}");
    let c: Vec<&str> = lines[1].split_whitespace().collect();
    let [rxp, rxb, txp, txb] = ip_counters(&t.host, "va0");
    // Read after ip: counters may only have grown, by a few neighbour-discovery packets at most.
    let near = |ours: &str, theirs: u64, slack: u64| {
        let v: u64 = ours.parse().unwrap();
        assert!(
            v >= theirs.saturating_sub(slack) && v <= theirs + slack,
            "{v} vs ip's {theirs}"
        );
    };
    near(c[4], rxp, 4);
    near(c[7], rxb, 600);
    near(c[8], txp, 4);
    near(c[10], txb, 600);
    assert!(rxb >= PINGS * 98, "pings carried bytes: {rxb}");

    // -h: the same counts in human-readable units: a number below 1000 as it is, a larger
    // one scaled (bytes by 1024 with K, M, ...; packets by 1000 with k, M, ...).
    let human = t.host.rnetstat_ok(&["-inbdh", "-I", "va0", "-f", "link"]);
    let h: Vec<&str> = human.lines().nth(1).unwrap().split_whitespace().collect();
    let value = |s: &str| -> f64 {
        let (digits, scale) = match s.chars().last() {
            Some('K') => (&s[..s.len() - 1], 1024.0),
            Some('k') => (&s[..s.len() - 1], 1000.0),
            Some('M') => (&s[..s.len() - 1], 1048576.0),
            _ => (s, 1.0),
        };
        assert!(digits.len() <= 3, "at most four characters: {s}");
        digits.parse::<f64>().unwrap() * scale
    };
    for (i, theirs) in [(4, rxp), (7, rxb), (8, txp), (10, txb)] {
        let shown = value(h[i]);
        let exact = theirs as f64;
        assert!(
            (shown - exact).abs() <= 0.06 * exact + 600.0,
            "{i}: {human}"
        );
    }

    let v6 = t.host.rnetstat_ok(&["-inW", "-f", "inet6"]);
    // va0's link-local address comes from its MAC 02:00:00:00:0a:02.
    assert!(
        v6.contains("fe80::%va0/64") && v6.contains("fe80::ff:fe00:a02%va0 "),
        "-W keeps it whole: {v6}"
    );
    assert!(!v6.contains("198.51.100") && !v6.contains("<Link#"), "{v6}");
    let cut = t.host.rnetstat_ok(&["-in", "-f", "inet6"]);
    assert!(
        !cut.contains("fe80::ff:fe00:a02%va0"),
        "without -W the Address column is cut: {cut}"
    );
}

#[test]
fn json_agrees_with_ip_and_validates() {
    let t = Topology::new("ij");
    let doc = json(&t.host.rnetstat_ok(&["-in", "--json"]));
    assert_schema("interfaces", &doc);
    let ifs = doc["interfaces"].as_array().unwrap();
    let names: Vec<&str> = ifs.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["lo", "va0"]);
    let va0 = &ifs[1];
    assert_eq!(va0["index"], 2);
    assert_eq!(va0["mtu"], 1500);
    assert_eq!(va0["link_address"], "02:00:00:00:0a:02");
    assert_eq!(va0["link_type"], "ether");
    assert_eq!(va0["link_state"], "up");
    assert!(va0["flags"].as_array().unwrap().iter().any(|f| f == "up"));
    let addrs: Vec<(&str, u64)> = va0["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["address"].as_str().unwrap(),
                a["prefix_len"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        addrs.contains(&("198.51.100.2", 24)) && addrs.contains(&("2001:db8:1::2", 64)),
        "{addrs:?}"
    );
    let [rxp, _, txp, _] = ip_counters(&t.host, "va0");
    let c = &va0["counters"];
    assert!(c["ipackets"].as_u64().unwrap() <= rxp && c["ipackets"].as_u64().unwrap() + 4 >= rxp);
    assert!(c["opackets"].as_u64().unwrap() <= txp && c["opackets"].as_u64().unwrap() + 4 >= txp);
    assert_eq!(
        c["omcasts"],
        serde_json::Value::Null,
        "Linux does not count multicast sent"
    );
    assert_eq!(va0["send_queue"]["maxlen"], 1000);
}

#[test]
fn unknown_interface_is_one_line_and_exit_1() {
    let ns = Netns::new("iu");
    let out = ns.rnetstat(&["-i", "-I", "nosuch0"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "rnetstat: nosuch0: no such interface\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn link_status_follows_the_carrier() {
    let ns = Netns::new("ls");
    ns.ip_batch("link add ve0 type veth peer name ve1\nlink set ve0 up\nlink set ve1 up\n");
    let field = |out: &str, key: &str| -> String {
        out.lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix(&format!("{key}: "))
                    .map(str::to_string)
            })
            .unwrap_or_else(|| panic!("no {key} in {out}"))
    };
    let up = ns.rnetstat_ok(&["-S", "-I", "ve0"]);
    assert!(up.starts_with("Link status of ve0:\n"), "{up}");
    assert_eq!(
        (field(&up, "state"), field(&up, "carrier")),
        ("up".into(), "yes".into())
    );
    // Speed and duplex are the driver's, as sysfs shows them in the namespace (veth: 10000 Mb/s,
    // full duplex).
    let sysfs = |attr: &str| text(&ns.exec(&["cat", &format!("/sys/class/net/ve0/{attr}")]));
    let mbit: u64 = sysfs("speed").trim().parse().unwrap();
    assert_eq!(
        field(&up, "speed"),
        format!("{} Gbit/s", mbit / 1000),
        "{up}"
    );
    assert_eq!(field(&up, "duplex"), sysfs("duplex").trim(), "{up}");
    let doc_up = json(&ns.assert_capture_round_trip(&["-S", "-I", "ve0", "--json"]));
    assert_eq!(doc_up["interface"]["baudrate"], mbit * 1_000_000);
    assert_eq!(doc_up["interface"]["duplex"], "full");
    // The peer goes down: ve0 loses its carrier; the kernel counts the change.
    ns.ip("link set ve1 down");
    let text_down = ns.rnetstat_ok(&["-S", "-I", "ve0"]);
    let ip = &ns.ip_json("link show dev ve0")[0];
    assert_eq!(field(&text_down, "carrier"), "no", "{text_down}");
    assert_eq!(
        field(&text_down, "state"),
        ip["operstate"].as_str().unwrap().to_ascii_lowercase()
    );
    let doc = json(&ns.rnetstat_ok(&["-S", "-I", "ve0", "--json"]));
    assert_schema("link_status", &doc);
    let changes = &doc["interface"];
    assert_eq!(changes["carrier"], false);
    // Created down, brought up once, then down again: one more down than up.
    let (up, down) = (
        changes["carrier_up_count"].as_u64().unwrap(),
        changes["carrier_down_count"].as_u64().unwrap(),
    );
    assert_eq!((up, down), (1, 2), "{changes}");
    assert!(
        field(&text_down, "carrier changes").starts_with("3 "),
        "{text_down}"
    );
    let err = ns.rnetstat(&["-S"]);
    assert_eq!(
        String::from_utf8_lossy(&err.stderr),
        "rnetstat: -S needs an interface: rnetstat -S -I interface\n"
    );
}
