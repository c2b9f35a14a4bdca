//! macOS mbuf statistics for `netstat -m`: `sysctl kern.ipc.mbstat` (struct mbstat),
//! `kern.ipc.mb_stat` (struct mb_stat: the mbuf classes), `kern.ipc.njclbytes` (int) and, for
//! `-mmm`, `kern.ipc.mb_tag_stats` (a struct m_tag_stats per kernel tag type).
//! The SDK headers do not carry these structures; the layouts are those of xnu-11417.101.15's
//! bsd/sys/mbuf.h for a 64-bit process (LP64, where mb_stat and mb_class_stat have their
//! padding fields):
//!
//! ```text
//! struct mbstat          584 bytes: m_mbufs, m_clusters, m_spare, m_clfree, m_drops, m_wait,
//!                                   m_drain (u32); m_mtypes[256] (u_short) at 28; m_mcfail,
//!                                   m_mpfail, m_msize, m_mclbytes, m_minclsize, m_mlen,
//!                                   m_mhlen, m_bigclusters, m_bigclfree, m_bigmclbytes,
//!                                   m_forcedefunct (u32) from 540
//! struct mb_stat           8 bytes: mbs_cnt, mbs_pad (u32), then mbs_cnt classes
//! struct mb_class_stat   136 bytes: mbcl_cname[16]; mbcl_size, total, active, infree,
//!                                   slab_cnt, pad (u32); alloc_cnt, free_cnt, notified,
//!                                   purge_cnt, fail_cnt (u64) from 40; ctotal, release_cnt,
//!                                   mc_state, mc_cached, mc_waiter_cnt, mc_wretry_cnt,
//!                                   mc_nwretry_cnt (u32) from 80; reserved[7]
//! struct m_tag_stats      32 bytes: mts_id (u32), mts_type, mts_len (u16), mts_alloc_count,
//!                                   mts_alloc_failed, mts_free_count (u64)
//! ```
//!
//! The kernel answers mb_stat with exactly mbs_cnt classes (seven: mbuf, cl, bigcl, 16kcl,
//! mbuf_cl, mbuf_bigcl, mbuf_16kcl). A longer mbstat than this one is accepted (its known
//! fields are read); a shorter one, a class count of zero or a class list of another length
//! is an error. netstat's arithmetic is in [`rnetstat_core::bsd::mbuf::ClassMbufs`].

use crate::os::{Assumption, Os};
use crate::source::Source;
use crate::wire::bytes::{records, Fields, Rec};
use rnetstat_core::bsd::mbuf::{ClassMbufs, MbufClass, MbufStats, MbufTag};
use rnetstat_core::{Error, Result};

/// sizeof(struct mbstat).
pub const MBSTAT_LEN: usize = 584;
/// sizeof(struct mb_stat) up to the class array.
pub const MB_STAT_HEADER_LEN: usize = 8;
/// sizeof(struct mb_class_stat).
pub const CLASS_LEN: usize = 136;
/// MAX_MBUF_CNAME + 1: bytes of mbcl_cname.
pub const CNAME_LEN: usize = 16;

/// Offsets in struct mbstat.
const MBSTAT: Fields = Fields {
    name: "struct mbstat",
    all: &[
        ("m_mbufs", 0),
        ("m_clusters", 4),
        ("m_spare", 8),
        ("m_clfree", 12),
        ("m_drops", 16),
        ("m_wait", 20),
        ("m_drain", 24),
        ("m_mtypes", 28),
        ("m_mcfail", 540),
        ("m_mpfail", 544),
        ("m_msize", 548),
        ("m_mclbytes", 552),
        ("m_minclsize", 556),
        ("m_mlen", 560),
        ("m_mhlen", 564),
        ("m_bigclusters", 568),
        ("m_bigclfree", 572),
        ("m_bigmclbytes", 576),
        ("m_forcedefunct", 580),
    ],
};

/// Offsets in struct mb_class_stat.
const CLASS: Fields = Fields {
    name: "struct mb_class_stat",
    all: &[
        ("mbcl_cname", 0),
        ("mbcl_size", 16),
        ("mbcl_total", 20),
        ("mbcl_active", 24),
        ("mbcl_infree", 28),
        ("mbcl_slab_cnt", 32),
        ("mbcl_pad", 36),
        ("mbcl_alloc_cnt", 40),
        ("mbcl_free_cnt", 48),
        ("mbcl_notified", 56),
        ("mbcl_purge_cnt", 64),
        ("mbcl_fail_cnt", 72),
        ("mbcl_ctotal", 80),
        ("mbcl_release_cnt", 84),
        ("mbcl_mc_state", 88),
        ("mbcl_mc_cached", 92),
        ("mbcl_mc_waiter_cnt", 96),
        ("mbcl_mc_wretry_cnt", 100),
        ("mbcl_mc_nwretry_cnt", 104),
    ],
};

/// Decode `kern.ipc.mbstat` into the figures netstat uses (classes and njclbytes unset).
pub fn decode_mbstat(buf: &[u8]) -> Result<ClassMbufs> {
    if buf.len() < MBSTAT_LEN {
        return Err(Error::decode(
            "mbuf statistics (kern.ipc.mbstat)",
            format!("{} bytes, struct mbstat has {MBSTAT_LEN}", buf.len()),
        ));
    }
    let r = Rec::new(buf, "mbuf statistics (kern.ipc.mbstat)");
    let f = |name| -> Result<u32> { r.u32(MBSTAT.at(name)?) };
    let types = MBSTAT.at("m_mtypes")?;
    Ok(ClassMbufs {
        msize: f("m_msize")?,
        mclbytes: f("m_mclbytes")?,
        bigmclbytes: f("m_bigmclbytes")?,
        njclbytes: 0,
        clusters: f("m_clusters")?,
        bigclusters: f("m_bigclusters")?,
        drops: f("m_drops")?,
        wait: f("m_wait")?,
        drain: f("m_drain")?,
        mtypes: r
            .bytes(types, 512)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect(),
        classes: Vec::new(),
        tags: Vec::new(),
    })
}

/// Decode `kern.ipc.mb_stat`: the classes in kernel order.
pub fn decode_classes(buf: &[u8]) -> Result<Vec<MbufClass>> {
    const WHAT: &str = "mbuf class statistics (kern.ipc.mb_stat)";
    if buf.len() < MB_STAT_HEADER_LEN {
        return Err(Error::decode(
            WHAT,
            format!("{} bytes, shorter than its header", buf.len()),
        ));
    }
    let count = Rec::new(buf, WHAT).u32(0)? as usize;
    if count == 0 {
        return Err(Error::decode(WHAT, "invalid mbuf class count (0)"));
    }
    let expected = count
        .checked_mul(CLASS_LEN)
        .and_then(|n| n.checked_add(MB_STAT_HEADER_LEN));
    if expected != Some(buf.len()) {
        return Err(Error::decode(
            WHAT,
            format!(
                "{count} classes of {CLASS_LEN} bytes do not fill the {} bytes",
                buf.len()
            ),
        ));
    }
    records(&buf[MB_STAT_HEADER_LEN..], CLASS_LEN, WHAT)?
        .map(|c| {
            let w = |name| -> Result<u32> { c.u32(CLASS.at(name)?) };
            let q = |name| -> Result<u64> { c.u64(CLASS.at(name)?) };
            Ok(MbufClass {
                name: c.c_string(CLASS.at("mbcl_cname")?, CNAME_LEN)?,
                size: w("mbcl_size")?,
                total: w("mbcl_total")?,
                active: w("mbcl_active")?,
                infree: w("mbcl_infree")?,
                slab_cnt: w("mbcl_slab_cnt")?,
                alloc_cnt: q("mbcl_alloc_cnt")?,
                free_cnt: q("mbcl_free_cnt")?,
                notified: q("mbcl_notified")?,
                purge_cnt: q("mbcl_purge_cnt")?,
                fail_cnt: q("mbcl_fail_cnt")?,
                ctotal: w("mbcl_ctotal")?,
                release_cnt: w("mbcl_release_cnt")?,
                mc_state: w("mbcl_mc_state")?,
                mc_cached: w("mbcl_mc_cached")?,
                mc_waiter_cnt: w("mbcl_mc_waiter_cnt")?,
                mc_wretry_cnt: w("mbcl_mc_wretry_cnt")?,
                mc_nwretry_cnt: w("mbcl_mc_nwretry_cnt")?,
            })
        })
        .collect()
}

/// sizeof(struct m_tag_stats).
pub const TAG_STATS_LEN: usize = 32;

/// Decode `kern.ipc.mb_tag_stats`: one struct m_tag_stats (mts_id u32, mts_type u16,
/// mts_len u16, then mts_alloc_count, mts_alloc_failed, mts_free_count u64) per tag type.
pub fn decode_tag_stats(buf: &[u8]) -> Result<Vec<MbufTag>> {
    records(
        buf,
        TAG_STATS_LEN,
        "mbuf tag statistics (kern.ipc.mb_tag_stats)",
    )?
    .map(|r| {
        Ok(MbufTag {
            id: r.u32(0)?,
            kind: r.u16(4)?,
            len: r.u16(6)?,
            allocs: r.u64(8)?,
            failed: r.u64(16)?,
            frees: r.u64(24)?,
        })
    })
    .collect()
}

/// Decode `kern.ipc.njclbytes` (an int).
pub fn decode_njclbytes(buf: &[u8]) -> Result<u32> {
    match buf {
        [a, b, c, d] => Ok(u32::from_le_bytes([*a, *b, *c, *d])),
        _ => Err(Error::decode(
            "jumbo cluster size (kern.ipc.njclbytes)",
            format!("{} bytes, expected an int of 4", buf.len()),
        )),
    }
}

/// macOS's `netstat -m` figures from `source`. Like netstat, a missing njclbytes leaves the
/// jumbo size unknown (0).
pub fn read(source: &mut dyn Source) -> Result<MbufStats> {
    let mut m = decode_mbstat(&source.named("kern.ipc.mbstat", &[])?)?;
    m.classes = decode_classes(&source.named("kern.ipc.mb_stat", &[])?)?;
    if let Some(b) = source.named_opt("kern.ipc.njclbytes", &[])? {
        m.njclbytes = decode_njclbytes(&b)?;
    }
    if let Some(b) = source.named_opt("kern.ipc.mb_tag_stats", &[])? {
        m.tags = decode_tag_stats(&b)?;
    }
    Ok(MbufStats::MacOs(m))
}

/// The layout this module assumes (macOS only).
pub fn assumptions(os: Os) -> Vec<Assumption> {
    if os != Os::MacOs {
        return Vec::new();
    }
    let one = |k: String, v: usize| (vec![k], v as u64);
    let mut v = vec![
        one("sizeof mbstat".into(), MBSTAT_LEN),
        one("sizeof mb_stat".into(), MB_STAT_HEADER_LEN + CLASS_LEN),
        one("offsetof mb_stat mbs_cnt".into(), 0),
        one("offsetof mb_stat mbs_class".into(), MB_STAT_HEADER_LEN),
        one("sizeof mb_class_stat".into(), CLASS_LEN),
        one("const MAX_MBUF_CNAME".into(), CNAME_LEN - 1),
        one("sizeof m_tag_stats".into(), TAG_STATS_LEN),
        one("offsetof m_tag_stats mts_id".into(), 0),
        one("offsetof m_tag_stats mts_type".into(), 4),
        one("offsetof m_tag_stats mts_len".into(), 6),
        one("offsetof m_tag_stats mts_alloc_count".into(), 8),
        one("offsetof m_tag_stats mts_alloc_failed".into(), 16),
        one("offsetof m_tag_stats mts_free_count".into(), 24),
        one(
            "const KERNEL_TAG_TYPE_COUNT".into(),
            rnetstat_core::bsd::mbuf::MBUF_TAG_TYPES.len(),
        ),
        one("const MCS_DISABLED".into(), 0),
        one("const MCS_ONLINE".into(), 1),
        one("const MCS_PURGING".into(), 2),
        one("const MCS_OFFLINE".into(), 3),
    ];
    for &(field, at) in MBSTAT.all {
        v.push(one(format!("offsetof mbstat {field}"), at));
    }
    for &(field, at) in CLASS.all {
        v.push(one(format!("offsetof mb_class_stat {field}"), at));
    }
    for (t, _) in rnetstat_core::bsd::mbuf::MBUF_TYPES {
        let name = MT_NAMES
            .iter()
            .find(|(n, _)| n == t)
            .map_or("?", |(_, s)| s);
        v.push(one(format!("const {name}"), *t));
    }
    v
}

/// The MT_* macro of each type number netstat names.
const MT_NAMES: [(usize, &str); 15] = [
    (1, "MT_DATA"),
    (2, "MT_HEADER"),
    (3, "MT_SOCKET"),
    (4, "MT_PCB"),
    (5, "MT_RTABLE"),
    (6, "MT_HTABLE"),
    (7, "MT_ATABLE"),
    (8, "MT_SONAME"),
    (10, "MT_SOOPTS"),
    (11, "MT_FTABLE"),
    (12, "MT_RIGHTS"),
    (13, "MT_IFADDR"),
    (14, "MT_CONTROL"),
    (15, "MT_OOBDATA"),
    (16, "MT_TAG"),
];
