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
//!
//! Routes are the one table that runs to millions of entries, so this decoder walks the
//! attributes itself instead of going through netlink-packet-route's `RouteMessage`, which
//! builds a vector of parsed attributes per route: measured on 1,000,000 routes, that parse
//! and its allocations were a third of `rnetstat -rn`'s time. Links and addresses, a few per
//! interface, keep using netlink-packet-route.
//!
//! Layout (include/uapi/linux/rtnetlink.h): struct rtmsg is family, dst_len, src_len, tos,
//! table, protocol, scope, type (u8 each) and flags (u32), then struct rtattr TLVs. RTA_METRICS
//! nests RTAX_* u32 values; RTA_MULTIPATH holds struct rtnexthop records (len u16, flags u8,
//! hops u8, ifindex i32) each followed by its own attributes; RTA_VIA is a u16 family and the
//! address; RTA_CACHEINFO is struct rta_cacheinfo (clntref, lastuse, expires, error, used, id,
//! ts, tsage; 32 bits each). RTA_PRIORITY is left out by the kernel for an IPv4 route of
//! metric 0, so a route without it has priority 0. RTA_NH_ID (u32) names the next-hop object
//! or group (`ip nexthop`) a route uses; the kernel still expands it into RTA_GATEWAY/RTA_OIF
//! or RTA_MULTIPATH (unless net.ipv4.nexthop_compat_mode is 0), but the paths of a group carry
//! no id of their own. The low byte of rtm_flags holds the RTNH_F_* flags of a single-path
//! route, as rtnh_flags does for each path of RTA_MULTIPATH.

use crate::netlink::nlmsg::{self, attributes};
use rnetstat_core::{
    is_scoped, Destination, Error, Family, Gateway, NextHop, NextHops, Result, Route, RouteFlags,
    RouteKind, RouteMetrics,
};
use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

/// Linux's user-visible clock tick (USER_HZ) that rta_expires counts in.
const USER_HZ: u64 = 100;
/// RTM_F_CLONED.
const RTM_F_CLONED: u32 = 0x200;
/// RTNH_F_DEAD and RTNH_F_LINKDOWN: the path cannot be used.
const RTNH_F_DOWN: u8 = 1 | 16;
/// RTNH_F_ONLINK: the gateway is on the link whatever its address.
const RTNH_F_ONLINK: u8 = 4;
/// sizeof(struct rtmsg).
const RTMSG_LEN: usize = 12;
/// sizeof(struct rtnexthop).
const RTNH_LEN: usize = 8;

const RTA_DST: u16 = 1;
const RTA_SRC: u16 = 2;
const RTA_OIF: u16 = 4;
const RTA_GATEWAY: u16 = 5;
const RTA_PRIORITY: u16 = 6;
const RTA_PREFSRC: u16 = 7;
const RTA_METRICS: u16 = 8;
const RTA_MULTIPATH: u16 = 9;
const RTA_CACHEINFO: u16 = 12;
const RTA_TABLE: u16 = 15;
const RTA_VIA: u16 = 18;
const RTA_NH_ID: u16 = 30;

const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

fn bad(detail: impl Into<String>) -> Error {
    Error::decode("RTM_NEWROUTE message", detail)
}

fn u32_at(v: &[u8], at: usize) -> Result<u32> {
    nlmsg::u32_at(v, at, "RTM_NEWROUTE message")
}

/// An address attribute of the route's family.
fn addr(v: &[u8], family: Family) -> Result<IpAddr> {
    match family {
        Family::Inet => nlmsg::ip_addr(v, false),
        Family::Inet6 => nlmsg::ip_addr(v, true),
        _ => None,
    }
    .ok_or_else(|| bad(format!("{}-byte address in an {family} route", v.len())))
}

/// RTA_VIA: a gateway of another family (IPv4 routes through IPv6 next hops).
fn via(v: &[u8]) -> Result<Gateway> {
    if v.len() < 2 {
        return Err(bad("RTA_VIA shorter than its family"));
    }
    let family = u16::from_ne_bytes([v[0], v[1]]);
    let fam = match family {
        2 => Family::Inet,
        10 => Family::Inet6,
        other => return Err(bad(format!("RTA_VIA of family {other}"))),
    };
    Ok(Gateway::Address(addr(&v[2..], fam)?))
}

/// Decode one RTM_NEWROUTE payload. `ifname` maps an interface index to its name.
/// Families other than inet and inet6 answer `Ok(None)`.
pub fn decode(payload: &[u8], ifname: &dyn Fn(u32) -> Option<Arc<str>>) -> Result<Option<Route>> {
    let mut route = blank(Family::Inet);
    Ok(decode_into(payload, ifname, &mut route)?.then_some(route))
}

/// A route with nothing known yet, to decode into.
pub fn blank(family: Family) -> Route {
    Route {
        family,
        table: 0,
        destination: Destination {
            addr: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            prefix_len: 0,
            zone: None,
        },
        source: None,
        nexthops: NextHops::new(),
        flags: RouteFlags::empty(),
        kind: RouteKind::Unicast,
        refs: None,
        use_count: None,
        expire: None,
        metrics: RouteMetrics::default(),
        protocol: None,
        priority: None,
        nexthop_id: None,
        pref_src: None,
    }
}

/// [`decode`] into `route`, overwriting every field, so a stream of a million routes reuses
/// one value instead of building, moving and dropping one per route. Answers false (and
/// leaves `route` unspecified) for families other than inet and inet6.
pub fn decode_into(
    payload: &[u8],
    ifname: &dyn Fn(u32) -> Option<Arc<str>>,
    route: &mut Route,
) -> Result<bool> {
    let Some(h) = payload.get(..RTMSG_LEN) else {
        return Err(bad(format!(
            "{} bytes, struct rtmsg needs {RTMSG_LEN}",
            payload.len()
        )));
    };
    let family = match h[0] {
        AF_INET => Family::Inet,
        AF_INET6 => Family::Inet6,
        _ => return Ok(false),
    };
    let (dst_len, src_len, table, protocol, kind) = (h[1], h[2], h[4], h[5], h[7]);
    let rtm_flags = u32::from_ne_bytes([h[8], h[9], h[10], h[11]]);
    let max_len = if family == Family::Inet { 32 } else { 128 };
    if dst_len > max_len || src_len > max_len {
        return Err(bad("prefix length beyond the address size"));
    }
    let unspecified = match family {
        Family::Inet => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        _ => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    };
    route.family = family;
    route.table = u32::from(table);
    route.destination = Destination {
        addr: unspecified,
        prefix_len: dst_len,
        zone: None,
    };
    route.source = None;
    route.nexthops.clear();
    route.kind = route_kind(kind);
    route.refs = None;
    route.use_count = None;
    route.expire = None;
    route.metrics = RouteMetrics::default();
    route.protocol = Some(protocol_name(protocol));
    route.priority = Some(0);
    route.nexthop_id = None;
    route.pref_src = None;
    let mut single = NextHop::none();
    let mut multipath: Option<&[u8]> = None;
    for attr in attributes(&payload[RTMSG_LEN..]) {
        let (t, v) = attr?;
        match t {
            RTA_DST => route.destination.addr = addr(v, family)?,
            RTA_SRC => {
                route.source = Some(Destination {
                    addr: addr(v, family)?,
                    prefix_len: src_len,
                    zone: None,
                })
            }
            RTA_GATEWAY => single.gateway = Gateway::Address(addr(v, family)?),
            RTA_VIA => single.gateway = via(v)?,
            RTA_OIF => single.ifindex = Some(u32_at(v, 0)?),
            RTA_TABLE => route.table = u32_at(v, 0)?,
            RTA_PRIORITY => route.priority = Some(u32_at(v, 0)?),
            RTA_NH_ID => route.nexthop_id = Some(u32_at(v, 0)?),
            RTA_PREFSRC => route.pref_src = Some(addr(v, family)?),
            RTA_MULTIPATH => multipath = Some(v),
            RTA_METRICS => route.metrics = metrics(v)?,
            RTA_CACHEINFO => {
                route.refs = Some(u32_at(v, 0)?.into());
                route.use_count = Some(u32_at(v, 16)?.into());
                let expires = u32_at(v, 8)?;
                if expires != 0 {
                    // A negative (already expired) value is shown as 0 seconds left.
                    let ticks = u64::try_from(expires as i32).unwrap_or(0);
                    route.expire = Some(ticks.div_ceil(USER_HZ));
                }
            }
            _ => {}
        }
    }
    // Reject and blackhole routes forward nowhere; the kernel hangs IPv6 ones on `lo`, which
    // would only mislead (BSD shows no interface for them either).
    let rejecting = matches!(
        route.kind,
        RouteKind::Blackhole | RouteKind::Unreachable | RouteKind::Prohibit | RouteKind::Throw
    );
    match multipath {
        _ if rejecting => {}
        Some(v) => next_hops(v, family, &mut route.nexthops)?,
        None => {
            single.up = rtm_flags & u32::from(RTNH_F_DOWN) == 0;
            single.onlink = Some(rtm_flags & u32::from(RTNH_F_ONLINK) != 0);
            // A route through one next-hop object: its path is that object.
            single.id = route.nexthop_id;
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
        // Linux keeps link-local routes per device: an address's zone is the next hop's device.
        if matches!(nh.gateway, Gateway::Address(a) if is_scoped(a)) {
            nh.zone = nh.netif.clone();
        }
    }
    if is_scoped(route.destination.addr) {
        route.destination.zone = route.nexthops.first().and_then(|n| n.netif.clone());
    }
    route.flags = flags(route, protocol, rtm_flags);
    Ok(true)
}

/// The struct rtnexthop records of RTA_MULTIPATH.
fn next_hops(mut v: &[u8], family: Family, out: &mut NextHops) -> Result<()> {
    while !v.is_empty() {
        if v.len() < RTNH_LEN {
            return Err(bad("truncated struct rtnexthop"));
        }
        let len = usize::from(u16::from_ne_bytes([v[0], v[1]]));
        if !(RTNH_LEN..=v.len()).contains(&len) {
            return Err(bad(format!(
                "rtnexthop length {len} does not fit {} bytes",
                v.len()
            )));
        }
        let mut nh = NextHop {
            gateway: Gateway::None,
            ifindex: Some(u32_at(v, 4)?),
            netif: None,
            zone: None,
            id: None,
            weight: Some(u32::from(v[3]) + 1),
            onlink: Some(v[2] & RTNH_F_ONLINK != 0),
            up: v[2] & RTNH_F_DOWN == 0,
        };
        for attr in attributes(&v[RTNH_LEN..len]) {
            let (t, a) = attr?;
            match t {
                RTA_GATEWAY => nh.gateway = Gateway::Address(addr(a, family)?),
                RTA_VIA => nh.gateway = via(a)?,
                _ => {}
            }
        }
        out.push(nh);
        v = &v[crate::netlink::nlmsg::align(len).min(v.len())..];
    }
    Ok(())
}

/// RTA_METRICS: nested RTAX_* attributes, u32 each (RTAX_CC_ALGO, a string, is skipped).
fn metrics(v: &[u8]) -> Result<RouteMetrics> {
    let mut out = RouteMetrics::default();
    for attr in attributes(v) {
        let (t, m) = attr?;
        if t == 16 {
            continue;
        }
        let x = u32_at(m, 0)?;
        match t {
            2 => out.mtu = Some(x),
            3 => out.window = Some(x),
            // The kernel keeps rtt in units of 1/8 ms and rttvar in 1/4 ms.
            4 => out.rtt_us = Some(u64::from(x) * 125),
            5 => out.rttvar_us = Some(u64::from(x) * 250),
            6 => out.ssthresh = Some(x),
            7 => out.cwnd = Some(x),
            8 => out.advmss = Some(x),
            10 => out.hopcount = Some(x),
            _ => {}
        }
    }
    Ok(out)
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
pub fn protocol_name(p: u8) -> Cow<'static, str> {
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
        other => return Cow::Owned(other.to_string()),
    };
    Cow::Borrowed(name)
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
