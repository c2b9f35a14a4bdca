//! `-R`: a permanent neighbour and one learned by traffic, against `ip -j neigh`.

use super::Pair;
use crate::ensure_eq;
use crate::ns::{find, row, Check};

pub fn run() -> Check {
    let p = Pair::new("nb")?;
    p.a.ip("neigh add 198.51.100.9 lladdr 02:00:00:00:00:09 dev va0 nud permanent")?;
    p.b.ip("link set vb0 address 02:00:00:00:0b:01")?;
    p.a.ping("198.51.100.1", 1)?;
    let text = p.a.rn(&["-Rn"])?;
    let rows: Vec<&str> = text.lines().skip(1).collect();
    ensure_eq!(
        row(&rows, "198.51.100.9")?[1..4],
        ["02:00:00:00:00:09", "va0", "permanent"],
        "{text}"
    );
    ensure_eq!(
        row(&rows, "198.51.100.1")?[1..3],
        ["02:00:00:00:0b:01", "va0"],
        "{text}"
    );
    let doc = p.a.rn_json(&["-Rn"])?;
    let ip = p.a.ip_json("neigh show dev va0")?;
    let theirs = find(&ip, "198.51.100.1", |n| n["dst"] == "198.51.100.1")?;
    let ours = find(&doc["neighbors"], "198.51.100.1", |n| {
        n["address"] == "198.51.100.1"
    })?;
    let state = theirs["state"][0].as_str().unwrap_or("").to_lowercase();
    ensure_eq!(ours["state"], state, "{ours} vs {theirs}");
    let perm = find(&doc["neighbors"], "198.51.100.9", |n| {
        n["address"] == "198.51.100.9"
    })?;
    ensure_eq!(perm["state"], "permanent", "{perm}");
    Ok(())
}
