//! FreeBSD's TCP columns on Linux (`-x`, `-T`, `-C`), with FreeBSD's titles and widths
//! ([`super::freebsd`]), from what sock_diag tells ([`rnetstat_core::TcpInfo`],
//! [`rnetstat_core::SocketMemory`]). Where Linux has no such value the cell is `-`; rows of
//! sockets that are not TCP leave the TCP cells out (blank under -T), as FreeBSD does.
//!
//! - `-T` (in place of Recv-Q and Send-Q): Rexmit is tcpi_total_retrans, OOORcv
//!   tcpi_rcv_ooopack (5.4 and later), 0-win `-` (Linux counts no zero-window updates).
//! - `-x` (in place of the state): R-HIWA and S-HIWA are the buffer sizes (skmem rcvbuf and
//!   sndbuf), R-BCNT and S-BCNT the bytes in them (rmem_alloc, wmem_queued); R-LOWA, S-LOWA,
//!   R-BMAX and S-BMAX are `-`. The timers in seconds: sock_diag reports one, the pending
//!   one of highest rank (retransmit or zero-window probe, else keepalive; TIME_WAIT's), in
//!   its column (rexmt, persist, keep, 2msl); a timer that cannot be running alongside it
//!   reads 0.00, keep reads `-` while a retransmit or probe hides it, and delack is always
//!   `-`. rcvtime is the time since the last ACK arrived (tcpi_last_ack_recv).
//! - `-C` (after the state): CC the algorithm, cwin and ssthresh in bytes as FreeBSD counts
//!   them (Linux's segments times the sending MSS; ssthresh `-` until a loss sets it), MSS
//!   the sending MSS, ECN `ecn` or `off` (`n/a` before the connection is established).

use crate::args::Options;
use crate::table::{cell, num_cell, Align};
use rnetstat_core::{Proto, Socket, State, TcpInfo, TimerKind};
use std::fmt::Write as _;

/// Width of the CC column: the longest name of the kernel's algorithms (`highspeed`) and a
/// blank; a longer one widens its row (the table streams).
const CC_WIDTH: usize = 10;

/// -T's titles, in place of ` Recv-Q Send-Q  `.
pub const COUNTER_TITLES: &str = " Rexmit OOORcv  0-win  ";

/// -T's cells (Rexmit, OOORcv, 0-win), in place of Recv-Q and Send-Q: blank for a socket
/// that is not TCP.
pub fn counter_cells(line: &mut String, s: &Socket) {
    line.push(' ');
    if s.proto != Proto::Tcp {
        line.push_str(&" ".repeat(20));
    } else {
        let t = s.tcp.as_deref();
        for v in [
            t.and_then(|t| t.total_retrans),
            t.and_then(|t| t.rcv_ooopack),
            t.and_then(|t| t.zero_windows),
        ] {
            num_cell(line, v.map(u64::from), 6);
            line.push(' ');
        }
        line.pop();
    }
    line.push_str("  ");
}

/// The titles -x and -C add after the address columns (and the state, for -C).
pub fn column_titles(line: &mut String, opts: &Options) {
    if opts.buffers {
        line.push_str(" R-HIWA S-HIWA R-LOWA S-LOWA R-BCNT S-BCNT R-BMAX S-BMAX");
        for title in ["rexmt", "persist", "keep", "2msl", "delack", "rcvtime"] {
            line.push(' ');
            cell(line, title, 7, Align::Right, false);
        }
    }
    if opts.tcp_cc {
        line.push(' ');
        cell(line, "CC", CC_WIDTH, Align::Left, false);
        line.push_str("       cwin   ssthresh   MSS ECN");
    }
}

/// The cells -x and -C add to a row.
pub fn columns(line: &mut String, s: &Socket, opts: &Options) {
    let tcp = s.tcp.as_deref().filter(|_| s.proto == Proto::Tcp);
    if opts.buffers {
        let m = s.memory.as_deref().copied().unwrap_or_default();
        for v in [
            m.rcvbuf,
            m.sndbuf,
            None,
            None,
            m.rmem_alloc,
            m.wmem_queued,
            None,
            None,
        ] {
            line.push(' ');
            num_cell(line, v.map(u64::from), 6);
        }
        if s.proto == Proto::Tcp {
            timer_cells(line, tcp);
        }
    }
    if opts.tcp_cc && s.proto == Proto::Tcp {
        cc_cells(line, s, tcp);
    }
}

/// rexmt, persist, keep, 2msl, delack and rcvtime, each `%4d.%02d` seconds or `-`.
fn timer_cells(line: &mut String, t: Option<&TcpInfo>) {
    let timer = t.and_then(|t| t.timer);
    let kind = timer.map(|t| t.kind);
    let column = |k: TimerKind| -> Option<u32> {
        match (kind, k) {
            (Some(running), k) if running == k => timer.map(|t| t.expires_ms),
            // A retransmit or probe timer hides a keepalive timer that may run too.
            (Some(TimerKind::Retransmit | TimerKind::Persist), TimerKind::Keepalive) => None,
            _ => Some(0),
        }
    };
    let known = t.is_some() || timer.is_some();
    let values = [
        column(TimerKind::Retransmit),
        column(TimerKind::Persist),
        column(TimerKind::Keepalive),
        column(TimerKind::TimeWait),
        None,
        t.and_then(|t| t.idle_ms),
    ];
    for v in values {
        match v.filter(|_| known) {
            Some(ms) => {
                let _ = write!(line, " {:4}.{:02}", ms / 1000, (ms % 1000) / 10);
            }
            None => {
                line.push(' ');
                cell(line, "-", 7, Align::Right, false);
            }
        }
    }
}

/// CC, cwin, ssthresh, MSS and ECN.
fn cc_cells(line: &mut String, s: &Socket, t: Option<&TcpInfo>) {
    line.push(' ');
    let cc = t.and_then(|t| t.congestion.as_deref()).unwrap_or("-");
    cell(line, cc, CC_WIDTH, Align::Left, false);
    let ecn = match (s.state, t.and_then(|t| t.ecn)) {
        (None | Some(State::Closed | State::Listen | State::SynSent | State::SynRcvd), _) => "n/a",
        (_, None) => "-",
        (_, Some(false)) => "off",
        (_, Some(true)) => "ecn",
    };
    for (v, width) in [
        (t.and_then(|t| t.cwnd_bytes), 10),
        (t.and_then(|t| t.ssthresh_bytes), 10),
        (t.and_then(|t| t.mss).map(u64::from), 5),
    ] {
        line.push(' ');
        num_cell(line, v, width);
    }
    let _ = write!(line, " {ecn:>3}");
}
