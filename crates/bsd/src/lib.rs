//! rnetstat-bsd: the FreeBSD and macOS backend of rnetstat.
//!
//! Decoding of routing-socket messages and sysctl records is portable Rust over bytes, so it
//! builds and is tested on Linux from fixtures; only the live sysctl layer is `cfg`-gated.
//! This crate is a stub until the BSD backend issue fills in its modules:
//! `route` (NET_RT_DUMP / NET_RT_DUMP2), `iflist` (NET_RT_IFLIST / NET_RT_IFLIST2),
//! `ifmalist` (NET_RT_IFMALIST), `sysctl` (the live source).
