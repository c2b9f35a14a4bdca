//! FreeBSD's multicast router, as the sysctls of `netstat -g` / `-gs` answer (FreeBSD 14,
//! sys/netinet/ip_mroute.c, sys/netinet6/ip6_mroute.c; layouts from netinet/ip_mroute.h and
//! netinet6/ip6_mroute.h, LP64):
//!
//! - `net.inet.ip.viftable`: [`MAXVIFS`] records of struct vif cut at MROUTE_VIF_SYSCTL_LEN
//!   (56 bytes: v_flags u8 @0, v_threshold u8 @1, v_lcl_addr @4, v_rmt_addr @8, v_ifp @16,
//!   then u_long v_pkt_in, v_pkt_out, v_bytes_in, v_bytes_out from 24); a slot whose local
//!   address is 0 is free. Empty while no router runs.
//! - `net.inet.ip.mfctable`: one whole struct mfc (176 bytes) per cache entry: mfc_origin @16,
//!   mfc_mcastgrp @20, vifi_t mfc_parent @24, u_char mfc_ttls[MAXVIFS] @26, u_long
//!   mfc_pkt_cnt @64, mfc_byte_cnt @72, mfc_wrong_if @80; the rest (hash links, assert time,
//!   RP, bandwidth meters, stall ring) are kernel pointers and state netstat reads with kvm.
//! - `net.inet6.ip6.mif6table`: [`MAXMIFS`] struct mif6_sctl (64 bytes: m6_flags u8 @0,
//!   m6_rate_limit u32 @4, m6_lcl_addr @8, m6_ifp = interface index u32 @24, u_quad_t
//!   counters from 32); a slot with m6_ifp 0 is free.
//! - `net.inet6.ip6.mf6ctable`: the hash table `struct mf6c *[MF6CTBLSIZ]` itself, kernel
//!   addresses only: the entries are not exported, so only the buckets in use are counted.
//! - `net.inet.ip.mrtstat`, `net.inet6.ip6.mrt6stat`: struct mrtstat / mrt6stat, 13
//!   uint64_t counters in the same order.

use crate::os::{Assumption, Os};
use crate::wire::bytes::{records, Rec};
use rnetstat_core::{Counter, Error, Family, Mfc, Result, StatGroup, Vif};
use std::net::IpAddr;

/// Slots of the IPv4 vif table.
pub const MAXVIFS: usize = 32;
/// Slots of the IPv6 mif table.
pub const MAXMIFS: usize = 64;
/// Buckets of the IPv6 forwarding cache.
pub const MF6CTBLSIZ: usize = 256;
/// VIFF_TUNNEL: the vif has a remote address.
pub const VIFF_TUNNEL: u32 = 0x1;
/// VIFF_REGISTER: the PIM register vif.
pub const VIFF_REGISTER: u32 = 0x4;
/// MIFF_REGISTER: the PIM register mif.
pub const MIFF_REGISTER: u32 = 0x1;

/// sizeof what sysctl_viflist() sends per vif (MROUTE_VIF_SYSCTL_LEN).
const VIF_LEN: usize = 56;
/// sizeof(struct mfc).
const MFC_LEN: usize = 176;
/// sizeof(struct mif6_sctl).
const MIF_LEN: usize = 64;
/// sizeof(struct mrtstat) = sizeof(struct mrt6stat).
const MRTSTAT_LEN: usize = 104;

/// The vifs in use, by index; their `netif` is left to the caller.
pub fn vifs(buf: &[u8]) -> Result<Vec<Vif>> {
    let mut out = Vec::new();
    for (index, r) in records(buf, VIF_LEN, "net.inet.ip.viftable")?.enumerate() {
        let local = r.ip4(4)?;
        if local.is_unspecified() {
            continue;
        }
        let flags = u32::from(r.u8(0)?);
        out.push(Vif {
            family: Family::Inet,
            index: index as u32,
            netif: None,
            local: Some(IpAddr::V4(local)),
            remote: (flags & VIFF_TUNNEL != 0).then_some(IpAddr::V4(r.ip4(8)?)),
            threshold: Some(u32::from(r.u8(1)?)),
            rate_limit: None,
            flags,
            pkts_in: r.u64(24)?,
            pkts_out: r.u64(32)?,
            bytes_in: r.u64(40)?,
            bytes_out: r.u64(48)?,
        });
    }
    Ok(out)
}

/// The IPv4 forwarding cache, each entry's output vifs those with a TTL threshold.
pub fn mfcs(buf: &[u8]) -> Result<Vec<Mfc>> {
    let mut out = Vec::new();
    for r in records(buf, MFC_LEN, "net.inet.ip.mfctable")? {
        let ttls = r.bytes(26, MAXVIFS)?;
        out.push(Mfc {
            family: Family::Inet,
            origin: IpAddr::V4(r.ip4(16)?),
            group: IpAddr::V4(r.ip4(20)?),
            iif: Some(u32::from(r.u16(24)?)),
            packets: r.u64(64)?,
            bytes: r.u64(72)?,
            wrong_if: r.u64(80)?,
            oifs: ttls
                .iter()
                .enumerate()
                .filter(|(_, t)| **t > 0)
                .map(|(v, t)| (v as u32, u32::from(*t)))
                .collect(),
            table: None,
            idle: None,
        });
    }
    Ok(out)
}

/// One mif in use with the index of its interface (the register mif's own interface for a
/// MIFF_REGISTER mif).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mif {
    /// m6_ifp: the interface index.
    pub ifindex: u32,
    /// The mif; `netif` is left to the caller.
    pub vif: Vif,
}

/// The IPv6 mifs in use, by index.
pub fn mifs(buf: &[u8]) -> Result<Vec<Mif>> {
    let mut out = Vec::new();
    for (index, r) in records(buf, MIF_LEN, "net.inet6.ip6.mif6table")?.enumerate() {
        let ifindex = r.u32(24)?;
        if ifindex == 0 {
            continue;
        }
        let local = r.ip6(8)?;
        out.push(Mif {
            ifindex,
            vif: Vif {
                family: Family::Inet6,
                index: index as u32,
                netif: None,
                local: (!local.is_unspecified()).then_some(IpAddr::V6(local)),
                remote: None,
                threshold: None,
                rate_limit: Some(r.u32(4)?),
                flags: u32::from(r.u8(0)?),
                pkts_in: r.u64(32)?,
                pkts_out: r.u64(40)?,
                bytes_in: r.u64(48)?,
                bytes_out: r.u64(56)?,
            },
        });
    }
    Ok(out)
}

/// How many buckets of the IPv6 forwarding cache hold entries (the sysctl gives only their
/// kernel addresses).
pub fn mf6c_buckets(buf: &[u8]) -> Result<u64> {
    let mut n = 0;
    for r in records(buf, 8, "net.inet6.ip6.mf6ctable")? {
        if r.u64(0)? != 0 {
            n += 1;
        }
    }
    Ok(n)
}

/// struct mrtstat's fields in the order netstat -gs prints them: (offset, name, description
/// with its plural marker, see [`Counter::write_text`]).
const MRTSTAT: [(usize, &str, &str); 13] = [
    (0, "mfc_lookups", "{} multicast forwarding cache lookup{s}"),
    (8, "mfc_misses", "{} multicast forwarding cache miss{es}"),
    (16, "upcalls", "{} upcall{s} to multicast routing daemon"),
    (56, "upq_ovflw", "{} upcall queue overflow{s}"),
    (
        96,
        "upq_sockfull",
        "{} upcall{s} dropped due to full socket buffer",
    ),
    (64, "cache_cleanups", "{} cache cleanup{s}"),
    (24, "no_route", "{} datagram{s} with no route for origin"),
    (
        32,
        "bad_tunnel",
        "{} datagram{s} arrived with bad tunneling",
    ),
    (40, "cant_tunnel", "{} datagram{s} could not be tunneled"),
    (48, "wrong_if", "{} datagram{s} arrived on wrong interface"),
    (72, "drop_sel", "{} datagram{s} selectively dropped"),
    (
        80,
        "q_overflow",
        "{} datagram{s} dropped due to queue overflow",
    ),
    (
        88,
        "pkt2large",
        "{} datagram{s} dropped for being too large",
    ),
];

/// `net.inet.ip.mrtstat` (Inet) or `net.inet6.ip6.mrt6stat` (Inet6) as the section netstat
/// -gs prints ("IPv4 multicast forwarding"), counters named `mrts_*` / `mrt6s_*`.
pub fn mrtstat(buf: &[u8], family: Family) -> Result<StatGroup> {
    let (what, prefix, title) = match family {
        Family::Inet6 => (
            "net.inet6.ip6.mrt6stat",
            "mrt6s_",
            "IPv6 multicast forwarding",
        ),
        _ => ("net.inet.ip.mrtstat", "mrts_", "IPv4 multicast forwarding"),
    };
    if buf.len() < MRTSTAT_LEN || !buf.len().is_multiple_of(8) {
        return Err(Error::decode(
            what,
            format!("{} bytes, expected {MRTSTAT_LEN}", buf.len()),
        ));
    }
    let r = Rec::new(buf, what);
    let mut counters = Vec::with_capacity(MRTSTAT.len());
    for (at, name, description) in MRTSTAT {
        counters.push(Counter::new(
            &format!("{prefix}{name}"),
            r.u64(at)?,
            description,
        ));
    }
    Ok(StatGroup {
        protocol: title.to_string(),
        counters,
    })
}

/// The layout this module assumes, against the FreeBSD headers (none on macOS, which has no
/// multicast router sysctls).
pub fn assumptions(os: Os) -> Vec<Assumption> {
    if os != Os::FreeBsd {
        return Vec::new();
    }
    let mut v: Vec<Assumption> = Vec::new();
    let mut one = |key: &str, value: usize| v.push((vec![key.to_string()], value as u64));
    for (k, at) in [
        ("sizeof vif", VIF_LEN),
        ("offsetof vif v_flags", 0),
        ("offsetof vif v_threshold", 1),
        ("offsetof vif v_lcl_addr", 4),
        ("offsetof vif v_rmt_addr", 8),
        ("offsetof vif v_pkt_in", 24),
        ("offsetof vif v_pkt_out", 32),
        ("offsetof vif v_bytes_in", 40),
        ("offsetof vif v_bytes_out", 48),
        ("sizeof mfc", MFC_LEN),
        ("offsetof mfc mfc_origin", 16),
        ("offsetof mfc mfc_mcastgrp", 20),
        ("offsetof mfc mfc_parent", 24),
        ("offsetof mfc mfc_ttls", 26),
        ("offsetof mfc mfc_pkt_cnt", 64),
        ("offsetof mfc mfc_byte_cnt", 72),
        ("offsetof mfc mfc_wrong_if", 80),
        ("sizeof mif6_sctl", MIF_LEN),
        ("offsetof mif6_sctl m6_flags", 0),
        ("offsetof mif6_sctl m6_rate_limit", 4),
        ("offsetof mif6_sctl m6_lcl_addr", 8),
        ("offsetof mif6_sctl m6_ifp", 24),
        ("offsetof mif6_sctl m6_pkt_in", 32),
        ("offsetof mif6_sctl m6_pkt_out", 40),
        ("offsetof mif6_sctl m6_bytes_in", 48),
        ("offsetof mif6_sctl m6_bytes_out", 56),
        ("sizeof mrtstat", MRTSTAT_LEN),
        ("sizeof mrt6stat", MRTSTAT_LEN),
        ("const MAXVIFS", MAXVIFS),
        ("const MAXMIFS", MAXMIFS),
        ("const MF6CTBLSIZ", MF6CTBLSIZ),
        ("const VIFF_TUNNEL", VIFF_TUNNEL as usize),
        ("const VIFF_REGISTER", VIFF_REGISTER as usize),
        ("const MIFF_REGISTER", MIFF_REGISTER as usize),
    ] {
        one(k, at);
    }
    for (at, name, ..) in MRTSTAT {
        one(&format!("offsetof mrtstat mrts_{name}"), at);
        one(&format!("offsetof mrt6stat mrt6s_{name}"), at);
    }
    v
}

/// The router's tables from `source`: a family whose vif (mif) table sysctl is missing has no
/// multicast routing in this kernel (ip_mroute / ip6_mroute not loaded). `interfaces` names
/// the vifs: by local address for IPv4 (`register_vif` for the register vif), by index for
/// IPv6 (`reg0` for the register mif, as netstat prints it). As netstat, an entry's output
/// vifs stop at the highest vif in use.
pub fn routing(
    source: &mut dyn crate::source::Source,
    interfaces: &[rnetstat_core::Interface],
) -> Result<rnetstat_core::MulticastRouting> {
    let mut r = rnetstat_core::MulticastRouting::default();
    if let Some(buf) = source.named_opt("net.inet.ip.viftable", &[])? {
        r.families.push(Family::Inet);
        let mut vifs = vifs(&buf)?;
        for v in &mut vifs {
            v.netif = if v.flags & VIFF_REGISTER != 0 {
                Some("register_vif".into())
            } else {
                interfaces
                    .iter()
                    .find(|i| i.addresses.iter().any(|a| Some(a.addr) == v.local))
                    .map(|i| i.name.clone())
            };
        }
        let max = vifs.iter().map(|v| v.index).max().unwrap_or(0);
        if let Some(buf) = source.named_opt("net.inet.ip.mfctable", &[])? {
            for mut m in mfcs(&buf)? {
                m.oifs.retain(|(v, _)| *v <= max);
                r.mfc.push(m);
            }
        }
        r.vifs.extend(vifs);
    }
    if let Some(buf) = source.named_opt("net.inet6.ip6.mif6table", &[])? {
        r.families.push(Family::Inet6);
        for Mif { ifindex, mut vif } in mifs(&buf)? {
            vif.netif = if vif.flags & MIFF_REGISTER != 0 {
                Some("reg0".into())
            } else {
                interfaces
                    .iter()
                    .find(|i| i.index == ifindex)
                    .map(|i| i.name.clone())
            };
            r.vifs.push(vif);
        }
        if let Some(buf) = source.named_opt("net.inet6.ip6.mf6ctable", &[])? {
            let n = mf6c_buckets(&buf)?;
            if n > 0 {
                r.mfc_unexported.push((Family::Inet6, n));
            }
        }
    }
    Ok(r)
}

/// `-gs`: the multicast forwarding statistics of each family whose kernel routes multicast.
pub fn stats(source: &mut dyn crate::source::Source) -> Result<Vec<StatGroup>> {
    let mut out = Vec::new();
    for (name, family) in [
        ("net.inet.ip.mrtstat", Family::Inet),
        ("net.inet6.ip6.mrt6stat", Family::Inet6),
    ] {
        if let Some(buf) = source.named_opt(name, &[])? {
            out.push(mrtstat(&buf, family)?);
        }
    }
    Ok(out)
}
