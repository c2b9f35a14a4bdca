//! The frame of the streams libmemstat(3) reads on FreeBSD, `vm.zone_stats` (`freebsd::uma`)
//! and `kern.malloc_stats` (`freebsd::malloc_types`): a 16-byte stream header (`u32 version`
//! (1 for both), `u32 maxcpus`, `u32 count`, `u32 pad`), then `count` records, each a type
//! header followed by `maxcpus` per-CPU blocks.

use crate::wire::bytes::Rec;
use rnetstat_core::{Error, Result};

/// UMA_STREAM_VERSION = MALLOC_TYPE_STREAM_VERSION.
pub const STREAM_VERSION: u32 = 1;
/// sizeof(struct uma_stream_header) = sizeof(struct malloc_type_stream_header).
pub const STREAM_HEADER_LEN: usize = 16;

/// A stream's shape: its type header and per-CPU block sizes.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// The sysctl, for errors.
    pub what: &'static str,
    /// What a record is ("zones", "types"), for errors.
    pub records: &'static str,
    /// sizeof the type header.
    pub header_len: usize,
    /// sizeof one per-CPU block.
    pub percpu_len: usize,
}

/// The CPU count and the records of a stream; an empty answer has none. Errors for a short
/// header, another version, or records that do not fill the answer exactly.
pub fn records<'a>(buf: &'a [u8], shape: &Shape) -> Result<(usize, Vec<Rec<'a>>)> {
    let what = shape.what;
    if buf.is_empty() {
        return Ok((0, Vec::new()));
    }
    let head = Rec::new(buf.get(..STREAM_HEADER_LEN).unwrap_or(buf), what);
    head.at_least(STREAM_HEADER_LEN).map_err(|_| {
        Error::decode(
            what,
            format!("{} bytes, shorter than the stream header", buf.len()),
        )
    })?;
    let version = head.u32(0)?;
    if version != STREAM_VERSION {
        return Err(Error::decode(
            what,
            format!("stream version {version}, expected {STREAM_VERSION}"),
        ));
    }
    let cpus = head.u32(4)? as usize;
    let count = head.u32(8)? as usize;
    let record = cpus
        .checked_mul(shape.percpu_len)
        .and_then(|p| p.checked_add(shape.header_len));
    let expected = record
        .and_then(|r| r.checked_mul(count))
        .and_then(|r| r.checked_add(STREAM_HEADER_LEN));
    let (Some(record), Some(expected)) = (record, expected) else {
        return Err(Error::decode(
            what,
            format!(
                "{count} {} of {cpus} CPUs cannot fit in memory",
                shape.records
            ),
        ));
    };
    if expected != buf.len() {
        return Err(Error::decode(
            what,
            format!(
                "{count} {} of {cpus} CPUs take {expected} bytes, the answer has {}",
                shape.records,
                buf.len()
            ),
        ));
    }
    let recs = buf[STREAM_HEADER_LEN..]
        .chunks_exact(record)
        .map(|b| Rec::new(b, what))
        .collect();
    Ok((cpus, recs))
}
