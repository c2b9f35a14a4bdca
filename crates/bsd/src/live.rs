//! The live kernel of FreeBSD or macOS: sysctls through sysctl(3), and on FreeBSD the routing
//! statistics that only kernel memory holds ([`kvm`], asked for as `net.rtstat`). The only
//! `unsafe` of this crate is here and in [`kvm`].

#[cfg(target_os = "freebsd")]
mod kvm;

use crate::source::{named_label, Mib, Source};
use rnetstat_core::{Error, Result};
use std::ffi::CString;

/// Reads the running kernel.
pub struct Live;

/// The longest MIB sysctl(3) takes (CTL_MAXNAME on both systems).
const MAX_NAME: usize = 24;

impl Source for Live {
    fn sysctl(&mut self, mib: Mib) -> Result<Vec<u8>> {
        let mut name = [libc::CTL_NET, libc::PF_ROUTE, 0, 0, mib.number(), 0];
        read(&mut name, mib.file_name())?
            .ok_or_else(|| Error::NotSupported(format!("sysctl {}", mib.file_name())))
    }

    fn named_opt(&mut self, name: &str, args: &[u32]) -> Result<Option<Vec<u8>>> {
        // Not a sysctl: what netstat -rs reads from kernel memory (see `layout::FREEBSD_ROUTING`).
        #[cfg(target_os = "freebsd")]
        if name == crate::stats::layout::FREEBSD_ROUTING.sysctl {
            let count = crate::stats::layout::FREEBSD_ROUTING.size / 8;
            return kvm::rtstat(count).map(Some);
        }
        let what = named_label(name, args);
        let what = what.as_str();
        let c_name =
            CString::new(name).map_err(|e| Error::io(format!("sysctl {name:?}"), e.into()))?;
        let mut mib = [0 as libc::c_int; MAX_NAME];
        let mut len: libc::size_t = MAX_NAME;
        // SAFETY: `c_name` is NUL-terminated; `mib` has room for `len` ints and `len` says so.
        let rc = unsafe { libc::sysctlnametomib(c_name.as_ptr(), mib.as_mut_ptr(), &mut len) };
        if rc != 0 {
            let err = std::io::Error::last_os_error();
            if err.raw_os_error() == Some(libc::ENOENT) {
                return Ok(None);
            }
            return Err(Error::io(format!("sysctl {name}"), err));
        }
        if len + args.len() > MAX_NAME {
            let long = std::io::Error::new(std::io::ErrorKind::InvalidInput, "MIB too long");
            return Err(Error::io(format!("sysctl {what}"), long));
        }
        for (i, a) in args.iter().enumerate() {
            // MIB components are C ints; a group address is passed as its 32 bits.
            mib[len + i] = *a as libc::c_int;
        }
        read(&mut mib[..len + args.len()], what)
    }

    /// rmx_expire is a calendar time on both systems: the clock is seconds since the epoch.
    fn clock(&self) -> Option<i64> {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok())
    }
}

/// The whole answer of the MIB `name` (`what` names it in errors); `None` for ENOENT. The
/// answer can grow between the size query and the read: retry with more room.
fn read(name: &mut [libc::c_int], what: &str) -> Result<Option<Vec<u8>>> {
    let name_len = name.len() as libc::c_uint;
    for _ in 0..8 {
        let mut len: libc::size_t = 0;
        // SAFETY: `name` is a valid MIB of `name_len` ints; a null old pointer asks only for
        // the size.
        let rc = unsafe {
            libc::sysctl(
                name.as_mut_ptr(),
                name_len,
                std::ptr::null_mut(),
                &mut len,
                std::ptr::null_mut(),
                0,
            )
        };
        if rc != 0 {
            let err = std::io::Error::last_os_error();
            if err.raw_os_error() == Some(libc::ENOENT) {
                return Ok(None);
            }
            return Err(Error::io(format!("sysctl {what}"), err));
        }
        len += len / 8 + 4096;
        let mut buf = vec![0u8; len];
        // SAFETY: `buf` holds `len` writable bytes, and `len` tells the kernel so.
        let rc = unsafe {
            libc::sysctl(
                name.as_mut_ptr(),
                name_len,
                buf.as_mut_ptr().cast(),
                &mut len,
                std::ptr::null_mut(),
                0,
            )
        };
        if rc == 0 {
            buf.truncate(len);
            return Ok(Some(buf));
        }
        let err = std::io::Error::last_os_error();
        if err.raw_os_error() != Some(libc::ENOMEM) {
            return Err(Error::io(format!("sysctl {what}"), err));
        }
    }
    Err(Error::decode(
        "sysctl answer",
        format!("{what} kept growing while being read"),
    ))
}
