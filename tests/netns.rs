//! Linux `-j`: other network namespaces, by name, pid and path, and every one at once, with
//! the containers their processes belong to. Three namespaces are built here: two named ones
//! joined by a veth pair and one unnamed (held only by its process, not in /run/netns); their
//! processes are put into cgroups named as docker, podman and containerd under Kubernetes name
//! them (in the cgroup v2 tree below a directory of ours, removed afterwards).

use crate::common::*;
use std::path::PathBuf;
use std::process::{Child, Command};

/// The unified (cgroup v2) hierarchy of this host.
const CGROUP2: &str = "/sys/fs/cgroup/unified";

const DOCKER_ID: &str = "d0cce7d0cce7d0cce7d0cce7d0cce7d0cce7d0cce7d0cce7d0cce7d0cce7d0cc";
const PODMAN_ID: &str = "90d9a90d9a90d9a90d9a90d9a90d9a90d9a90d9a90d9a90d9a90d9a90d9a90d9";
const CRI_ID: &str = "c41c41c41c41c41c41c41c41c41c41c41c41c41c41c41c41c41c41c41c41c41c";
const POD_UID: &str = "6f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";

/// A process holding a listening TCP socket, in a cgroup of ours; killed, and its cgroup
/// removed, on drop.
struct Held {
    child: Child,
    /// The cgroup directories made for it, outermost first.
    cgroups: Vec<PathBuf>,
}

impl Held {
    /// Start `cmd` (which prints `ready` once listening) and move it into the cgroup `path`
    /// below `top`.
    fn start(mut cmd: Command, top: &std::path::Path, path: &str) -> Held {
        let (child, line) = start_until_line(&mut cmd, "a listener");
        let mut held = Held {
            child,
            cgroups: Vec::new(),
        };
        assert_eq!(line.trim(), "ready", "listener said {line:?}");
        let mut dir = top.to_path_buf();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            dir.push(part);
            if !dir.exists() {
                std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
                held.cgroups.push(dir.clone());
            }
        }
        std::fs::write(dir.join("cgroup.procs"), held.child.id().to_string()).unwrap();
        held
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for dir in self.cgroups.iter().rev() {
            // The cgroup empties once the killed process is reaped; give the kernel a moment.
            for _ in 0..50 {
                if std::fs::remove_dir(dir).is_ok() || !dir.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    }
}

/// Python that listens on TCP `addr`:`port`, says `ready` and waits for stdin to close.
fn listener(addr: &str, port: u16) -> String {
    format!(
        "import socket,sys\ns=socket.socket()\ns.bind(('{addr}',{port}))\ns.listen(8)\nprint('ready',flush=True)\nsys.stdin.read()"
    )
}

/// Our top cgroup directory, removed (empty, after the processes in it) on drop.
struct CgroupTop(PathBuf);

impl Drop for CgroupTop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// The namespaces of these tests. Fields drop in order: namespaces, processes, then the
/// cgroup top.
struct Hosts {
    /// Named; its listener in a docker cgroup. ja0 198.51.100.1/24, route 203.0.113.0/24
    /// via 198.51.100.2, listener 198.51.100.1:7001.
    a: Netns,
    /// Named; its listener in a podman cgroup. jc0 198.51.100.2/24, listener
    /// 198.51.100.2:7003.
    c: Netns,
    /// A's process.
    a_proc: Held,
    /// C's process (in a podman cgroup).
    _c_proc: Held,
    /// The unnamed namespace's only process (containerd under Kubernetes): lo
    /// 203.0.113.20/32, listener 203.0.113.20:7002.
    b_proc: Held,
    _top: CgroupTop,
}

/// A namespace named with this module's prefix (`rnj-`), loopback up; deleted on drop.
fn named(tag: &str) -> Netns {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let name = format!("rnj-{tag}-{}-{n}", std::process::id());
    run(&["ip", "netns", "add", &name]);
    let ns = Netns { name };
    ns.ip("link set lo up");
    ns
}

fn hosts() -> Hosts {
    let a = named("a");
    let c = named("c");
    let top = CgroupTop(PathBuf::from(CGROUP2).join(&a.name));
    std::fs::create_dir(&top.0).unwrap();
    a.ip(&format!(
        "link add ja0 type veth peer name jc0 netns {}",
        c.name
    ));
    a.ip("addr add 198.51.100.1/24 dev ja0");
    a.ip("link set ja0 up");
    c.ip("addr add 198.51.100.2/24 dev jc0");
    c.ip("link set jc0 up");
    a.ip("route add 203.0.113.0/24 via 198.51.100.2");
    a.ip("neigh add 198.51.100.99 lladdr 02:00:00:00:00:99 dev ja0 nud permanent");
    run(&[
        "tc", "-n", &a.name, "qdisc", "add", "dev", "ja0", "root", "pfifo", "limit", "77",
    ]);
    let mut cmd = a.command("python3");
    cmd.args(["-c", &listener("198.51.100.1", 7001)]);
    let a_proc = Held::start(
        cmd,
        &top.0,
        &format!("system.slice/docker-{DOCKER_ID}.scope"),
    );
    let mut cmd = c.command("python3");
    cmd.args(["-c", &listener("198.51.100.2", 7003)]);
    let c_proc = Held::start(
        cmd,
        &top.0,
        &format!("machine.slice/libpod-{PODMAN_ID}.scope"),
    );
    let mut cmd = Command::new("unshare");
    let script = format!(
        "ip link set lo up && ip addr add 203.0.113.20/32 dev lo && exec python3 -c \"{}\"",
        listener("203.0.113.20", 7002)
    );
    cmd.args(["-n", "sh", "-c", &script]);
    let pod = POD_UID.replace('-', "_");
    let b_proc = Held::start(
        cmd,
        &top.0,
        &format!("kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{pod}.slice/cri-containerd-{CRI_ID}.scope"),
    );
    Hosts {
        a,
        c,
        a_proc,
        _c_proc: c_proc,
        b_proc,
        _top: top,
    }
}

/// The nsfs inode of a process's network namespace.
fn inode_of(pid: u32) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(format!("/proc/{pid}/ns/net"))
        .unwrap()
        .ino()
}

fn ok(args: &[&str]) -> String {
    let out = rnetstat(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    text(&out)
}

/// The lines of `-j all`'s text from the heading that starts with `heading` to the next one.
fn namespace_section<'a>(all: &'a str, heading: &str) -> Vec<&'a str> {
    let starts: Vec<usize> = all
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(heading))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts.len(), 1, "one heading {heading:?} in:\n{all}");
    all.lines()
        .skip(starts[0] + 1)
        .take_while(|l| !l.starts_with("Network namespace "))
        .collect()
}

#[test]
fn one_namespace_by_name_pid_and_path() {
    let h = hosts();
    // By name: A's route, not the host's.
    let routes = ok(&["-j", &h.a.name, "-rn", "-f", "inet"]);
    let r = row(&routes.lines().collect::<Vec<_>>(), "203.0.113.0/24");
    assert_eq!(r[1], "198.51.100.2", "{routes}");
    assert!(
        !routes.contains("Network namespace"),
        "no heading: {routes}"
    );
    // By pid: the unnamed namespace's listener, and nothing of A's.
    let pid = h.b_proc.pid().to_string();
    let sockets = ok(&["-j", &pid, "-an", "-p", "tcp"]);
    assert!(sockets.contains("203.0.113.20.7002"), "{sockets}");
    assert!(!sockets.contains("198.51.100.1.7001"), "{sockets}");
    // By path: C's file in /run/netns.
    let path = format!("/run/netns/{}", h.c.name);
    let sockets = ok(&["-j", &path, "-an", "-p", "tcp"]);
    assert!(sockets.contains("198.51.100.2.7003"), "{sockets}");
    // JSON: the netns object with the container its process's cgroup names.
    let doc = json(&ok(&["-j", &pid, "-an", "-p", "tcp", "--json"]));
    assert_schema("sockets", &doc);
    let netns = &doc["netns"];
    assert_eq!(netns["inode"], inode_of(h.b_proc.pid()));
    assert_eq!(netns["name"], serde_json::Value::Null);
    assert_eq!(netns["pids"], serde_json::json!([h.b_proc.pid()]));
    let container = &netns["container"];
    assert_eq!(container["runtime"], "containerd");
    assert_eq!(container["id"], CRI_ID);
    assert_eq!(container["pod_uid"], POD_UID);
    assert_eq!(container["qos"], "burstable");
    let socket = &doc["sockets"][0];
    assert_eq!(socket["netns"], *netns, "each record carries it");
    // A capture of one namespace reads back the same.
    let dir = std::env::temp_dir().join(format!("rnj-cap-{}", std::process::id()));
    let d = dir.to_str().unwrap();
    let live = ok(&["-j", &h.a.name, "--capture", d, "-rn"]);
    let again = ok(&["-M", d, "-rn"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(live, again);
}

#[test]
fn every_display_shows_the_namespace() {
    let h = hosts();
    let a = h.a.name.as_str();
    // A connection to A's listener, made in A: one passive open there.
    h.a.exec(&[
        "python3",
        "-c",
        "import socket; socket.create_connection(('198.51.100.1',7001)).close()",
    ]);
    let checks: &[(&[&str], &str, &str)] = &[
        (&["-rn"], "routes", "203.0.113.0/24"),
        (&["-in"], "interfaces", "198.51.100.1"),
        (&["-an"], "sockets", "198.51.100.1.7001"),
        (&["-s", "-p", "tcp"], "statistics", "1 connection accept"),
        (&["-g"], "multicast", "ja0"),
        (&["-R", "-n"], "neighbors", "02:00:00:00:00:99"),
        (&["-q", "-I", "ja0"], "queues", "pfifo"),
        (&["-S", "-I", "ja0"], "link_status", "ja0"),
    ];
    for (args, schema, want) in checks {
        let mut full = vec!["-j", a];
        full.extend(*args);
        let out = ok(&full);
        assert!(out.contains(want), "{full:?} lacks {want}: {out}");
        full.push("--json");
        let doc = json(&ok(&full));
        assert_schema(schema, &doc);
        assert_eq!(doc["netns"]["name"], a, "{full:?}");
        assert_eq!(doc["netns"]["container"]["runtime"], "docker", "{full:?}");
        assert_eq!(doc["netns"]["container"]["id"], DOCKER_ID, "{full:?}");
    }
}

#[test]
fn all_namespaces_each_once() {
    let h = hosts();
    let all = ok(&["-j", "all", "-an", "-p", "tcp"]);
    // The host's own namespace comes first.
    assert!(all.starts_with("Network namespace "), "{all}");
    let a = namespace_section(&all, &format!("Network namespace {} (", h.a.name));
    assert!(a.iter().any(|l| l.contains("198.51.100.1.7001")), "{a:#?}");
    let heading = all
        .lines()
        .find(|l| l.starts_with(&format!("Network namespace {} (", h.a.name)))
        .unwrap();
    assert!(
        heading.contains(&format!("pid {}", h.a_proc.pid()))
            && heading.contains(&format!("docker {}", &DOCKER_ID[..12])),
        "{heading}"
    );
    let c = namespace_section(&all, &format!("Network namespace {} (", h.c.name));
    assert!(c.iter().any(|l| l.contains("198.51.100.2.7003")), "{c:#?}");
    assert!(!c.iter().any(|l| l.contains("7001")), "{c:#?}");
    let inode = inode_of(h.b_proc.pid());
    let b = namespace_section(&all, &format!("Network namespace [{inode}] ("));
    assert!(b.iter().any(|l| l.contains("203.0.113.20.7002")), "{b:#?}");
    // JSON: one document per namespace per line, each with its netns object.
    let lines = ok(&["-j", "all", "-an", "-p", "tcp", "--json"]);
    let docs: Vec<serde_json::Value> = lines.lines().map(json).collect();
    assert_eq!(docs[0]["netns"]["current"], true);
    let find = |pred: &dyn Fn(&serde_json::Value) -> bool| {
        let found: Vec<_> = docs.iter().filter(|d| pred(&d["netns"])).collect();
        assert_eq!(found.len(), 1, "{lines}");
        found[0].clone()
    };
    let doc_a = find(&|n| n["name"] == h.a.name.as_str());
    assert_eq!(doc_a["netns"]["container"]["runtime"], "docker");
    let doc_c = find(&|n| n["name"] == h.c.name.as_str());
    assert_eq!(doc_c["netns"]["container"]["runtime"], "podman");
    assert_eq!(doc_c["netns"]["container"]["id"], PODMAN_ID);
    let doc_b = find(&|n| n["inode"] == inode);
    assert_eq!(doc_b["netns"]["container"]["pod_uid"], POD_UID);
    assert_eq!(doc_b["sockets"][0]["local"]["address"], "203.0.113.20");
    for doc in [&doc_a, &doc_b, &doc_c, &docs[0]] {
        assert_schema("sockets", doc);
    }
}

#[test]
fn bad_values_and_no_root() {
    let h = hosts();
    for (arg, says) in [
        (
            "rnj-nosuch",
            "no network namespace named rnj-nosuch in /run/netns",
        ),
        ("4000000000", "no process 4000000000"),
        ("/etc/hostname", "not a network namespace"),
        ("/proc/self/ns/uts", "not a network namespace"),
        ("/nonexistent/x", "no such file"),
    ] {
        let out = rnetstat(&["-j", arg, "-rn"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{arg}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("rnetstat: -j ") && err.contains(says),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    for args in [
        &["-j", "all", "--capture", "/tmp/rnj-x", "-rn"][..],
        &["-j", "all", "-w", "1"],
    ] {
        let out = rnetstat(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    }
    // As nobody: one namespace cannot be entered (one line, status 1); all shows the own
    // namespace and names each one it could not enter.
    let bin = std::env::temp_dir().join(format!("rnj-nobody-{}", std::process::id()));
    std::fs::create_dir_all(&bin).unwrap();
    let exe = bin.join("rnetstat");
    std::fs::copy(crate::common::bin(), &exe).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let nobody = |args: &[&str]| {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&exe)
            .args(args)
            .output()
            .unwrap()
    };
    let out = nobody(&["-j", &h.a.name, "-rn"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&h.a.name) && err.contains("root can"), "{err}");
    let out = nobody(&["-j", "all", "-rn"]);
    let err = String::from_utf8_lossy(&out.stderr);
    let _ = std::fs::remove_dir_all(&bin);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        text(&out).starts_with("Network namespace host ("),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains(&h.a.name));
    for name in [&h.a.name, &h.c.name] {
        let line = err
            .lines()
            .find(|l| l.contains(name.as_str()))
            .unwrap_or_else(|| panic!("no warning names {name}: {err}"));
        assert!(line.starts_with("rnetstat: warning: -j all: "), "{line}");
    }
}
