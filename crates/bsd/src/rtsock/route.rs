//! Routes from NET_RT_DUMP (FreeBSD: struct rt_msghdr + sockaddrs) and NET_RT_DUMP2 (macOS:
//! struct rt_msghdr2, which adds rtm_refcnt and rtm_use).
//!
//! The destination's prefix comes from RTA_NETMASK (a host route, RTF_HOST, has none); the
//! gateway is an address, `link#N` (a sockaddr_dl without address) or a link-layer address (an
//! ARP/NDP entry); the interface is rtm_index. FreeBSD's "Use" is rmx_pksent. rmx_expire is
//! absolute (FreeBSD: seconds of uptime; macOS: calendar seconds): it becomes seconds left
//! against the capture's clock.

use crate::os::{Os, RTM_VERSION};
use crate::wire::msg::Msg;
use crate::wire::sockaddr::{self, prefix_len, Sockaddr};
use rnetstat_core::{
    Destination, Error, Family, Gateway, NextHop, NextHops, Result, Route, RouteFlags, RouteKind,
    RouteMetrics,
};
use std::net::IpAddr;
use std::sync::Arc;

const WHAT: &str = "routing message (NET_RT_DUMP)";

/// RTF_* bits shared by both systems: (header name, value, core flag).
pub const COMMON_FLAGS: &[(&str, u32, RouteFlags)] = &[
    ("RTF_UP", 0x1, RouteFlags::UP),
    ("RTF_GATEWAY", 0x2, RouteFlags::GATEWAY),
    ("RTF_HOST", 0x4, RouteFlags::HOST),
    ("RTF_REJECT", 0x8, RouteFlags::REJECT),
    ("RTF_DYNAMIC", 0x10, RouteFlags::DYNAMIC),
    ("RTF_MODIFIED", 0x20, RouteFlags::MODIFIED),
    ("RTF_XRESOLVE", 0x200, RouteFlags::XRESOLVE),
    ("RTF_LLINFO", 0x400, RouteFlags::LLINFO),
    ("RTF_STATIC", 0x800, RouteFlags::STATIC),
    ("RTF_BLACKHOLE", 0x1000, RouteFlags::BLACKHOLE),
    ("RTF_PROTO2", 0x4000, RouteFlags::PROTO2),
    ("RTF_PROTO1", 0x8000, RouteFlags::PROTO1),
    ("RTF_PROTO3", 0x40000, RouteFlags::PROTO3),
    ("RTF_BROADCAST", 0x400000, RouteFlags::BROADCAST),
    ("RTF_MULTICAST", 0x800000, RouteFlags::MULTICAST),
];

/// RTF_* bits that only macOS has.
pub const MACOS_FLAGS: &[(&str, u32, RouteFlags)] = &[
    ("RTF_CLONING", 0x100, RouteFlags::CLONING),
    ("RTF_PRCLONING", 0x10000, RouteFlags::PRCLONING),
    ("RTF_WASCLONED", 0x20000, RouteFlags::WASCLONED),
    ("RTF_IFSCOPE", 0x1000000, RouteFlags::IFSCOPE),
    ("RTF_IFREF", 0x4000000, RouteFlags::IFREF),
    ("RTF_PROXY", 0x8000000, RouteFlags::PROXY),
    ("RTF_ROUTER", 0x10000000, RouteFlags::ROUTER),
    ("RTF_GLOBAL", 0x40000000, RouteFlags::GLOBAL),
];

/// RTF_LOCAL (both systems): an address of this host.
pub const RTF_LOCAL: u32 = 0x200000;
/// RTF_HOST.
const RTF_HOST: u32 = 0x4;

/// The core flags of native `rtm_flags`.
pub fn flags(os: Os, native: u32) -> RouteFlags {
    let mut f = RouteFlags::empty();
    let extra: &[(&str, u32, RouteFlags)] = if os == Os::MacOs { MACOS_FLAGS } else { &[] };
    for (_, bit, flag) in COMMON_FLAGS.iter().chain(extra) {
        if native & bit != 0 {
            f.insert(*flag);
        }
    }
    f
}

fn kind(native: u32) -> RouteKind {
    if native & 0x1000 != 0 {
        RouteKind::Blackhole
    } else if native & 0x8 != 0 {
        RouteKind::Unreachable
    } else if native & 0x400000 != 0 {
        RouteKind::Broadcast
    } else if native & 0x800000 != 0 {
        RouteKind::Multicast
    } else if native & RTF_LOCAL != 0 {
        RouteKind::Local
    } else {
        RouteKind::Unicast
    }
}

/// Decode one message of a route dump. Messages of another type, and routes of families other
/// than inet and inet6, answer `Ok(None)`. `clock` is the capture's time in rmx_expire's units.
pub fn decode(
    os: Os,
    msg: &Msg<'_>,
    ifname: &dyn Fn(u32) -> Option<Arc<str>>,
    clock: Option<i64>,
) -> Result<Option<Route>> {
    let l = os.rt_layout();
    if msg.kind != l.msg_type {
        return Ok(None);
    }
    if msg.version != RTM_VERSION {
        return Err(Error::decode(
            WHAT,
            format!("message version {} (expected {RTM_VERSION})", msg.version),
        ));
    }
    let native = msg.u32(l.flags, WHAT)?;
    let addrs = msg.u32(l.addrs, WHAT)?;
    let index = u32::from(msg.u16(4, WHAT)?);
    let slots = sockaddr::parse(os, addrs, msg.tail(l.header_len, WHAT)?, WHAT)?;
    let Some(dst) = slots[0].as_ref().and_then(Sockaddr::ip) else {
        return Ok(None);
    };
    let (family, skip, max) = match dst {
        IpAddr::V4(_) => (Family::Inet, 2, 32),
        IpAddr::V6(_) => (Family::Inet6, 6, 128),
    };
    let prefix = match &slots[sockaddr::RTAX_NETMASK] {
        _ if native & RTF_HOST != 0 => max,
        Some(Sockaddr::Mask(m)) => prefix_len(m, skip, max),
        _ => max,
    };
    let zone_of = |scope: u32| if scope == 0 { None } else { ifname(scope) };
    let (gateway, gateway_zone) = match &slots[1] {
        Some(Sockaddr::Inet(a)) => (Gateway::Address(IpAddr::V4(*a)), None),
        Some(Sockaddr::Inet6(a, scope)) => (Gateway::Address(IpAddr::V6(*a)), zone_of(*scope)),
        Some(Sockaddr::Link { addr, .. }) if !addr.is_empty() => {
            (Gateway::LinkLayer(addr.clone()), None)
        }
        Some(Sockaddr::Link { index: i, .. }) if *i != 0 => (Gateway::Link(u32::from(*i)), None),
        Some(Sockaddr::Link { .. }) => (Gateway::Link(index), None),
        _ => (Gateway::None, None),
    };
    // FreeBSD shows an address held by a route without RTF_GATEWAY (0x2) as the route's
    // interface, as its netstat does (text and libxo JSON): a reject or blackhole route's
    // nexthop holds a loopback address that routes nothing, a route added with a gateway but
    // without -gateway is on-link. A link-level gateway (link#N of the address's own
    // interface, for a local address routed through lo0) stays as the kernel gives it.
    let (gateway, gateway_zone) = match gateway {
        Gateway::Address(_) if os == Os::FreeBsd && native & 0x2 == 0 => {
            (Gateway::Link(index), None)
        }
        g => (g, gateway_zone),
    };
    let netif = ifname(index);
    let mut nexthops = NextHops::new();
    nexthops.push(NextHop {
        gateway,
        ifindex: Some(index),
        zone: gateway_zone,
        netif,
        weight: l
            .weight
            .map(|f| msg.uint(f, WHAT))
            .transpose()?
            .map(|w| w as u32),
        id: l
            .nhidx
            .map(|f| msg.uint(f, WHAT))
            .transpose()?
            .map(|i| i as u32),
        onlink: None,
        up: native & 1 != 0,
    });
    // The destination's zone is its own scope, not the route's interface: the host route of
    // em0's link-local address goes through lo0 but is fe80::...%em0.
    let zone = match &slots[0] {
        Some(Sockaddr::Inet6(_, scope)) => zone_of(*scope),
        _ => None,
    };
    // Seconds left; an entry already past its time shows none, as FreeBSD netstat does.
    let expire = match (msg.uint(l.expire, WHAT)? as i64, clock) {
        (0, _) | (_, None) => None,
        (at, Some(now)) => u64::try_from(at - now).ok().filter(|s| *s > 0),
    };
    let mtu = msg.uint(l.mtu, WHAT)?;
    Ok(Some(Route {
        family,
        table: 0,
        destination: Destination {
            addr: dst,
            prefix_len: prefix,
            zone,
        },
        source: None,
        nexthops,
        flags: flags(os, native),
        kind: kind(native),
        refs: l
            .refcnt
            .map(|at| msg.u32(at, WHAT))
            .transpose()?
            .map(u64::from),
        use_count: match (l.use_count, l.pksent) {
            (Some(at), _) => Some(u64::from(msg.u32(at, WHAT)?)),
            (None, Some(f)) => Some(msg.uint(f, WHAT)?),
            (None, None) => None,
        },
        expire,
        metrics: RouteMetrics {
            mtu: (mtu != 0).then_some(mtu as u32),
            ..RouteMetrics::default()
        },
        protocol: None,
        priority: None,
        nexthop_id: None,
        pref_src: None,
    }))
}
