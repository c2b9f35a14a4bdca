//! `-g` on Linux: memberships with source filters joined by a real process, and the tables of a
//! real multicast router (smcroute) with counters moved by real traffic.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::{Child, Command};

#[derive(Clone, Copy)]
enum Family {
    V4,
    V6,
}

impl Family {
    fn name(self) -> &'static str {
        match self {
            Family::V4 => "inet",
            Family::V6 => "inet6",
        }
    }
}

/// Whether this machine's kernel routes multicast for `family` (CONFIG_IP_MROUTE,
/// CONFIG_IPV6_MROUTE): its procfs table exists. The router tests with real traffic run on
/// every kernel of tests/kernels/run; here they run where the kernel allows.
fn kernel_routes(family: Family) -> bool {
    let file = match family {
        Family::V4 => "/proc/net/ip_mr_vif",
        Family::V6 => "/proc/net/ip6_mr_vif",
    };
    std::path::Path::new(file).exists()
}

/// A namespace with a veth `mc0` and a process holding the default joins of mcast_join.py.
struct Joined {
    ns: Netns,
    child: Child,
}

impl Joined {
    fn new(tag: &str) -> Joined {
        let ns = Netns::new(tag);
        ns.ip("link add mc0 type veth peer name mc0p");
        ns.ip_batch("link set mc0 up\nlink set mc0p up\naddr add 192.0.2.1/24 dev mc0\naddr add 2001:db8::1/64 dev mc0 nodad\n");
        let (child, line) = start_until_line(
            ns.command("python3")
                .arg(root().join("tests/helpers/mcast_join.py"))
                .args(["--if", "mc0"]),
            "mcast_join.py",
        );
        assert!(line.starts_with('{'), "mcast_join.py said {line:?}");
        Joined { ns, child }
    }
}

impl Drop for Joined {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

#[test]
fn memberships_with_modes_and_sources() {
    let j = Joined::new("mj");
    let out = j.ns.rnetstat_ok(&["-g", "-n"]);
    let v4 = section(&out, "IPv4 Multicast Group Memberships");
    for (group, mac) in [
        ("239.1.1.1", "01:00:5e:01:01:01"),
        ("239.2.2.2", "01:00:5e:02:02:02"),
        ("239.3.3.3", "01:00:5e:03:03:03"),
    ] {
        assert_eq!(row(&v4, group), [group, mac, "mc0"], "{out}");
    }
    let v6 = section(&out, "IPv6 Multicast Group Memberships");
    assert_eq!(
        row(&v6, "ff3e::2:2"),
        ["ff3e::2:2", "33:33:00:02:00:02", "mc0"],
        "{out}"
    );
    // No router in this namespace: where the kernel can route multicast, its tables are empty,
    // as BSD says it; where it cannot, one line says so.
    if kernel_routes(Family::V4) {
        assert!(
            out.contains("\nIPv4 Virtual Interface Table is empty\n"),
            "{out}"
        );
    } else {
        assert!(
            out.contains("\nNo IPv4 multicast routing in this kernel\n"),
            "{out}"
        );
    }
    let unsupported = &json(&j.ns.rnetstat_ok(&["-g", "--json"]))["routing_unsupported"];
    let expected: Vec<&str> = [Family::V4, Family::V6]
        .into_iter()
        .filter(|f| !kernel_routes(*f))
        .map(|f| f.name())
        .collect();
    assert_eq!(*unsupported, serde_json::json!(expected));

    let v = j.ns.rnetstat_ok(&["-g", "-v", "-f", "inet6"]);
    assert!(v.starts_with("IPv6 Multicast Group Memberships\n"), "{v}");
    let block = |g: &str| -> Vec<String> {
        v.lines()
            .skip_while(|l| !l.starts_with(g))
            .skip(1)
            .take_while(|l| l.starts_with('\t'))
            .map(|l| l.trim().to_string())
            .collect()
    };
    assert_eq!(
        block("ff3e::2:2 "),
        ["mode include", "source 2001:db8::10", "source 2001:db8::11"],
        "{v}"
    );
    assert_eq!(
        block("ff05::3:3 "),
        ["mode exclude", "source 2001:db8::12"],
        "{v}"
    );
    assert_eq!(block("ff05::1:1 "), ["mode exclude"], "{v}");
    let vv = j.ns.rnetstat_ok(&["-g", "-vv", "-f", "inet", "-I", "mc0"]);
    assert!(
        vv.contains("\t\tsource 192.0.2.12 include 0 exclude 1"),
        "{vv}"
    );
    assert!(vv.contains("mc0             igmpv3"), "{vv}");

    // -i -a: groups under the interface's link line and its first address of each family.
    let ia = j.ns.rnetstat_ok(&["-ian", "-I", "mc0"]);
    let lines: Vec<&str> = ia.lines().collect();
    let after = |start: &str| -> Vec<&str> {
        lines
            .iter()
            .skip_while(|l| !l.contains(start))
            .skip(1)
            .take_while(|l| l.starts_with(' '))
            .map(|l| l.trim())
            .collect()
    };
    assert!(after("<Link#").contains(&"01:00:5e:02:02:02"), "{ia}");
    let v4 = after("192.0.2.0/24");
    assert!(
        v4.contains(&"239.1.1.1") && v4.contains(&"239.3.3.3") && !v4.contains(&"ff05::1:1"),
        "{ia}"
    );
    assert!(after("2001:db8::/64").contains(&"ff3e::2:2"), "{ia}");

    let iaj = json(&j.ns.rnetstat_ok(&["-ian", "--json", "-I", "mc0"]));
    assert_schema("interfaces", &iaj);
    let groups = iaj["interfaces"][0]["multicast_groups"].as_array().unwrap();
    assert!(
        groups.contains(&Value::from("239.1.1.1"))
            && groups.contains(&Value::from("01:00:5e:01:01:01")),
        "{iaj}"
    );

    // JSON: the same groups as `ip maddr`, and the schema.
    let doc = json(&j.ns.rnetstat_ok(&["-g", "--json", "-I", "mc0"]));
    assert_schema("multicast", &doc);
    let ours: BTreeSet<String> = doc["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                if m["family"] == "link" {
                    "link"
                } else if m["family"] == "inet" {
                    "inet"
                } else {
                    "inet6"
                },
                m["group"].as_str().unwrap()
            )
        })
        .collect();
    let ip: BTreeSet<String> = text(&j.ns.ip("maddr show dev mc0"))
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(ours, ip);
    let g = item(&doc["memberships"], "group", "239.2.2.2");
    assert_eq!(g["filter_mode"], "include");
    assert_eq!(
        g["sources"][1],
        serde_json::json!({"address": "192.0.2.11", "includes": 1, "excludes": 0})
    );
}

/// The indented lines of a `name:` section of a statistics display.
fn section_lines(text: &str, title: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| *l != title)
        .skip(1)
        .take_while(|l| l.starts_with('\t'))
        .map(|l| l.trim().to_string())
        .collect()
}

/// The smcroute topology of tests/helpers/mroute_topology.sh, torn down on drop.
struct Router {
    prefix: String,
    info: Value,
}

impl Router {
    fn up(tag: &str) -> Router {
        let prefix = format!("rnm{tag}{}-", std::process::id() % 100_000);
        let script = root().join("tests/helpers/mroute_topology.sh");
        let out = Command::new("bash")
            .arg(&script)
            .args(["up", &prefix])
            .output()
            .unwrap();
        // Tear down whatever was made, also when `up` failed half way.
        let mut router = Router {
            prefix,
            info: Value::Null,
        };
        assert!(
            out.status.success(),
            "topology: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        router.info = serde_json::from_slice(&out.stdout).expect("topology JSON");
        router
    }

    fn ns(&self) -> String {
        format!("{}rtr", self.prefix)
    }

    fn rnetstat(&self, args: &[&str]) -> String {
        let out = Command::new("ip")
            .args(["netns", "exec", &self.ns(), bin()])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        text(&out)
    }

    fn send(&self, count: u32) {
        let script = root().join("tests/helpers/mroute_topology.sh");
        let out = Command::new("bash")
            .arg(&script)
            .args(["send", &self.prefix, &count.to_string()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "send: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Router {
    fn drop(&mut self) {
        let script = root().join("tests/helpers/mroute_topology.sh");
        let _ = Command::new("bash")
            .arg(&script)
            .args(["down", &self.prefix])
            .status();
    }
}

/// A kernel without multicast routing says so, in text and JSON, per family: shown here on a
/// capture whose multicast-routing files were taken out, as such a kernel lacks them.
#[test]
fn kernel_without_multicast_routing() {
    let ns = Netns::new("nomr");
    let dir = std::env::temp_dir().join(format!("rnt-nomr-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    ns.rnetstat_ok(&["--capture", d, "-gn"]);
    let gone = |names: &[&str]| {
        for n in names {
            let _ = std::fs::remove_file(dir.join("proc-net").join(n));
        }
    };
    let render = |args: &[&str]| render_from(d, args);
    // The starting point is a kernel with both routers and none running: where this machine's
    // kernel lacks one, its files get the header-only tables such a kernel gives.
    for (name, header) in [
        (
            "ip_mr_vif",
            "Interface      BytesIn  PktsIn  BytesOut PktsOut Flags Local    Remote\n",
        ),
        ("ip_mr_cache", "Group    Origin   Iif     Pkts    Bytes    Wrong Oifs\n"),
        (
            "ip6_mr_vif",
            "Interface      BytesIn  PktsIn  BytesOut PktsOut Flags\n",
        ),
        ("ip6_mr_cache", "Group                            Origin                           Iif      Pkts  Bytes     Wrong  Oifs\n"),
    ] {
        let path = dir.join("proc-net").join(name);
        if !path.exists() {
            std::fs::write(&path, header).unwrap();
        }
    }
    // Only IPv6 lacks it: the IPv4 tables stay (empty), one line for IPv6.
    gone(&["ip6_mr_vif", "ip6_mr_cache"]);
    let out = render(&["-gn"]);
    let tail = out
        .split("\nIPv4 Virtual Interface Table")
        .nth(1)
        .unwrap_or_default();
    assert_eq!(
        tail,
        " is empty\n\nIPv4 Multicast Forwarding Table is empty\n\nNo IPv6 multicast routing in this kernel\n",
        "{out}"
    );
    let doc = json(&render(&["-gn", "--json"]));
    assert_schema("multicast", &doc);
    assert_eq!(doc["routing_families"], serde_json::json!(["inet"]));
    assert_eq!(doc["routing_unsupported"], serde_json::json!(["inet6"]));
    // Neither family: a line each, nothing that reads as a router's table.
    gone(&["ip_mr_vif", "ip_mr_cache"]);
    let out = render(&["-gn"]);
    assert!(
        out.ends_with("\n\nNo IPv4 multicast routing in this kernel\n\nNo IPv6 multicast routing in this kernel\n"),
        "{out}"
    );
    assert!(!out.contains("Table") && !out.contains("Cache"), "{out}");
    let out = render(&["-gn", "-f", "inet6"]);
    assert!(
        out.ends_with("Netif\n\nNo IPv6 multicast routing in this kernel\n")
            || out.ends_with("\n\nNo IPv6 multicast routing in this kernel\n"),
        "{out}"
    );
    assert!(!out.contains("IPv4"), "{out}");
    let doc = json(&render(&["-gn", "--json", "-f", "inet"]));
    assert_schema("multicast", &doc);
    assert_eq!(doc["routing_families"], serde_json::json!([]));
    assert_eq!(doc["routing_unsupported"], serde_json::json!(["inet"]));
    assert_eq!(doc["vifs"], serde_json::json!([]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn smcroute_tables_and_counters() {
    if !kernel_routes(Family::V4) || !kernel_routes(Family::V6) {
        // smcrouted cannot start here; kernel_without_multicast_routing and the no-router
        // lines of memberships_with_modes_and_sources check this kernel, tests/kernels/run the
        // router on kernels that have one.
        eprintln!("smcroute_tables_and_counters: this kernel has no multicast routing; the router runs in tests/kernels/run");
        let ns = Netns::new("nomrk");
        let doc = json(&ns.rnetstat_ok(&["-g", "--json"]));
        assert_ne!(doc["routing_unsupported"], serde_json::json!([]), "{doc}");
        return;
    }
    let r = Router::up("t");
    assert!(!r.info.is_null());
    let before = r.rnetstat(&["-g", "-n"]);
    let vifs = section(&before, "IPv4 Virtual Interface Table");
    let names: Vec<&str> = vifs
        .iter()
        .map(|l| l.split_whitespace().nth(2).unwrap())
        .collect();
    assert_eq!(names, ["mc0", "mc1", "mc2"], "{before}");
    let mfc = section(&before, "IPv4 Multicast Forwarding Table");
    let entry: Vec<&str> = mfc[0].split_whitespace().collect();
    assert_eq!(entry[..2], ["192.0.2.2", "239.1.2.3"], "{before}");
    assert_eq!(entry[3..], ["0", "1:1", "2:1"], "{before}");
    let v6 = section(&before, "IPv6 Multicast Forwarding Cache");
    assert!(
        v6.iter()
            .any(|l| l.contains("2001:db8::2") && l.contains("ff3e::1:2:3")),
        "{before}"
    );
    // smcroute's mgroup joins.
    assert!(
        section(&before, "IPv4 Multicast Group Memberships")
            .iter()
            .any(|l| l.starts_with("239.9.9.9") && l.ends_with("mc1")),
        "{before}"
    );

    r.send(10);
    // Forwarding over veth finishes after the sender exits: wait for the counters to settle.
    let mut doc = json(&r.rnetstat(&["-g", "-n", "--json"]));
    for _ in 0..50 {
        let done = doc["mfc"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["packets"].as_u64().unwrap_or(0) >= 10);
        if done {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        doc = json(&r.rnetstat(&["-g", "-n", "--json"]));
    }
    assert_schema("multicast", &doc);
    let entry = item(&doc["mfc"], "group", "239.1.2.3");
    // Exactly the 10 packets sent: a fresh router forwards nothing else for (S,G).
    assert_eq!(entry["packets"], 10, "{entry}");
    let mc0 = doc["vifs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["family"] == "inet" && v["netif"] == "mc0")
        .unwrap();
    assert_eq!(mc0["pkts_in"], 10, "{mc0}");
    assert_eq!(
        entry["oifs"],
        serde_json::json!([{"vif": 1, "ttl": 1}, {"vif": 2, "ttl": 1}])
    );
    let mc1 = doc["vifs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["family"] == "inet" && v["netif"] == "mc1")
        .unwrap();
    assert_eq!(mc1["pkts_out"], 10, "{mc1}");
    let mifs: Vec<&str> = doc["vifs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["family"] == "inet6")
        .map(|v| v["netif"].as_str().unwrap())
        .collect();
    assert_eq!(mifs, ["mc0", "mc1", "mc2"]);
    // The same counters as `ip -s mroute`.
    let ip = Command::new("ip")
        .args(["-n", &r.ns(), "-j", "-s", "mroute", "show"])
        .output()
        .unwrap();
    let ip: Value = serde_json::from_slice(&ip.stdout).unwrap();
    let theirs = ip
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["dst"] == "239.1.2.3")
        .unwrap();
    assert_eq!(entry["packets"], theirs["packets"]);
    assert_eq!(entry["bytes"], theirs["bytes"]);
    let e6 = doc["mfc"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["family"] == "inet6" && m["group"] == "ff3e::1:2:3")
        .unwrap();
    assert_eq!(e6["packets"], 10, "{e6}");
    assert_eq!(
        e6["oifs"],
        serde_json::json!([{"vif": 1, "ttl": 1}, {"vif": 2, "ttl": 1}])
    );

    // What --capture saves renders the same through -M (procfs and the netlink dumps).
    let dir = std::env::temp_dir().join(format!("rnt-mcap-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let live = r.rnetstat(&["--capture", d, "-gvvn", "--json"]);
    let rendered = rnetstat(&["-M", d, "-gvvn", "--json"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(text(&rendered), live);

    // -gs: the router's totals, and the kernel's multicast counters as nstat reads them.
    let gs = r.rnetstat(&["-gs"]);
    let routing = section_lines(&gs, "multicast routing:");
    assert!(
        routing.contains(&"3 virtual interfaces".to_string()),
        "{gs}"
    );
    let forwarded: u64 = routing
        .iter()
        .find(|l| l.ends_with("packets forwarded by the cache entries"))
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(forwarded >= 10, "{gs}");
    let stats = json(&r.rnetstat(&["-gs", "--json"]));
    assert_schema("statistics", &stats);
    let nstat = Command::new("ip")
        .args([
            "netns",
            "exec",
            &r.ns(),
            "nstat",
            "-az",
            "--json",
            "IpExtInMcastPkts",
        ])
        .output()
        .unwrap();
    let nstat: Value = serde_json::from_slice(&nstat.stdout).unwrap();
    let theirs = nstat["kernel"]["IpExtInMcastPkts"].as_u64().unwrap();
    let first = &stats["statistics"][0]["counters"][0];
    assert_eq!(first["name"], "InMcastPkts");
    let ours = first["value"].as_u64().unwrap();
    assert!(
        ours >= 10 && ours <= theirs && theirs - ours <= 4,
        "ours {ours}, nstat {theirs}"
    );
}
