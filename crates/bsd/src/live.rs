//! The live kernel of FreeBSD or macOS: routing-socket sysctls through sysctl(3). The only
//! `unsafe` of this crate is here.

use crate::source::{Mib, Source};
use rnetstat_core::{Error, Result};

/// Reads the running kernel.
pub struct Live;

impl Source for Live {
    fn sysctl(&mut self, mib: Mib) -> Result<Vec<u8>> {
        let mut name = [libc::CTL_NET, libc::PF_ROUTE, 0, 0, mib.number(), 0];
        // The table can grow between the size query and the read: retry with more room.
        for _ in 0..8 {
            let mut len: libc::size_t = 0;
            // SAFETY: `name` is a valid MIB of 6 ints; a null old pointer asks only for the size.
            let rc = unsafe {
                libc::sysctl(
                    name.as_mut_ptr(),
                    6,
                    std::ptr::null_mut(),
                    &mut len,
                    std::ptr::null_mut(),
                    0,
                )
            };
            if rc != 0 {
                return Err(Error::io(
                    format!("sysctl {}", mib.file_name()),
                    std::io::Error::last_os_error(),
                ));
            }
            len += len / 8 + 4096;
            let mut buf = vec![0u8; len];
            // SAFETY: `buf` holds `len` writable bytes, and `len` tells the kernel so.
            let rc = unsafe {
                libc::sysctl(
                    name.as_mut_ptr(),
                    6,
                    buf.as_mut_ptr().cast(),
                    &mut len,
                    std::ptr::null_mut(),
                    0,
                )
            };
            if rc == 0 {
                buf.truncate(len);
                return Ok(buf);
            }
            let err = std::io::Error::last_os_error();
            if err.raw_os_error() != Some(libc::ENOMEM) {
                return Err(Error::io(format!("sysctl {}", mib.file_name()), err));
            }
        }
        Err(Error::decode(
            "sysctl answer",
            format!("{} kept growing while being read", mib.file_name()),
        ))
    }

    /// rmx_expire is a calendar time on both systems: the clock is seconds since the epoch.
    fn clock(&self) -> Option<i64> {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok())
    }
}
