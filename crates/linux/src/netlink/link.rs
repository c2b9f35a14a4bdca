//! RTM_NEWLINK (struct ifinfomsg + IFLA_* attributes) into [`Interface`].
//!
//! Mapping onto ifnet(9) if_data: ipackets/opackets/ibytes/obytes = rx/tx packets/bytes,
//! ierrors/oerrors = rx/tx_errors, collisions, imcasts = multicast (received; Linux does not
//! count multicast sent, so omcasts is unknown), iqdrops/oqdrops = rx/tx_dropped,
//! noproto = rx_nohandler. 64-bit IFLA_STATS64 is preferred over IFLA_STATS.
//! The send queue's limit is txqueuelen; its length and drops live in the qdisc (see `-q`).

use netlink_packet_core::Parseable;
use netlink_packet_route::link::{LinkAttribute, LinkMessage, State};
use rnetstat_core::{
    Duplex, Error, IfCounters, IfFlags, Interface, LinkSpeed, LinkState, Result, SendQueue,
};

/// if_data counters from IFLA_STATS64 or IFLA_STATS: the same field names, 64 or 32 bits.
macro_rules! counters_from {
    ($s:expr) => {{
        let s = $s;
        IfCounters {
            ipackets: Some(u64::from(s.rx_packets)),
            ierrors: Some(u64::from(s.rx_errors)),
            opackets: Some(u64::from(s.tx_packets)),
            oerrors: Some(u64::from(s.tx_errors)),
            collisions: Some(u64::from(s.collisions)),
            ibytes: Some(u64::from(s.rx_bytes)),
            obytes: Some(u64::from(s.tx_bytes)),
            imcasts: Some(u64::from(s.multicast)),
            omcasts: None,
            iqdrops: Some(u64::from(s.rx_dropped)),
            oqdrops: Some(u64::from(s.tx_dropped)),
            noproto: Some(u64::from(s.rx_nohandler)),
        }
    }};
}

/// Linux IFF_* bits and the core flag each maps to.
const IFF_MAP: &[(u32, IfFlags)] = &[
    (1 << 0, IfFlags::UP),
    (1 << 1, IfFlags::BROADCAST),
    (1 << 2, IfFlags::DEBUG),
    (1 << 3, IfFlags::LOOPBACK),
    (1 << 4, IfFlags::POINTOPOINT),
    (1 << 6, IfFlags::RUNNING),
    (1 << 7, IfFlags::NOARP),
    (1 << 8, IfFlags::PROMISC),
    (1 << 9, IfFlags::ALLMULTI),
    (1 << 10, IfFlags::MASTER),
    (1 << 11, IfFlags::SLAVE),
    (1 << 12, IfFlags::MULTICAST),
    (1 << 16, IfFlags::LOWER_UP),
    (1 << 17, IfFlags::DORMANT),
    (1 << 18, IfFlags::ECHO),
];

/// Decode one RTM_NEWLINK payload.
pub fn decode(payload: &[u8]) -> Result<Interface> {
    let msg = LinkMessage::parse(payload)
        .map_err(|e| Error::decode("RTM_NEWLINK message", e.to_string()))?;
    let raw_flags = msg.header.flags.bits();
    let mut flags = IfFlags::default();
    for (bit, f) in IFF_MAP {
        flags.set(*f, raw_flags & bit != 0);
    }
    let mut ifc = Interface {
        name: String::new(),
        index: msg.header.index,
        flags,
        mtu: None,
        link_addr: Vec::new(),
        link_type: Some(link_type_name(u16::from(msg.header.link_layer_type))),
        addresses: Vec::new(),
        counters: IfCounters::default(),
        link_state: None,
        baudrate: None,
        last_change: None,
        send_queue: SendQueue::default(),
        carrier: None,
        carrier_changes: None,
    };
    let (mut up, mut down) = (None, None);
    let mut have64 = false;
    for attr in msg.attributes {
        match attr {
            LinkAttribute::IfName(n) => ifc.name = n,
            LinkAttribute::Mtu(m) => ifc.mtu = Some(m),
            LinkAttribute::Address(a) => ifc.link_addr = a,
            LinkAttribute::TxQueueLen(q) => ifc.send_queue.maxlen = Some(q.into()),
            LinkAttribute::OperState(s) => ifc.link_state = Some(link_state(s)),
            LinkAttribute::Carrier(c) => ifc.carrier = Some(c != 0),
            LinkAttribute::CarrierUpCount(n) => up = Some(u64::from(n)),
            LinkAttribute::CarrierDownCount(n) => down = Some(u64::from(n)),
            LinkAttribute::Stats64(s) => {
                have64 = true;
                ifc.counters = counters_from!(s);
            }
            LinkAttribute::Stats(s) if !have64 => ifc.counters = counters_from!(s),
            _ => {}
        }
    }
    if let (Some(up), Some(down)) = (up, down) {
        ifc.carrier_changes = Some((up, down));
    }
    if ifc.name.is_empty() {
        return Err(Error::decode(
            "RTM_NEWLINK message",
            format!("interface {} has no name", ifc.index),
        ));
    }
    Ok(ifc)
}

fn link_state(s: State) -> LinkState {
    match s {
        State::Up => LinkState::Up,
        State::Down => LinkState::Down,
        State::LowerLayerDown => LinkState::LowerLayerDown,
        State::Dormant => LinkState::Dormant,
        State::Testing => LinkState::Testing,
        State::NotPresent => LinkState::NotPresent,
        _ => LinkState::Unknown,
    }
}

/// Name of an ARPHRD_* link type, as `ip link` prints it.
pub fn link_type_name(t: u16) -> String {
    match t {
        1 => "ether".into(),
        24 => "ieee1394".into(),
        32 => "infiniband".into(),
        512 => "ppp".into(),
        768 => "ipip".into(),
        769 => "tunnel6".into(),
        772 => "loopback".into(),
        776 => "sit".into(),
        778 => "gre".into(),
        823 => "ip6gre".into(),
        65534 => "none".into(),
        other => format!("arphrd_{other}"),
    }
}

/// Speed and duplex from the texts of sysfs `speed` (Mb/s in decimal; -1 or absent when the
/// driver does not know) and `duplex` (`full`, `half` or `unknown`). Anything else is an error.
pub fn parse_speed(speed: Option<&str>, duplex: Option<&str>) -> Result<LinkSpeed> {
    const WHAT: &str = "/sys/class/net speed";
    let bits_per_second = match speed.map(str::trim) {
        None | Some("") | Some("-1") => None,
        Some(t) => {
            let mbit: u64 = t
                .parse()
                .map_err(|_| Error::decode(WHAT, format!("speed {t:?}")))?;
            // Some drivers report u32::MAX ("unknown") as a positive number.
            (mbit != u64::from(u32::MAX)).then(|| mbit.saturating_mul(1_000_000))
        }
    };
    let duplex = match duplex.map(str::trim) {
        None | Some("") | Some("unknown") => None,
        Some("full") => Some(Duplex::Full),
        Some("half") => Some(Duplex::Half),
        Some(t) => return Err(Error::decode(WHAT, format!("duplex {t:?}"))),
    };
    Ok(LinkSpeed {
        bits_per_second,
        duplex,
    })
}

#[cfg(test)]
mod speed_tests {
    use super::*;

    #[test]
    fn sysfs_speed_and_duplex() {
        let s = parse_speed(Some("10000\n"), Some("full\n")).unwrap();
        assert_eq!(s.bits_per_second, Some(10_000_000_000));
        assert_eq!(s.duplex, Some(Duplex::Full));
        assert_eq!(
            parse_speed(Some("-1"), Some("unknown")).unwrap(),
            LinkSpeed::default()
        );
        assert_eq!(parse_speed(None, None).unwrap(), LinkSpeed::default());
        assert_eq!(
            parse_speed(Some("4294967295"), None)
                .unwrap()
                .bits_per_second,
            None
        );
        assert!(parse_speed(Some("fast"), None).is_err());
        assert!(parse_speed(None, Some("both")).is_err());
    }
}
