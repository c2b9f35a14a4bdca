//! What FreeBSD tells of an Internet socket beyond the common [`crate::Socket`] model: the
//! columns of FreeBSD netstat's `-R` (flow), `-x` (socket buffers and TCP timers), `-T` (TCP
//! retransmits, out-of-order and zero-window counts), `-c` (TCP stack), `-C` (congestion
//! control) and `-P` (TCP log id).

/// FreeBSD socket detail, from `struct xinpcb` and its `struct xsocket`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FreeBsdSocket {
    /// inp_flowid: the RSS or NIC flow hash of the connection.
    pub flowid: u32,
    /// inp_flowtype (M_HASHTYPE_*).
    pub flowtype: u32,
    /// The receive buffer (so_rcv).
    pub rcv: SockBuf,
    /// The send buffer (so_snd).
    pub snd: SockBuf,
    /// TCP sockets: what `struct xtcpcb` adds.
    pub tcp: Option<FreeBsdTcp>,
}

/// The limits and use of a socket buffer (`struct xsockbuf`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SockBuf {
    /// sb_hiwat: the high-water mark (the buffer's size).
    pub hiwat: u32,
    /// sb_lowat: the low-water mark.
    pub lowat: i32,
    /// sb_mbcnt: bytes of mbuf storage in use.
    pub mbcnt: u32,
    /// sb_mbmax: the most mbuf storage the buffer may use.
    pub mbmax: u32,
}

/// TCP detail of `struct xtcpcb`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FreeBsdTcp {
    /// xt_stack: the TCP stack (tcp_functions) running the connection, e.g. `freebsd`, `rack`.
    pub stack: String,
    /// xt_cc: the congestion control algorithm, e.g. `cubic`, `newreno`.
    pub cc: String,
    /// xt_logid: the black-box log id, empty when none is set.
    pub log_id: String,
    /// t_sndrexmitpack: data packets retransmitted.
    pub rexmit_packets: u32,
    /// t_rcvoopack: out-of-order packets received.
    pub ooo_packets: u32,
    /// t_sndzerowin: zero-window updates sent.
    pub zero_windows: u32,
    /// The timers in milliseconds until they fire, 0 when not running: retransmit, persist,
    /// keepalive, 2MSL and delayed ACK (tt_rexmt ... tt_delack).
    pub timers: [i32; 5],
    /// t_rcvtime: milliseconds since the last segment was received.
    pub idle_ms: i32,
    /// t_snd_cwnd: the congestion window, in bytes.
    pub cwnd: u32,
    /// t_snd_ssthresh: the slow-start threshold, in bytes.
    pub ssthresh: u32,
    /// t_maxseg: the maximum segment size.
    pub maxseg: u32,
    /// xt_ecn: 0 ECN off, 1 classic ECN, 2 accurate ECN.
    pub ecn: u32,
}
