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

impl FreeBsdTcp {
    /// The values of the common [`crate::TcpInfo`] that FreeBSD's xtcpcb has: the windows in
    /// bytes (FreeBSD's unit; the segment counts stay unknown), the MSS, the algorithm, the
    /// retransmitted, out-of-order and zero-window counts, ECN, the idle time and every timer.
    pub fn tcp_info(&self) -> crate::TcpInfo {
        let ms = |v: i32| u32::try_from(v).unwrap_or(0);
        let [rexmt, persist, keep, msl2, delack] = self.timers;
        crate::TcpInfo {
            cwnd_bytes: Some(u64::from(self.cwnd)),
            ssthresh_bytes: Some(u64::from(self.ssthresh)),
            mss: Some(self.maxseg),
            total_retrans: Some(self.rexmit_packets),
            rcv_ooopack: Some(self.ooo_packets),
            zero_windows: Some(self.zero_windows),
            idle_ms: Some(ms(self.idle_ms)),
            congestion: Some(self.cc.clone()).filter(|c| !c.is_empty()),
            ecn: Some(self.ecn != 0),
            timers_ms: Some([ms(rexmt), ms(persist), ms(keep), ms(msl2), ms(delack)]),
            ..crate::TcpInfo::default()
        }
    }
}

impl FreeBsdSocket {
    /// The common [`crate::SocketMemory`] of the two buffers: sizes (sb_hiwat) and bytes of
    /// storage in use (sb_mbcnt).
    pub fn memory(&self) -> crate::SocketMemory {
        crate::SocketMemory {
            rcvbuf: Some(self.rcv.hiwat),
            sndbuf: Some(self.snd.hiwat),
            rmem_alloc: Some(self.rcv.mbcnt),
            wmem_queued: Some(self.snd.mbcnt),
            ..crate::SocketMemory::default()
        }
    }
}
