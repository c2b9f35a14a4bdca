//! The low-level decoding both systems share: reading fields out of sysctl answers, walking
//! routing-socket messages and their sockaddrs, the generation frame of pcb lists, process
//! lists, and the socket constants of BSD heritage.
//!
//! - [`bytes`]: the bounds-checked field reader, record arrays and C strings every decoder uses.
//! - [`msg`]: the routing-socket messages of a dump, one after the other.
//! - [`sockaddr`]: the sockaddrs after a message header, unix paths, prefix lengths.
//! - [`xgen`]: the generation header and records of a pcb list, and its change [`xgen::Summary`].
//! - [`kinfo_proc`]: process names from an array of `struct kinfo_proc`.
//! - [`sockconst`]: SOCK_* and the TCP states, shared by both systems' socket lists and -s.

pub mod bytes;
pub mod kinfo_proc;
pub mod msg;
pub mod sockaddr;
pub mod sockconst;
pub mod xgen;
