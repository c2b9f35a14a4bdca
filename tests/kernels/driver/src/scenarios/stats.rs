//! `-s`: counters this scenario caused in a fresh namespace (ICMP echoes, TCP active opens),
//! in text and JSON, against nstat.

use crate::ns::{find, parse, Check, Ns};
use crate::{ensure, ensure_eq};

pub fn run() -> Check {
    let ns = Ns::new("st")?;
    ns.ping("127.0.0.1", 3)?;
    let _h = ns.helper(&["tcp", "127.0.0.1:7001", "8", "2"])?;
    let icmp = ns.rn(&["-s", "-p", "icmp"])?;
    for line in [
        "3 echo requests received",
        "3 echo replies sent",
        "3 echo requests sent",
        "3 echo replies received",
    ] {
        ensure!(icmp.lines().any(|l| l.trim() == line), "{line:?}: {icmp}");
    }
    let tcp = ns.rn(&["-s", "-p", "tcp"])?;
    ensure!(
        tcp.lines().any(|l| l.trim() == "2 connection requests"),
        "{tcp}"
    );
    let doc = ns.rn_json(&["-s"])?;
    let group = |name: &str| find(&doc["statistics"], name, |g| g["protocol"] == name).cloned();
    let counter = |g: &serde_json::Value, name: &str| {
        find(&g["counters"], name, |c| c["name"] == name).map(|c| c["value"].clone())
    };
    let tcp = group("tcp")?;
    ensure_eq!(counter(&tcp, "ActiveOpens")?, 2, "{tcp}");
    let icmp = group("icmp")?;
    ensure_eq!(counter(&icmp, "InEchos")?, 3, "{icmp}");
    // nstat reads the same files: the counters nothing else moves agree.
    let nstat = parse(&ns.exec(&["nstat", "-az", "--json"])?)?;
    ensure_eq!(nstat["kernel"]["TcpActiveOpens"], 2, "{nstat}");
    ensure_eq!(
        nstat["kernel"]["IcmpOutEchoReps"],
        counter(&icmp, "OutEchoReps")?,
        "{nstat}"
    );
    Ok(())
}
