//! Sockets: `-an` rows of a listener with un-accepted connections, a filter expression, `-L` its
//! queue, `-v` the owning process, JSON against `ss`, and the one compat dump of both families'
//! TCP sockets.

use crate::ns::{find, Check, Ns};
use crate::{ensure, ensure_eq};

pub fn run() -> Check {
    let ns = Ns::new("sk")?;
    let h = ns.helper(&["tcp", "127.0.0.1:7000", "7", "3"])?;
    let rows = |text: &str, needle: &str| -> Vec<Vec<String>> {
        text.lines()
            .filter(|l| l.contains(needle))
            .map(|l| l.split_whitespace().map(str::to_string).collect())
            .collect()
    };
    let an = ns.rn(&["-an"])?;
    ensure!(
        rows(&an, "LISTEN").contains(
            &["tcp4", "0", "0", "127.0.0.1.7000", "*.*", "LISTEN"]
                .map(String::from)
                .to_vec()
        ),
        "{an}"
    );
    let est = rows(&an, "ESTABLISHED");
    ensure_eq!(est.len(), 6, "three connections, both ends: {an}");
    ensure!(
        rows(&an, "udp4").contains(
            &["udp4", "0", "0", "127.0.0.1.7000", "*.*"]
                .map(String::from)
                .to_vec()
        ),
        "{an}"
    );

    // A filter expression keeps exactly its rows: the three clients, the listener.
    let clients = ns.rn(&["-an", "state", "established", "and", "dport", "7000"])?;
    ensure_eq!(rows(&clients, "ESTABLISHED").len(), 3, "{clients}");
    ensure_eq!(
        clients.lines().count(),
        5,
        "title, header, 3 rows: {clients}"
    );
    let listener = ns.rn(&["-an", "sport 7000 and state listen and tcp"])?;
    ensure_eq!(
        listener.lines().count(),
        3,
        "title, header, 1 row: {listener}"
    );

    let l = ns.rn(&["-Ln"])?;
    let q = rows(&l, "127.0.0.1.7000");
    ensure!(q.len() == 1 && q[0][0] == "tcp4", "{l}");
    let parts: Vec<&str> = q[0][1].split('/').collect();
    ensure!(
        parts.len() == 3
            && parts[0] == "3"
            && parts[2] == "7"
            // No half-open connection: the SYN queue (request sockets) is empty.
            && parts[1] == "0",
        "qlen/incqlen/maxqlen: {l}"
    );

    let v = ns.rn(&["-anv", "-p", "tcp"])?;
    let pid = h.pid().to_string();
    let listen = rows(&v, "LISTEN");
    ensure!(
        listen.len() == 1 && listen[0].ends_with(&[pid.clone(), "kdriver".to_string()]),
        "owner {pid} kdriver: {v}"
    );

    // JSON: the same TCP sockets as ss.
    let doc = ns.rn_json(&["-an", "-p", "tcp"])?;
    let ours = doc["sockets"].as_array().map_or(0, Vec::len);
    let ss = ns.exec(&["ss", "-Htan"])?;
    ensure_eq!(ours, ss.lines().count(), "{doc}\n{ss}");
    let lst = find(&doc["sockets"], "listener", |s| s["state"] == "LISTEN")?;
    ensure_eq!(lst["local"]["port"], 7000, "{lst}");

    // One walk for both families: this kernel answers the compat request (TCPDIAG_GETSOCK),
    // so a capture holds its answer and none of the per-family fallback dumps.
    let dir = format!("/tmp/{}-capture", ns.name);
    let _ = std::fs::remove_dir_all(&dir);
    let live = ns.rn(&["--capture", &dir, "-an", "-p", "tcp"])?;
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("diag-"))
        .collect();
    files.sort();
    ensure_eq!(files, ["diag-any-6.nl"], "{dir}");
    ensure_eq!(ns.rn(&["-M", &dir, "-an", "-p", "tcp"])?, live, "{dir}");
    let _ = std::fs::remove_dir_all(&dir);
    drop(h);
    Ok(())
}
