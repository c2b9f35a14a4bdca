//! `-q`: an htb root with a tbf leaf on a link that carried traffic, against `tc -s -j qdisc`.

use super::Pair;
use crate::ns::{find, row, Check};
use crate::{ensure, ensure_eq};

pub fn run() -> Check {
    let p = Pair::new("q")?;
    let a = &p.a;
    a.exec(&[
        "tc", "qdisc", "add", "dev", "va0", "root", "handle", "1:", "htb", "default", "10",
    ])?;
    a.exec(&[
        "tc", "class", "add", "dev", "va0", "parent", "1:", "classid", "1:10", "htb", "rate",
        "10mbit",
    ])?;
    a.exec(&[
        "tc", "qdisc", "add", "dev", "va0", "parent", "1:10", "handle", "10:", "tbf", "rate",
        "10mbit", "burst", "10k", "latency", "50ms",
    ])?;
    a.exec(&["sysctl", "-qw", "net.ipv6.conf.va0.disable_ipv6=1"])?;
    a.ping("198.51.100.1", 3)?;
    let text = a.rn(&["-q", "-I", "va0"])?;
    let rows: Vec<&str> = text.lines().skip(2).collect();
    ensure_eq!(row(&rows, "qdisc")?[1..4], ["htb", "1:", "root"], "{text}");
    let tbf = rows
        .iter()
        .map(|r| r.split_whitespace().collect::<Vec<_>>())
        .find(|c| c.get(1) == Some(&"tbf"))
        .ok_or(format!("no tbf: {text}"))?;
    ensure_eq!(tbf[2..4], ["10:", "1:10"], "{text}");
    let doc = a.rn_json(&["-q", "-I", "va0"])?;
    let tc = crate::ns::parse(&a.exec(&["tc", "-s", "-j", "qdisc", "show", "dev", "va0"])?)?;
    for kind in ["htb", "tbf"] {
        let ours = find(&doc["queues"], kind, |q| {
            q["kind"] == kind && q["type"] == "qdisc"
        })?;
        let theirs = find(&tc, kind, |q| q["kind"] == kind)?;
        for key in ["packets", "bytes", "drops", "overlimits", "requeues"] {
            ensure_eq!(ours[key], theirs[key], "{kind} {key}: {ours} vs {theirs}");
        }
        ensure!(
            ours["packets"].as_u64() >= Some(4),
            "3 echo requests and an ARP request at least: {ours}"
        );
    }
    Ok(())
}
