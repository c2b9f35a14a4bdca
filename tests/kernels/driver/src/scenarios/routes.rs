//! `-rn`: gateway, host, blackhole, unreachable, prohibit, IPv6, multipath and a second table (-F),
//! as configured, with their RTF letters; JSON against `ip -j route`.

use super::Pair;
use crate::ns::{find, row, section, Check};
use crate::{ensure, ensure_eq};

pub fn run() -> Check {
    let p = Pair::new("rt")?;
    let a = &p.a;
    for r in [
        "route add default via 198.51.100.1",
        "route add 203.0.113.7/32 via 198.51.100.1",
        "route add blackhole 203.0.113.64/26",
        "route add unreachable 203.0.113.128/26",
        "route add prohibit 203.0.113.192/26",
        "route add 192.0.2.0/24 nexthop via 198.51.100.1 weight 1 nexthop via 198.51.100.3 weight 2",
        "route add 198.18.0.0/15 via 198.51.100.1 table 100",
        "-6 route add default via 2001:db8:1::1",
        "-6 route add 2001:db8:2::7/128 via 2001:db8:1::1",
        "-6 route add blackhole 2001:db8:dead::/48",
    ] {
        a.ip(r)?;
    }
    let out = a.rn(&["-rn"])?;
    ensure!(out.starts_with("Routing tables\n\nInternet:\n"), "{out}");
    let inet = section(&out, "Internet:");
    ensure_eq!(
        row(&inet, "default")?,
        ["default", "198.51.100.1", "UGS", "-", "-", "va0"],
        "{out}"
    );
    ensure_eq!(
        row(&inet, "198.51.100.0/24")?[1..3],
        ["link#2", "U"],
        "{out}"
    );
    ensure_eq!(
        row(&inet, "203.0.113.7")?[1..3],
        ["198.51.100.1", "UGHS"],
        "{out}"
    );
    ensure_eq!(row(&inet, "203.0.113.64/26")?[1..3], ["-", "USB"], "{out}");
    ensure_eq!(row(&inet, "203.0.113.128/26")?[1..3], ["-", "URS"], "{out}");
    ensure_eq!(row(&inet, "203.0.113.192/26")?[1..3], ["-", "URS"], "{out}");
    let paths: Vec<&&str> = inet
        .iter()
        .filter(|l| l.starts_with("192.0.2.0/24 "))
        .collect();
    ensure!(
        paths.len() == 2 && paths[0].contains("198.51.100.1") && paths[1].contains("198.51.100.3"),
        "multipath: {out}"
    );
    // One table at a time, as BSD shows one FIB: table 100 only with -F, under FreeBSD's
    // heading for a FIB other than 0.
    ensure!(!out.contains("198.18.0.0/15"), "{out}");
    let one = a.rn(&["-rn", "-F", "100"])?;
    ensure!(
        one.starts_with("Routing tables (fib: 100)\n\nInternet:\n"),
        "{one}"
    );
    ensure_eq!(
        row(&section(&one, "Internet:"), "198.18.0.0/15")?[1..3],
        ["198.51.100.1", "UGS"],
        "{one}"
    );
    let inet6 = section(&out, "Internet6:");
    ensure_eq!(
        row(&inet6, "default")?[1..3],
        ["2001:db8:1::1", "UGS"],
        "{out}"
    );
    ensure_eq!(
        row(&inet6, "2001:db8:2::7")?[1..3],
        ["2001:db8:1::1", "UGHS"],
        "{out}"
    );
    ensure_eq!(row(&inet6, "2001:db8:dead::/48")?[2], "USB", "{out}");

    // JSON: every main-table IPv4 route of `ip -j route`, with its gateways and weights.
    let doc = a.rn_json(&["-rn", "-F", "all"])?;
    let ip = a.ip_json("-4 route show table main")?;
    let ours: Vec<&serde_json::Value> = doc["routes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["family"] == "inet" && r["table"] == 254)
        .collect();
    ensure_eq!(ours.len(), ip.as_array().unwrap().len(), "{doc} vs {ip}");
    let mp = find(&doc["routes"], "multipath route", |r| {
        r["destination"] == "192.0.2.0/24"
    })?;
    let hops: Vec<(String, u64)> = mp["nexthops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["gateway"].as_str().unwrap_or("").to_string(),
                h["weight"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    ensure_eq!(
        hops,
        [
            ("198.51.100.1".to_string(), 1),
            ("198.51.100.3".to_string(), 2)
        ],
        "{mp}"
    );
    let t = find(&doc["routes"], "table 100 route", |r| {
        r["destination"] == "198.18.0.0/15"
    })?;
    ensure_eq!(t["table"], 100, "{t}");
    Ok(())
}
