//! The multicast router's forwarding cache over rtnetlink (RTNL_FAMILY_IPMR and IP6MR dumps):
//! what procfs lacks, the table of each entry and the time since it was last used.

use crate::netlink::nlmsg;
use rnetstat_core::{Error, Result};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Clock ticks per second of RTA_EXPIRES (USER_HZ).
const USER_HZ: u64 = 100;

/// One entry of an RTNL_FAMILY_IPMR / IP6MR dump: (table, origin, group, iif ifindex, oif
/// ifindexes with TTLs, packets, bytes, wrong_if, seconds since last use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetlinkMfc {
    /// RTA_TABLE.
    pub table: u32,
    /// RTA_SRC.
    pub origin: IpAddr,
    /// RTA_DST.
    pub group: IpAddr,
    /// RTA_IIF: the input interface's index.
    pub iif_ifindex: Option<u32>,
    /// RTA_MULTIPATH: output interface indexes with their TTL thresholds (rtnh_hops).
    pub oifs: Vec<(u32, u32)>,
    /// RTA_MFC_STATS: packets, bytes, wrong_if.
    pub stats: Option<(u64, u64, u64)>,
    /// RTA_EXPIRES, which for the multicast families holds the time since the entry was last
    /// used, in seconds.
    pub idle: Option<u64>,
}

/// Decode one RTM_NEWROUTE of the multicast families (struct rtmsg, family 128 or 129; then
/// RTA_TABLE, RTA_SRC, RTA_DST, RTA_IIF, RTA_MULTIPATH of struct rtnexthop whose hops is the TTL
/// threshold, RTA_MFC_STATS of three u64, RTA_EXPIRES a u64 in clock ticks since the entry's last use).
pub fn decode_mroute(payload: &[u8]) -> Result<NetlinkMfc> {
    const WHAT: &str = "multicast RTM_NEWROUTE message";
    let h = payload.get(..12).ok_or_else(|| {
        Error::decode(
            WHAT,
            format!("{} bytes, struct rtmsg needs 12", payload.len()),
        )
    })?;
    let v6 = match h[0] {
        128 => false,
        129 => true,
        other => return Err(Error::decode(WHAT, format!("family {other}"))),
    };
    let addr = |v: &[u8]| -> Result<IpAddr> {
        match (v6, v.len()) {
            (false, 4) => Ok(IpAddr::V4(Ipv4Addr::new(v[0], v[1], v[2], v[3]))),
            (true, 16) => {
                let mut a = [0u8; 16];
                a.copy_from_slice(v);
                Ok(IpAddr::V6(Ipv6Addr::from(a)))
            }
            (_, n) => Err(Error::decode(WHAT, format!("{n}-byte address"))),
        }
    };
    let u32_of = |v: &[u8]| -> Result<u32> {
        v.get(..4)
            .map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| Error::decode(WHAT, "short 32-bit attribute"))
    };
    let u64_of = |v: &[u8], at: usize| -> Result<u64> {
        v.get(at..at + 8)
            .map(|b| u64::from_ne_bytes(b.try_into().expect("8 bytes")))
            .ok_or_else(|| Error::decode(WHAT, "short 64-bit attribute"))
    };
    let mut e = NetlinkMfc {
        table: u32::from(h[4]),
        origin: if v6 {
            IpAddr::V6(Ipv6Addr::UNSPECIFIED)
        } else {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        },
        group: if v6 {
            IpAddr::V6(Ipv6Addr::UNSPECIFIED)
        } else {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        },
        iif_ifindex: None,
        oifs: Vec::new(),
        stats: None,
        idle: None,
    };
    for attr in nlmsg::attributes(&payload[12..]) {
        let (t, v) = attr?;
        match t {
            1 => e.group = addr(v)?,
            2 => e.origin = addr(v)?,
            3 => e.iif_ifindex = Some(u32_of(v)?),
            15 => e.table = u32_of(v)?,
            9 => {
                let mut rest = v;
                while rest.len() >= 8 {
                    let len = usize::from(u16::from_ne_bytes([rest[0], rest[1]]));
                    if !(8..=rest.len()).contains(&len) {
                        return Err(Error::decode(WHAT, format!("rtnexthop length {len}")));
                    }
                    e.oifs.push((u32_of(&rest[4..8])?, u32::from(rest[3])));
                    rest = &rest[nlmsg::align(len).min(rest.len())..];
                }
                if !rest.is_empty() {
                    return Err(Error::decode(WHAT, "truncated rtnexthop"));
                }
            }
            17 => e.stats = Some((u64_of(v, 0)?, u64_of(v, 8)?, u64_of(v, 16)?)),
            23 => e.idle = Some(u64_of(v, 0)? / USER_HZ),
            _ => {}
        }
    }
    Ok(e)
}
