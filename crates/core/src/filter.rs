//! Socket filters: the expression after the options (`rnetstat -an state established and
//! dport 443`), parsed once by [`Filter::parse`] and asked of each socket as it streams by
//! [`Filter::matches`]. No I/O: the names a filter may hold (services, users) are looked up
//! through [`Names`], which the command line implements, and the namespace being shown comes
//! in a [`FilterContext`].

mod parse;

pub use parse::{Names, ParseError, VOCABULARY};

use crate::{Endpoint, Family, Proto, Socket, State};
use std::net::IpAddr;

/// A parsed filter expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Both hold.
    And(Box<Filter>, Box<Filter>),
    /// Either holds.
    Or(Box<Filter>, Box<Filter>),
    /// It does not hold.
    Not(Box<Filter>),
    /// One test of a socket.
    Term(Term),
}

/// What the display being filtered knows beyond the socket itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterContext<'a> {
    /// The name of the network namespace whose sockets are shown (`host` for the host's own),
    /// or None when it has none (a snapshot).
    pub netns: Option<&'a str>,
}

/// Which end of a socket a port or address term looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The local end (`sport`, `src`).
    Local,
    /// The foreign end (`dport`, `dst`).
    Remote,
    /// Either end (`port`, `host`).
    Either,
}

/// A port comparison; `!=` is parsed as the negation of `=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `=`, `==` or none.
    Eq,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// An address prefix: the address with its host bits cleared and the prefix length; an
/// IPv4-mapped IPv6 prefix is held as its IPv4 form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefix {
    /// The network address.
    pub addr: IpAddr,
    /// The prefix length (32 or 128 for one address).
    pub len: u8,
}

/// A set of TCP states, one bit per [`State`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateSet(u16);

/// One test of a socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// `state S`: the socket's state is one of these.
    State(StateSet),
    /// `port`, `sport`, `dport`: a port of the end compares so with `port`.
    Port {
        /// Which end.
        end: End,
        /// How it compares.
        cmp: Cmp,
        /// The port it compares with.
        port: u32,
    },
    /// `host`, `src`, `dst`: an address of the end lies in the prefix.
    Addr {
        /// Which end.
        end: End,
        /// The prefix.
        prefix: Prefix,
    },
    /// `pid N`: a process holding the socket has this id.
    Pid(u32),
    /// `user NAME|UID`: the socket's user id.
    Uid(u32),
    /// `command NAME`: a process holding the socket has this command name (`*` and `?` glob).
    Command(String),
    /// `proto P` or a bare protocol name.
    Proto(Proto),
    /// `family F`.
    Family(Family),
    /// `netns NAME`: the namespace shown has this name.
    Netns(String),
}

/// Every state, in the bit order of [`StateSet`].
const STATES: [State; 11] = [
    State::Closed,
    State::Listen,
    State::SynSent,
    State::SynRcvd,
    State::Established,
    State::CloseWait,
    State::LastAck,
    State::FinWait1,
    State::FinWait2,
    State::Closing,
    State::TimeWait,
];

impl StateSet {
    /// The set of one state.
    pub fn of(state: State) -> StateSet {
        StateSet(1 << Self::bit(state))
    }

    /// The states of `list`.
    pub fn of_all(list: &[State]) -> StateSet {
        StateSet(list.iter().fold(0, |set, s| set | 1 << Self::bit(*s)))
    }

    /// `connected`: every state but LISTEN and CLOSED.
    pub fn connected() -> StateSet {
        Self::of_all(&STATES[2..])
    }

    /// `synchronized`: the connected states but SYN_SENT and SYN_RCVD.
    pub fn synchronized() -> StateSet {
        Self::of_all(&STATES[4..])
    }

    /// Whether `state` is in the set.
    pub fn contains(self, state: State) -> bool {
        self.0 & 1 << Self::bit(state) != 0
    }

    fn bit(state: State) -> u16 {
        STATES.iter().position(|s| *s == state).unwrap_or(0) as u16
    }
}

impl Prefix {
    /// The prefix `addr/len` (len at most the address's bits), with its host bits cleared; an
    /// IPv4-mapped IPv6 prefix of at least 96 bits becomes its IPv4 form.
    pub fn new(addr: IpAddr, len: u8) -> Option<Prefix> {
        let (addr, len) = match addr {
            IpAddr::V6(a) if len >= 96 => match a.to_ipv4_mapped() {
                Some(v4) => (IpAddr::V4(v4), len - 96),
                None => (addr, len),
            },
            _ => (addr, len),
        };
        let bits = if addr.is_ipv4() { 32 } else { 128 };
        if len > bits {
            return None;
        }
        let addr = match addr {
            IpAddr::V4(a) => IpAddr::V4((u32::from(a) & mask(len, 32) as u32).into()),
            IpAddr::V6(a) => IpAddr::V6((u128::from(a) & mask(len, 128)).into()),
        };
        Some(Prefix { addr, len })
    }

    /// Whether `addr` (an IPv4-mapped address as its IPv4 form) lies in the prefix.
    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = match addr {
            IpAddr::V6(a) => a.to_ipv4_mapped().map_or(addr, IpAddr::V4),
            a => a,
        };
        match (self.addr, addr) {
            (IpAddr::V4(p), IpAddr::V4(a)) => {
                u32::from(a) & mask(self.len, 32) as u32 == u32::from(p)
            }
            (IpAddr::V6(p), IpAddr::V6(a)) => u128::from(a) & mask(self.len, 128) == u128::from(p),
            _ => false,
        }
    }
}

/// The netmask of `len` leading ones in an address of `bits` bits, in the low bits of a u128.
fn mask(len: u8, bits: u32) -> u128 {
    let all = if bits == 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    };
    match u32::from(len) {
        0 => 0,
        l if l >= bits => all,
        l => all & !(all >> l),
    }
}

impl Filter {
    /// Parse the words after the options (joined and split again, so `'port 22 or port 80'`
    /// and `port 22 or port 80` are the same), looking names up through `names`.
    pub fn parse(words: &[String], names: &dyn Names) -> Result<Filter, ParseError> {
        parse::parse(&words.join(" "), names)
    }

    /// Whether `socket` passes the filter.
    pub fn matches(&self, socket: &Socket, ctx: &FilterContext<'_>) -> bool {
        match self {
            Filter::And(a, b) => a.matches(socket, ctx) && b.matches(socket, ctx),
            Filter::Or(a, b) => a.matches(socket, ctx) || b.matches(socket, ctx),
            Filter::Not(a) => !a.matches(socket, ctx),
            Filter::Term(t) => t.matches(socket, ctx),
        }
    }

    /// Whether a term asks about the processes holding a socket (`pid`, `command`), so the
    /// owners must be looked up even without `-v`.
    pub fn needs_owners(&self) -> bool {
        self.any(&|t| matches!(t, Term::Pid(_) | Term::Command(_)))
    }

    /// Whether a term asks the owner's uid (`user`).
    pub fn needs_uid(&self) -> bool {
        self.any(&|t| matches!(t, Term::Uid(_)))
    }

    /// Whether a term asks which namespace is shown (`netns`).
    pub fn needs_netns(&self) -> bool {
        self.any(&|t| matches!(t, Term::Netns(_)))
    }

    fn any(&self, test: &dyn Fn(&Term) -> bool) -> bool {
        match self {
            Filter::And(a, b) | Filter::Or(a, b) => a.any(test) || b.any(test),
            Filter::Not(a) => a.any(test),
            Filter::Term(t) => test(t),
        }
    }
}

impl Term {
    fn matches(&self, s: &Socket, ctx: &FilterContext<'_>) -> bool {
        let ends = |end: End| -> [Option<&Endpoint>; 2] {
            match end {
                End::Local => [Some(&s.local), None],
                End::Remote => [Some(&s.remote), None],
                End::Either => [Some(&s.local), Some(&s.remote)],
            }
        };
        match self {
            Term::State(set) => s.state.is_some_and(|st| set.contains(st)),
            Term::Port { end, cmp, port } => ends(*end)
                .into_iter()
                .flatten()
                .any(|e| port_of(e).is_some_and(|p| compare(p, *cmp, *port))),
            Term::Addr { end, prefix } => ends(*end).into_iter().flatten().any(|e| match e {
                Endpoint::Inet { addr, .. } => prefix.contains(*addr),
                _ => false,
            }),
            Term::Pid(pid) => s.owners.iter().any(|o| o.pid == *pid),
            Term::Uid(uid) => s.uid == Some(*uid),
            Term::Command(pattern) => s
                .owners
                .iter()
                .any(|o| o.command.as_deref().is_some_and(|c| glob(pattern, c))),
            Term::Proto(p) => s.proto == *p,
            Term::Family(f) => s.family == *f,
            Term::Netns(name) => ctx.netns == Some(name.as_str()),
        }
    }
}

/// The port of an endpoint that has one (Internet, vsock).
fn port_of(e: &Endpoint) -> Option<u32> {
    match e {
        Endpoint::Inet { port, .. } => Some(u32::from(*port)),
        Endpoint::Vsock { port, .. } => Some(*port),
        _ => None,
    }
}

/// `have cmp want`; the wildcard port (0, and vsock's any) is equal only to itself and never
/// less or greater than another.
fn compare(have: u32, cmp: Cmp, want: u32) -> bool {
    let wildcard = have == 0 || have == u32::MAX;
    match cmp {
        Cmp::Eq => have == want,
        _ if wildcard => false,
        Cmp::Lt => have < want,
        Cmp::Le => have <= want,
        Cmp::Gt => have > want,
        Cmp::Ge => have >= want,
    }
}

/// Whether `text` matches `pattern`, where `*` stands for any run of characters and `?` for
/// one (linear: the last `*` is the only backtracking point).
pub fn glob(pattern: &str, text: &str) -> bool {
    if !pattern.contains(['*', '?']) {
        return pattern == text;
    }
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(c) if *c == '?' || *c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests;
