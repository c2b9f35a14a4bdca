//! `-B`: a packet socket bound to an interface, with its owner.

use super::Pair;
use crate::ns::{find, Check};
use crate::{ensure, ensure_eq};

pub fn run() -> Check {
    let p = Pair::new("tp")?;
    let h = p.a.helper(&["packet", "va0"])?;
    let text = p.a.rn(&["-B"])?;
    let pid = h.pid().to_string();
    let line = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|c| c.first() == Some(&pid.as_str()))
        .ok_or(format!("no tap of pid {pid}: {text}"))?;
    ensure_eq!(line[1..4], ["va0", "raw", "all"], "{text}");
    ensure!(line.last() == Some(&"kdriver"), "{text}");
    let doc = p.a.rn_json(&["-B"])?;
    let tap = find(&doc["taps"], "the tap", |t| t["netif"] == "va0")?;
    ensure_eq!(tap["owners"][0]["pid"], h.pid(), "{tap}");
    Ok(())
}
