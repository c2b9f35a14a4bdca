//! Packet taps: the sockets that see raw link-layer frames (`-B`). BSD netstat -B lists the
//! bpf(4) devices; on Linux the equivalent is every AF_PACKET socket, with its filter, rings,
//! fanout group and counters.

use crate::{Owner, SockType};

/// What is known of a tap's socket filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TapFilter {
    /// No classic BPF filter: every frame of the protocol is taken (an eBPF program attached
    /// with SO_ATTACH_BPF has no classic form and shows as none too).
    None,
    /// A classic BPF program of this many instructions.
    Classic(u32),
    /// The kernel hides filters from callers without CAP_NET_ADMIN.
    Hidden,
}

impl TapFilter {
    /// The name used in JSON: none, classic, hidden.
    pub fn name(self) -> &'static str {
        match self {
            TapFilter::None => "none",
            TapFilter::Classic(_) => "classic",
            TapFilter::Hidden => "hidden",
        }
    }

    /// The program's length in instructions, when known.
    pub fn instructions(self) -> Option<u32> {
        match self {
            TapFilter::Classic(n) => Some(n),
            _ => None,
        }
    }
}

/// A memory-mapped ring (PACKET_RX_RING, PACKET_TX_RING).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TapRing {
    /// Size of one block in bytes.
    pub block_size: u32,
    /// Number of blocks.
    pub block_count: u32,
    /// Size of one frame in bytes.
    pub frame_size: u32,
    /// Number of frames.
    pub frame_count: u32,
    /// TPACKET_V3: milliseconds after which a partly filled block is handed over.
    pub retire_timeout: u32,
    /// TPACKET_V3: bytes of private area per block.
    pub private_size: u32,
    /// TPACKET_V3 feature bits (1: the RX hash is filled in).
    pub features: u32,
}

/// A fanout group (PACKET_FANOUT): sockets sharing one tap's traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TapFanout {
    /// Group id.
    pub id: u16,
    /// How frames are spread (PACKET_FANOUT_* mode).
    pub mode: u8,
    /// PACKET_FANOUT_FLAG_* bits, shifted down by 8 (1 rollover, 2 unique id, 4 ignore
    /// outgoing, 0x80 defrag), where the kernel reports them.
    pub flags: u8,
}

impl TapFanout {
    /// The mode's name: hash, lb, cpu, rollover, rnd, qm, cbpf, ebpf.
    pub fn mode_name(self) -> String {
        match self.mode {
            0 => "hash".into(),
            1 => "lb".into(),
            2 => "cpu".into(),
            3 => "rollover".into(),
            4 => "rnd".into(),
            5 => "qm".into(),
            6 => "cbpf".into(),
            7 => "ebpf".into(),
            other => format!("mode{other}"),
        }
    }
}

/// Options of a tap (struct packet_diag_info flags).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TapFlags {
    /// Hooked into the receive path (bound to a protocol, interface up).
    pub running: bool,
    /// PACKET_AUXDATA: frames come with their metadata.
    pub auxdata: bool,
    /// PACKET_ORIGDEV: frames name the device they arrived on, not the master.
    pub origdev: bool,
    /// PACKET_VNET_HDR: frames carry a virtio-net header.
    pub vnet_hdr: bool,
    /// PACKET_LOSS: malformed frames of the TX ring are skipped, not fatal.
    pub loss: bool,
    /// Whether the flags other than `running` are known (not from /proc/net/packet, which
    /// tells only whether the tap runs).
    pub complete: bool,
}

/// One packet tap (a Linux AF_PACKET socket).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacketTap {
    /// Interface it is bound to; 0: every interface.
    pub ifindex: u32,
    /// Name of that interface, when known.
    pub netif: Option<String>,
    /// EtherType it takes, host order (3: all, 0: none yet).
    pub protocol: u16,
    /// Raw (frames with the link-layer header) or dgram (without).
    pub kind: SockType,
    /// Socket inode.
    pub inode: Option<u64>,
    /// Kernel socket cookie.
    pub cookie: Option<u64>,
    /// Owner's user id.
    pub uid: Option<u32>,
    /// Processes holding the socket.
    pub owners: Vec<Owner>,
    /// Options, when the kernel reports them.
    pub flags: Option<TapFlags>,
    /// TPACKET version of the rings (0: TPACKET_V1).
    pub version: Option<u32>,
    /// PACKET_RESERVE: headroom in bytes before each frame in a ring.
    pub reserve: Option<u32>,
    /// PACKET_COPY_THRESH: frames up to this size are copied to the socket as well as a ring.
    pub copy_thresh: Option<u32>,
    /// PACKET_TIMESTAMP: the SOF_TIMESTAMPING_* source bits of ring frames.
    pub tstamp: Option<u32>,
    /// Socket filter; None when not known (procfs).
    pub filter: Option<TapFilter>,
    /// Receive ring.
    pub rx_ring: Option<TapRing>,
    /// Transmit ring.
    pub tx_ring: Option<TapRing>,
    /// Fanout group.
    pub fanout: Option<TapFanout>,
    /// Bytes received and not yet read (receive buffer in use).
    pub recv_q: Option<u64>,
    /// The receive buffer's limit in bytes.
    pub rcvbuf: Option<u64>,
    /// Frames dropped: receive buffer or ring full, or out of memory.
    pub drops: Option<u64>,
}

impl PacketTap {
    /// A tap with only what every source knows.
    pub fn new(ifindex: u32, protocol: u16, kind: SockType) -> Self {
        PacketTap {
            ifindex,
            netif: None,
            protocol,
            kind,
            inode: None,
            cookie: None,
            uid: None,
            owners: Vec::new(),
            flags: None,
            version: None,
            reserve: None,
            copy_thresh: None,
            tstamp: None,
            filter: None,
            rx_ring: None,
            tx_ring: None,
            fanout: None,
            recv_q: None,
            rcvbuf: None,
            drops: None,
        }
    }
}

/// The name of an EtherType as packet sockets use it: all, ip, ip6, arp, ...; `-` for 0 (a
/// socket that takes nothing yet); hexadecimal otherwise.
pub fn ethertype_name(p: u16) -> String {
    match p {
        0x0003 => "all".into(),
        0x0800 => "ip".into(),
        0x0806 => "arp".into(),
        0x86dd => "ip6".into(),
        0x8100 => "vlan".into(),
        0x88cc => "lldp".into(),
        0 => "-".into(),
        other => format!("{other:#06x}"),
    }
}
