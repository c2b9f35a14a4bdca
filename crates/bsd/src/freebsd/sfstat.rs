//! FreeBSD sendfile(2) statistics: `sysctl kern.ipc.sfstat`, a struct sfstat of FreeBSD 14's
//! sys/sys/sf_buf.h: eleven u64 counters (88 bytes) in this order: sf_syscalls, sf_noiocnt,
//! sf_iocnt, sf_pages_read, sf_pages_valid, sf_rhpages_requested, sf_rhpages_read, sf_busy,
//! sf_allocfail, sf_allocwait, sf_pages_bogus. netstat -m prints them after the mbuf lines.

use crate::os::Assumption;
use rnetstat_core::bsd::mbuf::Sendfile;
use rnetstat_core::{Error, Result};

/// The fields of struct sfstat, in order (each a u64 at 8 * index).
pub const FIELDS: [&str; 11] = [
    "sf_syscalls",
    "sf_noiocnt",
    "sf_iocnt",
    "sf_pages_read",
    "sf_pages_valid",
    "sf_rhpages_requested",
    "sf_rhpages_read",
    "sf_busy",
    "sf_allocfail",
    "sf_allocwait",
    "sf_pages_bogus",
];

/// sizeof(struct sfstat).
pub const LEN: usize = 8 * FIELDS.len();

/// Decode a `kern.ipc.sfstat` answer: the known prefix of a longer (newer) struct is read,
/// as the other statistics decoders do; a shorter one is an error.
pub fn decode(buf: &[u8]) -> Result<Sendfile> {
    let Some(known) = buf.get(..LEN) else {
        return Err(Error::decode(
            "sendfile statistics (kern.ipc.sfstat)",
            format!("{} bytes, struct sfstat has {LEN}", buf.len()),
        ));
    };
    let mut v = [0u64; 11];
    for (i, chunk) in known.chunks_exact(8).enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        v[i] = u64::from_le_bytes(b);
    }
    Ok(Sendfile {
        syscalls: v[0],
        no_io: v[1],
        io: v[2],
        pages_read: v[3],
        pages_valid: v[4],
        readahead_requested: v[5],
        readahead_read: v[6],
        busy: v[7],
        alloc_failed: v[8],
        alloc_waited: v[9],
        pages_bogus: v[10],
    })
}

/// The layout of struct sfstat this module assumes.
pub fn assumptions() -> Vec<Assumption> {
    let mut v = vec![(vec!["sizeof sfstat".to_string()], LEN as u64)];
    for (i, f) in FIELDS.iter().enumerate() {
        v.push((vec![format!("offsetof sfstat {f}")], 8 * i as u64));
    }
    v
}
