//! rnetstat-bsd: the FreeBSD and macOS backend of rnetstat.
//!
//! Decoding of routing-socket messages is portable Rust over bytes, so it builds and is tested
//! on Linux from fixtures (`fixtures/freebsd/`, `fixtures/macos/`, generated from C files with
//! the real headers by `fixtures/bsd/gen.py`); only the live sysctl layer is `cfg`-gated.
//!
//! - [`os`]: what differs between FreeBSD and macOS: family numbers, padding, layouts.
//! - [`msg`], [`sockaddr`]: walking messages and the sockaddrs after each header.
//! - [`sockconst`]: SOCK_* and the TCP states, shared by both systems' socket lists and -s.
//! - [`bytes`]: the bounds-checked field reader, record arrays and C strings every decoder
//!   uses.
//! - [`route`]: NET_RT_DUMP (rt_msghdr) and macOS NET_RT_DUMP2 (rt_msghdr2) into routes.
//! - [`iflist`]: NET_RT_IFLIST (if_msghdr, ifa_msghdr) and macOS NET_RT_IFLIST2 into interfaces.
//! - [`ifmalist`]: FreeBSD NET_RT_IFMALIST (ifma_msghdr) into multicast memberships.
//! - [`mroute`]: FreeBSD's multicast router tables and statistics (vifs, mfc, mifs, mrtstat).
//! - [`mcast_filters`]: FreeBSD's per-group source filters (`net.inet[6].ip[6].mcast.filters`).
//! - [`macos_pcblist`], [`macos_unpcb`], [`macos_proc`]: macOS `net.inet.*.pcblist_n`,
//!   `net.local.*.pcblist_n` and `kern.proc.all`; [`macos_sockets`] makes sockets of them.
//! - [`uma`], [`malloc_types`], [`sfstat`]: FreeBSD vm.zone_stats (UMA zones),
//!   kern.malloc_stats and kern.ipc.sfstat for `-m`; [`memstat`] frames the first two.
//! - [`macos_mbuf`]: macOS kern.ipc.mbstat and kern.ipc.mb_stat (mbuf classes) for `-m`.
//! - [`pcblist`], [`unpcb`], [`owners`] (FreeBSD): the Internet and unix pcb lists and the
//!   descriptor and process tables, framed by [`xgen`]; [`fbsd_sockets`] lists them in order.
//! - [`stats`], [`stats_layout`], [`stats_wording`]: protocol and routing statistics (`-s`,
//!   `-rs`): the sysctls, the structures' layouts, and netstat's wording shared by both systems.
//! - [`source`]: snapshot and capture sources; `live` (FreeBSD and macOS only): sysctl(3).
//! - [`backend`]: [`BsdBackend`], the [`rnetstat_core::Backend`] over a source.

pub mod backend;
pub mod bytes;
pub mod fbsd_sockets;
pub mod iflist;
pub mod ifmalist;
#[cfg(any(target_os = "freebsd", target_os = "macos"))]
pub mod live;
pub mod macos_mbuf;
pub mod macos_pcblist;
pub mod macos_proc;
pub mod macos_sockets;
pub mod macos_unpcb;
pub mod malloc_types;
pub mod mcast_filters;
pub mod memstat;
pub mod mroute;
pub mod msg;
pub mod os;
pub mod owners;
pub mod pcblist;
pub mod route;
pub mod sfstat;
pub mod sockaddr;
pub mod sockconst;
pub mod source;
pub mod stats;
pub mod stats_layout;
pub mod stats_wording;
pub mod uma;
pub mod unpcb;
pub mod xgen;

pub use backend::BsdBackend;
pub use os::Os;
