//! Network interfaces: the ifnet(9) view that netstat -i shows.

use std::net::IpAddr;

/// Interface flags (IFF_*), by meaning rather than by any kernel's bit values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IfFlags(pub u32);

macro_rules! if_flags {
    ($($konst:ident = $bit:expr, $name:expr;)*) => {
        impl IfFlags {
            $(
                #[doc = concat!("IFF_", stringify!($konst))]
                pub const $konst: IfFlags = IfFlags(1 << $bit);
            )*
            /// (flag, JSON name) in display order.
            pub const TABLE: &'static [(IfFlags, &'static str)] = &[$((IfFlags::$konst, $name),)*];
        }
    };
}

if_flags! {
    UP = 0, "up";
    BROADCAST = 1, "broadcast";
    DEBUG = 2, "debug";
    LOOPBACK = 3, "loopback";
    POINTOPOINT = 4, "pointopoint";
    RUNNING = 5, "running";
    NOARP = 6, "noarp";
    PROMISC = 7, "promisc";
    ALLMULTI = 8, "allmulti";
    MULTICAST = 9, "multicast";
    LOWER_UP = 10, "lower_up";
    DORMANT = 11, "dormant";
    SIMPLEX = 12, "simplex";
    OACTIVE = 13, "oactive";
    MASTER = 14, "master";
    SLAVE = 15, "slave";
    ECHO = 16, "echo";
}

impl IfFlags {
    /// True when every flag of `other` is set.
    pub const fn contains(self, other: IfFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Set `other` when `on`.
    pub fn set(&mut self, other: IfFlags, on: bool) {
        if on {
            self.0 |= other.0;
        } else {
            self.0 &= !other.0;
        }
    }

    /// JSON names of the flags that are set.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        IfFlags::TABLE
            .iter()
            .filter(move |(f, _)| self.contains(*f))
            .map(|(_, n)| *n)
    }
}

/// The if_data counters of ifnet(9). `None` where the kernel does not keep the counter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IfCounters {
    /// Packets received.
    pub ipackets: Option<u64>,
    /// Input errors.
    pub ierrors: Option<u64>,
    /// Packets sent.
    pub opackets: Option<u64>,
    /// Output errors.
    pub oerrors: Option<u64>,
    /// Collisions on CSMA interfaces.
    pub collisions: Option<u64>,
    /// Bytes received.
    pub ibytes: Option<u64>,
    /// Bytes sent.
    pub obytes: Option<u64>,
    /// Multicast packets received.
    pub imcasts: Option<u64>,
    /// Multicast packets sent.
    pub omcasts: Option<u64>,
    /// Packets dropped on input.
    pub iqdrops: Option<u64>,
    /// Packets dropped on output.
    pub oqdrops: Option<u64>,
    /// Packets destined for an unsupported protocol.
    pub noproto: Option<u64>,
}

/// Link state, as ifnet(9) LINK_STATE_* and Linux operstate report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// Carrier present, link usable.
    Up,
    /// No carrier or administratively down.
    Down,
    /// Linux "lowerlayerdown": a lower device is down.
    LowerLayerDown,
    /// Linux "dormant": waiting for an external event.
    Dormant,
    /// Linux "testing".
    Testing,
    /// Linux "notpresent".
    NotPresent,
    /// The driver does not report a state.
    Unknown,
}

impl LinkState {
    /// The name used in JSON and tables.
    pub fn name(self) -> &'static str {
        match self {
            LinkState::Up => "up",
            LinkState::Down => "down",
            LinkState::LowerLayerDown => "lowerlayerdown",
            LinkState::Dormant => "dormant",
            LinkState::Testing => "testing",
            LinkState::NotPresent => "notpresent",
            LinkState::Unknown => "unknown",
        }
    }
}

/// The interface send queue (if_snd), where the kernel tells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendQueue {
    /// Packets queued now.
    pub len: Option<u64>,
    /// Queue limit.
    pub maxlen: Option<u64>,
    /// Packets dropped because the queue was full.
    pub drops: Option<u64>,
}

/// What the kernel counts per address (FreeBSD keeps packets and bytes on each ifaddr and
/// reports them in NET_RT_IFLISTL); `None` where it does not tell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddrCounters {
    /// Packets received for the address.
    pub ipackets: Option<u64>,
    /// Packets sent from the address.
    pub opackets: Option<u64>,
    /// Bytes received for the address.
    pub ibytes: Option<u64>,
    /// Bytes sent from the address.
    pub obytes: Option<u64>,
}

impl AddrCounters {
    /// True when the kernel reported none of the counters.
    pub fn is_unknown(&self) -> bool {
        *self == AddrCounters::default()
    }
}

/// One address of an interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IfAddress {
    /// The address.
    pub addr: IpAddr,
    /// Prefix length.
    pub prefix_len: u8,
    /// Broadcast address (IPv4).
    pub broadcast: Option<IpAddr>,
    /// Peer address of a point-to-point link.
    pub peer: Option<IpAddr>,
    /// Traffic counted for this address, where the kernel keeps it.
    pub counters: AddrCounters,
}

impl IfAddress {
    /// The network part of the address (host bits cleared).
    pub fn network(&self) -> IpAddr {
        match self.addr {
            IpAddr::V4(a) => {
                let bits = u32::from(a);
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix_len.min(32)))
                    .unwrap_or(0);
                IpAddr::V4((bits & mask).into())
            }
            IpAddr::V6(a) => {
                let bits = u128::from(a);
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix_len.min(128)))
                    .unwrap_or(0);
                IpAddr::V6((bits & mask).into())
            }
        }
    }
}

/// One network interface with its counters and addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    /// Name, e.g. `eth0`, `em0`.
    pub name: String,
    /// Interface index.
    pub index: u32,
    /// Flags.
    pub flags: IfFlags,
    /// MTU.
    pub mtu: Option<u32>,
    /// Link-layer address (MAC), empty when the link has none.
    pub link_addr: Vec<u8>,
    /// Link-layer type name (e.g. "ether", "loopback").
    pub link_type: Option<String>,
    /// Addresses, in the kernel's order.
    pub addresses: Vec<IfAddress>,
    /// Counters.
    pub counters: IfCounters,
    /// Link state.
    pub link_state: Option<LinkState>,
    /// Link speed in bits per second.
    pub baudrate: Option<u64>,
    /// Seconds since the epoch of the last state change.
    pub last_change: Option<u64>,
    /// Send queue.
    pub send_queue: SendQueue,
    /// Whether the link has a carrier (Linux IFLA_CARRIER), when known.
    pub carrier: Option<bool>,
    /// Times the carrier came up and went down (Linux IFLA_CARRIER_UP_COUNT / DOWN_COUNT).
    pub carrier_changes: Option<(u64, u64)>,
}

/// Speed and duplex of a link, as its driver reports them (Linux: sysfs `speed`, `duplex`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkSpeed {
    /// Speed in bits per second; `None` where the driver does not know it.
    pub bits_per_second: Option<u64>,
    /// Duplex; `None` where the driver does not know it.
    pub duplex: Option<Duplex>,
}

/// Duplex of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplex {
    /// Both directions at once.
    Full,
    /// One direction at a time.
    Half,
}

impl Duplex {
    /// Lower-case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Duplex::Full => "full",
            Duplex::Half => "half",
        }
    }
}
