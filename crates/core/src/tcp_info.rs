//! TCP internals of one connection (FreeBSD netstat's `-x`, `-T`, `-C` columns and the JSON
//! `tcp` and `buffers` objects): round-trip times, windows, retransmissions, rates, the
//! congestion control algorithm and the pending timer, and the socket's memory.
//!
//! Each system fills what its kernel tells: Linux from sock_diag (struct tcp_info, whose
//! length grows with the kernel: a field past the length a kernel gives is None), FreeBSD
//! from `struct xtcpcb`. Every value is an `Option`: unknown is None, never a made-up 0.

/// What the kernel tells of a TCP connection beyond the common socket model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TcpInfo {
    /// Smoothed round-trip time, microseconds.
    pub rtt_us: Option<u32>,
    /// Round-trip time variation, microseconds.
    pub rttvar_us: Option<u32>,
    /// The lowest round-trip time seen, microseconds.
    pub min_rtt_us: Option<u32>,
    /// Retransmission timeout, microseconds.
    pub rto_us: Option<u32>,
    /// Congestion window, in segments (Linux counts segments).
    pub cwnd: Option<u32>,
    /// Slow-start threshold, in segments; None while it is "infinite" (no loss yet).
    pub ssthresh: Option<u32>,
    /// Congestion window in bytes (FreeBSD's unit; Linux: cwnd × the sending MSS).
    pub cwnd_bytes: Option<u64>,
    /// Slow-start threshold in bytes (FreeBSD's unit; Linux: ssthresh × the sending MSS).
    pub ssthresh_bytes: Option<u64>,
    /// Maximum segment size for sending.
    pub mss: Option<u32>,
    /// Maximum segment size seen from the peer.
    pub rcv_mss: Option<u32>,
    /// Consecutive retransmissions of the current timeout (Linux icsk_retransmits).
    pub retransmits: Option<u32>,
    /// Segments retransmitted over the connection's life.
    pub total_retrans: Option<u32>,
    /// Segments thought lost.
    pub lost: Option<u32>,
    /// Segments sent and not yet acknowledged.
    pub unacked: Option<u32>,
    /// Segments selectively acknowledged.
    pub sacked: Option<u32>,
    /// Reordering metric (segments).
    pub reordering: Option<u32>,
    /// Delivery rate estimate, bytes per second.
    pub delivery_rate: Option<u64>,
    /// Pacing rate, bytes per second (None: no pacing, the kernel's ~0).
    pub pacing_rate: Option<u64>,
    /// Bytes acknowledged by the peer.
    pub bytes_acked: Option<u64>,
    /// Bytes received.
    pub bytes_received: Option<u64>,
    /// Bytes sent, retransmissions included.
    pub bytes_sent: Option<u64>,
    /// Bytes retransmitted.
    pub bytes_retrans: Option<u64>,
    /// Segments received.
    pub segs_in: Option<u32>,
    /// Segments sent.
    pub segs_out: Option<u32>,
    /// Out-of-order packets received.
    pub rcv_ooopack: Option<u32>,
    /// Zero-window updates sent (FreeBSD; Linux keeps no such count).
    pub zero_windows: Option<u32>,
    /// Milliseconds since the last segment (with an ACK) was received.
    pub idle_ms: Option<u32>,
    /// The congestion control algorithm (`cubic`, `reno`, `newreno`, `bbr`).
    pub congestion: Option<String>,
    /// ECN: None unknown, Some(false) off, Some(true) negotiated.
    pub ecn: Option<bool>,
    /// TCP options in use: SACK, timestamps, window scaling (send and receive shifts).
    pub options: Option<TcpOptions>,
    /// The pending timer the kernel reports.
    pub timer: Option<TcpTimer>,
    /// FreeBSD: every timer, milliseconds until it fires, 0 when not running, in the order
    /// of netstat's -x (rexmt, persist, keep, 2msl, delack). Linux reports one ([`Self::timer`]).
    pub timers_ms: Option<[u32; 5]>,
}

/// TCP options negotiated on a connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TcpOptions {
    /// Selective acknowledgements.
    pub sack: bool,
    /// Timestamps.
    pub timestamps: bool,
    /// Window scaling: (send shift, receive shift) when in use.
    pub wscale: Option<(u8, u8)>,
}

/// The kind of a pending TCP timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerKind {
    /// Retransmission (also SYN-ACK retransmission, loss probe): ss's `on`.
    Retransmit,
    /// Keepalive.
    Keepalive,
    /// TIME_WAIT (FreeBSD's 2MSL).
    TimeWait,
    /// Zero-window probe (FreeBSD's persist).
    Persist,
}

impl TimerKind {
    /// The name ss gives it (`on`, `keepalive`, `timewait`, `persist`).
    pub fn name(self) -> &'static str {
        match self {
            TimerKind::Retransmit => "on",
            TimerKind::Keepalive => "keepalive",
            TimerKind::TimeWait => "timewait",
            TimerKind::Persist => "persist",
        }
    }
}

/// A pending timer: its kind, the time until it fires and the retries made so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpTimer {
    /// What it is.
    pub kind: TimerKind,
    /// Milliseconds until it fires.
    pub expires_ms: u32,
    /// Retransmissions (or keepalive probes) made so far.
    pub retransmits: u8,
}

/// A socket's memory (Linux SK_MEMINFO_*; FreeBSD fills what `struct xsockbuf` has).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SocketMemory {
    /// Receive buffer bytes allocated (in use).
    pub rmem_alloc: Option<u32>,
    /// Receive buffer size.
    pub rcvbuf: Option<u32>,
    /// Send buffer bytes allocated (in flight).
    pub wmem_alloc: Option<u32>,
    /// Send buffer size.
    pub sndbuf: Option<u32>,
    /// Bytes reserved ahead (forward allocation).
    pub fwd_alloc: Option<u32>,
    /// Send queue bytes (queued, not yet acknowledged).
    pub wmem_queued: Option<u32>,
    /// Option memory.
    pub optmem: Option<u32>,
    /// Backlog bytes.
    pub backlog: Option<u32>,
    /// Packets dropped.
    pub drops: Option<u32>,
}
