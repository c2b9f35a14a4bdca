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
    pub sources: Vec<GroupSource>,
    /// Time until the next report of the group, in milliseconds, when a report is pending.
    pub timer_ms: Option<u64>,
    /// True when this host sent the last report for the group (IGMP "Reporter").
    pub reporter: Option<bool>,
}

/// One source of a source-filtered membership, with how many sockets include or exclude it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSource {
    /// The source address.
    pub addr: IpAddr,
    /// Sockets that receive from this source (INCLUDE), when the kernel tells.
    pub includes: Option<u64>,
    /// Sockets that block this source (EXCLUDE), when the kernel tells.
    pub excludes: Option<u64>,
}

/// Group-management state of one interface (IGMP for IPv4, MLD for IPv6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupManagement {
    /// Interface index.
    pub ifindex: u32,
    /// Interface name.
    pub netif: Option<String>,
    /// `igmpv1`, `igmpv2`, `igmpv3`, `mldv1`, `mldv2`: the version the interface speaks (set by
    /// the querier it heard, or configured).
    pub version: Option<String>,
    /// Groups joined on the interface.
    pub groups: Option<u64>,
    /// Robustness variable, when the kernel tells.
    pub robustness: Option<u64>,
    /// Query interval in seconds, when the kernel tells.
    pub query_interval: Option<u64>,
    /// Query response interval in seconds, when the kernel tells.
    pub query_response_interval: Option<u64>,
}

/// A virtual interface of the multicast router (IPv4 vif, IPv6 mif).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vif {
    /// IPv4 or IPv6 table.
    pub family: crate::Family,
    /// Vif (mif) index.
    pub index: u32,
    /// The physical interface, when the vif has one.
    pub netif: Option<String>,
    /// Local address (IPv4 vifs).
    pub local: Option<IpAddr>,
    /// Remote address of a tunnel vif.
    pub remote: Option<IpAddr>,
    /// TTL threshold, when the kernel tells.
    pub threshold: Option<u32>,
    /// Rate limit in kbit/s, when the kernel tells.
    pub rate_limit: Option<u32>,
    /// VIFF_* / MIFF_* flags.
    pub flags: u32,
    /// Packets received.
    pub pkts_in: u64,
    /// Packets sent.
    pub pkts_out: u64,
    /// Bytes received.
    pub bytes_in: u64,
    /// Bytes sent.
    pub bytes_out: u64,
}

/// One (S,G) entry of the multicast forwarding cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mfc {
    /// IPv4 or IPv6 table.
    pub family: crate::Family,
    /// Source (origin).
    pub origin: IpAddr,
    /// Group.
    pub group: IpAddr,
    /// Input vif, None for an unresolved entry.
    pub iif: Option<u32>,
    /// Packets forwarded.
    pub packets: u64,
    /// Bytes forwarded.
    pub bytes: u64,
    /// Packets that arrived on the wrong interface.
    pub wrong_if: u64,
    /// Output vifs with their TTL thresholds.
    pub oifs: Vec<(u32, u32)>,
    /// Multicast routing table, when the kernel tells (Linux: 253 "default" for IPv4, 254 for
    /// IPv6).
    pub table: Option<u32>,
    /// Seconds since a packet last used the entry, when the kernel tells.
    pub idle: Option<u64>,
}

/// The multicast router's tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MulticastRouting {
    /// Virtual interfaces, IPv4 then IPv6; None for a family the kernel has no router for.
    pub vifs: Vec<Vif>,
    /// Forwarding cache entries, IPv4 then IPv6.
    pub mfc: Vec<Mfc>,
    /// Families whose multicast routing the kernel supports (the tables may be empty).
    pub families: Vec<crate::Family>,
    /// Families whose forwarding cache has entries the kernel does not export, with how many
    /// hash buckets hold them (FreeBSD's IPv6 cache: its sysctl gives kernel addresses only).
    pub mfc_unexported: Vec<(crate::Family, u64)>,
}
