//! macOS `kern.proc.all` ({CTL_KERN, KERN_PROC, KERN_PROC_ALL}): every process as a
//! `struct kinfo_proc` (<sys/sysctl.h>, 648 bytes on 64-bit macOS) back to back. Only
//! `kp_proc.p_pid` (at 40) and `kp_proc.p_comm` (at 243, MAXCOMLEN + 1 = 17 bytes,
//! NUL-terminated) are read: the process names of `netstat -v` (macOS netstat asks
//! proc_name(), whose longer p_name this list does not carry: names are cut to 16 bytes).

use crate::os::Assumption;
use crate::wire::kinfo_proc::{process_table, ProcLayout};
use rnetstat_core::Result;
use std::collections::HashMap;

/// sizeof(struct kinfo_proc).
pub const KINFO_PROC_SIZE: usize = 648;
const P_PID: usize = 40;
const P_COMM: usize = 243;
const COMM_LEN: usize = 17;

/// The command name of each pid in a `kern.proc.all` answer.
pub fn decode(buf: &[u8]) -> Result<HashMap<u32, String>> {
    process_table(
        buf,
        &ProcLayout {
            what: "kern.proc.all",
            size: KINFO_PROC_SIZE,
            structsize: None,
            pid: P_PID,
            comm: (P_COMM, COMM_LEN),
        },
    )
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
