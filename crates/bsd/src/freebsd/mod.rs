//! FreeBSD: its [`FreeBsdBackend`] and the decoders of what only FreeBSD answers.
//!
//! - [`backend`]: [`FreeBsdBackend`], the [`rnetstat_core::Backend`] of FreeBSD over a source.
//! - [`sockets`]: the socket list in netstat's order, from [`pcblist`] (`net.inet.*.pcblist`)
//!   and [`unpcb`] (`net.local.*.pcblist`), with their holders from [`owners`] (`kern.file`,
//!   `kern.proc.proc`).
//! - [`bpf`]: `net.bpf.stats` (xbpf_d) into the bpf peers of `-B`.
//! - [`ifmalist`]: NET_RT_IFMALIST (ifma_msghdr) into multicast memberships.
//! - [`mcast_filters`]: the per-group source filters (`net.inet[6].ip[6].mcast.filters`).
//! - [`mroute`]: the multicast router's tables and statistics (vifs, mfc, mifs, mrtstat).
//! - [`uma`], [`malloc_types`], [`sfstat`]: `vm.zone_stats` (UMA zones), `kern.malloc_stats`
//!   and `kern.ipc.sfstat` for `-m`; [`memstat`] frames the first two.

pub mod backend;
pub mod bpf;
pub mod ifmalist;
pub mod malloc_types;
pub mod mcast_filters;
pub mod memstat;
pub mod mroute;
pub mod owners;
pub mod pcblist;
pub mod sfstat;
pub mod sockets;
pub mod uma;
pub mod unpcb;

pub use backend::FreeBsdBackend;
