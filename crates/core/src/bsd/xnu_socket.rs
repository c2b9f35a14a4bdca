//! What macOS (xnu) tells of a socket beyond the common [`crate::Socket`] model: the columns
//! of macOS netstat's `-A` (flow hash) and `-v` (buffer limits, traffic, socket state and
//! flags, delegate process) and the links between unix sockets.

/// macOS socket detail, from `struct xsocket_n`, `xsockbuf_n`, `xsockstat_n`, `xinpcb_n`
/// and `xunpcb_n`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XnuSocket {
    /// inp_flowhash (Internet sockets).
    pub flowhash: Option<u32>,
    /// inp_flags (Internet sockets; INP_ANONPORT 0x40: the local port was picked by the
    /// kernel, so netstat prints it as a number).
    pub inp_flags: i32,
    /// so_state (SS_* bits).
    pub so_state: i16,
    /// so_options (SO_* bits).
    pub options: u32,
    /// so_gencnt.
    pub gencnt: u64,
    /// so_flags.
    pub flags: u32,
    /// so_flags1.
    pub flags1: u32,
    /// so_usecount.
    pub usecount: i32,
    /// so_retaincnt.
    pub retaincount: i32,
    /// xso_filter_flags (XSOFF_* bits).
    pub filter_flags: u32,
    /// Receive buffer limit (so_rcv.sb_hiwat).
    pub rcv_hiwat: u32,
    /// Send buffer limit (so_snd.sb_hiwat).
    pub snd_hiwat: u32,
    /// Packets received (`xst_tc_stats[SO_STATS_DATA]`).
    pub rx_packets: u64,
    /// Bytes received.
    pub rx_bytes: u64,
    /// Packets sent.
    pub tx_packets: u64,
    /// Bytes sent.
    pub tx_bytes: u64,
    /// so_last_pid: the last process to use the socket.
    pub last_pid: i32,
    /// so_e_pid: the process the socket works for (delegation), 0 when none.
    pub e_pid: i32,
    /// The name of `e_pid`, when known.
    pub e_command: Option<String>,
    /// Unix sockets: the kernel's links (hashed addresses).
    pub unix: Option<XnuUnix>,
}

/// What macOS tells of a unix socket beyond the common model (whose `peer_inode` is
/// xunp_conn and whose `unix_refs` are xunp_refs and xunp_reflink, hashed as netstat prints
/// them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XnuUnix {
    /// xunp_vnode: the file the socket is bound to (0: none; hashed), netstat's Inode.
    pub vnode: u64,
}
