//! FreeBSD UMA zone statistics: `sysctl vm.zone_stats`, the stream libmemstat(3) reads for
//! `netstat -m` (layout of FreeBSD 14's sys/vm/uma.h, as zig ships it in generic-freebsd):
//!
//! ```text
//! struct uma_stream_header   16 bytes: ush_version (UMA_STREAM_VERSION = 1), ush_maxcpus,
//!                                      ush_count (zones), _ush_pad
//! ush_count times:
//!   struct uma_type_header  120 bytes: uth_name[32], uth_align, uth_size, uth_rsize,
//!                                      uth_maxpages, uth_limit, uth_pages, uth_keg_free,
//!                                      uth_zone_free, uth_bucketsize, uth_zone_flags (u32);
//!                                      uth_allocs, uth_frees, uth_fails, uth_sleeps,
//!                                      uth_xdomain, reserved (u64)
//!   ush_maxcpus times struct uma_percpu_stat  64 bytes: ups_allocs, ups_frees,
//!                                      ups_cache_free, reserved[5] (u64)
//! ```
//!
//! A zone is summed up as libmemstat does: allocations and frees are the zone's plus every
//! CPU's (allocations are raised to the frees if the unsynchronised counters crossed), in use
//! is their difference, free is the CPU caches plus the zone's buckets plus, unless the zone is
//! secondary (UTH_ZONE_SECONDARY), its keg's free items. [`read`] then picks the mbuf zones
//! netstat shows (see [`rnetstat_core::bsd::mbuf::ZoneMbufs`] for its arithmetic) and adds the
//! m_tag memory of [`crate::freebsd::malloc_types`] and the sendfile counters of
//! [`crate::freebsd::sfstat`].

use crate::freebsd::memstat;
use crate::os::{Assumption, Os};
use crate::source::Source;
use crate::wire::bytes::{Fields, Rec};
use rnetstat_core::bsd::mbuf::{MbufStats, Zone, ZoneMbufs};
use rnetstat_core::{Error, Result};

const WHAT: &str = "UMA zone statistics (vm.zone_stats)";
/// UMA_STREAM_VERSION.
pub const STREAM_VERSION: u32 = memstat::STREAM_VERSION;
/// sizeof(struct uma_stream_header).
pub const STREAM_HEADER_LEN: usize = memstat::STREAM_HEADER_LEN;
/// sizeof(struct uma_type_header).
pub const TYPE_HEADER_LEN: usize = 120;
/// sizeof(struct uma_percpu_stat).
pub const PERCPU_LEN: usize = 64;
/// UTH_MAX_NAME: bytes of uth_name.
pub const MAX_NAME: usize = 32;
/// UTH_ZONE_SECONDARY: the zone shares its keg with a primary zone.
pub const ZONE_SECONDARY: u32 = 1;

/// Offsets in struct uma_type_header.
const UTH: Fields = Fields {
    name: "struct uma_type_header",
    all: &[
        ("uth_name", 0),
        ("uth_align", 32),
        ("uth_size", 36),
        ("uth_rsize", 40),
        ("uth_maxpages", 44),
        ("uth_limit", 48),
        ("uth_pages", 52),
        ("uth_keg_free", 56),
        ("uth_zone_free", 60),
        ("uth_bucketsize", 64),
        ("uth_zone_flags", 68),
        ("uth_allocs", 72),
        ("uth_frees", 80),
        ("uth_fails", 88),
        ("uth_sleeps", 96),
        ("uth_xdomain", 104),
    ],
};

/// The stream's shape.
const SHAPE: memstat::Shape = memstat::Shape {
    what: WHAT,
    records: "zones",
    header_len: TYPE_HEADER_LEN,
    percpu_len: PERCPU_LEN,
};

/// Every zone of a `vm.zone_stats` answer, in kernel order. An empty answer has none.
pub fn decode(buf: &[u8]) -> Result<Vec<Zone>> {
    let (cpus, recs) = memstat::records(buf, &SHAPE)?;
    recs.into_iter().map(|r| zone(r, cpus)).collect()
}

/// One record (type header and per-CPU statistics) summed up as libmemstat does.
fn zone(rec: Rec<'_>, cpus: usize) -> Result<Zone> {
    let w = |name| -> Result<u32> { rec.u32(UTH.at(name)?) };
    let q = |name| -> Result<u64> { rec.u64(UTH.at(name)?) };
    let mut allocs = q("uth_allocs")?;
    let mut frees = q("uth_frees")?;
    let mut free = 0u64;
    for cpu in 0..cpus {
        let base = TYPE_HEADER_LEN + cpu * PERCPU_LEN;
        allocs = allocs.wrapping_add(rec.u64(base)?);
        frees = frees.wrapping_add(rec.u64(base + 8)?);
        free = free.wrapping_add(rec.u64(base + 16)?);
    }
    if allocs < frees {
        allocs = frees;
    }
    if w("uth_zone_flags")? & ZONE_SECONDARY == 0 {
        free = free.wrapping_add(u64::from(w("uth_keg_free")?));
    }
    free = free.wrapping_add(u64::from(w("uth_zone_free")?));
    Ok(Zone {
        name: rec.c_string(UTH.at("uth_name")?, MAX_NAME)?,
        size: u64::from(w("uth_size")?),
        count: allocs - frees,
        free,
        limit: u64::from(w("uth_limit")?),
        failures: q("uth_fails")?,
        sleeps: q("uth_sleeps")?,
    })
}

/// The mbuf zones netstat -m shows, out of all `zones`; a missing one is an error, as in
/// netstat ("zone mbuf_packet not found").
pub fn mbufs(zones: &[Zone]) -> Result<ZoneMbufs> {
    let find = |name: &str| {
        zones
            .iter()
            .find(|z| z.name == name)
            .cloned()
            .ok_or_else(|| Error::decode(WHAT, format!("zone {name} not found")))
    };
    Ok(ZoneMbufs {
        mbuf: find("mbuf")?,
        cluster: find("mbuf_cluster")?,
        packet: find("mbuf_packet")?,
        jumbo_page: find("mbuf_jumbo_page")?,
        jumbo_9k: find("mbuf_jumbo_9k")?,
        jumbo_16k: find("mbuf_jumbo_16k")?,
        tag_bytes: None,
        sendfile: None,
    })
}

/// FreeBSD's `netstat -m` figures from `source`: `vm.zone_stats`, the m_tag bytes of
/// `kern.malloc_stats` and the counters of `kern.ipc.sfstat` (each when the kernel has it).
pub fn read(source: &mut dyn Source) -> Result<MbufStats> {
    let zones = decode(&source.named("vm.zone_stats", &[])?)?;
    let mut m = mbufs(&zones)?;
    if let Some(types) = source.named_opt("kern.malloc_stats", &[])? {
        m.tag_bytes = crate::freebsd::malloc_types::bytes_of(&types, "mbuf_tag")?;
    }
    if let Some(sf) = source.named_opt("kern.ipc.sfstat", &[])? {
        m.sendfile = Some(crate::freebsd::sfstat::decode(&sf)?);
    }
    Ok(MbufStats::FreeBsd(Box::new(m)))
}

/// The layout this module and [`crate::freebsd::sfstat`] assume (FreeBSD only).
pub fn assumptions(os: Os) -> Vec<Assumption> {
    if os != Os::FreeBsd {
        return Vec::new();
    }
    let one = |k: String, v: usize| (vec![k], v as u64);
    let mut v = vec![
        one("sizeof uma_stream_header".into(), STREAM_HEADER_LEN),
        one("offsetof uma_stream_header ush_version".into(), 0),
        one("offsetof uma_stream_header ush_maxcpus".into(), 4),
        one("offsetof uma_stream_header ush_count".into(), 8),
        one("sizeof uma_type_header".into(), TYPE_HEADER_LEN),
        one("sizeof uma_percpu_stat".into(), PERCPU_LEN),
        one("offsetof uma_percpu_stat ups_allocs".into(), 0),
        one("offsetof uma_percpu_stat ups_frees".into(), 8),
        one("offsetof uma_percpu_stat ups_cache_free".into(), 16),
        one("const UMA_STREAM_VERSION".into(), STREAM_VERSION as usize),
        one("const UTH_MAX_NAME".into(), MAX_NAME),
        one("const UTH_ZONE_SECONDARY".into(), ZONE_SECONDARY as usize),
    ];
    for &(field, off) in UTH.all {
        v.push(one(format!("offsetof uma_type_header {field}"), off));
    }
    v.extend(crate::freebsd::sfstat::assumptions());
    v.extend(crate::freebsd::malloc_types::assumptions());
    v
}
