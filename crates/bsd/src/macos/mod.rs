//! macOS: its [`MacOsBackend`] and the decoders of what only macOS answers.
//!
//! - [`backend`]: [`MacOsBackend`], the [`rnetstat_core::Backend`] of macOS over a source.
//! - [`sockets`]: the socket list as macOS netstat chooses it, from [`pcblist`]
//!   (`net.inet.*.pcblist_n`) and [`unpcb`] (`net.local.*.pcblist_n`), with process names
//!   from [`proc`] (`kern.proc.all`).
//! - [`mbuf`]: `kern.ipc.mbstat` and `kern.ipc.mb_stat` (the mbuf classes) for `-m`.

pub mod backend;
pub mod mbuf;
pub mod pcblist;
pub mod proc;
pub mod sockets;
pub mod unpcb;

pub use backend::MacOsBackend;
