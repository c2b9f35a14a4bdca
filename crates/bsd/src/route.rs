//! Routes from NET_RT_DUMP (rt_msghdr + sockaddrs) and macOS NET_RT_DUMP2 (rt_msghdr2, with
//! refcnt and use). Not decoded yet: the BSD backend issue fills this in.
