//! FreeBSD's routing statistics, which only kernel memory holds: netstat -rs resolves the
//! symbol `_rtstat` with kvm_nlist(3) (a VNET array of per-CPU counters), reads the counters'
//! addresses with kvm_read(3) and sums each over the CPUs with kvm_counter_u64_fetch(3).
//! rnetstat does the same through libkvm, opened at run time with dlopen(3) so that the binary
//! needs no libkvm to start (and links without one). Reading /dev/mem takes root or the kmem
//! group, as for netstat.
//!
//! The answer is handed on as the bytes of `struct rtstat` (one u64 per counter), what a
//! snapshot keeps as `net.rtstat.bin`.

use rnetstat_core::{Error, Result};
use std::ffi::{c_char, c_int, c_short, c_uchar, c_ulong, c_void, CStr};

/// `struct nlist` (nlist.h): the name in, the address out.
#[repr(C)]
struct Nlist {
    n_name: *const c_char,
    n_type: c_uchar,
    n_other: c_char,
    n_desc: c_short,
    n_value: c_ulong,
}

type OpenFiles = unsafe extern "C" fn(
    *const c_char,
    *const c_char,
    *const c_char,
    c_int,
    *mut c_char,
) -> *mut c_void;
type NlistFn = unsafe extern "C" fn(*mut c_void, *mut Nlist) -> c_int;
type ReadFn = unsafe extern "C" fn(*mut c_void, c_ulong, *mut c_void, usize) -> isize;
type CounterFetch = unsafe extern "C" fn(*mut c_void, c_ulong) -> u64;
type CloseFn = unsafe extern "C" fn(*mut c_void) -> c_int;
type GetErr = unsafe extern "C" fn(*mut c_void) -> *const c_char;

/// _POSIX2_LINE_MAX: the size of kvm_openfiles's error buffer.
const ERRBUF: usize = 2048;

/// What failed, in one line.
fn fail(what: &str) -> Error {
    Error::io(
        "reading the routing statistics from kernel memory (as netstat -rs does)",
        std::io::Error::other(what.to_string()),
    )
}

/// The `count` 64-bit counters of the kernel's `rtstat`, as the bytes of `struct rtstat`.
pub fn rtstat(count: usize) -> Result<Vec<u8>> {
    // SAFETY: the library name is a NUL-terminated literal; dlopen returns null on failure,
    // which is checked.
    let lib = unsafe { libc::dlopen(c"libkvm.so.7".as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if lib.is_null() {
        return Err(fail("libkvm.so.7 cannot be loaded"));
    }
    let result = with_library(lib, count);
    // SAFETY: `lib` came from dlopen and no symbol of it is used after this.
    unsafe { libc::dlclose(lib) };
    result
}

/// Look `name` up in `lib`.
fn symbol(lib: *mut c_void, name: &CStr) -> Result<*mut c_void> {
    // SAFETY: `lib` is a live dlopen handle, `name` NUL-terminated.
    let f = unsafe { libc::dlsym(lib, name.as_ptr()) };
    if f.is_null() {
        return Err(fail(&format!("libkvm has no {}", name.to_string_lossy())));
    }
    Ok(f)
}

fn with_library(lib: *mut c_void, count: usize) -> Result<Vec<u8>> {
    // SAFETY (the transmutes): each symbol is libkvm's function of that name, whose C
    // prototype (kvm.h) the function pointer type spells.
    let (open, nlist, read, fetch, close, geterr) = unsafe {
        (
            std::mem::transmute::<*mut c_void, OpenFiles>(symbol(lib, c"kvm_openfiles")?),
            std::mem::transmute::<*mut c_void, NlistFn>(symbol(lib, c"kvm_nlist")?),
            std::mem::transmute::<*mut c_void, ReadFn>(symbol(lib, c"kvm_read")?),
            std::mem::transmute::<*mut c_void, CounterFetch>(symbol(
                lib,
                c"kvm_counter_u64_fetch",
            )?),
            std::mem::transmute::<*mut c_void, CloseFn>(symbol(lib, c"kvm_close")?),
            std::mem::transmute::<*mut c_void, GetErr>(symbol(lib, c"kvm_geterr")?),
        )
    };
    let mut errbuf = [0 as c_char; ERRBUF];
    // SAFETY: null files mean the running kernel and /dev/mem; errbuf has _POSIX2_LINE_MAX
    // bytes, as kvm_openfiles(3) requires.
    let kd = unsafe {
        open(
            std::ptr::null(),
            std::ptr::null(),
            std::ptr::null(),
            libc::O_RDONLY,
            errbuf.as_mut_ptr(),
        )
    };
    if kd.is_null() {
        // SAFETY: kvm_openfiles wrote a NUL-terminated message into errbuf.
        let msg = unsafe { CStr::from_ptr(errbuf.as_ptr()) };
        return Err(fail(&msg.to_string_lossy()));
    }
    let result = read_counters(kd, count, nlist, read, fetch, geterr);
    // SAFETY: `kd` came from kvm_openfiles and is not used after this.
    unsafe { close(kd) };
    result
}

fn read_counters(
    kd: *mut c_void,
    count: usize,
    nlist: NlistFn,
    read: ReadFn,
    fetch: CounterFetch,
    geterr: GetErr,
) -> Result<Vec<u8>> {
    let kvm_error = |what: &str| {
        // SAFETY: kvm_geterr returns the handle's NUL-terminated message buffer.
        let msg = unsafe { CStr::from_ptr(geterr(kd)) };
        fail(&format!("{what}: {}", msg.to_string_lossy()))
    };
    let mut names = [
        Nlist {
            n_name: c"_rtstat".as_ptr(),
            n_type: 0,
            n_other: 0,
            n_desc: 0,
            n_value: 0,
        },
        Nlist {
            n_name: std::ptr::null(),
            n_type: 0,
            n_other: 0,
            n_desc: 0,
            n_value: 0,
        },
    ];
    // SAFETY: `names` is an array of struct nlist ended by a null name, as kvm_nlist(3) takes.
    if unsafe { nlist(kd, names.as_mut_ptr()) } < 0 {
        return Err(kvm_error("kvm_nlist"));
    }
    let addr = names[0].n_value;
    if addr == 0 {
        return Err(fail("rtstat: symbol not in namelist"));
    }
    // The symbol holds `count` counter_u64_t: addresses of per-CPU counters.
    let mut pointers = vec![0 as c_ulong; count];
    let want = count * std::mem::size_of::<c_ulong>();
    // SAFETY: `pointers` has room for `want` bytes.
    let got = unsafe { read(kd, addr, pointers.as_mut_ptr().cast(), want) };
    if usize::try_from(got).ok() != Some(want) {
        return Err(kvm_error("kvm_read of rtstat"));
    }
    let mut out = Vec::with_capacity(count * 8);
    for p in pointers {
        // SAFETY: kvm_counter_u64_fetch reads kernel memory through the handle only.
        out.extend_from_slice(&unsafe { fetch(kd, p) }.to_ne_bytes());
    }
    Ok(out)
}
