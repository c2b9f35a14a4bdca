//! The BSD flavours whose kernel layouts this crate decodes, and what differs between them:
//! address family numbers, the sockaddr padding rule, message types and the layout of each
//! message header, and the routing-socket dumps each answers. Offsets are checked against the
//! real headers by `tests/layout.rs` (over `layout_check`), which reads the `layout.txt` that
//! `fixtures/bsd/gen.py` produces with zig.

use crate::source::Mib;

/// A BSD kernel ABI: message layouts, RTF_* values and sockaddr padding differ between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// FreeBSD on a 64-bit machine (amd64, arm64): sockaddrs padded to sizeof(long) = 8.
    FreeBsd,
    /// macOS / Darwin: sockaddrs padded to sizeof(uint32_t) = 4.
    MacOs,
}

/// AF_UNSPEC.
pub const AF_UNSPEC: u8 = 0;
/// AF_INET (both systems).
pub const AF_INET: u8 = 2;
/// AF_UNIX (AF_LOCAL), the same on both systems.
pub const AF_UNIX: u8 = 1;
/// AF_LINK (both systems).
pub const AF_LINK: u8 = 18;

/// RTA_* bits: which sockaddrs follow a message header, in this order.
pub const RTA_DST: u32 = 0x1;
/// Gateway sockaddr present.
pub const RTA_GATEWAY: u32 = 0x2;
/// Netmask sockaddr present.
pub const RTA_NETMASK: u32 = 0x4;
/// Cloning mask present.
pub const RTA_GENMASK: u32 = 0x8;
/// Interface (sockaddr_dl) present.
pub const RTA_IFP: u32 = 0x10;
/// Interface address present.
pub const RTA_IFA: u32 = 0x20;
/// Author of a redirect present.
pub const RTA_AUTHOR: u32 = 0x40;
/// Broadcast or point-to-point destination present.
pub const RTA_BRD: u32 = 0x80;
/// Number of RTA_* slots.
pub const RTAX_MAX: usize = 8;

/// Message types (rtm_type) used here; equal on both systems.
pub const RTM_GET: u8 = 0x4;
/// An interface address.
pub const RTM_NEWADDR: u8 = 0xc;
/// An interface.
pub const RTM_IFINFO: u8 = 0xe;
/// A multicast membership.
pub const RTM_NEWMADDR: u8 = 0xf;
/// macOS: an interface with 64-bit counters (if_msghdr2).
pub const RTM_IFINFO2: u8 = 0x12;
/// macOS: a multicast membership with a refcount (ifma_msghdr2).
pub const RTM_NEWMADDR2: u8 = 0x13;
/// macOS: a route with refcnt and use (rt_msghdr2).
pub const RTM_GET2: u8 = 0x14;
/// RTM_VERSION (both systems).
pub const RTM_VERSION: u8 = 5;

/// LINK_STATE_* (FreeBSD if_data.ifi_link_state).
pub const LINK_STATE_DOWN: u8 = 1;
/// Link up.
pub const LINK_STATE_UP: u8 = 2;

impl Os {
    /// The platform this kernel ABI is.
    pub fn platform(self) -> rnetstat_core::Platform {
        match self {
            Os::FreeBsd => rnetstat_core::Platform::FreeBsd,
            Os::MacOs => rnetstat_core::Platform::MacOs,
        }
    }

    /// The kernel ABI of a BSD platform (None for Linux).
    pub fn of(platform: rnetstat_core::Platform) -> Option<Os> {
        match platform {
            rnetstat_core::Platform::FreeBsd => Some(Os::FreeBsd),
            rnetstat_core::Platform::MacOs => Some(Os::MacOs),
            rnetstat_core::Platform::Linux => None,
        }
    }

    /// Its name, as snapshots and JSON write it (`freebsd`, `macos`).
    pub fn name(self) -> &'static str {
        self.platform().name()
    }

    /// The route dump this system answers: NET_RT_DUMP, macOS NET_RT_DUMP2 (with refcnt, use).
    pub fn route_mib(self) -> Mib {
        match self {
            Os::FreeBsd => Mib::RtDump,
            Os::MacOs => Mib::RtDump2,
        }
    }

    /// The interface list this system answers: FreeBSD NET_RT_IFLISTL (the extensible
    /// messages, with per-address counters), macOS NET_RT_IFLIST2 (64-bit counters, send
    /// queue, memberships).
    pub fn iflist_mib(self) -> Mib {
        match self {
            Os::FreeBsd => Mib::IfListL,
            Os::MacOs => Mib::IfList2,
        }
    }

    /// AF_INET6: 28 on FreeBSD, 30 on macOS.
    pub fn af_inet6(self) -> u8 {
        match self {
            Os::FreeBsd => 28,
            Os::MacOs => 30,
        }
    }

    /// Bytes a sockaddr of length `sa_len` occupies in a message: FreeBSD's SA_SIZE rounds to
    /// sizeof(long), macOS's ROUNDUP to 4; an empty sockaddr still takes one unit.
    pub fn sa_size(self, sa_len: usize) -> usize {
        let unit = match self {
            Os::FreeBsd => 8,
            Os::MacOs => 4,
        };
        if sa_len == 0 {
            unit
        } else {
            1 + ((sa_len - 1) | (unit - 1))
        }
    }

    /// The route dump's message layout.
    pub fn rt_layout(self) -> RtLayout {
        match self {
            // struct rt_msghdr: int flags at 8, addrs at 12, u_long metrics from 40.
            Os::FreeBsd => RtLayout {
                header_len: 152,
                msg_type: RTM_GET,
                flags: 8,
                addrs: 12,
                refcnt: None,
                use_count: None,
                mtu: (48, 8),
                expire: (64, 8),
                pksent: Some((112, 8)),
                weight: Some((120, 8)),
                nhidx: Some((128, 8)),
            },
            // struct rt_msghdr2: refcnt at 16, use at 28, 32-bit metrics from 36.
            Os::MacOs => RtLayout {
                header_len: 92,
                msg_type: RTM_GET2,
                flags: 8,
                addrs: 12,
                refcnt: Some(16),
                use_count: Some(28),
                mtu: (40, 4),
                expire: (48, 4),
                pksent: None,
                weight: None,
                nhidx: None,
            },
        }
    }

    /// The interface list's message layout.
    pub fn if_layout(self) -> IfLayout {
        match self {
            // struct if_msghdr with struct if_data at 16.
            Os::FreeBsd => IfLayout {
                if_type: RTM_IFINFO,
                if_header_len: 168,
                addrs: 4,
                flags: 8,
                index: 12,
                data: 16,
                snd: None,
                link_state: Some(4),
                mtu: 8,
                baudrate: 16,
                counters: FREEBSD_COUNTERS,
                lastchange: 136,
                ifa_header_len: 20,
                ifma_type: RTM_NEWMADDR,
                ifma_header_len: 16,
                ifma_refcount: None,
            },
            // struct if_msghdr2 with the send queue at 16 and struct if_data64 at 32.
            Os::MacOs => IfLayout {
                if_type: RTM_IFINFO2,
                if_header_len: 160,
                addrs: 4,
                flags: 8,
                index: 12,
                data: 32,
                snd: Some((16, 20, 24)),
                link_state: None,
                mtu: 8,
                baudrate: 16,
                counters: MACOS_COUNTERS,
                lastchange: 120,
                ifa_header_len: 20,
                ifma_type: RTM_NEWMADDR2,
                ifma_header_len: 20,
                ifma_refcount: Some(16),
            },
        }
    }
}

/// Where the fields of a route message sit (offsets from the message start; (offset, size)).
#[derive(Debug, Clone, Copy)]
pub struct RtLayout {
    /// sizeof the header; sockaddrs follow.
    pub header_len: usize,
    /// rtm_type of a dumped route.
    pub msg_type: u8,
    /// rtm_flags (int).
    pub flags: usize,
    /// rtm_addrs (int).
    pub addrs: usize,
    /// rtm_refcnt (int32), macOS only.
    pub refcnt: Option<usize>,
    /// rtm_use (int), macOS only.
    pub use_count: Option<usize>,
    /// rtm_rmx.rmx_mtu.
    pub mtu: (usize, usize),
    /// rtm_rmx.rmx_expire.
    pub expire: (usize, usize),
    /// rtm_rmx.rmx_pksent, FreeBSD's "Use".
    pub pksent: Option<(usize, usize)>,
    /// rtm_rmx.rmx_weight, FreeBSD's path weight.
    pub weight: Option<(usize, usize)>,
    /// rtm_rmx.rmx_nhidx, FreeBSD's next-hop index (`Nhop#`).
    pub nhidx: Option<(usize, usize)>,
}

/// Offsets of the if_data counters inside if_data / if_data64, in the order of [`Counter`].
pub type CounterOffsets = [Option<usize>; 12];

/// The if_data counters, in the order of [`CounterOffsets`].
#[derive(Debug, Clone, Copy)]
pub enum Counter {
    /// ifi_ipackets.
    Ipackets,
    /// ifi_ierrors.
    Ierrors,
    /// ifi_opackets.
    Opackets,
    /// ifi_oerrors.
    Oerrors,
    /// ifi_collisions.
    Collisions,
    /// ifi_ibytes.
    Ibytes,
    /// ifi_obytes.
    Obytes,
    /// ifi_imcasts.
    Imcasts,
    /// ifi_omcasts.
    Omcasts,
    /// ifi_iqdrops.
    Iqdrops,
    /// ifi_oqdrops (FreeBSD only).
    Oqdrops,
    /// ifi_noproto.
    Noproto,
}

/// FreeBSD struct if_data: 64-bit counters from ipackets at 24; oqdrops at 104.
const FREEBSD_COUNTERS: CounterOffsets = [
    Some(24),
    Some(32),
    Some(40),
    Some(48),
    Some(56),
    Some(64),
    Some(72),
    Some(80),
    Some(88),
    Some(96),
    Some(104),
    Some(112),
];

/// macOS struct if_data64: the same up to iqdrops at 96; no oqdrops; noproto at 104.
const MACOS_COUNTERS: CounterOffsets = [
    Some(24),
    Some(32),
    Some(40),
    Some(48),
    Some(56),
    Some(64),
    Some(72),
    Some(80),
    Some(88),
    Some(96),
    None,
    Some(104),
];

/// FreeBSD's extensible messages (struct if_msghdrl, struct ifa_msghdrl): after the classic
/// 16-byte header, `u_short` lengths at these offsets say where the sockaddrs start (the
/// header's length, `ifm_len` / `ifam_len`) and where struct if_data starts (`ifm_data_off` /
/// `ifam_data_off`), so that the kernel can grow either.
pub const IFL_LEN: usize = 16;
/// Offset of `ifm_data_off` / `ifam_data_off`.
pub const IFL_DATA_OFF: usize = 18;
/// Where the FreeBSD headers put if_data in both extensible messages, and their size (what
/// `layout.txt` checks; the decoder follows the offsets each message gives).
pub const IFL_DATA: usize = 24;
/// sizeof(struct if_msghdrl) and sizeof(struct ifa_msghdrl) on FreeBSD/amd64.
pub const IFL_HEADER_LEN: usize = 176;

/// Where the fields of the interface-list messages sit.
#[derive(Debug, Clone, Copy)]
pub struct IfLayout {
    /// rtm_type of an interface message.
    pub if_type: u8,
    /// sizeof(if_msghdr) / sizeof(if_msghdr2).
    pub if_header_len: usize,
    /// ifm_addrs (int), equal in every message of the list.
    pub addrs: usize,
    /// ifm_flags (int).
    pub flags: usize,
    /// ifm_index (u_short).
    pub index: usize,
    /// Offset of if_data / if_data64 in the interface message.
    pub data: usize,
    /// macOS ifm_snd_len, ifm_snd_maxlen, ifm_snd_drops.
    pub snd: Option<(usize, usize, usize)>,
    /// ifi_link_state (u8) inside if_data, FreeBSD only.
    pub link_state: Option<usize>,
    /// ifi_mtu (u32) inside if_data.
    pub mtu: usize,
    /// ifi_baudrate (u64) inside if_data.
    pub baudrate: usize,
    /// Counter offsets inside if_data.
    pub counters: CounterOffsets,
    /// ifi_lastchange.tv_sec inside if_data (64-bit on FreeBSD, 32-bit on macOS).
    pub lastchange: usize,
    /// sizeof(ifa_msghdr).
    pub ifa_header_len: usize,
    /// rtm_type of a membership message.
    pub ifma_type: u8,
    /// sizeof(ifma_msghdr) / sizeof(ifma_msghdr2).
    pub ifma_header_len: usize,
    /// macOS ifmam_refcount.
    pub ifma_refcount: Option<usize>,
}

/// One assumption a decoder makes about the ABI: the sum of the `layout.txt` entries named
/// (e.g. `["offsetof rt_msghdr rtm_rmx", "offsetof rt_metrics rmx_mtu"]`) equals the value.
pub type Assumption = (Vec<String>, u64);
