//! The bpf(4) peers of a BSD system (`-B`): each descriptor attached to an interface, with its
//! mode and counters, as FreeBSD's `net.bpf.stats` reports them (`struct xbpf_d`).

/// Which packets a bpf descriptor sees (`BIOCSDIRECTION`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BpfDirection {
    /// Received packets only (BPF_D_IN).
    In,
    /// Received and sent packets (BPF_D_INOUT).
    InOut,
    /// Sent packets only (BPF_D_OUT).
    Out,
}

impl BpfDirection {
    /// The kernel's value: BPF_D_IN 0, BPF_D_INOUT 1, BPF_D_OUT 2; None for another.
    pub fn from_raw(v: i32) -> Option<BpfDirection> {
        match v {
            0 => Some(BpfDirection::In),
            1 => Some(BpfDirection::InOut),
            2 => Some(BpfDirection::Out),
            _ => None,
        }
    }

    /// The name in JSON: input, bidirectional, output (as netstat's libxo output names them).
    pub fn name(self) -> &'static str {
        match self {
            BpfDirection::In => "input",
            BpfDirection::InOut => "bidirectional",
            BpfDirection::Out => "output",
        }
    }
}

/// One bpf descriptor attached to an interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BpfPeer {
    /// bd_pid: the process that opened it.
    pub pid: u32,
    /// The process's command name, when it could be found.
    pub command: Option<String>,
    /// bd_ifname: the interface it listens on.
    pub ifname: String,
    /// bd_promisc: it put the interface in promiscuous mode.
    pub promiscuous: bool,
    /// bd_immediate: reads return as soon as a packet arrives.
    pub immediate: bool,
    /// bd_hdrcmplt: packets it writes carry their own link-layer source address.
    pub header_complete: bool,
    /// bd_direction; None for a value this version does not know.
    pub direction: Option<BpfDirection>,
    /// bd_feedback: packets it writes are fed back as input.
    pub feedback: bool,
    /// bd_async: SIGIO on packet arrival.
    pub async_io: bool,
    /// bd_locked: its settings are locked (BIOCLOCK).
    pub locked: bool,
    /// bd_rcount: packets received.
    pub received: u64,
    /// bd_dcount: packets dropped for want of buffer space.
    pub dropped: u64,
    /// bd_fcount: packets that passed its filter.
    pub matched: u64,
    /// bd_slen: bytes in the store buffer.
    pub store_len: u32,
    /// bd_hlen: bytes in the hold buffer.
    pub hold_len: u32,
    /// bd_bufsize: the size of each buffer.
    pub buffer_size: u32,
}

impl BpfPeer {
    /// netstat -B's Flags: p (promiscuous), i (immediate), f (the kernel completes link-layer
    /// headers: bd_hdrcmplt off), direction (`-` in, `s` both, `o` out), b (feedback), a
    /// (async), l (locked), `-` for each that is off.
    pub fn flags(&self) -> String {
        let on = |b: bool, c: char| if b { c } else { '-' };
        let direction = match self.direction {
            Some(BpfDirection::In) => '-',
            Some(BpfDirection::Out) => 'o',
            _ => 's',
        };
        [
            on(self.promiscuous, 'p'),
            on(self.immediate, 'i'),
            on(!self.header_complete, 'f'),
            direction,
            on(self.feedback, 'b'),
            on(self.async_io, 'a'),
            on(self.locked, 'l'),
        ]
        .iter()
        .collect()
    }
}
