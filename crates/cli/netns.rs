//! Linux `-j`: show another network namespace, or every one on the host (`-j all`), the way
//! FreeBSD's `-j jail` shows a VNET jail's stack.
//!
//! `-j NAME|PID|PATH` enters one namespace with setns(2) before the backend opens its netlink
//! sockets, and prints the display as usual (no heading, as BSD's `-j`). `-j all` finds every
//! namespace ([`rnetstat_linux::netns::all`]), opens them all first, then enters each in turn
//! and prints a heading line (`Network namespace NAME (inode N, ...):`) and the display; with
//! `--json` one document per namespace per line. In JSON every document and record carries a
//! `netns` object ([`object`]). A namespace that cannot be opened or entered is named in a
//! warning and the others are still shown.

use crate::args::Options;
use rnetstat_core::{Error, Result};
use rnetstat_linux::netns::{self, Namespace};
use serde_json::{json, Value};
use std::io::Write;

/// Run the display of `opts` in the namespace(s) `-j arg` names.
pub fn run(opts: &Options, arg: &str) -> Result<()> {
    if arg == "all" {
        return run_all(opts);
    }
    let mut ns = netns::resolve(arg)?;
    let file = open(&ns).map_err(|e| cannot(arg, "open", &ns, e))?;
    if opts.json {
        netns::label(&mut ns);
        crate::json::set_netns(Some(&object(&ns)), false);
    }
    if !ns.current {
        crate::sys::enter_netns(&file).map_err(|e| cannot(arg, "enter", &ns, e))?;
    }
    let mut backend = crate::source::open(opts, !ns.current)?;
    crate::show(opts, backend.as_mut(), None)
}

fn run_all(opts: &Options) -> Result<()> {
    let found = netns::all()?;
    let warn = |msg: String| {
        let _ = writeln!(std::io::stderr(), "rnetstat: warning: -j all: {msg}");
    };
    // Every namespace is opened before the first is entered: after setns(2) the processes
    // that hold an unnamed namespace may be gone, and their /proc/PID/ns/net with them.
    let mut opened = Vec::new();
    for ns in found.namespaces {
        match open(&ns) {
            Ok(file) => opened.push((ns, file)),
            Err(e) => warn(format!(
                "network namespace {}: cannot open: {e}{}",
                label(&ns),
                root_can(&e)
            )),
        }
    }
    // A plain TCP listing reads every namespace's TCP sockets in one walk of the kernel's
    // tables where the kernel and privileges allow, rather than one sock_diag dump (a walk of
    // the whole shared table) per namespace. Where it cannot, or once it fails, each
    // namespace's own dump answers, as with one namespace. RNETSTAT_TCP_WALK=require makes a
    // walk that cannot run an error (the tests use it).
    let require = std::env::var_os("RNETSTAT_TCP_WALK").is_some_and(|v| v == "require");
    let walker = if crate::display::sockets::plain_tcp_listing(opts) {
        match rnetstat_linux::tcp_walk::Walker::open() {
            Ok(w) => Some(w),
            Err(e) if require => return Err(e),
            Err(_) => None,
        }
    } else {
        None
    };
    let mut shown = 0;
    std::thread::scope(|scope| -> Result<()> {
        // The walk runs on its own thread (setns(2) moves only the calling thread), a
        // namespace or two ahead of the display: one's walk overlaps the previous one's text.
        let walked = walker.map(|w| walk_ahead(scope, w, &opened));
        for (ns, file) in &opened {
            let tcp = walked.as_ref().and_then(|rx| rx.recv().ok());
            // The current namespace comes first, so it is read before any setns(2).
            if !ns.current {
                if let Err(e) = crate::sys::enter_netns(file) {
                    warn(format!(
                        "network namespace {}: cannot enter: {e}{}",
                        label(ns),
                        root_can(&e)
                    ));
                    continue;
                }
            }
            let heading = if opts.json {
                crate::json::set_netns(Some(&object(ns)), true);
                None
            } else {
                Some(heading(ns, shown > 0))
            };
            let backend = match tcp {
                Some(Ok(tcp)) => crate::source::open_live_with_tcp(!ns.current, tcp),
                Some(Err(e)) if require => return Err(e),
                Some(Err(_)) | None => crate::source::open(opts, !ns.current),
            };
            let result = backend
                .and_then(|mut backend| crate::show(opts, backend.as_mut(), heading.as_deref()));
            match result {
                Ok(()) => shown += 1,
                Err(Error::BrokenPipe) => return Err(Error::BrokenPipe),
                Err(e) => warn(format!("network namespace {}: {e}", label(ns))),
            }
        }
        Ok(())
    })?;
    if found.hidden_processes > 0 {
        let n = found.hidden_processes;
        let s = if n == 1 { "" } else { "es" };
        warn(format!(
            "the network namespace of {n} process{s} could not be read (permission denied); a namespace only they hold is not shown"
        ));
    }
    if shown == 0 {
        return Err(Error::NotFound(
            "-j all: no network namespace could be read".into(),
        ));
    }
    Ok(())
}

/// The TCP sockets of each namespace of `opened`, in order, walked by `walker` on a thread of
/// `scope` that enters each in turn. A namespace it cannot enter gets the error; after a walk
/// that failed (handed on too) the thread stops, and the namespaces after it get nothing: their
/// own dumps answer.
fn walk_ahead<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    mut walker: rnetstat_linux::tcp_walk::Walker,
    opened: &'scope [(Namespace, std::fs::File)],
) -> std::sync::mpsc::Receiver<Result<Vec<rnetstat_linux::tcp_walk::record::Walked>>> {
    let (tx, rx) = std::sync::mpsc::sync_channel(2);
    scope.spawn(move || {
        for (ns, file) in opened {
            if !ns.current {
                if let Err(e) = crate::sys::enter_netns(file) {
                    let e = Error::io(format!("the TCP walk: entering {}", label(ns)), e);
                    if tx.send(Err(e)).is_err() {
                        break;
                    }
                    continue;
                }
            }
            let tcp = walker.current_namespace();
            let failed = tcp.is_err();
            if tx.send(tcp).is_err() || failed {
                break;
            }
        }
    });
    rx
}

fn open(ns: &Namespace) -> std::io::Result<std::fs::File> {
    std::fs::File::open(&ns.path)
}

/// The one line for a namespace that cannot be opened or entered.
fn cannot(arg: &str, what: &str, ns: &Namespace, e: std::io::Error) -> Error {
    if e.raw_os_error() == Some(libc::EINVAL) {
        return Error::NotFound(format!(
            "-j {arg}: {} is not a network namespace",
            ns.path.display()
        ));
    }
    Error::NotFound(format!(
        "-j {arg}: cannot {what} network namespace {}: {e}{}",
        ns.path.display(),
        root_can(&e)
    ))
}

/// "; root can" after a permission error.
fn root_can(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => " (root can)",
        _ => "",
    }
}

/// What the text calls a namespace: its /run/netns name; `host` for rnetstat's own when it
/// has none; else `[INODE]`.
fn label(ns: &Namespace) -> String {
    match (&ns.name, ns.current) {
        (Some(name), _) => name.clone(),
        (None, true) => "host".into(),
        (None, false) => format!("[{}]", ns.inode),
    }
}

/// The heading before a namespace's display in `-j all`'s text, after a blank line when
/// another namespace came before: `Network namespace web (inode 4026532281, pid 1234,
/// docker 3f2a9c1b7d4e web, pod UID burstable):`.
fn heading(ns: &Namespace, blank_line: bool) -> String {
    let mut parts = vec![format!("inode {}", ns.inode)];
    match ns.pid_count {
        0 => {}
        1 => parts.push(format!("pid {}", ns.pids[0])),
        2..=3 => parts.push(format!(
            "pids {}",
            ns.pids
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        )),
        n => parts.push(format!("{n} processes")),
    }
    if let Some(c) = &ns.container {
        let mut s = format!("{} {}", c.runtime, &c.id[..12.min(c.id.len())]);
        if let Some(name) = container_name(c) {
            s.push(' ');
            s.push_str(&name);
        }
        parts.push(s);
        if let Some(uid) = &c.pod_uid {
            parts.push(
                format!("pod {uid} {}", c.qos.unwrap_or(""))
                    .trim_end()
                    .to_string(),
            );
        }
    }
    let blank = if blank_line { "\n" } else { "" };
    format!(
        "{blank}Network namespace {} ({}):",
        label(ns),
        parts.join(", ")
    )
}

/// The `netns` object of the JSON: `{name, inode, current, pids, pid_count, container}`.
pub fn object(ns: &Namespace) -> Value {
    let container = ns.container.as_ref().map(|c| {
        json!({
            "runtime": c.runtime,
            "id": c.id,
            "name": container_name(c),
            "pod_uid": c.pod_uid,
            "qos": c.qos,
        })
    });
    json!({
        "name": ns.name,
        "inode": ns.inode,
        "current": ns.current,
        "pids": ns.pids,
        "pid_count": ns.pid_count,
        "container": container,
    })
}

/// The container's name where its runtime keeps it readable: docker's
/// /var/lib/docker/containers/ID/config.v2.json `Name` (without its leading `/`). Other
/// runtimes keep it in databases or behind their API: none.
fn container_name(c: &rnetstat_linux::procfs::cgroup::Container) -> Option<String> {
    if c.runtime != "docker" {
        return None;
    }
    let path = format!("/var/lib/docker/containers/{}/config.v2.json", c.id);
    let text = std::fs::read_to_string(path).ok()?;
    let config: Value = serde_json::from_str(&text).ok()?;
    let name = config.get("Name")?.as_str()?;
    Some(name.trim_start_matches('/').to_string()).filter(|n| !n.is_empty())
}
