//! `-s`'s "TCP connection count by state" block on Linux, in FreeBSD netstat's form
//! (usr.bin/netstat/inet.c tcp_stats): a heading and one line per state in FreeBSD's order
//! (TCPS_CLOSED ... TCPS_TIME_WAIT), `N connection{ |s} in STATE state`; `-ss` leaves out the
//! zero lines, as netstat does. Counted from a sock_diag dump of every TCP socket (both
//! families, each socket once); Linux's NEW_SYN_RECV request sockets count as SYN_RCVD.

use rnetstat_core::{Counter, CounterName, Shown, State};
use std::borrow::Cow;

/// The states in FreeBSD's order (TCPS_*), each with its counter's name and wording.
const STATES: [(State, &str, &str); 11] = [
    (
        State::Closed,
        "tcp_states[CLOSED]",
        "{} connection{ |s} in CLOSED state",
    ),
    (
        State::Listen,
        "tcp_states[LISTEN]",
        "{} connection{ |s} in LISTEN state",
    ),
    (
        State::SynSent,
        "tcp_states[SYN_SENT]",
        "{} connection{ |s} in SYN_SENT state",
    ),
    (
        State::SynRcvd,
        "tcp_states[SYN_RCVD]",
        "{} connection{ |s} in SYN_RCVD state",
    ),
    (
        State::Established,
        "tcp_states[ESTABLISHED]",
        "{} connection{ |s} in ESTABLISHED state",
    ),
    (
        State::CloseWait,
        "tcp_states[CLOSE_WAIT]",
        "{} connection{ |s} in CLOSE_WAIT state",
    ),
    (
        State::FinWait1,
        "tcp_states[FIN_WAIT_1]",
        "{} connection{ |s} in FIN_WAIT_1 state",
    ),
    (
        State::Closing,
        "tcp_states[CLOSING]",
        "{} connection{ |s} in CLOSING state",
    ),
    (
        State::LastAck,
        "tcp_states[LAST_ACK]",
        "{} connection{ |s} in LAST_ACK state",
    ),
    (
        State::FinWait2,
        "tcp_states[FIN_WAIT_2]",
        "{} connection{ |s} in FIN_WAIT_2 state",
    ),
    (
        State::TimeWait,
        "tcp_states[TIME_WAIT]",
        "{} connection{ |s} in TIME_WAIT state",
    ),
];

/// The heading above the block.
pub const HEADING: &str = "TCP connection count by state:";

/// How many TCP sockets are in each state, in FreeBSD's order.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StateCounts([u64; 11]);

impl StateCounts {
    /// Count one socket in `state` (a socket without a state is not counted).
    pub fn add(&mut self, state: Option<State>) {
        if let Some(i) = STATES.iter().position(|(s, _, _)| Some(*s) == state) {
            self.0[i] += 1;
        }
    }

    /// The count of `state`.
    pub fn of(&self, state: State) -> u64 {
        STATES
            .iter()
            .position(|(s, _, _)| *s == state)
            .map_or(0, |i| self.0[i])
    }

    /// The block's lines as counters of the tcp section, under [`HEADING`].
    pub fn counters(&self) -> Vec<Counter> {
        STATES
            .iter()
            .zip(self.0)
            .map(|((_, name, words), value)| Counter {
                name: CounterName::fixed(name),
                value,
                description: Cow::Borrowed(words),
                headings: vec![HEADING.to_string()],
                shown: Shown::Normal,
                ..Counter::default()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_as_freebsd_prints_them() {
        let mut c = StateCounts::default();
        for s in [State::Listen, State::Listen, State::CloseWait] {
            c.add(Some(s));
        }
        c.add(None);
        let lines: Vec<String> = c.counters().iter().map(Counter::text).collect();
        assert_eq!(lines.len(), 11);
        assert_eq!(lines[0], "0 connections in CLOSED state");
        assert_eq!(lines[1], "2 connections in LISTEN state");
        assert_eq!(lines[5], "1 connection  in CLOSE_WAIT state");
        assert_eq!(lines[10], "0 connections in TIME_WAIT state");
        assert_eq!(c.of(State::Listen), 2);
        // -ss leaves out the zero lines.
        assert_eq!(c.counters().iter().filter(|l| l.shown(true)).count(), 2);
    }
}
