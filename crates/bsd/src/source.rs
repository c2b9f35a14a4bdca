//! Where sysctl answers come from: a snapshot directory (any platform), the live kernel
//! (FreeBSD and macOS only, in `live`), or the live kernel while its answers are
//! written to a snapshot directory.
//!
//! A snapshot holds one file per sysctl with the bytes exactly as the kernel returned them.
//! Routing-socket dumps ([`Mib`]) are named after the MIB's last name component
//! (`NET_RT_DUMP.bin`, `NET_RT_IFLIST2.bin`, ...); sysctls read by name are named after the
//! name and any integer components that follow it ([`named_file`]:
//! `net.inet.tcp.pcblist.bin`, `net.inet.ip.mcast.filters.2.50462959.bin`). A named sysctl
//! the kernel does not have (or a capture did not record) has no file. `rnetstat-snapshot.json` may carry `clock`: the capture's time in the units
//! of rmx_expire, seconds since the epoch on both systems (FreeBSD converts its uptime-based
//! expiry to calendar time when it reports a route).

use rnetstat_core::{Error, Result};
use std::path::{Path, PathBuf};

/// A routing-socket sysctl: CTL_NET, PF_ROUTE, 0, 0 (every family), `what`, 0 (FIB 0 / flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mib {
    /// NET_RT_DUMP (1): routes, struct rt_msghdr.
    RtDump,
    /// NET_RT_DUMP2 (7, macOS): routes, struct rt_msghdr2.
    RtDump2,
    /// NET_RT_IFLIST (3): interfaces and addresses.
    IfList,
    /// NET_RT_IFLISTL (5, FreeBSD): interfaces and addresses in the extensible messages
    /// (if_msghdrl, ifa_msghdrl), whose addresses carry their own packet and byte counts.
    IfListL,
    /// NET_RT_IFLIST2 (6, macOS): interfaces with 64-bit counters, addresses, memberships.
    IfList2,
    /// NET_RT_IFMALIST (4, FreeBSD): multicast memberships.
    IfmaList,
}

impl Mib {
    /// The NET_RT_* number (fifth MIB component).
    pub fn number(self) -> i32 {
        match self {
            Mib::RtDump => 1,
            Mib::RtDump2 => 7,
            Mib::IfList => 3,
            Mib::IfListL => 5,
            Mib::IfList2 => 6,
            Mib::IfmaList => 4,
        }
    }

    /// File name in a snapshot directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Mib::RtDump => "NET_RT_DUMP.bin",
            Mib::RtDump2 => "NET_RT_DUMP2.bin",
            Mib::IfList => "NET_RT_IFLIST.bin",
            Mib::IfListL => "NET_RT_IFLISTL.bin",
            Mib::IfList2 => "NET_RT_IFLIST2.bin",
            Mib::IfmaList => "NET_RT_IFMALIST.bin",
        }
    }
}

/// The sysctl `name` followed by the integer components `args`, dotted
/// (`net.inet.ip.mcast.filters.2.50462959`), as errors name it.
pub fn named_label(name: &str, args: &[u32]) -> String {
    let mut label = name.to_string();
    for a in args {
        label.push('.');
        label.push_str(&a.to_string());
    }
    label
}

/// The snapshot file name of the sysctl `name` followed by the integer components `args`.
pub fn named_file(name: &str, args: &[u32]) -> String {
    named_label(name, args) + ".bin"
}

/// A source of sysctl answers.
pub trait Source {
    /// The whole answer of the routing-socket dump `mib`.
    fn sysctl(&mut self, mib: Mib) -> Result<Vec<u8>>;

    /// The whole answer of the sysctl called `name` (`net.inet.tcp.pcblist`), with the integer
    /// components `args` appended to its MIB (node handlers such as `net.inet.ip.mcast.filters`
    /// take an interface index and a group); `None` when the kernel has no such sysctl.
    fn named_opt(&mut self, name: &str, args: &[u32]) -> Result<Option<Vec<u8>>>;

    /// Like [`Source::named_opt`], but a missing sysctl is an error.
    fn named(&mut self, name: &str, args: &[u32]) -> Result<Vec<u8>> {
        self.named_opt(name, args)?.ok_or_else(|| {
            Error::NotSupported(format!(
                "sysctl {} (this kernel has none)",
                named_label(name, args)
            ))
        })
    }

    /// The current time in rmx_expire's units, if known.
    fn clock(&self) -> Option<i64>;
}

/// Reads answers from a snapshot directory.
pub struct Snapshot {
    dir: PathBuf,
    clock: Option<i64>,
}

impl Snapshot {
    /// A snapshot source over `dir`, whose capture clock was `clock`.
    pub fn new(dir: impl Into<PathBuf>, clock: Option<i64>) -> Self {
        Snapshot {
            dir: dir.into(),
            clock,
        }
    }
}

impl Source for Snapshot {
    fn sysctl(&mut self, mib: Mib) -> Result<Vec<u8>> {
        let path = self.dir.join(mib.file_name());
        rnetstat_core::capture::read_snapshot_file(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::NotFound(format!(
                    "snapshot {} has no {}: capture it with the display you want to render",
                    self.dir.display(),
                    mib.file_name()
                ))
            } else {
                Error::io(format!("reading snapshot {}", path.display()), e)
            }
        })
    }

    fn named_opt(&mut self, name: &str, args: &[u32]) -> Result<Option<Vec<u8>>> {
        let path = self.dir.join(named_file(name, args));
        match rnetstat_core::capture::read_snapshot_file(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(format!("reading snapshot {}", path.display()), e)),
        }
    }

    fn named(&mut self, name: &str, args: &[u32]) -> Result<Vec<u8>> {
        self.named_opt(name, args)?.ok_or_else(|| {
            Error::NotFound(format!(
                "snapshot {} has no {}: capture it with the display you want to render",
                self.dir.display(),
                named_file(name, args)
            ))
        })
    }

    fn clock(&self) -> Option<i64> {
        self.clock
    }
}

/// Wraps another source and writes every answer into a snapshot directory, each file created
/// new and private ([`rnetstat_core::capture::new_file_options`]); an answer asked for again
/// in the same run keeps its first file.
pub struct Capture<S> {
    inner: S,
    dir: PathBuf,
    written: std::collections::HashSet<String>,
}

impl<S: Source> Capture<S> {
    /// Capture the answers of `inner` into `dir` (created if missing).
    pub fn new(inner: S, dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        Ok(Capture {
            inner,
            dir: dir.to_path_buf(),
            written: Default::default(),
        })
    }

    /// Write `bytes` as the file `name`, once.
    fn save(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        if !self.written.insert(name.to_string()) {
            return Ok(());
        }
        let path = self.dir.join(name);
        let ctx = |e| Error::io(format!("writing capture {}", path.display()), e);
        let mut file = rnetstat_core::capture::new_file_options()
            .open(&path)
            .map_err(ctx)?;
        std::io::Write::write_all(&mut file, bytes).map_err(ctx)
    }
}

impl<S: Source> Source for Capture<S> {
    fn sysctl(&mut self, mib: Mib) -> Result<Vec<u8>> {
        let bytes = self.inner.sysctl(mib)?;
        self.save(mib.file_name(), &bytes)?;
        Ok(bytes)
    }

    fn named_opt(&mut self, name: &str, args: &[u32]) -> Result<Option<Vec<u8>>> {
        let answer = self.inner.named_opt(name, args)?;
        if let Some(bytes) = &answer {
            self.save(&named_file(name, args), bytes)?;
        }
        Ok(answer)
    }

    fn clock(&self) -> Option<i64> {
        self.inner.clock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_sysctls_map_to_files_with_their_arguments() {
        assert_eq!(
            named_file("net.inet.tcp.pcblist", &[]),
            "net.inet.tcp.pcblist.bin"
        );
        assert_eq!(
            named_file("net.inet.ip.mcast.filters", &[2, 50462959]),
            "net.inet.ip.mcast.filters.2.50462959.bin"
        );
    }

    #[test]
    fn a_snapshot_without_the_file_has_no_such_sysctl() {
        let dir = std::env::temp_dir().join(format!("rnt-bsd-named-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("kern.file.bin"), b"abc").unwrap();
        let mut s = Snapshot::new(&dir, None);
        assert_eq!(s.named_opt("kern.file", &[]).unwrap().unwrap(), b"abc");
        assert!(s.named_opt("kern.proc.all", &[]).unwrap().is_none());
        let err = s.named("kern.proc.all", &[]).unwrap_err().to_string();
        assert!(err.contains("has no kern.proc.all.bin"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
