//! The bpf(2) calls of the walk: array maps shared with rnetstat by mmap, the program's BTF,
//! loading the program, and running it with BPF_PROG_TEST_RUN. Attribute layouts from
//! include/uapi/linux/bpf.h (union bpf_attr); unused fields stay zero, as the kernel wants.

use super::program::Insn;
use std::io;
use std::os::fd::{FromRawFd, OwnedFd};

const BPF_MAP_CREATE: i32 = 0;
const BPF_PROG_LOAD: i32 = 5;
const BPF_PROG_TEST_RUN: i32 = 10;
const BPF_BTF_LOAD: i32 = 18;
const BPF_MAP_TYPE_ARRAY: u32 = 2;
const BPF_F_MMAPABLE: u32 = 1 << 10;
const BPF_PROG_TYPE_RAW_TRACEPOINT: u32 = 17;

/// The bytes of union bpf_attr this module fills (the kernel takes a shorter attr than its
/// own and zero-fills the rest).
const ATTR_LEN: usize = 128;

fn bpf(cmd: i32, attr: &mut [u8; ATTR_LEN]) -> io::Result<i64> {
    // SAFETY: attr is a valid, writable buffer of ATTR_LEN bytes for the call's duration;
    // every pointer stored in it points to memory the caller keeps alive across this call.
    let r = unsafe { libc::syscall(libc::SYS_bpf, cmd, attr.as_mut_ptr(), ATTR_LEN as u32) };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

fn put(attr: &mut [u8; ATTR_LEN], at: usize, v: &[u8]) {
    attr[at..at + v.len()].copy_from_slice(v);
}

fn fd_of(r: i64) -> OwnedFd {
    // SAFETY: the kernel returned a new descriptor that nothing else owns.
    unsafe { OwnedFd::from_raw_fd(r as i32) }
}

/// An array map of `entries` values of `value_len` bytes that can be mapped.
pub fn array_map(value_len: u32, entries: u32) -> io::Result<OwnedFd> {
    let mut a = [0u8; ATTR_LEN];
    put(&mut a, 0, &BPF_MAP_TYPE_ARRAY.to_ne_bytes());
    put(&mut a, 4, &4u32.to_ne_bytes());
    put(&mut a, 8, &value_len.to_ne_bytes());
    put(&mut a, 12, &entries.to_ne_bytes());
    put(&mut a, 16, &BPF_F_MMAPABLE.to_ne_bytes());
    put(&mut a, 28, b"rnetstat_walk\0");
    bpf(BPF_MAP_CREATE, &mut a).map(fd_of)
}

/// Load `blob` as BTF.
pub fn load_btf(blob: &[u8]) -> io::Result<OwnedFd> {
    let mut a = [0u8; ATTR_LEN];
    put(&mut a, 0, &(blob.as_ptr() as u64).to_ne_bytes());
    put(&mut a, 16, &(blob.len() as u32).to_ne_bytes());
    bpf(BPF_BTF_LOAD, &mut a).map(fd_of)
}

/// Load `insns` as a raw tracepoint program with BTF `btf` and functions starting at
/// `funcs` (instruction index, BTF type id). On a refusal the error carries the verifier's
/// last log line.
pub fn load_program(insns: &[Insn], btf: &OwnedFd, funcs: &[(u32, u32)]) -> io::Result<OwnedFd> {
    use std::os::fd::AsRawFd;
    let code: Vec<u8> = insns.iter().flat_map(|i| i.bytes()).collect();
    let func_info: Vec<u8> = funcs
        .iter()
        .flat_map(|(at, id)| at.to_ne_bytes().into_iter().chain(id.to_ne_bytes()))
        .collect();
    let license = b"Dual MIT/GPL\0";
    // Before Linux 6.4 the log keeps its start and the load fails once it is full: room for
    // the whole of this small program's.
    let mut log = vec![0u8; 1 << 20];
    let attempt = |log_level: u32, log: &mut Vec<u8>| {
        let mut a = [0u8; ATTR_LEN];
        put(&mut a, 0, &BPF_PROG_TYPE_RAW_TRACEPOINT.to_ne_bytes());
        put(&mut a, 4, &(insns.len() as u32).to_ne_bytes());
        put(&mut a, 8, &(code.as_ptr() as u64).to_ne_bytes());
        put(&mut a, 16, &(license.as_ptr() as u64).to_ne_bytes());
        if log_level > 0 {
            put(&mut a, 24, &log_level.to_ne_bytes());
            put(&mut a, 28, &(log.len() as u32).to_ne_bytes());
            put(&mut a, 32, &(log.as_mut_ptr() as u64).to_ne_bytes());
        }
        put(&mut a, 48, b"rnetstat_tcp\0");
        put(&mut a, 72, &(btf.as_raw_fd() as u32).to_ne_bytes());
        put(&mut a, 76, &8u32.to_ne_bytes());
        put(&mut a, 80, &(func_info.as_ptr() as u64).to_ne_bytes());
        put(&mut a, 88, &(funcs.len() as u32).to_ne_bytes());
        bpf(BPF_PROG_LOAD, &mut a).map(fd_of)
    };
    attempt(0, &mut log).or_else(|first| {
        // Again with the verifier's log, to say why.
        match attempt(1, &mut log) {
            Ok(fd) => Ok(fd),
            Err(_) => {
                let text = String::from_utf8_lossy(&log);
                let text = text.trim_end_matches('\0');
                let last = text.lines().rev().find(|l| !l.trim().is_empty());
                Err(io::Error::new(
                    first.kind(),
                    format!("{first}: {}", last.unwrap_or("(no verifier log)")),
                ))
            }
        }
    })
}

/// Run program `prog` once with `args` as its context; its return value.
pub fn test_run(prog: &OwnedFd, args: &super::program::Args) -> io::Result<u32> {
    use std::os::fd::AsRawFd;
    let mut a = [0u8; ATTR_LEN];
    put(&mut a, 0, &(prog.as_raw_fd() as u32).to_ne_bytes());
    put(
        &mut a,
        40,
        &(std::mem::size_of_val(args) as u32).to_ne_bytes(),
    );
    put(&mut a, 48, &(args.as_ptr() as u64).to_ne_bytes());
    bpf(BPF_PROG_TEST_RUN, &mut a)?;
    Ok(u32::from_ne_bytes([a[4], a[5], a[6], a[7]]))
}

/// A map's values, or a file, mapped into rnetstat's memory, read-only.
pub struct Mapped {
    ptr: *mut libc::c_void,
    len: usize,
}

impl Mapped {
    /// Map the `len` bytes of map `fd`'s values (shared: the program's writes show).
    pub fn new(fd: &OwnedFd, len: usize) -> io::Result<Mapped> {
        use std::os::fd::AsRawFd;
        Self::map(fd.as_raw_fd(), len.div_ceil(4096) * 4096, libc::MAP_SHARED)
    }

    /// Map the file `file` whole, privately (the kernel's BTF in sysfs can be mapped so from
    /// Linux 6.16, and only so).
    pub fn file(file: &std::fs::File) -> io::Result<Mapped> {
        use std::os::fd::AsRawFd;
        let len = file.metadata()?.len() as usize;
        if len == 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "an empty file"));
        }
        Self::map(file.as_raw_fd(), len, libc::MAP_PRIVATE)
    }

    fn map(fd: i32, len: usize, flags: libc::c_int) -> io::Result<Mapped> {
        // SAFETY: a fresh read-only mapping of a descriptor the caller holds open for the
        // call; the kernel checks that it can be mapped and is at least `len` long.
        let ptr = unsafe { libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, flags, fd, 0) };
        if ptr == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(Mapped { ptr, len })
    }

    /// The mapped bytes. The program writes them only while rnetstat waits in test_run, so
    /// they do not change while this borrow lives.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: ptr..ptr+len is a live mapping owned by self (unmapped only on drop).
        unsafe { std::slice::from_raw_parts(self.ptr as *const u8, self.len) }
    }
}

// SAFETY: the mapping belongs to the process, not to a thread; Mapped owns it and reads it only
// through shared borrows, so moving it to another thread (the -j all walk's) is sound.
unsafe impl Send for Mapped {}

impl Drop for Mapped {
    fn drop(&mut self) {
        // SAFETY: the mapping was made by Mapped::new and nothing borrows it any more.
        unsafe { libc::munmap(self.ptr, self.len) };
    }
}
