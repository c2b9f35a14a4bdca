//! The socket constants FreeBSD and macOS share (both BSD heritage): the socket types
//! (sys/socket.h SOCK_*) and the TCP states (netinet/tcp_fsm.h TCPS_*, TCP_NSTATES = 11),
//! with the names netstat prints for them. Both systems' layout.txt check the values.

use rnetstat_core::{SockType, State};

/// SOCK_STREAM.
pub const SOCK_STREAM: i16 = 1;
/// SOCK_DGRAM.
pub const SOCK_DGRAM: i16 = 2;
/// SOCK_RAW.
pub const SOCK_RAW: i16 = 3;
/// SOCK_SEQPACKET.
pub const SOCK_SEQPACKET: i16 = 5;

/// The socket type of a `so_type` value, if it is one netstat names.
pub fn sock_type(t: i16) -> Option<SockType> {
    match t {
        SOCK_STREAM => Some(SockType::Stream),
        SOCK_DGRAM => Some(SockType::Dgram),
        SOCK_RAW => Some(SockType::Raw),
        SOCK_SEQPACKET => Some(SockType::SeqPacket),
        _ => None,
    }
}

/// The TCP states in the order of their values (0 to TCP_NSTATES - 1): the TCPS_* macro,
/// netstat's name of it (its `tcpstates[]`, as `-s` prints it) and the model's state.
pub const TCP_STATES: [(&str, &str, State); 11] = [
    ("TCPS_CLOSED", "CLOSED", State::Closed),
    ("TCPS_LISTEN", "LISTEN", State::Listen),
    ("TCPS_SYN_SENT", "SYN_SENT", State::SynSent),
    ("TCPS_SYN_RECEIVED", "SYN_RCVD", State::SynRcvd),
    ("TCPS_ESTABLISHED", "ESTABLISHED", State::Established),
    ("TCPS_CLOSE_WAIT", "CLOSE_WAIT", State::CloseWait),
    ("TCPS_FIN_WAIT_1", "FIN_WAIT_1", State::FinWait1),
    ("TCPS_CLOSING", "CLOSING", State::Closing),
    ("TCPS_LAST_ACK", "LAST_ACK", State::LastAck),
    ("TCPS_FIN_WAIT_2", "FIN_WAIT_2", State::FinWait2),
    ("TCPS_TIME_WAIT", "TIME_WAIT", State::TimeWait),
];

/// The state of a `t_state` value.
pub fn tcp_state(t: i32) -> Option<State> {
    let i = usize::try_from(t).ok()?;
    TCP_STATES.get(i).map(|(_, _, s)| *s)
}

/// netstat's name of the state numbered `i`.
pub fn tcp_state_name(i: usize) -> Option<&'static str> {
    TCP_STATES.get(i).map(|(_, n, _)| *n)
}

/// The layout lines of these constants, the TCP states' macros named `prefix` + `TCPS_...`
/// (macOS's fixture defines them as RNT_TCPS_*, with the values of xnu's tcp_fsm.h).
pub fn assumptions(prefix: &str) -> Vec<crate::os::Assumption> {
    let mut v = vec![
        (vec!["const SOCK_STREAM".to_string()], SOCK_STREAM as u64),
        (vec!["const SOCK_DGRAM".to_string()], SOCK_DGRAM as u64),
        (vec!["const SOCK_RAW".to_string()], SOCK_RAW as u64),
        (
            vec!["const SOCK_SEQPACKET".to_string()],
            SOCK_SEQPACKET as u64,
        ),
    ];
    for (i, (name, _, _)) in TCP_STATES.iter().enumerate() {
        v.push((vec![format!("const {prefix}{name}")], i as u64));
    }
    v
}
