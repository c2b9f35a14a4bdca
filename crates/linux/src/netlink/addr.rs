//! RTM_NEWADDR (struct ifaddrmsg + IFA_* attributes) into an interface index and [`IfAddress`].
//!
//! For IPv4, IFA_LOCAL is the interface's own address and IFA_ADDRESS the peer on a
//! point-to-point link (equal to IFA_LOCAL otherwise); IPv6 sends IFA_ADDRESS alone unless a
//! peer is set.

use netlink_packet_core::Parseable;
use netlink_packet_route::address::{AddressAttribute, AddressMessage};
use rnetstat_core::{AddrCounters, Error, IfAddress, Result};
use std::net::IpAddr;

/// Decode one RTM_NEWADDR payload into (interface index, address).
pub fn decode(payload: &[u8]) -> Result<(u32, IfAddress)> {
    let msg = AddressMessage::parse(payload)
        .map_err(|e| Error::decode("RTM_NEWADDR message", e.to_string()))?;
    let mut local: Option<IpAddr> = None;
    let mut address: Option<IpAddr> = None;
    let mut broadcast = None;
    for attr in msg.attributes {
        match attr {
            AddressAttribute::Local(a) => local = Some(a),
            AddressAttribute::Address(a) => address = Some(a),
            AddressAttribute::Broadcast(b) => broadcast = Some(IpAddr::V4(b)),
            _ => {}
        }
    }
    let (addr, peer) = match (local, address) {
        (Some(l), Some(a)) if l != a => (l, Some(a)),
        (Some(l), _) => (l, None),
        (None, Some(a)) => (a, None),
        (None, None) => {
            return Err(Error::decode(
                "RTM_NEWADDR message",
                format!(
                    "address on interface {} has no IFA_LOCAL or IFA_ADDRESS",
                    msg.header.index
                ),
            ))
        }
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    if msg.header.prefix_len > max {
        return Err(Error::decode(
            "RTM_NEWADDR message",
            format!("prefix length {}", msg.header.prefix_len),
        ));
    }
    Ok((
        msg.header.index,
        IfAddress {
            addr,
            prefix_len: msg.header.prefix_len,
            broadcast,
            peer,
            counters: AddrCounters::default(),
        },
    ))
}
