//! rnetstat-bsd: the FreeBSD and macOS backend of rnetstat.
//!
//! Decoding of routing-socket messages is portable Rust over bytes, so it builds and is tested
//! on Linux from fixtures (`fixtures/freebsd/`, `fixtures/macos/`, generated from C files with
//! the real headers by `fixtures/bsd/gen.py`); only the live sysctl layer is `cfg`-gated.
//!
//! - [`backend()`]: the [`Backend`] of a system over a source, as the binary opens it.
//! - [`freebsd`]: [`FreeBsdBackend`] and the decoders of what only FreeBSD answers (pcb
//!   lists, owners, NET_RT_IFMALIST, source filters, the multicast router, UMA zones for `-m`).
//! - [`macos`]: [`MacOsBackend`] and the decoders of what only macOS answers (`pcblist_n`,
//!   `kern.proc.all`, the mbuf classes for `-m`).
//! - [`common`]: what both backends do alike: interfaces, routes, `-s` and `-rs`.
//! - [`rtsock`]: the routing socket's route dumps and interface lists, shared by both systems.
//! - [`stats`]: protocol and routing statistics: the sysctls, the structures' layouts, and
//!   netstat's wording shared by both systems.
//! - [`wire`]: the low-level decoding both share: the bounds-checked field reader, messages,
//!   sockaddrs, pcb list generations, process lists, SOCK_* and the TCP states.
//! - [`os`]: what differs between FreeBSD and macOS: family numbers, padding, layouts.
//! - [`source`]: snapshot and capture sources; `live` (FreeBSD and macOS only): sysctl(3).
//! - [`layout_check`]: every size, offset and constant the decoders assume, for
//!   `tests/layout.rs` to compare with the real headers.

pub mod common;
pub mod freebsd;
pub mod layout_check;
#[cfg(any(target_os = "freebsd", target_os = "macos"))]
pub mod live;
pub mod macos;
pub mod os;
pub mod rtsock;
pub mod source;
pub mod stats;
pub mod wire;

pub use freebsd::FreeBsdBackend;
pub use macos::MacOsBackend;
pub use os::Os;

use rnetstat_core::Backend;
use source::Source;

/// The backend of `os` reading `source`.
pub fn backend(os: Os, source: Box<dyn Source>) -> Box<dyn Backend> {
    match os {
        Os::FreeBsd => Box::new(FreeBsdBackend::new(source)),
        Os::MacOs => Box::new(MacOsBackend::new(source)),
    }
}
