//! rnetstat-bsd: the FreeBSD and macOS backend of rnetstat.
//!
//! Decoding of routing-socket messages is portable Rust over bytes, so it builds and is tested
//! on Linux from fixtures (`fixtures/freebsd/`, `fixtures/macos/`, generated from C files with
//! the real headers by `fixtures/bsd/gen.py`); only the live sysctl layer is `cfg`-gated.
//!
//! - [`os`]: what differs between FreeBSD and macOS: family numbers, padding, layouts.
//! - [`msg`], [`sockaddr`]: walking messages and the sockaddrs after each header.
//! - [`route`]: NET_RT_DUMP (rt_msghdr) and macOS NET_RT_DUMP2 (rt_msghdr2) into routes.
//! - [`iflist`]: NET_RT_IFLIST (if_msghdr, ifa_msghdr) and macOS NET_RT_IFLIST2 into interfaces.
//! - [`ifmalist`]: FreeBSD NET_RT_IFMALIST (ifma_msghdr) into multicast memberships.
//! - [`stats`], [`stats_layout`], [`stats_wording`]: protocol and routing statistics (`-s`,
//!   `-rs`): the sysctls, the structures' layouts, and netstat's wording shared by both systems.
//! - [`source`]: snapshot and capture sources; `live` (FreeBSD and macOS only): sysctl(3).
//! - [`backend`]: [`BsdBackend`], the [`rnetstat_core::Backend`] over a source.

pub mod backend;
pub mod iflist;
pub mod ifmalist;
#[cfg(any(target_os = "freebsd", target_os = "macos"))]
pub mod live;
pub mod msg;
pub mod os;
pub mod route;
pub mod sockaddr;
pub mod source;
pub mod stats;
pub mod stats_layout;
pub mod stats_wording;

pub use backend::BsdBackend;
pub use os::Os;
