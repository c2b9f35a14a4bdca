//! Who holds each socket, as sockstat(1) finds out: `kern.file` lists every open descriptor
//! of every process, and `kern.proc.proc` names the processes (FreeBSD 14, 64-bit layouts).
//!
//! - `kern.file`: an array of `struct xfile` (sys/sys/file.h, 128 bytes each): `xf_size` (u64)
//!   at 0, `xf_pid` 8, `xf_uid` 12, `xf_fd` 16, `xf_type` (short) 32 — DTYPE_SOCKET (2) for
//!   a socket — and `xf_data` 56, the kernel address of the socket, which is `xso_so` of the
//!   socket's `struct xsocket` in the pcb lists.
//! - `kern.proc.proc`: an array of `struct kinfo_proc` (sys/sys/user.h, KINFO_PROC_SIZE 1088
//!   bytes), one per process: `ki_structsize` (int) at 0, `ki_pid` 72, `ki_comm` 447 (a
//!   NUL-terminated name of at most COMMLEN 19 characters).

use crate::os::Os;
use crate::wire::bytes::records;
use crate::wire::kinfo_proc::{process_table, ProcLayout};
use rnetstat_core::{Error, Owner, Result};
use std::collections::HashMap;

/// sizeof(struct xfile).
pub const XFILE_LEN: usize = 128;
const XF_PID: usize = 8;
const XF_UID: usize = 12;
const XF_FD: usize = 16;
const XF_TYPE: usize = 32;
const XF_DATA: usize = 56;
/// DTYPE_SOCKET.
pub const DTYPE_SOCKET: u16 = 2;
/// KINFO_PROC_SIZE on amd64 and arm64.
pub const KINFO_PROC_SIZE: usize = 1088;
const KI_PID: usize = 72;
const KI_COMM: usize = 447;
/// COMMLEN: the longest command name.
pub const COMMLEN: usize = 19;

/// A descriptor that is a socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SocketFile {
    /// xf_pid.
    pub pid: u32,
    /// xf_uid: the process's effective uid.
    pub uid: u32,
    /// xf_fd.
    pub fd: u32,
    /// xf_data: the socket's kernel address.
    pub so: u64,
}

/// The socket descriptors of a `kern.file` answer, in its order.
pub fn socket_files(buf: &[u8]) -> Result<Vec<SocketFile>> {
    const WHAT: &str = "kern.file";
    let mut out = Vec::new();
    for (i, rec) in records(buf, XFILE_LEN, WHAT)?.enumerate() {
        let size = rec.u64(0)?;
        if size != XFILE_LEN as u64 {
            return Err(Error::decode(
                WHAT,
                format!("xfile {i} is {size} bytes, this system's are {XFILE_LEN}"),
            ));
        }
        if rec.u16(XF_TYPE)? != DTYPE_SOCKET {
            continue;
        }
        out.push(SocketFile {
            pid: rec.u32(XF_PID)?,
            uid: rec.u32(XF_UID)?,
            fd: rec.u32(XF_FD)?,
            so: rec.u64(XF_DATA)?,
        });
    }
    Ok(out)
}

/// FreeBSD's `kern.proc.proc`.
pub const FREEBSD_PROCS: ProcLayout = ProcLayout {
    what: "kern.proc.proc",
    size: KINFO_PROC_SIZE,
    structsize: Some(0),
    pid: KI_PID,
    comm: (KI_COMM, COMMLEN + 1),
};

/// Process names by pid from a `kern.proc.proc` answer.
pub fn process_names(buf: &[u8]) -> Result<HashMap<u32, String>> {
    process_table(buf, &FREEBSD_PROCS)
}

/// The holders of every socket: its kernel address to its owners, by pid, then fd.
#[derive(Debug, Default)]
pub struct Owners {
    by_socket: HashMap<u64, Vec<Owner>>,
}

impl Owners {
    /// Join the socket descriptors of `files` with the process names of `names`, as sockstat
    /// does; a process without a name (gone meanwhile) has no command.
    pub fn join(files: &[SocketFile], names: &HashMap<u32, String>) -> Owners {
        let mut by_socket: HashMap<u64, Vec<Owner>> = HashMap::new();
        for f in files {
            by_socket.entry(f.so).or_default().push(Owner {
                pid: f.pid,
                command: names.get(&f.pid).cloned(),
                fd: Some(f.fd),
            });
        }
        for v in by_socket.values_mut() {
            v.sort_by_key(|o| (o.pid, o.fd));
        }
        Owners { by_socket }
    }

    /// The processes holding the socket at kernel address `so` (none for 0).
    pub fn of(&self, so: u64) -> Vec<Owner> {
        if so == 0 {
            return Vec::new();
        }
        self.by_socket.get(&so).cloned().unwrap_or_default()
    }
}

/// Layout assumptions of this module (FreeBSD only), in `layout.txt`'s keys.
pub fn assumptions(os: Os) -> Vec<crate::os::Assumption> {
    if os != Os::FreeBsd {
        return Vec::new();
    }
    let one = |k: &str, v: usize| (vec![k.to_string()], v as u64);
    vec![
        one("sizeof xfile", XFILE_LEN),
        one("offsetof xfile xf_size", 0),
        one("offsetof xfile xf_pid", XF_PID),
        one("offsetof xfile xf_uid", XF_UID),
        one("offsetof xfile xf_fd", XF_FD),
        one("offsetof xfile xf_type", XF_TYPE),
        one("offsetof xfile xf_data", XF_DATA),
        one("const DTYPE_SOCKET", usize::from(DTYPE_SOCKET)),
        one("sizeof kinfo_proc", KINFO_PROC_SIZE),
        one("const KINFO_PROC_SIZE", KINFO_PROC_SIZE),
        one("offsetof kinfo_proc ki_structsize", 0),
        one("offsetof kinfo_proc ki_pid", KI_PID),
        one("offsetof kinfo_proc ki_comm", KI_COMM),
        one("const COMMLEN", COMMLEN),
    ]
}
