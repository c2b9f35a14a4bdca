//! Multicast memberships from NET_RT_IFMALIST (ifma_msghdr; macOS ifma_msghdr2 with refcount).
//! Not decoded yet: the BSD backend issue fills this in.
