//! rnetstat-core: the platform-neutral data model of rnetstat and the [`Backend`] trait.
//!
//! Nothing in this crate knows about a particular kernel, and the only I/O is reading a
//! snapshot file within a bound ([`capture::read_snapshot_file`]): backends
//! (`rnetstat-linux`, `rnetstat-bsd`) decode their kernel's answers into these types and the
//! displays of the `rnetstat` binary render them.

pub mod backend;
pub mod bsd;
pub mod capture;
pub mod counter_name;
pub mod error;
pub mod family;
pub mod filter;
pub mod flags;
pub mod interface;
pub mod lit;
pub mod multicast;
pub mod neighbor;
pub mod platform;
pub mod queue;
pub mod route;
pub mod socket;
pub mod stats;
pub mod tap;
pub mod tcp_info;

pub use backend::{Backend, RouteQuery, TableNaming, Tables};
pub use counter_name::CounterName;
pub use error::{Error, Result};
pub use family::Family;
pub use filter::{Filter, FilterContext};
pub use flags::RouteFlags;
pub use interface::{
    AddrCounters, Duplex, IfAddress, IfCounters, IfFlags, Interface, LinkSpeed, LinkState,
    SendQueue,
};
pub use multicast::{
    FilterMode, GroupAddr, GroupManagement, GroupSource, Membership, Mfc, MulticastRouting, Vif,
};
pub use neighbor::{Neighbor, NeighborState};
pub use platform::Platform;
pub use queue::{Queue, QueueType, RateEstimate};
pub use route::{
    is_scoped, Destination, Gateway, NextHop, NextHops, Route, RouteKind, RouteMetrics,
};
pub use socket::{Endpoint, ListenQueue, Owner, Proto, SockType, Socket, SocketQuery, State};
pub use stats::{Counter, Plural, Shown, StatGroup};
pub use tap::{ethertype_name, PacketTap, TapFanout, TapFilter, TapFlags, TapRing};
pub use tcp_info::{SocketMemory, TcpInfo, TcpOptions, TcpTimer, TimerKind};
