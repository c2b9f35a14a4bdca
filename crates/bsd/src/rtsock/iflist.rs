//! Interfaces from NET_RT_IFLIST (FreeBSD: struct if_msghdr with struct if_data, then a
//! struct ifa_msghdr per address), FreeBSD's NET_RT_IFLISTL (struct if_msghdrl, then a struct
//! ifa_msghdrl per address whose own struct if_data holds the address's packet and byte
//! counts; each message says where its if_data and its sockaddrs start) and NET_RT_IFLIST2
//! (macOS: struct if_msghdr2 with struct if_data64 and the send queue, struct ifa_msghdr per
//! address, and struct ifma_msghdr2 per multicast membership).
//!
//! The interface's name and link-layer address are its RTA_IFP sockaddr_dl; an address
//! message carries RTA_NETMASK, RTA_IFA and, for broadcast or point-to-point links, RTA_BRD.

use crate::os::{Counter, Os, IFL_DATA_OFF, IFL_LEN, LINK_STATE_DOWN, LINK_STATE_UP, RTA_IFP};
use crate::wire::msg::{messages, Msg};
use crate::wire::sockaddr::{self, prefix_len, Sockaddr};
use rnetstat_core::{
    AddrCounters, Error, GroupAddr, IfAddress, IfCounters, IfFlags, Interface, LinkState,
    Membership, Result, SendQueue,
};
use std::net::IpAddr;

const WHAT: &str = "interface list (NET_RT_IFLIST)";

/// BSD IFF_* bits and the core flag of each: (FreeBSD name, macOS name, value, flag).
/// FreeBSD calls RUNNING and OACTIVE IFF_DRV_RUNNING and IFF_DRV_OACTIVE.
pub const IFF_MAP: &[(&str, &str, u32, IfFlags)] = &[
    ("IFF_UP", "IFF_UP", 0x1, IfFlags::UP),
    ("IFF_BROADCAST", "IFF_BROADCAST", 0x2, IfFlags::BROADCAST),
    ("IFF_DEBUG", "IFF_DEBUG", 0x4, IfFlags::DEBUG),
    ("IFF_LOOPBACK", "IFF_LOOPBACK", 0x8, IfFlags::LOOPBACK),
    (
        "IFF_POINTOPOINT",
        "IFF_POINTOPOINT",
        0x10,
        IfFlags::POINTOPOINT,
    ),
    ("IFF_DRV_RUNNING", "IFF_RUNNING", 0x40, IfFlags::RUNNING),
    ("IFF_NOARP", "IFF_NOARP", 0x80, IfFlags::NOARP),
    ("IFF_PROMISC", "IFF_PROMISC", 0x100, IfFlags::PROMISC),
    ("IFF_ALLMULTI", "IFF_ALLMULTI", 0x200, IfFlags::ALLMULTI),
    ("IFF_DRV_OACTIVE", "IFF_OACTIVE", 0x400, IfFlags::OACTIVE),
    ("IFF_SIMPLEX", "IFF_SIMPLEX", 0x800, IfFlags::SIMPLEX),
    ("IFF_MULTICAST", "IFF_MULTICAST", 0x8000, IfFlags::MULTICAST),
];

/// The interfaces of an interface-list answer, and (macOS) the memberships it carries.
#[derive(Debug, Default)]
pub struct IfList {
    /// Interfaces in kernel order, with their addresses.
    pub interfaces: Vec<Interface>,
    /// Multicast memberships (macOS RTM_NEWMADDR2 messages).
    pub memberships: Vec<Membership>,
}

/// Decode a whole NET_RT_IFLIST (macOS NET_RT_IFLIST2) answer.
pub fn decode(os: Os, buf: &[u8]) -> Result<IfList> {
    decode_form(os, buf, false)
}

/// Decode a whole FreeBSD NET_RT_IFLISTL answer (if_msghdrl and ifa_msghdrl messages).
pub fn decode_extended(buf: &[u8]) -> Result<IfList> {
    decode_form(Os::FreeBsd, buf, true)
}

/// Where the sockaddrs and the struct if_data of a message start: the layout's fixed places,
/// or in an extensible message the places its header names (which must lie past the fields
/// that name them).
fn places(msg: &Msg<'_>, fixed: (usize, usize), extended: bool) -> Result<(usize, usize)> {
    if !extended {
        return Ok(fixed);
    }
    let header = usize::from(msg.u16(IFL_LEN, WHAT)?);
    let data = usize::from(msg.u16(IFL_DATA_OFF, WHAT)?);
    let least = IFL_DATA_OFF + 2;
    if header < least || data < least {
        return Err(Error::decode(
            WHAT,
            format!("extensible message gives header length {header} and data offset {data}"),
        ));
    }
    Ok((header, data))
}

fn decode_form(os: Os, buf: &[u8], extended: bool) -> Result<IfList> {
    let l = os.if_layout();
    let mut list = IfList::default();
    for msg in messages(buf, WHAT) {
        let msg = msg?;
        if msg.kind == l.if_type {
            list.interfaces.push(interface(os, &msg, extended)?);
        } else if msg.kind == crate::os::RTM_NEWADDR {
            let index = u32::from(msg.u16(l.index, WHAT)?);
            if let Some((addr, prefix_len, other, counters)) = address(os, &msg, extended)? {
                let ifc = list
                    .interfaces
                    .iter_mut()
                    .rev()
                    .find(|i| i.index == index)
                    .ok_or_else(|| {
                        Error::decode(
                            WHAT,
                            format!("address for interface {index} before the interface"),
                        )
                    })?;
                // RTA_BRD is the broadcast address, or the peer of a point-to-point link.
                let ptp = ifc.flags.contains(IfFlags::POINTOPOINT);
                ifc.addresses.push(IfAddress {
                    addr,
                    prefix_len,
                    broadcast: if ptp || addr.is_ipv6() { None } else { other },
                    peer: if ptp { other } else { None },
                    counters,
                });
            }
        } else if msg.kind == l.ifma_type {
            if let Some(m) = membership(os, &msg, l.ifma_header_len, l.ifma_refcount)? {
                list.memberships.push(m);
            }
        }
    }
    for m in &mut list.memberships {
        m.netif = list
            .interfaces
            .iter()
            .find(|i| i.index == m.ifindex)
            .map(|i| i.name.clone());
    }
    Ok(list)
}

fn interface(os: Os, msg: &Msg<'_>, extended: bool) -> Result<Interface> {
    let l = os.if_layout();
    let (header_len, d) = places(msg, (l.if_header_len, l.data), extended)?;
    let native = msg.u32(l.flags, WHAT)?;
    let mut flags = IfFlags::default();
    for (_, _, bit, f) in IFF_MAP {
        flags.set(*f, native & bit != 0);
    }
    let index = u32::from(msg.u16(l.index, WHAT)?);
    let slots = sockaddr::parse(
        os,
        msg.u32(l.addrs, WHAT)?,
        msg.tail(header_len, WHAT)?,
        WHAT,
    )?;
    let (name, link_addr) = match &slots[RTA_IFP.trailing_zeros() as usize] {
        Some(Sockaddr::Link { name, addr, .. }) => (name.clone(), addr.clone()),
        _ => {
            return Err(Error::decode(
                WHAT,
                format!("interface {index} has no sockaddr_dl"),
            ))
        }
    };
    let counter = |c: Counter| -> Result<Option<u64>> {
        l.counters[c as usize]
            .map(|at| msg.u64(d + at, WHAT))
            .transpose()
    };
    let counters = IfCounters {
        ipackets: counter(Counter::Ipackets)?,
        ierrors: counter(Counter::Ierrors)?,
        opackets: counter(Counter::Opackets)?,
        oerrors: counter(Counter::Oerrors)?,
        collisions: counter(Counter::Collisions)?,
        ibytes: counter(Counter::Ibytes)?,
        obytes: counter(Counter::Obytes)?,
        imcasts: counter(Counter::Imcasts)?,
        omcasts: counter(Counter::Omcasts)?,
        iqdrops: counter(Counter::Iqdrops)?,
        oqdrops: counter(Counter::Oqdrops)?,
        noproto: counter(Counter::Noproto)?,
    };
    let link_state = l
        .link_state
        .map(|at| msg.u8(d + at, WHAT))
        .transpose()?
        .map(|s| match s {
            LINK_STATE_UP => LinkState::Up,
            LINK_STATE_DOWN => LinkState::Down,
            _ => LinkState::Unknown,
        });
    let send_queue = match l.snd {
        Some((len, max, drops)) => SendQueue {
            len: Some(u64::from(msg.u32(len, WHAT)?)),
            maxlen: Some(u64::from(msg.u32(max, WHAT)?)),
            drops: Some(u64::from(msg.u32(drops, WHAT)?)),
        },
        None => SendQueue::default(),
    };
    let last_change = match os {
        Os::FreeBsd => msg.u64(d + l.lastchange, WHAT)?,
        Os::MacOs => u64::from(msg.u32(d + l.lastchange, WHAT)?),
    };
    let baudrate = msg.u64(d + l.baudrate, WHAT)?;
    let if_type = msg.u8(d, WHAT)?;
    Ok(Interface {
        name,
        index,
        flags,
        mtu: Some(msg.u32(d + l.mtu, WHAT)?),
        link_addr,
        link_type: Some(if_type_name(if_type)),
        addresses: Vec::new(),
        counters,
        link_state,
        baudrate: (baudrate != 0).then_some(baudrate),
        last_change: (last_change != 0).then_some(last_change),
        send_queue,
        carrier: None,
        carrier_changes: None,
    })
}

/// Name of an IFT_* interface type (net/if_types.h, equal on both systems).
fn if_type_name(t: u8) -> String {
    match t {
        0x06 => "ether".into(),
        0x17 => "ppp".into(),
        0x18 => "loopback".into(),
        0x83 => "tunnel".into(),
        0x87 => "l2vlan".into(),
        0xd1 => "bridge".into(),
        0xf5 => "pflog".into(),
        0xf6 => "pfsync".into(),
        0x37 => "gif".into(),
        0x39 => "stf".into(),
        other => format!("ift_{other:#x}"),
    }
}

/// RTA_IFA, the prefix length of RTA_NETMASK, RTA_BRD and the address's own counters.
type Address = (IpAddr, u8, Option<IpAddr>, AddrCounters);

/// One address message; in an extensible one, the address's counters from its if_data.
fn address(os: Os, msg: &Msg<'_>, extended: bool) -> Result<Option<Address>> {
    let l = os.if_layout();
    let (header_len, d) = places(msg, (l.ifa_header_len, 0), extended)?;
    let slots = sockaddr::parse(
        os,
        msg.u32(l.addrs, WHAT)?,
        msg.tail(header_len, WHAT)?,
        WHAT,
    )?;
    let counters = if extended {
        let counter = |c: Counter| -> Result<Option<u64>> {
            l.counters[c as usize]
                .map(|at| msg.u64(d + at, WHAT))
                .transpose()
        };
        AddrCounters {
            ipackets: counter(Counter::Ipackets)?,
            opackets: counter(Counter::Opackets)?,
            ibytes: counter(Counter::Ibytes)?,
            obytes: counter(Counter::Obytes)?,
        }
    } else {
        AddrCounters::default()
    };
    let Some(addr) = slots[5].as_ref().and_then(Sockaddr::ip) else {
        return Ok(None);
    };
    let (skip, max) = if addr.is_ipv4() { (2, 32) } else { (6, 128) };
    let prefix = match &slots[sockaddr::RTAX_NETMASK] {
        Some(Sockaddr::Mask(m)) => prefix_len(m, skip, max),
        _ => max,
    };
    Ok(Some((
        addr,
        prefix,
        slots[7].as_ref().and_then(Sockaddr::ip),
        counters,
    )))
}

/// One membership message (FreeBSD ifma_msghdr, macOS ifma_msghdr2): RTA_IFA is the group,
/// RTA_GATEWAY the link-layer group it maps to.
pub fn membership(
    os: Os,
    msg: &Msg<'_>,
    header_len: usize,
    refcount: Option<usize>,
) -> Result<Option<Membership>> {
    let l = os.if_layout();
    let slots = sockaddr::parse(
        os,
        msg.u32(l.addrs, WHAT)?,
        msg.tail(header_len, WHAT)?,
        WHAT,
    )?;
    let group = match &slots[5] {
        Some(Sockaddr::Inet(a)) => GroupAddr::Ip(IpAddr::V4(*a)),
        Some(Sockaddr::Inet6(a, _)) => GroupAddr::Ip(IpAddr::V6(*a)),
        Some(Sockaddr::Link { addr, .. }) if !addr.is_empty() => GroupAddr::Link(addr.clone()),
        _ => return Ok(None),
    };
    let link_layer = match &slots[1] {
        Some(Sockaddr::Link { addr, .. }) if !addr.is_empty() => Some(addr.clone()),
        _ => None,
    };
    Ok(Some(Membership {
        ifindex: u32::from(msg.u16(l.index, WHAT)?),
        netif: None,
        group,
        link_layer,
        refcount: refcount
            .map(|at| msg.u32(at, WHAT))
            .transpose()?
            .map(u64::from),
        filter_mode: None,
        sources: Vec::new(),
        timer_ms: None,
        reporter: None,
    }))
}
