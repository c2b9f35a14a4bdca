//! RTM_NEWROUTE (struct rtmsg + RTA_* attributes) into [`Route`], with the mapping of Linux
//! route types and protocols onto the flag letters of netstat(1):
//!
//! | letter | set when (Linux)                                                        |
//! |--------|-------------------------------------------------------------------------|
//! | U      | every route, unless all of its next hops are dead or their link is down |
//! | G      | a next hop has a gateway (RTA_GATEWAY or RTA_VIA)                       |
//! | H      | the prefix is a host (/32, /128)                                        |
//! | S      | protocol boot, static or dhcp (added by an administrator or a program) |
//! | 1      | protocol of a routing daemon (zebra, bird, bgp, ospf, isis, rip, babel...) |
//! | D      | protocol redirect (learned from an ICMP redirect)                       |
//! | R      | type unreachable, prohibit or throw                                     |
//! | B      | type blackhole                                                          |
//! | b      | type broadcast                                                          |
//! | m      | type multicast                                                          |
//! | L      | type local or anycast: an address of this host, answered by the host    |
//! | X      | type xresolve                                                           |
//! | W      | RTM_F_CLONED: a cached clone (IPv6 exceptions)                          |
//!
//! Protocols kernel and ra (router advertisement) add no letter, as BSD kernels add
//! connected and RA routes without RTF_STATIC.

use netlink_packet_core::Parseable;
use netlink_packet_route::route::{
    RouteAddress, RouteAttribute, RouteMessage, RouteMetric, RouteNextHop, RouteNextHopFlags,
    RouteVia,
};
use netlink_packet_route::AddressFamily;
use rnetstat_core::{
    Destination, Error, Family, Gateway, NextHop, Result, Route, RouteFlags, RouteKind,
    RouteMetrics,
};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Linux's user-visible clock tick (USER_HZ) that rta_expires counts in.
const USER_HZ: u64 = 100;
/// RTM_F_CLONED.
const RTM_F_CLONED: u32 = 0x200;

/// Decode one RTM_NEWROUTE payload. `ifname` maps an interface index to its name.
/// Families other than inet and inet6 answer `Ok(None)`.
pub fn decode(payload: &[u8], ifname: &dyn Fn(u32) -> Option<String>) -> Result<Option<Route>> {
    let msg = RouteMessage::parse(payload)
        .map_err(|e| Error::decode("RTM_NEWROUTE message", e.to_string()))?;
    let h = &msg.header;
    let family = match h.address_family {
        AddressFamily::Inet => Family::Inet,
        AddressFamily::Inet6 => Family::Inet6,
        _ => return Ok(None),
    };
    let max_len = if family == Family::Inet { 32 } else { 128 };
    if h.destination_prefix_length > max_len || h.source_prefix_length > max_len {
        return Err(Error::decode(
            "RTM_NEWROUTE message",
            "prefix length beyond the address size",
        ));
    }
    let unspecified = match family {
        Family::Inet => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        _ => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    };
    let kind = route_kind(u8::from(h.kind));
    let protocol = u8::from(h.protocol);
    let mut route = Route {
        family,
        table: u32::from(h.table),
        destination: Destination {
            addr: unspecified,
            prefix_len: h.destination_prefix_length,
        },
        source: None,
        nexthops: Vec::new(),
        flags: RouteFlags::empty(),
        kind,
        refs: None,
        use_count: None,
        expire: None,
        metrics: RouteMetrics::default(),
        protocol: Some(protocol_name(protocol)),
        priority: None,
        pref_src: None,
    };
    let mut single = NextHop {
        gateway: Gateway::None,
        ifindex: None,
        netif: None,
        weight: None,
        up: true,
    };
    let mut multipath: Option<Vec<RouteNextHop>> = None;
    let mut src: Option<IpAddr> = None;
    for attr in msg.attributes {
        match attr {
            RouteAttribute::Destination(a) => route.destination.addr = ip(a, family)?,
            RouteAttribute::Source(a) => src = Some(ip(a, family)?),
            RouteAttribute::Gateway(a) => single.gateway = Gateway::Address(ip(a, family)?),
            RouteAttribute::Via(v) => single.gateway = via(v)?,
            RouteAttribute::Oif(i) => single.ifindex = Some(i),
            RouteAttribute::Table(t) => route.table = t,
            RouteAttribute::Priority(p) => route.priority = Some(p),
            RouteAttribute::PrefSource(a) => route.pref_src = Some(ip(a, family)?),
            RouteAttribute::MultiPath(hops) => multipath = Some(hops),
            RouteAttribute::Metrics(m) => route.metrics = metrics(&m),
            RouteAttribute::CacheInfo(ci) => {
                route.refs = Some(ci.clntref.into());
                route.use_count = Some(ci.used.into());
                if ci.expires != 0 {
                    route.expire = Some(u64::from(ci.expires).div_ceil(USER_HZ));
                }
            }
            _ => {}
        }
    }
    if let Some(a) = src {
        route.source = Some(Destination {
            addr: a,
            prefix_len: h.source_prefix_length,
        });
    }
    match multipath {
        Some(hops) => {
            for hop in hops {
                let mut nh = NextHop {
                    gateway: Gateway::None,
                    ifindex: Some(hop.interface_index),
                    netif: None,
                    weight: Some(u32::from(hop.hops) + 1),
                    up: !hop
                        .flags
                        .intersects(RouteNextHopFlags::Dead | RouteNextHopFlags::Linkdown),
                };
                for attr in hop.attributes {
                    match attr {
                        RouteAttribute::Gateway(a) => nh.gateway = Gateway::Address(ip(a, family)?),
                        RouteAttribute::Via(v) => nh.gateway = via(v)?,
                        _ => {}
                    }
                }
                route.nexthops.push(nh);
            }
        }
        None => {
            // RTNH_F_DEAD = 1, RTNH_F_LINKDOWN = 16 arrive in rtm_flags for a single path.
            single.up = h.flags.bits() & (1 | 16) == 0;
            if single.ifindex.is_some() || single.gateway != Gateway::None {
                route.nexthops.push(single);
            }
        }
    }
    for nh in &mut route.nexthops {
        if nh.gateway == Gateway::None {
            if let Some(i) = nh.ifindex {
                nh.gateway = Gateway::Link(i);
            }
        }
        nh.netif = nh.ifindex.and_then(ifname);
    }
    route.flags = flags(&route, protocol, h.flags.bits());
    Ok(Some(route))
}

fn ip(a: RouteAddress, family: Family) -> Result<IpAddr> {
    match (a, family) {
        (RouteAddress::Inet(v4), Family::Inet) => Ok(IpAddr::V4(v4)),
        (RouteAddress::Inet6(v6), Family::Inet6) => Ok(IpAddr::V6(v6)),
        // An IPv4 route may have an IPv6 gateway only through RTA_VIA; anything else is odd.
        (RouteAddress::Inet(v4), _) => Ok(IpAddr::V4(v4)),
        (RouteAddress::Inet6(v6), _) => Ok(IpAddr::V6(v6)),
        (other, _) => Err(Error::decode(
            "RTM_NEWROUTE message",
            format!("address {other:?} of the wrong family"),
        )),
    }
}

fn via(v: RouteVia) -> Result<Gateway> {
    match v {
        RouteVia::Inet(a) => Ok(Gateway::Address(IpAddr::V4(a))),
        RouteVia::Inet6(a) => Ok(Gateway::Address(IpAddr::V6(a))),
        other => Err(Error::decode(
            "RTM_NEWROUTE message",
            format!("RTA_VIA {other:?}"),
        )),
    }
}

fn metrics(m: &[RouteMetric]) -> RouteMetrics {
    let mut out = RouteMetrics::default();
    for metric in m {
        match *metric {
            RouteMetric::Mtu(v) => out.mtu = Some(v),
            // The kernel keeps rtt in units of 1/8 ms and rttvar in 1/4 ms.
            RouteMetric::Rtt(v) => out.rtt_us = Some(u64::from(v) * 125),
            RouteMetric::RttVar(v) => out.rttvar_us = Some(u64::from(v) * 250),
            RouteMetric::SsThresh(v) => out.ssthresh = Some(v),
            RouteMetric::Cwnd(v) => out.cwnd = Some(v),
            RouteMetric::Advmss(v) => out.advmss = Some(v),
            RouteMetric::Hoplimit(v) => out.hopcount = Some(v),
            RouteMetric::Window(v) => out.window = Some(v),
            _ => {}
        }
    }
    out
}

fn route_kind(t: u8) -> RouteKind {
    match t {
        1 => RouteKind::Unicast,
        2 => RouteKind::Local,
        3 => RouteKind::Broadcast,
        4 => RouteKind::Anycast,
        5 => RouteKind::Multicast,
        6 => RouteKind::Blackhole,
        7 => RouteKind::Unreachable,
        8 => RouteKind::Prohibit,
        9 => RouteKind::Throw,
        10 => RouteKind::Nat,
        11 => RouteKind::ExternalResolve,
        other => RouteKind::Other(other),
    }
}

/// The name of an rtm_protocol value, as iproute2 names it.
pub fn protocol_name(p: u8) -> String {
    let name = match p {
        0 => "unspec",
        1 => "redirect",
        2 => "kernel",
        3 => "boot",
        4 => "static",
        8 => "gated",
        9 => "ra",
        10 => "mrt",
        11 => "zebra",
        12 => "bird",
        13 => "dnrouted",
        14 => "xorp",
        15 => "ntk",
        16 => "dhcp",
        17 => "mrouted",
        18 => "keepalived",
        42 => "babel",
        99 => "openr",
        186 => "bgp",
        187 => "isis",
        188 => "ospf",
        189 => "rip",
        192 => "eigrp",
        other => return other.to_string(),
    };
    name.to_string()
}

fn flags(route: &Route, protocol: u8, rtm_flags: u32) -> RouteFlags {
    let mut f = RouteFlags::empty();
    let any_up = route.nexthops.is_empty() || route.nexthops.iter().any(|n| n.up);
    if any_up {
        f.insert(RouteFlags::UP);
    }
    if route
        .nexthops
        .iter()
        .any(|n| matches!(n.gateway, Gateway::Address(_)))
    {
        f.insert(RouteFlags::GATEWAY);
    }
    if route.destination.is_host() {
        f.insert(RouteFlags::HOST);
    }
    match protocol {
        0 | 2 | 9 => {}
        1 => f.insert(RouteFlags::DYNAMIC),
        3 | 4 | 16 => f.insert(RouteFlags::STATIC),
        _ => f.insert(RouteFlags::PROTO1),
    }
    f.insert(match route.kind {
        RouteKind::Unreachable | RouteKind::Prohibit | RouteKind::Throw => RouteFlags::REJECT,
        RouteKind::Blackhole => RouteFlags::BLACKHOLE,
        RouteKind::Broadcast => RouteFlags::BROADCAST,
        RouteKind::Multicast => RouteFlags::MULTICAST,
        RouteKind::Local | RouteKind::Anycast => RouteFlags::LLINFO,
        RouteKind::ExternalResolve => RouteFlags::XRESOLVE,
        _ => RouteFlags::empty(),
    });
    if rtm_flags & RTM_F_CLONED != 0 {
        f.insert(RouteFlags::WASCLONED);
    }
    f
}
