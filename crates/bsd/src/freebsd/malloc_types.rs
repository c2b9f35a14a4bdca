//! FreeBSD malloc(9) type statistics: `sysctl kern.malloc_stats`, the stream libmemstat(3)
//! reads beside the UMA zones (layout of FreeBSD 14's sys/sys/malloc.h, as zig ships it in
//! generic-freebsd). netstat -m takes one figure from it: the bytes of the type `mbuf_tag`
//! (the m_tag memory), counted as in use.
//!
//! ```text
//! struct malloc_type_stream_header  16 bytes: mtsh_version (MALLOC_TYPE_STREAM_VERSION = 1),
//!                                             mtsh_maxcpus (MAXCPU, 1024 on amd64 14.x),
//!                                             mtsh_count (types), _mtsh_pad
//! mtsh_count times:
//!   struct malloc_type_header       32 bytes: mth_name[MALLOC_MAX_NAME]
//!   mtsh_maxcpus times struct malloc_type_stats  64 bytes: mts_memalloced, mts_memfreed,
//!                                             mts_numallocs, mts_numfrees, mts_size,
//!                                             reserved[3] (u64)
//! ```
//!
//! A type's bytes are, as libmemstat sums them, all CPUs' bytes allocated minus bytes freed.

use crate::freebsd::memstat;
use crate::os::Assumption;
use rnetstat_core::Result;

const WHAT: &str = "malloc type statistics (kern.malloc_stats)";
/// MALLOC_TYPE_STREAM_VERSION.
pub const STREAM_VERSION: u32 = memstat::STREAM_VERSION;
/// sizeof(struct malloc_type_stream_header).
pub const STREAM_HEADER_LEN: usize = memstat::STREAM_HEADER_LEN;
/// sizeof(struct malloc_type_header) = MALLOC_MAX_NAME.
pub const TYPE_HEADER_LEN: usize = 32;
/// sizeof(struct malloc_type_stats).
pub const STATS_LEN: usize = 64;

/// The stream's shape.
const SHAPE: memstat::Shape = memstat::Shape {
    what: WHAT,
    records: "types",
    header_len: TYPE_HEADER_LEN,
    percpu_len: STATS_LEN,
};

/// Every malloc type of a `kern.malloc_stats` answer with its bytes in use, in kernel order.
pub fn decode(buf: &[u8]) -> Result<Vec<(String, u64)>> {
    let (cpus, recs) = memstat::records(buf, &SHAPE)?;
    recs.into_iter()
        .map(|rec| {
            let (mut alloced, mut freed) = (0u64, 0u64);
            for cpu in 0..cpus {
                let at = TYPE_HEADER_LEN + cpu * STATS_LEN;
                alloced = alloced.wrapping_add(rec.u64(at)?);
                freed = freed.wrapping_add(rec.u64(at + 8)?);
            }
            Ok((
                rec.c_string(0, TYPE_HEADER_LEN)?,
                alloced.wrapping_sub(freed),
            ))
        })
        .collect()
}

/// The bytes in use of the malloc type `name`, if the answer has it.
pub fn bytes_of(buf: &[u8], name: &str) -> Result<Option<u64>> {
    Ok(decode(buf)?
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b))
}

/// The layout this module assumes (FreeBSD).
pub fn assumptions() -> Vec<Assumption> {
    let one = |k: &str, v: usize| (vec![k.to_string()], v as u64);
    vec![
        one("sizeof malloc_type_stream_header", STREAM_HEADER_LEN),
        one("offsetof malloc_type_stream_header mtsh_version", 0),
        one("offsetof malloc_type_stream_header mtsh_maxcpus", 4),
        one("offsetof malloc_type_stream_header mtsh_count", 8),
        one("sizeof malloc_type_header", TYPE_HEADER_LEN),
        one("const MALLOC_MAX_NAME", TYPE_HEADER_LEN),
        one("sizeof malloc_type_stats", STATS_LEN),
        one("offsetof malloc_type_stats mts_memalloced", 0),
        one("offsetof malloc_type_stats mts_memfreed", 8),
        one("const MALLOC_TYPE_STREAM_VERSION", STREAM_VERSION as usize),
    ]
}
