//! Interfaces from NET_RT_IFLIST (if_msghdr with if_data, ifa_msghdr) and macOS NET_RT_IFLIST2
//! (if_msghdr2 with 64-bit counters and the send queue). Not decoded yet: the BSD backend issue
//! fills this in.
