//! Neighbours: one entry of a host's neighbour cache (ARP for IPv4, NDP for IPv6), as
//! netstat -R and -x show them.

use crate::Family;
use std::net::IpAddr;

/// Reachability state of a neighbour entry, with the names operators know from
/// `ip neigh` (Linux NUD_* states) and `ndp -a` (BSD ND6_LLINFO_* states).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NeighborState {
    /// Address resolution is in progress; no link-layer address yet.
    Incomplete,
    /// Reachability was confirmed recently.
    Reachable,
    /// The link-layer address is known but reachability has not been confirmed recently.
    Stale,
    /// Waiting a short while for upper-layer confirmation before probing.
    Delay,
    /// Sending unicast probes to confirm reachability.
    Probe,
    /// Address resolution failed.
    Failed,
    /// No resolution is needed (point-to-point links, loopback, multicast).
    NoArp,
    /// Added by an administrator; never expires or changes.
    Permanent,
    /// No state (Linux NUD_NONE, BSD ND6_LLINFO_NOSTATE).
    None,
    /// A state this build does not know, with the kernel's number.
    Other(u32),
}

impl NeighborState {
    /// The name used in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            NeighborState::Incomplete => "incomplete",
            NeighborState::Reachable => "reachable",
            NeighborState::Stale => "stale",
            NeighborState::Delay => "delay",
            NeighborState::Probe => "probe",
            NeighborState::Failed => "failed",
            NeighborState::NoArp => "noarp",
            NeighborState::Permanent => "permanent",
            NeighborState::None => "none",
            NeighborState::Other(_) => "other",
        }
    }
}

/// One neighbour cache entry, as decoded from a kernel dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbor {
    /// The neighbour's network-layer address.
    pub addr: IpAddr,
    /// The neighbour's link-layer address, when resolved.
    pub lladdr: Option<Vec<u8>>,
    /// Index of the interface the neighbour is reached through.
    pub ifindex: u32,
    /// Name of that interface, when known.
    pub netif: Option<String>,
    /// Reachability state.
    pub state: NeighborState,
    /// The neighbour is a router (IPv6: learned from a neighbour advertisement's R bit).
    pub router: bool,
    /// A proxy entry: this host answers for the address on the neighbour's behalf.
    pub proxy: bool,
    /// Seconds since reachability was last confirmed, where the kernel keeps them.
    pub confirmed: Option<u64>,
    /// Seconds since the entry was last used, where the kernel keeps them.
    pub used: Option<u64>,
    /// Seconds since the entry was last updated, where the kernel keeps them.
    pub updated: Option<u64>,
    /// Probes sent for the entry, where the kernel keeps them.
    pub probes: Option<u32>,
    /// References the kernel holds on the entry, where it tells.
    pub refcount: Option<u32>,
    /// Seconds until the entry expires, when it does.
    pub expire: Option<u64>,
}

impl Neighbor {
    /// The family of the neighbour's address (inet or inet6).
    pub fn family(&self) -> Family {
        match self.addr {
            IpAddr::V4(_) => Family::Inet,
            IpAddr::V6(_) => Family::Inet6,
        }
    }
}
