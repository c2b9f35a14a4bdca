//! Multicast group memberships (netstat -g, ifmcstat): which groups each interface has joined.

use std::net::IpAddr;

/// A group address: an IP multicast group, or a link-layer multicast address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupAddr {
    /// An IPv4 or IPv6 group.
    Ip(IpAddr),
    /// A link-layer group (e.g. 01:00:5e:00:00:01).
    Link(Vec<u8>),
}

/// Source filter mode of a membership (RFC 3376 / 3810).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterMode {
    /// Receive only from the listed sources.
    Include,
    /// Receive from all but the listed sources.
    Exclude,
}

impl FilterMode {
    /// The name used in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            FilterMode::Include => "include",
            FilterMode::Exclude => "exclude",
        }
    }
}

/// One group joined on one interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// Interface index.
    pub ifindex: u32,
    /// Interface name, when known.
    pub netif: Option<String>,
    /// The group.
    pub group: GroupAddr,
    /// The link-layer group an IP group maps to, when the kernel tells.
    pub link_layer: Option<Vec<u8>>,
    /// How many times the group is held (sockets and the stack itself), when the kernel tells.
    pub refcount: Option<u64>,
    /// Source filter mode, when the kernel tells.
    pub filter_mode: Option<FilterMode>,
    /// Sources of the filter.
    pub sources: Vec<IpAddr>,
}
