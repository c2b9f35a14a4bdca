//! Process names from a process list, an array of `struct kinfo_proc` as FreeBSD's
//! `kern.proc.proc` and macOS's `kern.proc.all` answer it: the structure differs between the
//! systems, so each says where its size, pid and command name sit ([`ProcLayout`]).

use crate::wire::bytes::records;
use rnetstat_core::{Error, Result};
use std::collections::HashMap;

/// Where a system's process list (an array of `struct kinfo_proc`) keeps what
/// [`process_table`] reads.
#[derive(Debug, Clone, Copy)]
pub struct ProcLayout {
    /// The sysctl, for errors.
    pub what: &'static str,
    /// sizeof(struct kinfo_proc).
    pub size: usize,
    /// Offset of an int that must equal `size` (FreeBSD's ki_structsize), if there is one.
    pub structsize: Option<usize>,
    /// Offset of the pid (an int).
    pub pid: usize,
    /// Offset of the NUL-terminated command name, and its room in bytes.
    pub comm: (usize, usize),
}

/// The command name of each pid of a process list laid out as `l` says.
pub fn process_table(buf: &[u8], l: &ProcLayout) -> Result<HashMap<u32, String>> {
    let mut out = HashMap::new();
    for (i, rec) in records(buf, l.size, l.what)?.enumerate() {
        if let Some(at) = l.structsize {
            let size = rec.u32(at)? as usize;
            if size != l.size {
                return Err(Error::decode(
                    l.what,
                    format!(
                        "kinfo_proc {i} is {size} bytes, this system's are {}",
                        l.size
                    ),
                ));
            }
        }
        out.insert(rec.u32(l.pid)?, rec.c_string(l.comm.0, l.comm.1)?);
    }
    Ok(out)
}
