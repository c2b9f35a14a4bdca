//! macOS `kern.proc.all` ({CTL_KERN, KERN_PROC, KERN_PROC_ALL}): every process as a
//! `struct kinfo_proc` (<sys/sysctl.h>, 648 bytes on 64-bit macOS) back to back. Only
//! `kp_proc.p_pid` (at 40) and `kp_proc.p_comm` (at 243, MAXCOMLEN + 1 = 17 bytes,
//! NUL-terminated) are read: the process names of `netstat -v` (macOS netstat asks
//! proc_name(), whose longer p_name this list does not carry: names are cut to 16 bytes).

use crate::os::Assumption;
use rnetstat_core::{Error, Result};
use std::collections::HashMap;

/// sizeof(struct kinfo_proc).
pub const KINFO_PROC_SIZE: usize = 648;
const P_PID: usize = 40;
const P_COMM: usize = 243;
const COMM_LEN: usize = 17;

/// The command name of each pid in a `kern.proc.all` answer.
pub fn decode(buf: &[u8]) -> Result<HashMap<i32, String>> {
    if !buf.len().is_multiple_of(KINFO_PROC_SIZE) {
        return Err(Error::decode(
            "kern.proc.all",
            format!(
                "{} bytes is not a whole number of {KINFO_PROC_SIZE}-byte kinfo_proc",
                buf.len()
            ),
        ));
    }
    let mut out = HashMap::new();
    for p in buf.chunks_exact(KINFO_PROC_SIZE) {
        let pid = i32::from_le_bytes([p[P_PID], p[P_PID + 1], p[P_PID + 2], p[P_PID + 3]]);
        let comm = &p[P_COMM..P_COMM + COMM_LEN];
        let end = comm.iter().position(|&b| b == 0).unwrap_or(COMM_LEN);
        out.insert(pid, String::from_utf8_lossy(&comm[..end]).into_owned());
    }
    Ok(out)
}

/// The layout lines of `fixtures/macos/host1/layout.txt` this decoder relies on.
pub fn assumptions() -> Vec<Assumption> {
    vec![
        (vec!["sizeof kinfo_proc".into()], KINFO_PROC_SIZE as u64),
        (
            vec!["offsetof kinfo_proc kp_proc.p_pid".into()],
            P_PID as u64,
        ),
        (
            vec!["offsetof kinfo_proc kp_proc.p_comm".into()],
            P_COMM as u64,
        ),
        (vec!["const MAXCOMLEN".into()], (COMM_LEN - 1) as u64),
        (vec!["const CTL_KERN".into()], 1),
        (vec!["const KERN_PROC".into()], 14),
        (vec!["const KERN_PROC_ALL".into()], 0),
    ]
}
