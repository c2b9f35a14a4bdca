//! TCP internals and counts: sock_diag's tcp_info (whose length differs between kernels),
//! congestion control and socket memory in `-an --json` and `-anC`, against `ss -tnim`; and
//! `-s -p tcp`'s connection count by state.

use crate::ns::{Check, Ns};
use crate::{ensure, ensure_eq};

pub fn run() -> Check {
    let ns = Ns::new("tc")?;
    // A listener and two connections it has not accepted: five TCP sockets, four of them
    // established.
    let h = ns.helper(&["tcp", "127.0.0.1:7100", "8", "2"])?;
    let cc = ns
        .exec(&["cat", "/proc/sys/net/ipv4/tcp_congestion_control"])?
        .trim()
        .to_string();
    ensure!(!cc.is_empty(), "no congestion control");

    // ss: the MSS of each established socket, by local port.
    let ss = ns.exec(&["ss", "-Htnim", "state", "established"])?;
    let mut ss_mss = Vec::new();
    let mut ss_rcvbuf = Vec::new();
    for word in ss.split_whitespace() {
        if let Some(v) = word.strip_prefix("mss:") {
            ss_mss.push(v.parse::<u64>().map_err(|e| format!("{e}: {ss}"))?);
        }
        if let Some(m) = word.strip_prefix("skmem:(") {
            for part in m.trim_end_matches(')').split(',') {
                if let Some(v) = part.strip_prefix("rb") {
                    ss_rcvbuf.push(v.parse::<u64>().map_err(|e| format!("{e}: {ss}"))?);
                }
            }
        }
    }
    ensure_eq!(ss_mss.len(), 4, "{ss}");
    ss_mss.sort_unstable();
    ss_rcvbuf.sort_unstable();

    let doc = ns.rn_json(&["-an", "-p", "tcp"])?;
    let socks = doc["sockets"].as_array().ok_or("no sockets")?;
    let est: Vec<&serde_json::Value> = socks
        .iter()
        .filter(|s| s["state"] == "ESTABLISHED")
        .collect();
    ensure_eq!(est.len(), 4, "{doc}");
    let mut mss: Vec<u64> = est
        .iter()
        .filter_map(|s| s["tcp"]["mss"].as_u64())
        .collect();
    mss.sort_unstable();
    ensure_eq!(mss, ss_mss, "tcp.mss against ss: {doc}");
    let mut rcvbuf: Vec<u64> = est
        .iter()
        .filter_map(|s| s["buffers"]["rcvbuf"].as_u64())
        .collect();
    rcvbuf.sort_unstable();
    ensure_eq!(
        rcvbuf,
        ss_rcvbuf,
        "buffers.rcvbuf against ss skmem rb: {doc}"
    );
    for s in &est {
        ensure_eq!(s["tcp"]["congestion"], cc.as_str(), "{s}");
        ensure!(
            s["tcp"]["rtt_us"].as_u64().is_some_and(|r| r > 0),
            "rtt: {s}"
        );
        ensure!(
            s["tcp"]["cwnd"].as_u64().is_some_and(|c| c > 0),
            "cwnd: {s}"
        );
    }

    // -anC: the algorithm in the CC column of every established row.
    let text = ns.rn(&["-anC", "-p", "tcp"])?;
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| l.contains("ESTABLISHED"))
        .map(|l| l.split_whitespace().collect())
        .collect();
    ensure_eq!(rows.len(), 4, "{text}");
    for r in &rows {
        ensure!(r.get(6) == Some(&cc.as_str()), "CC {cc}: {text}");
    }

    // -s -p tcp: the block FreeBSD prints, with the sockets held here.
    let s = ns.rn(&["-s", "-p", "tcp"])?;
    ensure!(s.contains("TCP connection count by state:"), "{s}");
    ensure!(s.contains("\t1 connection  in LISTEN state\n"), "{s}");
    ensure!(s.contains("\t4 connections in ESTABLISHED state\n"), "{s}");
    drop(h);
    Ok(())
}

/// `-j all`'s one walk of every namespace's TCP tables (a BPF program placed by the kernel's
/// BTF) against each namespace's own sock_diag dump: where the kernel can run it (BTF, Linux
/// 6.1 and later) the two list the same rows for two namespaces; where it cannot,
/// RNETSTAT_TCP_WALK=require says so in one line and the listing falls back to the dumps.
pub fn walk() -> Check {
    let a = Ns::new("wa")?;
    let b = Ns::new("wb")?;
    let ha = a.helper(&["tcp", "127.0.0.1:7201", "8", "2"])?;
    let hb = b.helper(&["tcp", "[::1]:7202", "8", "3"])?;
    let rn = crate::ns::rnetstat_path();
    let listing = |mode: &str| {
        let env = format!("RNETSTAT_TCP_WALK={mode}");
        crate::ns::run("env", &[&env, &rn, "-an", "-p", "tcp", "-j", "all"])
    };
    let dumps = listing("off")?;
    let release = crate::ns::run("uname", &["-r"])?;
    let mut v = release
        .trim()
        .split(|c: char| !c.is_ascii_digit())
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let version = (v.next().unwrap_or(0), v.next().unwrap_or(0));
    let can = version >= (6, 1) && std::path::Path::new("/sys/kernel/btf/vmlinux").exists();
    let walked = match (listing("require"), can) {
        (Ok(text), true) => text,
        (Err(e), false) => {
            ensure!(e.contains("rnetstat: "), "{e}");
            return Ok(());
        }
        (Ok(_), false) => return Err(format!("{release}: the walk ran on a kernel it should not")),
        (Err(e), true) => return Err(format!("{release}: the walk failed: {e}")),
    };
    let section = |text: &str, name: &str| -> Vec<String> {
        let mut lines = text.lines();
        let _ = lines
            .by_ref()
            .find(|l| l.starts_with("Network namespace ") && l.contains(name));
        lines
            .take_while(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    for (ns, port, conns) in [(&a, "7201", 2), (&b, "7202", 3)] {
        let rows = section(&walked, &ns.name);
        ensure_eq!(rows, section(&dumps, &ns.name), "namespace {}", ns.name);
        ensure!(
            rows.iter()
                .any(|l| l.contains(port) && l.contains("LISTEN")),
            "{walked}"
        );
        let est = rows.iter().filter(|l| l.contains("ESTABLISHED")).count();
        ensure_eq!(est, 2 * conns, "{walked}");
    }
    drop((ha, hb));
    Ok(())
}
