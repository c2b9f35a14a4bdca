//! `-i`: the counters of a veth that carried pings, against `ip -s -j link` read before and
//! after; the address rows.

use super::Pair;
use crate::ns::{find, Check};
use crate::{ensure, ensure_eq};
use serde_json::Value;

pub fn run() -> Check {
    let p = Pair::new("if")?;
    // No IPv6 on the link: no packet appears later on its own.
    for ns in [&p.a, &p.b] {
        ns.exec(&["sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"])?;
    }
    p.a.ping("198.51.100.1", 5)?;
    let stats = |ns: &crate::ns::Ns| -> Result<Value, String> {
        let v = ns.ip_json("-s link show va0")?;
        Ok(v[0]["stats64"].clone())
    };
    let before = stats(&p.a)?;
    let doc = p.a.rn_json(&["-i"])?;
    let after = stats(&p.a)?;
    let va0 = find(&doc["interfaces"], "va0", |i| i["name"] == "va0")?;
    let c = &va0["counters"];
    for (ours, dir, theirs) in [
        ("ipackets", "rx", "packets"),
        ("ibytes", "rx", "bytes"),
        ("ierrors", "rx", "errors"),
        ("iqdrops", "rx", "dropped"),
        ("opackets", "tx", "packets"),
        ("obytes", "tx", "bytes"),
        ("oerrors", "tx", "errors"),
        ("oqdrops", "tx", "dropped"),
    ] {
        let v = c[ours].as_u64().ok_or(format!("{ours}: {c}"))?;
        let (lo, hi) = (
            before[dir][theirs].as_u64().unwrap_or(u64::MAX),
            after[dir][theirs].as_u64().unwrap_or(0),
        );
        ensure!(lo <= v && v <= hi, "{ours} {v} not within ip's {lo}..{hi}");
    }
    ensure!(
        c["ipackets"].as_u64() >= Some(5) && c["opackets"].as_u64() >= Some(5),
        "{c}"
    );
    ensure_eq!(va0["mtu"], 1500, "{va0}");
    let addr = find(&va0["addresses"], "198.51.100.2", |a| {
        a["address"] == "198.51.100.2"
    })?;
    ensure_eq!(addr["network"], "198.51.100.0/24", "{addr}");

    let text = p.a.rn(&["-in", "-I", "va0"])?;
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    ensure!(
        rows.iter().any(|r| r.len() > 3
            && r[0] == "va0"
            && r[2] == "198.51.100.0/24"
            && r[3] == "198.51.100.2"),
        "{text}"
    );
    let link = rows
        .iter()
        .find(|r| r.len() > 4 && r[0] == "va0" && r[2].starts_with("<Link#"))
        .ok_or(format!("no link row: {text}"))?;
    let ipkts: u64 = link[4].parse().map_err(|_| format!("Ipkts: {text}"))?;
    ensure!(ipkts >= 5, "{text}");
    Ok(())
}
