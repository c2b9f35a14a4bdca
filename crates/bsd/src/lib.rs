//! rnetstat-bsd: the FreeBSD and macOS backend of rnetstat.
//!
//! Decoding of routing-socket messages and sysctl records is portable Rust over bytes, so it
//! builds and is tested on Linux from fixtures; only the live sysctl layer is `cfg`-gated.
//! The modules are laid out for the BSD backend issue, which fills them in:
//!
//! - [`os`]: which BSD a byte layout belongs to (FreeBSD or macOS).
//! - [`route`]: NET_RT_DUMP (rt_msghdr) and macOS NET_RT_DUMP2 (rt_msghdr2) into routes.
//! - [`iflist`]: NET_RT_IFLIST (if_msghdr, ifa_msghdr) and macOS NET_RT_IFLIST2 into interfaces.
//! - [`ifmalist`]: NET_RT_IFMALIST (ifma_msghdr, macOS ifma_msghdr2) into multicast memberships.
//! - `sysctl` (FreeBSD and macOS only): the live source, reading those MIBs.

pub mod iflist;
pub mod ifmalist;
pub mod os;
pub mod route;
