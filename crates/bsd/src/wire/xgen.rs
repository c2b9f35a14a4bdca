//! The frame of FreeBSD's pcb list sysctls (`net.inet.*.pcblist`, `net.local.*.pcblist`):
//! a generation header, records, and a closing generation header, back to back.
//!
//! Both headers, `struct xinpgen` (sys/netinet/in_pcb.h) and `struct xunpgen`
//! (sys/sys/unpcb.h), start the same way: `ksize_t len` (u64) at 0, `u_int count` at 8 and the
//! 64-bit generation count at 16; every record starts with its own `ksize_t` length. As
//! netstat(1) does, the walk reads records while the length at hand is larger than a header's,
//! and stops at the closing header. Records whose generation is newer than the opening
//! header's were created during the copy-out and are skipped; a closing generation that
//! differs from the opening one only says that the list changed meanwhile.

use crate::wire::bytes::Rec;
use rnetstat_core::{Error, Result};

/// The shape of one list: header and record sizes as the kernel's headers define them.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// sizeof the generation header (xinpgen 64, xunpgen 32).
    pub header_len: u64,
    /// sizeof one record (xtcpcb 744, xinpcb 400, xunpcb 904).
    pub record_len: u64,
    /// Offset of the record's 64-bit generation count (inp_gencnt, unp_gencnt).
    pub record_gen: usize,
    /// What the list is, for error messages.
    pub what: &'static str,
}

/// Offset of the generation count in either header.
const HEADER_GEN: usize = 16;
/// Offset of the count in either header.
const HEADER_COUNT: usize = 8;

/// What the headers said about the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Records in the list when the copy-out began.
    pub count: u32,
    /// Records in the list when it ended (the closing header's count).
    pub closing_count: u32,
    /// True when the closing generation differs from the opening one (the list changed).
    pub changed: bool,
    /// Records skipped because they were created during the copy-out.
    pub skipped: usize,
}

impl Summary {
    /// netstat's note for a list (`name`: "tcp", "stream", ...) that changed while it was
    /// copied out: sockets deleted when it ended shorter, created when longer, else either.
    pub fn warning(&self, name: &str) -> Option<String> {
        if !self.changed {
            return None;
        }
        let what = match self.closing_count.cmp(&self.count) {
            std::cmp::Ordering::Less => "deleted",
            std::cmp::Ordering::Greater => "created",
            std::cmp::Ordering::Equal => "created or deleted",
        };
        Some(format!(
            "some {name} sockets may have been {what} while they were listed"
        ))
    }
}

/// Walk `buf`, a list of shape `shape`, handing every current record to `each`.
pub fn walk<'a>(
    buf: &'a [u8],
    shape: Shape,
    each: &mut dyn FnMut(Rec<'a>) -> Result<()>,
) -> Result<Summary> {
    let what = shape.what;
    let head = header(buf, 0, shape)?;
    if head.u64(0)? != shape.header_len {
        return Err(Error::decode(
            what,
            format!(
                "opening header of {} bytes, expected {}",
                head.u64(0)?,
                shape.header_len
            ),
        ));
    }
    let count = head.u32(HEADER_COUNT)?;
    let gen = head.u64(HEADER_GEN)?;
    let mut at = shape.header_len as usize;
    let mut skipped = 0;
    loop {
        let len = Rec { bytes: buf, what }.u64(at).map_err(|_| {
            Error::decode(
                what,
                format!("list ends at {at} without its closing header"),
            )
        })?;
        if len <= shape.header_len {
            if len != shape.header_len {
                return Err(Error::decode(
                    what,
                    format!("record at {at} has a length of {len}"),
                ));
            }
            let tail = header(buf, at, shape)?;
            return Ok(Summary {
                count,
                closing_count: tail.u32(HEADER_COUNT)?,
                changed: tail.u64(HEADER_GEN)? != gen,
                skipped,
            });
        }
        if len != shape.record_len {
            return Err(Error::decode(
                what,
                format!(
                    "record at {at} is {len} bytes, this system's are {}",
                    shape.record_len
                ),
            ));
        }
        let end = at + len as usize;
        let rec = Rec {
            bytes: buf.get(at..end).ok_or_else(|| {
                Error::decode(
                    what,
                    format!("record at {at} runs past the end ({} bytes)", buf.len()),
                )
            })?,
            what,
        };
        if rec.u64(shape.record_gen)? > gen {
            skipped += 1;
        } else {
            each(rec)?;
        }
        at = end;
    }
}

fn header(buf: &[u8], at: usize, shape: Shape) -> Result<Rec<'_>> {
    let end = at + shape.header_len as usize;
    Ok(Rec {
        bytes: buf.get(at..end).ok_or_else(|| {
            Error::decode(
                shape.what,
                format!(
                    "{} bytes, too short for a {}-byte header at {at}",
                    buf.len(),
                    shape.header_len
                ),
            )
        })?,
        what: shape.what,
    })
}
