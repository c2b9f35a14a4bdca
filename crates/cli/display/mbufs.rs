//! `-m` on FreeBSD and macOS: the network memory allocator's mbufs and clusters, in the lines
//! of each system's netstat -m (FreeBSD: usr.bin/netstat/mbuf.c of FreeBSD 14; macOS:
//! network_cmds' netstat.tproj/mbuf.c, whose `-mm` adds the table of mbuf classes and `-mmm`
//! the classes' wait counters and the mbuf tag table). The figures come from [`rnetstat_core::mbuf`]; `--json` gives
//! them as numbers (display `mbuf_statistics`, schema/mbufs.json).

use crate::args::Options;
use crate::json::SCHEMA_VERSION;
use rnetstat_core::bsd::mbuf::{ClassMbufs, MbufStats, Pool, ZoneMbufs};
use rnetstat_core::{Backend, Platform, Result};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::io::Write;

/// Whether `-m` on `backend` is this display (the BSD systems) rather than Linux's.
pub fn applies(backend: &dyn Backend) -> bool {
    match backend.platform() {
        Platform::FreeBsd | Platform::MacOs => true,
        Platform::Linux => false,
    }
}

/// Show the memory statistics.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let stats = backend.mbuf_stats()?;
    if opts.json {
        let doc = json!({
            "schema": SCHEMA_VERSION,
            "display": "mbuf_statistics",
            "platform": backend.platform().name(),
            "mbufs": match &stats {
                MbufStats::FreeBsd(z) => freebsd_json(z),
                MbufStats::MacOs(c) => macos_json(c),
            },
        });
        crate::json::document(out, doc)?;
        return Ok(());
    }
    let text = match &stats {
        MbufStats::FreeBsd(z) => freebsd_text(z),
        MbufStats::MacOs(c) => macos_text(c, opts.memory),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// `a/b/c[/max]`.
fn figures(p: &Pool) -> String {
    match p.max {
        Some(max) => format!("{}/{}/{}/{max}", p.current, p.cache, p.total),
        None => format!("{}/{}/{}", p.current, p.cache, p.total),
    }
}

/// FreeBSD's netstat -m lines.
fn freebsd_text(z: &ZoneMbufs) -> String {
    let mut t = String::new();
    let page_k = z.jumbo_page.size / 1024;
    let jumbo = |zone| figures(&ZoneMbufs::jumbo(zone));
    let b = z.bytes();
    let _ = writeln!(
        t,
        "{} mbufs in use (current/cache/total)",
        figures(&z.mbufs())
    );
    let _ = writeln!(
        t,
        "{} mbuf clusters in use (current/cache/total/max)",
        figures(&z.clusters())
    );
    let _ = writeln!(
        t,
        "{}/{} mbuf+clusters out of packet secondary zone in use (current/cache)",
        z.packet.count, z.packet.free
    );
    let _ = writeln!(
        t,
        "{} {page_k}k (page size) jumbo clusters in use (current/cache/total/max)",
        jumbo(&z.jumbo_page)
    );
    let _ = writeln!(
        t,
        "{} 9k jumbo clusters in use (current/cache/total/max)",
        jumbo(&z.jumbo_9k)
    );
    let _ = writeln!(
        t,
        "{} 16k jumbo clusters in use (current/cache/total/max)",
        jumbo(&z.jumbo_16k)
    );
    let _ = writeln!(
        t,
        "{}K/{}K/{}K bytes allocated to network (current/cache/total)",
        b.current / 1024,
        b.cache / 1024,
        b.total / 1024
    );
    let (m, c, p) = (&z.mbuf, &z.cluster, &z.packet);
    let (j4, j9, j16) = (&z.jumbo_page, &z.jumbo_9k, &z.jumbo_16k);
    let _ = writeln!(
        t,
        "{}/{}/{} requests for mbufs denied (mbufs/clusters/mbuf+clusters)",
        m.failures, c.failures, p.failures
    );
    let _ = writeln!(
        t,
        "{}/{}/{} requests for mbufs delayed (mbufs/clusters/mbuf+clusters)",
        m.sleeps, c.sleeps, p.sleeps
    );
    let _ = writeln!(
        t,
        "{}/{}/{} requests for jumbo clusters delayed ({page_k}k/9k/16k)",
        j4.sleeps, j9.sleeps, j16.sleeps
    );
    let _ = writeln!(
        t,
        "{}/{}/{} requests for jumbo clusters denied ({page_k}k/9k/16k)",
        j4.failures, j9.failures, j16.failures
    );
    if let Some(s) = &z.sendfile {
        for (v, what) in [
            (s.syscalls, "sendfile syscalls"),
            (s.no_io, "sendfile syscalls completed without I/O request"),
            (s.io, "requests for I/O initiated by sendfile"),
            (s.pages_read, "pages read by sendfile as part of a request"),
            (
                s.pages_valid,
                "pages were valid at time of a sendfile request",
            ),
            (
                s.pages_bogus,
                "pages were valid and substituted to bogus page",
            ),
            (
                s.readahead_requested,
                "pages were requested for read ahead by applications",
            ),
            (s.readahead_read, "pages were read ahead by sendfile"),
            (s.busy, "times sendfile encountered an already busy page"),
            (s.alloc_failed, "requests for sfbufs denied"),
            (s.alloc_waited, "requests for sfbufs delayed"),
        ] {
            let _ = writeln!(t, "{v} {what}");
        }
    }
    t
}

/// macOS netstat's memory column: bytes, then KB or MB with one decimal.
fn mem(bytes: u32) -> String {
    let b = f64::from(bytes);
    if b < 1024.0 {
        format!("{bytes}")
    } else if b / 1024.0 < 1024.0 {
        format!("{:.1} KB", b / 1024.0)
    } else {
        format!("{:.1} MB", b / 1024.0 / 1024.0)
    }
}

/// macOS's netstat -m lines; `level` 2 (`-mm`) first the class table, 3 also the waits.
fn macos_text(c: &ClassMbufs, level: u8) -> String {
    let mut t = String::new();
    if level > 1 {
        t.push_str(
            "class        buf   active   ctotal    total cache   cached uncached    memory\n",
        );
        t.push_str(
            "name        size     bufs     bufs     bufs state     bufs     bufs     usage\n",
        );
        t.push_str(
            "---------- ----- -------- -------- -------- ----- -------- -------- ---------\n",
        );
        for k in &c.classes {
            let _ = writeln!(
                t,
                "{:<10} {:>5} {:>8} {:>8} {:>8} {:>5} {:>8} {:>8} {:>9}",
                k.name,
                k.size,
                k.active,
                k.ctotal,
                k.total,
                k.state_name(),
                k.mc_cached,
                k.infree,
                mem(k.memory())
            );
        }
    }
    if level > 2 {
        t.push_str("\nclass        waiter   notify    purge   wretry  nwretry  failure\n");
        t.push_str("name          count    count    count    count    count    count\n");
        t.push_str("---------- -------- -------- -------- -------- -------- --------\n");
        for k in &c.classes {
            let _ = writeln!(
                t,
                "{:<10} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
                k.name,
                k.mc_waiter_cnt,
                k.notified,
                k.purge_cnt,
                k.mc_wretry_cnt,
                k.mc_nwretry_cnt,
                k.fail_cnt
            );
        }
    }
    if level > 1 {
        t.push('\n');
    }
    let (named, active) = c.mbufs_in_use();
    let _ = writeln!(t, "{named}/{active} mbufs in use:");
    for (ty, name, n) in c.types() {
        match name {
            Some(name) => {
                let _ = writeln!(t, "\t{n} mbufs allocated to {name}");
            }
            None => {
                let _ = writeln!(t, "\t{n} mbufs allocated to <mbuf type {ty}>");
            }
        }
    }
    let caches = u64::from(active) - named;
    if caches > 0 {
        let _ = writeln!(t, "\t{caches} mbufs allocated to caches");
    }
    let [cl, big, jumbo] = c.cluster_lines();
    let _ = writeln!(t, "{}/{} mbuf 2KB clusters in use", cl.in_use, cl.total);
    let _ = writeln!(t, "{}/{} mbuf 4KB clusters in use", big.in_use, big.total);
    let _ = writeln!(
        t,
        "{}/{} mbuf {}KB clusters in use",
        jumbo.in_use,
        jumbo.total,
        jumbo.size / 1024
    );
    let (total, _, returned) = c.memory();
    let _ = writeln!(
        t,
        "{} KB allocated to network ({:.1}% in use)",
        total / 1024,
        c.in_use_percent()
    );
    if returned > 0 {
        let _ = writeln!(t, "{} KB returned to the system", returned / 1024);
    }
    for (v, what) in [
        (c.drops, "requests for memory denied"),
        (c.wait, "requests for memory delayed"),
        (c.drain, "calls to drain routines"),
    ] {
        if v > 0 {
            let _ = writeln!(t, "{v} {what}");
        }
    }
    if level > 2 && !c.tags.is_empty() {
        t.push_str("\nmbuf tags:\n");
        let _ = writeln!(
            t,
            "{:>12} {:>12} {:>12} {:>12} {:>12}",
            "type", "len", "alloc", "failed", "free"
        );
        let dashes = "-".repeat(12);
        let _ = writeln!(t, "{} {dashes} {dashes} {dashes} {dashes}", "-".repeat(16));
        for g in &c.tags {
            let _ = writeln!(
                t,
                "{:>16.16} {:>12} {:>12} {:>12} {:>12}",
                g.label(),
                g.len,
                g.allocs,
                g.failed,
                g.frees
            );
        }
    }
    t
}

fn pool_json(name: &str, p: &Pool) -> Value {
    json!({"name": name, "current": p.current, "cache": p.cache, "total": p.total,
           "max": p.max})
}

/// FreeBSD's figures: the pools of the text lines, bytes, denied and delayed requests per
/// zone, sendfile counters and the zones themselves.
fn freebsd_json(z: &ZoneMbufs) -> Value {
    let b = z.bytes();
    let zones = [
        &z.mbuf,
        &z.cluster,
        &z.packet,
        &z.jumbo_page,
        &z.jumbo_9k,
        &z.jumbo_16k,
    ];
    let pools = vec![
        pool_json("mbufs", &z.mbufs()),
        pool_json("clusters", &z.clusters()),
        json!({"name": "packets", "current": z.packet.count, "cache": z.packet.free,
               "total": z.packet.count.wrapping_add(z.packet.free), "max": null}),
        pool_json("jumbo_page", &ZoneMbufs::jumbo(&z.jumbo_page)),
        pool_json("jumbo_9k", &ZoneMbufs::jumbo(&z.jumbo_9k)),
        pool_json("jumbo_16k", &ZoneMbufs::jumbo(&z.jumbo_16k)),
    ];
    let sendfile = z.sendfile.as_ref().map(|s| {
        json!({
            "syscalls": s.syscalls, "no_io": s.no_io, "io": s.io,
            "pages_read": s.pages_read, "pages_valid": s.pages_valid,
            "pages_bogus": s.pages_bogus, "readahead_requested": s.readahead_requested,
            "readahead_read": s.readahead_read, "busy": s.busy,
            "sfbufs_denied": s.alloc_failed, "sfbufs_delayed": s.alloc_waited,
        })
    });
    json!({
        "pools": pools,
        "bytes": {"current": b.current, "cache": b.cache, "total": b.total},
        "tag_bytes": z.tag_bytes,
        "zones": zones.iter().map(|z| json!({
            "name": z.name, "size": z.size, "count": z.count, "free": z.free,
            "limit": z.limit, "failures": z.failures, "sleeps": z.sleeps,
        })).collect::<Vec<_>>(),
        "sendfile": sendfile,
    })
}

/// macOS's figures: mbufs by type, cluster use, memory and the classes.
fn macos_json(c: &ClassMbufs) -> Value {
    let (named, active) = c.mbufs_in_use();
    let (total, free, returned) = c.memory();
    let types: Vec<Value> = c
        .types()
        .into_iter()
        .map(|(ty, name, n)| json!({"type": ty, "name": name, "count": n}))
        .collect();
    let clusters: Vec<Value> = c
        .cluster_lines()
        .iter()
        .map(|l| json!({"size": l.size, "in_use": l.in_use, "total": l.total}))
        .collect();
    let classes: Vec<Value> = c
        .classes
        .iter()
        .map(|k| {
            json!({
                "name": k.name, "size": k.size, "active": k.active, "ctotal": k.ctotal,
                "total": k.total, "state": k.state_name(), "cached": k.mc_cached,
                "uncached": k.infree, "memory": k.memory(), "slabs": k.slab_cnt,
                "allocs": k.alloc_cnt, "frees": k.free_cnt, "notified": k.notified,
                "purges": k.purge_cnt, "failures": k.fail_cnt, "released": k.release_cnt,
                "waiters": k.mc_waiter_cnt, "wait_retries": k.mc_wretry_cnt,
                "nowait_retries": k.mc_nwretry_cnt,
            })
        })
        .collect();
    json!({
        "mbufs_in_use": named,
        "mbufs_active": active,
        "types": types,
        "caches": u64::from(active) - named,
        "clusters": clusters,
        "bytes": {"allocated": total, "free": free, "returned": returned},
        "in_use_percent": (c.in_use_percent() * 10.0).round() / 10.0,
        "denied": c.drops,
        "delayed": c.wait,
        "drained": c.drain,
        "classes": classes,
        "tags": c.tags.iter().map(|g| json!({
            "type": g.kind, "name": rnetstat_core::bsd::mbuf::MBUF_TAG_TYPES.get(usize::from(g.kind)),
            "id": g.id, "len": g.len, "allocs": g.allocs, "failed": g.failed, "frees": g.frees,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_column_as_netstat() {
        assert_eq!(mem(1000), "1000");
        assert_eq!(mem(896512), "875.5 KB");
        assert_eq!(mem(4087808), "3.9 MB");
    }
}
