//! Routes: one entry of a kernel routing table, as netstat -r shows it.

use crate::flags::RouteFlags;
use crate::Family;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::net::IpAddr;
use std::sync::Arc;

/// The paths of a route: almost always one, kept inline so a route costs no extra allocation.
pub type NextHops = SmallVec<[NextHop; 1]>;

/// True for addresses that mean something only together with an interface, their zone:
/// IPv6 link-local unicast (fe80::/10) and interface- or link-local multicast (ff01::/16,
/// ff02::/16). BSD netstat prints their zone as `%ifname`.
pub fn is_scoped(addr: IpAddr) -> bool {
    match addr {
        IpAddr::V6(a) => {
            let s = a.segments();
            (s[0] & 0xffc0) == 0xfe80 || (s[0] & 0xff0f) == 0xff01 || (s[0] & 0xff0f) == 0xff02
        }
        IpAddr::V4(_) => false,
    }
}

/// The destination of a route: a prefix, or the default route (prefix length 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// Network or host address.
    pub addr: IpAddr,
    /// Prefix length in bits.
    pub prefix_len: u8,
    /// The zone (interface name) of a scoped address, which need not be the route's
    /// interface: a host's own link-local address is reached through the loopback.
    pub zone: Option<Arc<str>>,
}

impl Destination {
    /// True for `0.0.0.0/0` and `::/0`.
    pub fn is_default(&self) -> bool {
        self.prefix_len == 0
    }

    /// True when the prefix covers one address (/32, /128).
    pub fn is_host(&self) -> bool {
        self.prefix_len == if self.addr.is_ipv4() { 32 } else { 128 }
    }
}

/// Where a route sends packets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gateway {
    /// Through a router at this address.
    Address(IpAddr),
    /// Directly out of the interface with this index (BSD prints `link#N`).
    Link(u32),
    /// To this link-layer address (BSD ARP/NDP entries).
    LinkLayer(Vec<u8>),
    /// No gateway at all (reject and blackhole routes on Linux).
    None,
}

/// What kind of route the kernel holds (Linux route types; BSD backends derive it from flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    /// An ordinary route.
    Unicast,
    /// An address of this host.
    Local,
    /// A broadcast address.
    Broadcast,
    /// An anycast address of this host.
    Anycast,
    /// A multicast route.
    Multicast,
    /// Packets are silently discarded.
    Blackhole,
    /// Packets are rejected with "host unreachable".
    Unreachable,
    /// Packets are rejected with "administratively prohibited".
    Prohibit,
    /// Lookup continues in the next policy rule.
    Throw,
    /// Network address translation (obsolete).
    Nat,
    /// An external resolver decides.
    ExternalResolve,
    /// A type this build does not know, with its number.
    Other(u8),
}

impl RouteKind {
    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            RouteKind::Unicast => "unicast",
            RouteKind::Local => "local",
            RouteKind::Broadcast => "broadcast",
            RouteKind::Anycast => "anycast",
            RouteKind::Multicast => "multicast",
            RouteKind::Blackhole => "blackhole",
            RouteKind::Unreachable => "unreachable",
            RouteKind::Prohibit => "prohibit",
            RouteKind::Throw => "throw",
            RouteKind::Nat => "nat",
            RouteKind::ExternalResolve => "xresolve",
            RouteKind::Other(_) => "other",
        }
    }
}

/// One path of a route. A single-path route has exactly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextHop {
    /// Gateway of this path.
    pub gateway: Gateway,
    /// Interface index, when known.
    pub ifindex: Option<u32>,
    /// Interface name, when known (shared: every route through an interface points at one copy).
    pub netif: Option<Arc<str>>,
    /// The zone (interface name) of a scoped gateway address such as fe80::1.
    pub zone: Option<Arc<str>>,
    /// Relative weight among the paths (Linux: hops + 1), when known.
    pub weight: Option<u32>,
    /// The kernel's index of this next-hop object (FreeBSD's nhop index, `Nhop#`), when it
    /// has one.
    pub id: Option<u32>,
    /// Whether the gateway is taken to be on the link even without an address of its subnet
    /// (Linux RTNH_F_ONLINK); `None` where the system has no such notion (BSD).
    pub onlink: Option<bool>,
    /// False when the kernel marks the path dead or its link down.
    pub up: bool,
}

impl NextHop {
    /// A path with nothing known yet: no gateway, no interface, up.
    pub fn none() -> NextHop {
        NextHop {
            gateway: Gateway::None,
            ifindex: None,
            netif: None,
            zone: None,
            weight: None,
            id: None,
            onlink: None,
            up: true,
        }
    }
}

/// Route metrics (`-l`, `-ll`, `-lll` on BSD; the RTAX_* metrics on Linux). Unknown is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteMetrics {
    /// Path MTU.
    pub mtu: Option<u32>,
    /// Smoothed round-trip time in microseconds.
    pub rtt_us: Option<u64>,
    /// Round-trip time variance in microseconds.
    pub rttvar_us: Option<u64>,
    /// Slow-start threshold.
    pub ssthresh: Option<u32>,
    /// Congestion window.
    pub cwnd: Option<u32>,
    /// Advertised MSS.
    pub advmss: Option<u32>,
    /// Hop limit.
    pub hopcount: Option<u32>,
    /// Receive window.
    pub window: Option<u32>,
}

/// One route, as decoded from a kernel dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Address family (inet or inet6).
    pub family: Family,
    /// Routing table (Linux table id) or FIB number (FreeBSD).
    pub table: u32,
    /// Destination prefix.
    pub destination: Destination,
    /// Source prefix for source-specific (IPv6 subtree) routes.
    pub source: Option<Destination>,
    /// Paths; one for a single-path route, several for a multipath route, none for reject routes.
    pub nexthops: NextHops,
    /// netstat(1) flags.
    pub flags: RouteFlags,
    /// Kind of route.
    pub kind: RouteKind,
    /// Active references, when the kernel tells (BSD rt_refcnt, Linux IPv6 rta_clntref).
    pub refs: Option<u64>,
    /// Packets sent through the route, when the kernel tells (BSD rt_use, Linux IPv6 rta_used).
    pub use_count: Option<u64>,
    /// Seconds until the route expires, when it does.
    pub expire: Option<u64>,
    /// Metrics.
    pub metrics: RouteMetrics,
    /// Who installed the route (Linux rtm_protocol name, e.g. "kernel", "static", "bgp").
    pub protocol: Option<Cow<'static, str>>,
    /// Route metric / priority (Linux RTA_PRIORITY, which the kernel leaves out when it is 0:
    /// always `Some` on Linux).
    pub priority: Option<u32>,
    /// The next-hop object or group the route uses (Linux RTA_NH_ID, `ip route ... nhid N`).
    pub nexthop_id: Option<u32>,
    /// Preferred source address.
    pub pref_src: Option<IpAddr>,
}

impl Route {
    /// The first path's gateway, or [`Gateway::None`].
    pub fn gateway(&self) -> &Gateway {
        self.nexthops.first().map_or(&Gateway::None, |n| &n.gateway)
    }

    /// The first path's interface name.
    pub fn netif(&self) -> Option<&str> {
        self.nexthops.first().and_then(|n| n.netif.as_deref())
    }
}
