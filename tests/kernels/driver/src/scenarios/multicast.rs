//! `-g`: memberships with INCLUDE and EXCLUDE source filters joined by a real socket holder;
//! the tables of a real multicast router (smcrouted) with counters moved by real traffic,
//! against `ip -j -s mroute`. A kernel without multicast routing must say so instead.

use crate::helpers::{Kind, MEMBERSHIPS};
use crate::ns::{find, kernel_routes_multicast, section, wait_for, Check, Ns};
use crate::{ensure, ensure_eq};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};

pub fn memberships() -> Check {
    let ns = Ns::new("mj")?;
    ns.ip("link add mc0 type veth peer name mc0p")?;
    for c in [
        "link set mc0 up",
        "link set mc0p up",
        "addr add 192.0.2.1/24 dev mc0",
        "addr add 2001:db8::1/64 dev mc0 nodad",
    ] {
        ns.ip(c)?;
    }
    let _h = ns.helper(&["join", "mc0"])?;
    let v = ns.rn(&["-g", "-v", "-n", "-I", "mc0"])?;
    // Under each group, its filter mode and sources, as ifmcstat shows them.
    for (group, kind, sources) in MEMBERSHIPS {
        let block: Vec<String> = v
            .lines()
            .skip_while(|l| !l.starts_with(&format!("{group} ")))
            .skip(1)
            .take_while(|l| l.starts_with('\t'))
            .map(|l| l.trim().to_string())
            .collect();
        let mut want = vec![format!(
            "mode {}",
            if *kind == Kind::Include {
                "include"
            } else {
                "exclude"
            }
        )];
        want.extend(sources.iter().map(|s| format!("source {s}")));
        ensure_eq!(block, want, "{group}: {v}");
    }
    // The same groups as `ip maddr`.
    let doc = ns.rn_json(&["-g", "-I", "mc0"])?;
    let ours: BTreeSet<String> = doc["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                m["family"].as_str().unwrap_or("?"),
                m["group"].as_str().unwrap_or("?")
            )
        })
        .collect();
    let ip: BTreeSet<String> = ns
        .ip("maddr show dev mc0")?
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .collect();
    ensure_eq!(ours, ip, "rnetstat vs ip maddr");
    let g = find(&doc["memberships"], "239.2.2.2", |m| {
        m["group"] == "239.2.2.2"
    })?;
    ensure_eq!(g["filter_mode"], "include", "{g}");
    ensure_eq!(
        g["sources"],
        json!([{"address": "192.0.2.10", "includes": 1, "excludes": 0},
               {"address": "192.0.2.11", "includes": 1, "excludes": 0}]),
        "{g}"
    );
    // No router here: empty tables where the kernel could route, a line where it cannot.
    let out = ns.rn(&["-gn"])?;
    for (v6, table, family) in [
        (false, "IPv4 Virtual Interface Table is empty", "IPv4"),
        (true, "IPv6 Multicast Interface Table is empty", "IPv6"),
    ] {
        let want = if kernel_routes_multicast(v6) {
            table.to_string()
        } else {
            format!("No {family} multicast routing in this kernel")
        };
        ensure!(out.lines().any(|l| l == want), "{want:?}: {out}");
    }
    Ok(())
}

/// smcrouted in a router namespace between a sender and two receivers (the topology of
/// tests/helpers/mroute_topology.sh), stopped and removed on drop.
struct Router {
    rtr: Ns,
    snd: Ns,
    _rx: [Ns; 2],
    daemon: Child,
    dir: String,
}

impl Drop for Router {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Router {
    fn up() -> Result<Router, String> {
        let rtr = Ns::new("rtr")?;
        let snd = Ns::new("snd")?;
        let rx = [Ns::new("rx1")?, Ns::new("rx2")?];
        let leaves = [&snd, &rx[0], &rx[1]];
        let nets = [
            ("192.0.2", "2001:db8:"),
            ("198.51.100", "2001:db8:1:"),
            ("203.0.113", "2001:db8:2:"),
        ];
        for (i, (leaf, (n4, n6))) in leaves.iter().zip(nets).enumerate() {
            rtr.ip(&format!(
                "link add mc{i} type veth peer name eth0 netns {}",
                leaf.name
            ))?;
            rtr.ip(&format!("addr add {n4}.1/24 dev mc{i}"))?;
            rtr.ip(&format!("addr add {n6}:1/64 dev mc{i} nodad"))?;
            leaf.ip(&format!("addr add {n4}.2/24 dev eth0"))?;
            leaf.ip(&format!("addr add {n6}:2/64 dev eth0 nodad"))?;
            rtr.ip(&format!("link set mc{i} up"))?;
            leaf.ip("link set eth0 up")?;
            leaf.ip(&format!("route add default via {n4}.1"))?;
            leaf.ip(&format!("-6 route add default via {n6}:1"))?;
        }
        for s in [
            "net.ipv4.ip_forward=1",
            "net.ipv6.conf.all.forwarding=1",
            "net.ipv4.conf.all.rp_filter=0",
            "net.ipv4.conf.default.rp_filter=0",
        ] {
            rtr.exec(&["sysctl", "-qw", s])?;
        }
        let dir = format!("/tmp/{}", rtr.name);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let conf = format!("{dir}/smcroute.conf");
        std::fs::write(
            &conf,
            "phyint mc0 enable\nphyint mc1 enable\nphyint mc2 enable\n\
             mroute from mc0 source 192.0.2.2 group 239.1.2.3 to mc1 mc2\n\
             mroute from mc0 source 2001:db8::2 group ff3e::1:2:3 to mc1 mc2\n\
             mgroup from mc1 group 239.9.9.9\n",
        )
        .map_err(|e| e.to_string())?;
        let log =
            std::fs::File::create(format!("{dir}/smcrouted.log")).map_err(|e| e.to_string())?;
        let daemon = Command::new("ip")
            .args([
                "netns",
                "exec",
                &rtr.name,
                "smcrouted",
                "-n",
                "-N",
                "-f",
                &conf,
            ])
            .args([
                "-u",
                &format!("{dir}/smcroute.sock"),
                "-P",
                &format!("{dir}/smcrouted.pid"),
            ])
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("smcrouted: {e}"))?;
        let r = Router {
            rtr,
            snd,
            _rx: rx,
            daemon,
            dir,
        };
        let installed = wait_for(150, || {
            let v4 = r.rtr.ip_json("-4 mroute show")?;
            let v6 = r.rtr.ip_json("-6 mroute show")?;
            Ok(v4.as_array().is_some_and(|a| !a.is_empty())
                && v6.as_array().is_some_and(|a| !a.is_empty()))
        });
        if let Err(e) = installed {
            let log =
                std::fs::read_to_string(format!("{}/smcrouted.log", r.dir)).unwrap_or_default();
            return Err(format!("smcrouted installed no routes: {e}; log: {log}"));
        }
        Ok(r)
    }
}

pub fn router() -> Check {
    if !kernel_routes_multicast(false) || !kernel_routes_multicast(true) {
        let ns = Ns::new("nomr")?;
        let doc = ns.rn_json(&["-g"])?;
        ensure!(
            doc["routing_unsupported"] != json!([]),
            "kernel without multicast routing: {doc}"
        );
        return Err("this kernel has no multicast routing: the router was not checked".into());
    }
    let r = Router::up()?;
    let before = r.rtr.rn(&["-gn"])?;
    let names: Vec<&str> = section(&before, "IPv4 Virtual Interface Table")
        .iter()
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    ensure_eq!(names, ["mc0", "mc1", "mc2"], "{before}");
    let mfc = section(&before, "IPv4 Multicast Forwarding Table");
    let entry: Vec<&str> = mfc
        .first()
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    ensure!(
        entry.len() >= 6
            && entry[..2] == ["192.0.2.2", "239.1.2.3"]
            && entry[3..] == ["0", "1:1", "2:1"],
        "{before}"
    );
    ensure!(
        section(&before, "IPv6 Multicast Forwarding Cache")
            .iter()
            .any(|l| l.contains("2001:db8::2") && l.contains("ff3e::1:2:3")),
        "{before}"
    );

    for group in ["239.1.2.3", "ff3e::1:2:3"] {
        r.snd.helper(&["send", "eth0", group, "10"])?;
    }
    let settled = |doc: &Value| {
        doc["mfc"]
            .as_array()
            .is_some_and(|a| a.len() == 2 && a.iter().all(|m| m["packets"].as_u64() >= Some(10)))
    };
    let mut doc = Value::Null;
    wait_for(100, || {
        doc = r.rtr.rn_json(&["-gn"])?;
        Ok(settled(&doc))
    })
    .map_err(|e| format!("{e}: {doc}"))?;
    let e4 = find(&doc["mfc"], "(S,G) 239.1.2.3", |m| {
        m["group"] == "239.1.2.3"
    })?;
    ensure_eq!(e4["packets"], 10, "{e4}");
    ensure_eq!(
        e4["oifs"],
        json!([{"vif": 1, "ttl": 1}, {"vif": 2, "ttl": 1}]),
        "{e4}"
    );
    let ip = r.rtr.ip_json("-s -4 mroute show")?;
    let theirs = find(&ip, "ip mroute 239.1.2.3", |e| e["dst"] == "239.1.2.3")?;
    ensure_eq!(e4["bytes"], theirs["bytes"], "{e4} vs {theirs}");
    ensure_eq!(e4["packets"], theirs["packets"], "{e4} vs {theirs}");
    let vif = |family: &str, name: &str| {
        find(&doc["vifs"], name, |v| {
            v["family"] == family && v["netif"] == name
        })
    };
    ensure_eq!(vif("inet", "mc0")?["pkts_in"], 10, "{doc}");
    ensure_eq!(vif("inet", "mc1")?["pkts_out"], 10, "{doc}");
    ensure_eq!(vif("inet", "mc2")?["pkts_out"], 10, "{doc}");
    let e6 = find(&doc["mfc"], "(S,G) ff3e::1:2:3", |m| {
        m["group"] == "ff3e::1:2:3"
    })?;
    ensure_eq!(e6["packets"], 10, "{e6}");
    ensure_eq!(
        e6["oifs"],
        json!([{"vif": 1, "ttl": 1}, {"vif": 2, "ttl": 1}]),
        "{e6}"
    );
    let ip6 = r.rtr.ip_json("-s -6 mroute show")?;
    let theirs6 = find(&ip6, "ip -6 mroute ff3e::1:2:3", |e| {
        e["dst"] == "ff3e::1:2:3"
    })?;
    ensure_eq!(e6["bytes"], theirs6["bytes"], "{e6} vs {theirs6}");
    ensure_eq!(vif("inet6", "mc0")?["pkts_in"], 10, "{doc}");
    // smcroute's own join, and the router's totals.
    ensure!(
        section(&before, "IPv4 Multicast Group Memberships")
            .iter()
            .any(|l| l.starts_with("239.9.9.9") && l.ends_with("mc1")),
        "{before}"
    );
    let gs = r.rtr.rn(&["-gs"])?;
    ensure!(
        gs.lines().any(|l| l.trim() == "3 virtual interfaces"),
        "{gs}"
    );
    Ok(())
}
