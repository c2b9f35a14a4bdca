//! The routing socket's dumps, the same on both systems but for the layouts of [`crate::os`]:
//!
//! - [`route`]: NET_RT_DUMP (rt_msghdr) and macOS NET_RT_DUMP2 (rt_msghdr2) into routes.
//! - [`iflist`]: NET_RT_IFLIST (if_msghdr, ifa_msghdr) and macOS NET_RT_IFLIST2 into
//!   interfaces (and macOS's multicast memberships).

pub mod iflist;
pub mod route;
