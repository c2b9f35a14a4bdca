//! Network namespaces on this host, for `-j`: the named ones (the nsfs files `ip netns add`
//! bind-mounts in /run/netns) and those of processes (/proc/PID/ns/net), each counted once by
//! its nsfs inode, with the processes in it and the container they belong to (from their
//! cgroup path, [`crate::procfs::cgroup`]).
//!
//! This module only finds and labels namespaces; entering one (setns(2)) is the caller's.

use crate::procfs::cgroup::{self, Container};
use rnetstat_core::{Error, Result};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Where `ip netns` keeps the named namespaces.
pub const NAMED_DIR: &str = "/run/netns";

/// At most this many pids are kept per namespace ([`Namespace::pid_count`] counts them all).
pub const PIDS_KEPT: usize = 8;

/// A network namespace and what labels it.
#[derive(Debug, Clone)]
pub struct Namespace {
    /// Its nsfs inode (what `ip netns identify` and `lsns` show).
    pub inode: u64,
    /// The nsfs device, with the inode its identity.
    pub dev: u64,
    /// Its name in /run/netns, if it has one.
    pub name: Option<String>,
    /// A file that opens it: /run/netns/NAME, /proc/PID/ns/net or the path given.
    pub path: PathBuf,
    /// True for the namespace rnetstat was started in.
    pub current: bool,
    /// The lowest [`PIDS_KEPT`] pids of processes in it, in order.
    pub pids: Vec<u32>,
    /// How many processes are in it.
    pub pid_count: usize,
    /// The container its processes belong to, from their cgroup path.
    pub container: Option<Container>,
}

impl Namespace {
    fn at(path: PathBuf, meta: &std::fs::Metadata) -> Namespace {
        Namespace {
            inode: meta.ino(),
            dev: meta.dev(),
            name: None,
            path,
            current: false,
            pids: Vec::new(),
            pid_count: 0,
            container: None,
        }
    }

    fn key(&self) -> (u64, u64) {
        (self.dev, self.inode)
    }
}

/// What [`all`] found.
#[derive(Debug, Default)]
pub struct Found {
    /// Every namespace once: the current one first, then named ones by name, then the
    /// others by inode.
    pub namespaces: Vec<Namespace>,
    /// Processes whose namespace could not be read (another user's, without root).
    pub hidden_processes: usize,
}

/// Every network namespace on the host, labelled (see [`Found`] for the order).
pub fn all() -> Result<Found> {
    let current = current()?;
    let mut found = Found::default();
    let mut list = vec![current];
    for ns in named() {
        match list.iter_mut().find(|n| n.key() == ns.key()) {
            Some(known) => known.name = known.name.take().or(ns.name),
            None => list.push(ns),
        }
    }
    let mut unnamed: Vec<Namespace> = Vec::new();
    found.hidden_processes = scan_processes(|pid, path, meta| {
        let key = (meta.dev(), meta.ino());
        if let Some(ns) = list.iter_mut().find(|n| n.key() == key) {
            add_pid(ns, pid);
        } else if let Some(ns) = unnamed.iter_mut().find(|n| n.key() == key) {
            add_pid(ns, pid);
        } else {
            let mut ns = Namespace::at(path, meta);
            add_pid(&mut ns, pid);
            unnamed.push(ns);
        }
    });
    list[1..].sort_by(|a, b| a.name.cmp(&b.name));
    unnamed.sort_by_key(|n| n.inode);
    list.extend(unnamed);
    for ns in list.iter_mut().filter(|n| !n.current) {
        ns.container = container_of(&ns.pids);
    }
    found.namespaces = list;
    Ok(found)
}

/// The namespace `-j ARG` names: a path to an nsfs file when ARG has a `/`, a pid's when it
/// is all digits, else a name in /run/netns. Not yet labelled with processes ([`label`]).
pub fn resolve(arg: &str) -> Result<Namespace> {
    let (path, missing) = if arg.contains('/') {
        (PathBuf::from(arg), format!("-j {arg}: no such file"))
    } else if !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit()) {
        (
            PathBuf::from(format!("/proc/{arg}/ns/net")),
            format!("-j {arg}: no process {arg}"),
        )
    } else if arg.is_empty() || arg.starts_with('.') {
        return Err(Error::NotFound(format!(
            "-j {arg:?}: not a namespace name; give a name in {NAMED_DIR}, a pid, a path or all"
        )));
    } else {
        (
            Path::new(NAMED_DIR).join(arg),
            format!("-j {arg}: no network namespace named {arg} in {NAMED_DIR}"),
        )
    };
    let meta = std::fs::metadata(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(missing),
        _ => Error::io(format!("-j {arg}: {}", path.display()), e),
    })?;
    let current = current()?;
    if meta.dev() != current.dev {
        return Err(Error::NotFound(format!(
            "-j {arg}: {} is not a network namespace",
            path.display()
        )));
    }
    let mut ns = Namespace::at(path, &meta);
    ns.current = ns.key() == current.key();
    ns.name = (!arg.contains('/') && !arg.bytes().all(|b| b.is_ascii_digit()))
        .then(|| arg.to_string())
        .or_else(|| named().find(|n| n.key() == ns.key()).and_then(|n| n.name));
    Ok(ns)
}

/// Fill in the processes in `ns` and their container (one scan of /proc).
pub fn label(ns: &mut Namespace) {
    scan_processes(|pid, _, meta| {
        if (meta.dev(), meta.ino()) == ns.key() {
            add_pid(ns, pid);
        }
    });
    if !ns.current {
        ns.container = container_of(&ns.pids);
    }
}

/// The namespace this process runs in.
fn current() -> Result<Namespace> {
    let path = PathBuf::from("/proc/self/ns/net");
    let meta = std::fs::metadata(&path)
        .map_err(|e| Error::io("reading /proc/self/ns/net".to_string(), e))?;
    let mut ns = Namespace::at(path, &meta);
    ns.current = true;
    Ok(ns)
}

/// The named namespaces: each nsfs file in /run/netns (other files there are left out).
fn named() -> impl Iterator<Item = Namespace> {
    let nsfs = std::fs::metadata("/proc/self/ns/net").map(|m| m.dev()).ok();
    std::fs::read_dir(NAMED_DIR)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(move |entry| {
            let path = entry.path();
            let meta = std::fs::metadata(&path).ok()?;
            if Some(meta.dev()) != nsfs {
                return None;
            }
            let mut ns = Namespace::at(path, &meta);
            ns.name = Some(entry.file_name().to_string_lossy().into_owned());
            Some(ns)
        })
}

/// Call `each(pid, /proc/PID/ns/net, its metadata)` for every process; returns how many
/// processes' namespaces could not be read (not vanished ones: those are simply gone).
fn scan_processes(mut each: impl FnMut(u32, PathBuf, &std::fs::Metadata)) -> usize {
    let mut hidden = 0;
    let mut pids: Vec<u32> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect();
    pids.sort_unstable();
    for pid in pids {
        let path = PathBuf::from(format!("/proc/{pid}/ns/net"));
        match std::fs::metadata(&path) {
            Ok(meta) => each(pid, path, &meta),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => hidden += 1,
            // Vanished, or a kernel thread without a namespace to show.
            Err(_) => {}
        }
    }
    hidden
}

fn add_pid(ns: &mut Namespace, pid: u32) {
    ns.pid_count += 1;
    if ns.pids.len() < PIDS_KEPT {
        ns.pids.push(pid);
    }
}

/// The container of the first of `pids` whose cgroup names one.
fn container_of(pids: &[u32]) -> Option<Container> {
    pids.iter().find_map(|pid| {
        let text = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?;
        cgroup::parse(&text).ok().flatten()
    })
}
