//! rnetstat-linux: the Linux backend of rnetstat.
//!
//! Network state comes from rtnetlink dumps (and, in later displays, procfs). Every dump goes
//! through a [`source::Source`]: the live kernel ([`source::Live`], Linux only), a snapshot
//! directory of captured answers ([`source::Snapshot`], any platform), or the live kernel while
//! capturing its answers ([`source::Capture`]). Decoders ([`link`], [`addr`], [`route`]) turn
//! one netlink message into the core model and never panic on bad input.

pub mod addr;
pub mod backend;
pub mod dump;
pub mod link;
pub mod mcast;
pub mod memstats;
pub mod neigh;
pub mod nlmsg;
pub mod packetdiag;
pub mod procnet;
pub mod procs;
pub mod proctable;
pub mod protostats;
pub mod qdisc;
pub mod route;
pub mod routestats;
pub mod snmp;
pub mod sockdiag;
pub mod source;

pub use backend::LinuxBackend;
