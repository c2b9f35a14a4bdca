//! RTM_NEWNEIGH (struct ndmsg + NDA_* attributes) into [`Neighbor`]: one entry of the ARP
//! (IPv4) or NDP (IPv6) neighbour cache, for netstat -R and -x.
//!
//! Layout (include/uapi/linux/neighbour.h), in host byte order:
//!
//! | offset | size | struct ndmsg field | meaning                                         |
//! |--------|------|--------------------|-------------------------------------------------|
//! | 0      | 1    | ndm_family         | AF_INET (2) or AF_INET6 (10); others are skipped |
//! | 1      | 1    | ndm_pad1           |                                                 |
//! | 2      | 2    | ndm_pad2           |                                                 |
//! | 4      | 4    | ndm_ifindex        | interface index (signed int)                    |
//! | 8      | 2    | ndm_state          | one NUD_* state                                 |
//! | 10     | 1    | ndm_flags          | NTF_* flags: NTF_PROXY 0x08, NTF_ROUTER 0x80     |
//! | 11     | 1    | ndm_type           | route type of the address (unicast, multicast)  |
//!
//! then struct rtattr TLVs (u16 length, u16 type, value, padded to 4 bytes):
//!
//! | type | name          | value                                                        |
//! |------|---------------|--------------------------------------------------------------|
//! | 1    | NDA_DST       | the neighbour's address, 4 or 16 bytes                       |
//! | 2    | NDA_LLADDR    | its link-layer address (device's address length; absent when unresolved) |
//! | 3    | NDA_CACHEINFO | struct nda_cacheinfo: ndm_confirmed, ndm_used, ndm_updated, ndm_refcnt (u32 each) |
//! | 4    | NDA_PROBES    | probes sent (u32)                                            |
//!
//! The three ages of nda_cacheinfo count clock ticks of USER_HZ (100 per second) since the
//! event; they become whole seconds rounded down, as `ip -s neigh` prints them. Linux does
//! not report when an entry expires, so [`Neighbor::expire`] stays `None`. Proxy entries
//! (`ip neigh add proxy`) come only from a dump whose request sets NTF_PROXY in ndm_flags;
//! they carry NUD_NONE and no cache info.
//!
//! NUD_* states: INCOMPLETE 0x01, REACHABLE 0x02, STALE 0x04, DELAY 0x08, PROBE 0x10,
//! FAILED 0x20, NOARP 0x40, PERMANENT 0x80, NONE 0x00. The kernel reports exactly one; any
//! other value becomes [`NeighborState::Other`].

use crate::netlink::nlmsg::{self, attributes};
use rnetstat_core::neighbor::{Neighbor, NeighborState};
use rnetstat_core::{Error, Result};
use std::net::{IpAddr, Ipv4Addr};

/// Message type of a neighbour entry.
pub const RTM_NEWNEIGH: u16 = 28;
/// Message type of a neighbour dump request.
pub const RTM_GETNEIGH: u16 = 30;
/// sizeof(struct ndmsg).
pub const NDMSG_LEN: usize = 12;
/// ndm_flags: a proxy entry (in a request: dump the proxy table).
pub const NTF_PROXY: u8 = 0x08;
/// ndm_flags: the neighbour is a router.
pub const NTF_ROUTER: u8 = 0x80;

/// Linux's user-visible clock tick (USER_HZ) that nda_cacheinfo counts in.
const USER_HZ: u64 = 100;
/// sizeof(struct nda_cacheinfo).
const CACHEINFO_LEN: usize = 16;

const NDA_DST: u16 = 1;
const NDA_LLADDR: u16 = 2;
const NDA_CACHEINFO: u16 = 3;
const NDA_PROBES: u16 = 4;

const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

/// The struct ndmsg of a dump request: every entry of `family` (0: all families); with
/// `flags` [`NTF_PROXY`], the proxy entries instead.
pub fn dump_header(family: u8, flags: u8) -> [u8; NDMSG_LEN] {
    let mut h = [0u8; NDMSG_LEN];
    h[0] = family;
    h[10] = flags;
    h
}

fn bad(detail: impl Into<String>) -> Error {
    Error::decode("RTM_NEWNEIGH message", detail)
}

fn u32_at(v: &[u8], at: usize) -> Result<u32> {
    nlmsg::u32_at(v, at, "RTM_NEWNEIGH message")
}

/// NDA_DST of the entry's family.
fn addr(v: &[u8], family: u8) -> Result<IpAddr> {
    match family {
        AF_INET => nlmsg::ip_addr(v, false),
        AF_INET6 => nlmsg::ip_addr(v, true),
        _ => None,
    }
    .ok_or_else(|| {
        bad(format!(
            "{}-byte NDA_DST in a family {family} entry",
            v.len()
        ))
    })
}

/// The NUD_* value of ndm_state.
fn state(nud: u16) -> NeighborState {
    match nud {
        0x00 => NeighborState::None,
        0x01 => NeighborState::Incomplete,
        0x02 => NeighborState::Reachable,
        0x04 => NeighborState::Stale,
        0x08 => NeighborState::Delay,
        0x10 => NeighborState::Probe,
        0x20 => NeighborState::Failed,
        0x40 => NeighborState::NoArp,
        0x80 => NeighborState::Permanent,
        other => NeighborState::Other(u32::from(other)),
    }
}

/// Clock ticks to whole seconds.
fn seconds(ticks: u32) -> u64 {
    u64::from(ticks) / USER_HZ
}

/// Decode one RTM_NEWNEIGH payload. `ifname` maps an interface index to its name.
/// Families other than inet and inet6 (bridge FDB entries, for one) answer `Ok(None)`.
pub fn decode(payload: &[u8], ifname: &dyn Fn(u32) -> Option<String>) -> Result<Option<Neighbor>> {
    let Some(h) = payload.get(..NDMSG_LEN) else {
        return Err(bad(format!(
            "{} bytes, struct ndmsg needs {NDMSG_LEN}",
            payload.len()
        )));
    };
    let family = h[0];
    if family != AF_INET && family != AF_INET6 {
        return Ok(None);
    }
    let ifindex = i32::from_ne_bytes([h[4], h[5], h[6], h[7]]);
    let ifindex = u32::try_from(ifindex).map_err(|_| bad(format!("interface index {ifindex}")))?;
    let nud = u16::from_ne_bytes([h[8], h[9]]);
    let flags = h[10];
    let mut dst = None;
    let mut n = Neighbor {
        addr: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        lladdr: None,
        ifindex,
        netif: None,
        state: state(nud),
        router: flags & NTF_ROUTER != 0,
        proxy: flags & NTF_PROXY != 0,
        confirmed: None,
        used: None,
        updated: None,
        probes: None,
        refcount: None,
        expire: None,
    };
    for attr in attributes(&payload[NDMSG_LEN..]) {
        let (t, v) = attr?;
        match t {
            NDA_DST => dst = Some(addr(v, family)?),
            // Devices without link-layer addresses send an empty one.
            NDA_LLADDR => n.lladdr = (!v.is_empty()).then(|| v.to_vec()),
            NDA_CACHEINFO => {
                if v.len() < CACHEINFO_LEN {
                    return Err(bad(format!(
                        "NDA_CACHEINFO of {} bytes, struct nda_cacheinfo needs {CACHEINFO_LEN}",
                        v.len()
                    )));
                }
                n.confirmed = Some(seconds(u32_at(v, 0)?));
                n.used = Some(seconds(u32_at(v, 4)?));
                n.updated = Some(seconds(u32_at(v, 8)?));
                n.refcount = Some(u32_at(v, 12)?);
            }
            NDA_PROBES => n.probes = Some(u32_at(v, 0)?),
            _ => {}
        }
    }
    n.addr = dst.ok_or_else(|| bad(format!("entry on interface {ifindex} has no NDA_DST")))?;
    n.netif = ifname(ifindex);
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    //! The messages below are RTM_NEWNEIGH payloads (after the nlmsghdr) captured from a
    //! Linux 6.18 kernel on x86_64, so in little-endian byte order: namespace A with veth
    //! `nbvA` (ifindex 2, 192.0.2.1/24, 2001:db8::1/64) joined to namespace B (peer MAC
    //! 5e:0a:ac:79:ab:d9, 192.0.2.2, 2001:db8::2), after pings from A to B and
    //! `ip neigh add {198.51.100.9,2001:db8::9} lladdr 02:00:00:00:00:09 dev nbvA nud permanent`.
    //! They were read with a raw netlink socket sending RTM_GETNEIGH | NLM_F_DUMP.

    use super::*;
    use proptest::prelude::*;

    const PEER_MAC: [u8; 6] = [0x5e, 0x0a, 0xac, 0x79, 0xab, 0xd9];
    const STATIC_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x09];

    /// 192.0.2.2 REACHABLE, lladdr 5e:0a:ac:79:ab:d9, probes 4, ages 58 ticks, refcnt 1.
    const V4_REACHABLE: [u8; 60] = [
        0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x01, //
        0x08, 0x00, 0x01, 0x00, 0xc0, 0x00, 0x02, 0x02, //
        0x0a, 0x00, 0x02, 0x00, 0x5e, 0x0a, 0xac, 0x79, 0xab, 0xd9, 0x00, 0x00, //
        0x08, 0x00, 0x04, 0x00, 0x04, 0x00, 0x00, 0x00, //
        0x14, 0x00, 0x03, 0x00, 0x3a, 0x00, 0x00, 0x00, 0x3a, 0x00, 0x00, 0x00, 0x3a, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00,
    ];

    /// 198.51.100.9 PERMANENT, lladdr 02:00:00:00:00:09, probes 0, ages 1595 ticks, refcnt 0.
    const V4_PERMANENT: [u8; 60] = [
        0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x01, //
        0x08, 0x00, 0x01, 0x00, 0xc6, 0x33, 0x64, 0x09, //
        0x0a, 0x00, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, //
        0x08, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, //
        0x14, 0x00, 0x03, 0x00, 0x3b, 0x06, 0x00, 0x00, 0x3b, 0x06, 0x00, 0x00, 0x3b, 0x06, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// 192.0.2.99 FAILED (nothing answered): no NDA_LLADDR, probes 6, confirmed 6874 ticks,
    /// used 874, updated 569.
    const V4_FAILED: [u8; 48] = [
        0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x01, //
        0x08, 0x00, 0x01, 0x00, 0xc0, 0x00, 0x02, 0x63, //
        0x08, 0x00, 0x04, 0x00, 0x06, 0x00, 0x00, 0x00, //
        0x14, 0x00, 0x03, 0x00, 0xda, 0x1a, 0x00, 0x00, 0x6a, 0x03, 0x00, 0x00, 0x39, 0x02, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// 2001:db8::2 REACHABLE, lladdr 5e:0a:ac:79:ab:d9, probes 4, confirmed 16 ticks, used
    /// and updated 37, refcnt 1.
    const V6_REACHABLE: [u8; 72] = [
        0x0a, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x01, //
        0x14, 0x00, 0x01, 0x00, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x02, //
        0x0a, 0x00, 0x02, 0x00, 0x5e, 0x0a, 0xac, 0x79, 0xab, 0xd9, 0x00, 0x00, //
        0x08, 0x00, 0x04, 0x00, 0x04, 0x00, 0x00, 0x00, //
        0x14, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x00, 0x25, 0x00, 0x00, 0x00, 0x25, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00,
    ];

    /// The same neighbour after B turned on IPv6 forwarding: its advertisements carry the
    /// router bit, so the entry has NTF_ROUTER. Confirmed 108 ticks, used and updated 129.
    const V6_ROUTER: [u8; 72] = [
        0x0a, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x80, 0x01, //
        0x14, 0x00, 0x01, 0x00, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x02, //
        0x0a, 0x00, 0x02, 0x00, 0x5e, 0x0a, 0xac, 0x79, 0xab, 0xd9, 0x00, 0x00, //
        0x08, 0x00, 0x04, 0x00, 0x04, 0x00, 0x00, 0x00, //
        0x14, 0x00, 0x03, 0x00, 0x6c, 0x00, 0x00, 0x00, 0x81, 0x00, 0x00, 0x00, 0x81, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00,
    ];

    /// 2001:db8::9 PERMANENT, lladdr 02:00:00:00:00:09, ages 828 ticks, refcnt 0.
    const V6_PERMANENT: [u8; 72] = [
        0x0a, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x01, //
        0x14, 0x00, 0x01, 0x00, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x09, //
        0x0a, 0x00, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, //
        0x08, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, //
        0x14, 0x00, 0x03, 0x00, 0x3c, 0x03, 0x00, 0x00, 0x3c, 0x03, 0x00, 0x00, 0x3c, 0x03, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// ff02::16 NOARP (a multicast group: ndm_type RTN_MULTICAST), lladdr 33:33:00:00:00:16.
    const V6_NOARP: [u8; 72] = [
        0x0a, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x05, //
        0x14, 0x00, 0x01, 0x00, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x16, //
        0x0a, 0x00, 0x02, 0x00, 0x33, 0x33, 0x00, 0x00, 0x00, 0x16, 0x00, 0x00, //
        0x08, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, //
        0x14, 0x00, 0x03, 0x00, 0x3a, 0x1b, 0x00, 0x00, 0xca, 0x03, 0x00, 0x00, 0xca, 0x03, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// `ip neigh add proxy 2001:db8::7 dev nbvA`, from a dump requested with NTF_PROXY:
    /// state NUD_NONE, flag NTF_PROXY, NDA_DST alone.
    const V6_PROXY: [u8; 32] = [
        0x0a, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x01, //
        0x14, 0x00, 0x01, 0x00, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x07,
    ];

    const ALL: [&[u8]; 8] = [
        &V4_REACHABLE,
        &V4_PERMANENT,
        &V4_FAILED,
        &V6_REACHABLE,
        &V6_ROUTER,
        &V6_PERMANENT,
        &V6_NOARP,
        &V6_PROXY,
    ];

    fn names(i: u32) -> Option<String> {
        (i == 2).then(|| "nbvA".to_string())
    }

    fn one(payload: &[u8]) -> Neighbor {
        decode(payload, &names).unwrap().unwrap()
    }

    #[test]
    #[cfg_attr(target_endian = "big", ignore = "captured on a little-endian host")]
    fn ipv4_reachable_and_permanent() {
        let n = one(&V4_REACHABLE);
        assert_eq!(n.addr, "192.0.2.2".parse::<IpAddr>().unwrap());
        assert_eq!(n.lladdr.as_deref(), Some(&PEER_MAC[..]));
        assert_eq!((n.ifindex, n.netif.as_deref()), (2, Some("nbvA")));
        assert_eq!(n.state, NeighborState::Reachable);
        assert_eq!(n.state.name(), "reachable");
        assert!(!n.router && !n.proxy);
        assert_eq!(
            (n.confirmed, n.used, n.updated),
            (Some(0), Some(0), Some(0))
        );
        assert_eq!((n.probes, n.refcount, n.expire), (Some(4), Some(1), None));
        assert_eq!(n.family(), rnetstat_core::Family::Inet);

        let p = one(&V4_PERMANENT);
        assert_eq!(p.addr, "198.51.100.9".parse::<IpAddr>().unwrap());
        assert_eq!(p.lladdr.as_deref(), Some(&STATIC_MAC[..]));
        assert_eq!(p.state, NeighborState::Permanent);
        assert_eq!(p.state.name(), "permanent");
        assert!(!p.router && !p.proxy);
        // 1595 ticks of 1/100 s: 15 whole seconds, as `ip -s neigh` prints.
        assert_eq!(
            (p.confirmed, p.used, p.updated),
            (Some(15), Some(15), Some(15))
        );
        assert_eq!((p.probes, p.refcount), (Some(0), Some(0)));
    }

    #[test]
    #[cfg_attr(target_endian = "big", ignore = "captured on a little-endian host")]
    fn ipv4_failed_has_no_link_layer_address() {
        let n = one(&V4_FAILED);
        assert_eq!(n.addr, "192.0.2.99".parse::<IpAddr>().unwrap());
        assert_eq!(n.lladdr, None);
        assert_eq!(n.state, NeighborState::Failed);
        assert_eq!(
            (n.confirmed, n.used, n.updated),
            (Some(68), Some(8), Some(5))
        );
        assert_eq!(n.probes, Some(6));
    }

    #[test]
    #[cfg_attr(target_endian = "big", ignore = "captured on a little-endian host")]
    fn ipv6_reachable_router_permanent_noarp_proxy() {
        let n = one(&V6_REACHABLE);
        assert_eq!(n.addr, "2001:db8::2".parse::<IpAddr>().unwrap());
        assert_eq!(n.lladdr.as_deref(), Some(&PEER_MAC[..]));
        assert_eq!(n.state, NeighborState::Reachable);
        assert!(!n.router && !n.proxy);
        assert_eq!((n.probes, n.refcount), (Some(4), Some(1)));
        assert_eq!(n.family(), rnetstat_core::Family::Inet6);

        let r = one(&V6_ROUTER);
        assert_eq!(r.addr, n.addr);
        assert_eq!(r.state, NeighborState::Reachable);
        assert!(r.router && !r.proxy);
        assert_eq!(
            (r.confirmed, r.used, r.updated),
            (Some(1), Some(1), Some(1))
        );

        let p = one(&V6_PERMANENT);
        assert_eq!(p.addr, "2001:db8::9".parse::<IpAddr>().unwrap());
        assert_eq!(p.lladdr.as_deref(), Some(&STATIC_MAC[..]));
        assert_eq!(p.state, NeighborState::Permanent);
        assert!(!p.router);
        assert_eq!(p.updated, Some(8));

        let m = one(&V6_NOARP);
        assert_eq!(m.addr, "ff02::16".parse::<IpAddr>().unwrap());
        assert_eq!(m.state, NeighborState::NoArp);
        assert_eq!(m.state.name(), "noarp");
        assert_eq!(m.lladdr.as_deref(), Some(&[0x33, 0x33, 0, 0, 0, 0x16][..]));

        let x = one(&V6_PROXY);
        assert_eq!(x.addr, "2001:db8::7".parse::<IpAddr>().unwrap());
        assert_eq!(x.state, NeighborState::None);
        assert!(x.proxy && !x.router);
        assert_eq!(x.lladdr, None);
        assert_eq!((x.confirmed, x.used, x.updated), (None, None, None));
        assert_eq!((x.probes, x.refcount), (None, None));
    }

    #[test]
    fn other_families_states_and_bad_headers() {
        // AF_BRIDGE (7): a forwarding database entry, not a neighbour.
        let mut fdb = V4_REACHABLE;
        fdb[0] = 7;
        assert!(decode(&fdb, &names).unwrap().is_none());
        assert_eq!(state(0x0c), NeighborState::Other(0x0c));
        assert_eq!(state(0x10).name(), "probe");
        // An unknown interface has no name.
        assert_eq!(one(&V6_PROXY[..]).netif.as_deref(), Some("nbvA"));
        assert_eq!(decode(&V6_PROXY, &|_| None).unwrap().unwrap().netif, None);
        // No NDA_DST, a negative ifindex, an IPv6-sized address in an IPv4 entry.
        assert!(decode(&V4_REACHABLE[..NDMSG_LEN], &names).is_err());
        let mut neg = V4_REACHABLE;
        neg[4..8].copy_from_slice(&(-1i32).to_ne_bytes());
        assert!(decode(&neg, &names).is_err());
        let mut mixed = V6_PROXY;
        mixed[0] = AF_INET;
        assert!(decode(&mixed, &names).is_err());
        assert_eq!(
            dump_header(AF_INET6, NTF_PROXY),
            [10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0]
        );
    }

    #[test]
    fn every_truncation_is_an_error_or_a_valid_decode() {
        for msg in ALL {
            let full = decode(msg, &names).unwrap().unwrap();
            for len in 0..msg.len() {
                match decode(&msg[..len], &names) {
                    Err(_) => {}
                    Ok(Some(n)) => {
                        // Only a cut at an attribute boundary after NDA_DST decodes.
                        assert_eq!(n.addr, full.addr, "cut at {len}");
                        assert_eq!(n.state, full.state, "cut at {len}");
                    }
                    Ok(None) => panic!("cut at {len} changed the family"),
                }
            }
            assert!(decode(&msg[..NDMSG_LEN - 1], &names).is_err());
        }
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(
            family in prop_oneof![Just(AF_INET), Just(AF_INET6)],
            bytes in proptest::collection::vec(any::<u8>(), 0..256),
        ) {
            let mut msg = dump_header(family, 0).to_vec();
            msg.extend(bytes);
            let _ = decode(&msg, &names);
        }
    }
}
