//! The filter language's words and grammar:
//!
//! ```text
//! expr := or
//! or   := and (('or' | '||') and)*
//! and  := not (['and' | '&&'] not)*        juxtaposition is and
//! not  := ('not' | '!') not | '(' expr ')' | term
//! term := 'state' STATE | PORTWORD [cmp] PORT | ADDRWORD ADDR | 'pid' N | 'user' USER
//!       | 'command' NAME | 'proto' P | P | 'family' F | 'netns' NAME
//! ```
//!
//! The text is cut into words at blanks and around `(`, `)`, `!` and the comparisons, so
//! `!(dport>=1024)` is six words. Errors name the offending word and its number (from 1).

use super::{Cmp, End, Filter, Prefix, StateSet, Term};
use crate::{Family, Proto, State};
use std::fmt;
use std::net::IpAddr;

/// Name lookups a filter may need, done by the caller (the command line reads /etc/services
/// and /etc/passwd).
pub trait Names {
    /// The port of a service name (`https`), for TCP or UDP.
    fn service(&self, name: &str) -> Option<u16>;
    /// The user id of a user name.
    fn user(&self, name: &str) -> Option<u32>;
}

/// A filter that does not parse: one line naming the offending word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "filter: {}", self.0)
    }
}

impl std::error::Error for ParseError {}

/// The words a term can start with, as an error lists them.
const WORDS: &str = "state, port, sport, dport, host, src, dst, pid, user, command, proto, family, netns, tcp, udp, unix, and, or, not";

/// The words of the language a shell completes: the terms' words, the operators' and the
/// names of states, groups, protocols and families.
pub const VOCABULARY: &[&str] = &[
    "state",
    "port",
    "sport",
    "dport",
    "host",
    "src",
    "dst",
    "pid",
    "user",
    "command",
    "proto",
    "family",
    "netns",
    "and",
    "or",
    "not",
    "established",
    "listen",
    "syn_sent",
    "syn_rcvd",
    "fin_wait_1",
    "fin_wait_2",
    "time_wait",
    "close_wait",
    "last_ack",
    "closing",
    "closed",
    "connected",
    "synchronized",
    "tcp",
    "udp",
    "udplite",
    "raw",
    "icmp",
    "icmp6",
    "unix",
    "packet",
    "vsock",
    "inet",
    "inet6",
    "link",
];

/// Nesting deeper than this (parentheses, `not`) is refused rather than recursed into.
const MAX_DEPTH: usize = 64;

/// Words that join or group terms and so cannot be a term's value.
const OPERATORS: &[&str] = &["and", "or", "not", "&&", "||", "!", "(", ")"];

/// Parse `text` into a filter.
pub fn parse(text: &str, names: &dyn Names) -> Result<Filter, ParseError> {
    let words = split(text);
    if words.is_empty() {
        return Err(ParseError("the expression is empty".into()));
    }
    let mut p = Parser {
        words,
        at: 0,
        depth: 0,
        names,
    };
    let filter = p.or()?;
    match p.peek() {
        None => Ok(filter),
        Some(")") => Err(p.error_here("has no '(' before it")),
        Some(_) => Err(p.error_here("cannot follow a complete expression")),
    }
}

/// Cut text into words: at blanks, and around `(`, `)` and the operators `! = == != < <= >
/// >= && ||` (two-character ones first).
pub(super) fn split(text: &str) -> Vec<String> {
    const PUNCT: &[char] = &['(', ')', '!', '=', '<', '>', '&', '|'];
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() || PUNCT.contains(&c) {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            if c.is_whitespace() {
                continue;
            }
            let mut op = c.to_string();
            if let Some(&next) = chars.peek() {
                let two: String = [c, next].iter().collect();
                if ["&&", "||", "!=", "==", "<=", ">="].contains(&two.as_str()) {
                    op = two;
                    chars.next();
                }
            }
            words.push(op);
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

struct Parser<'a> {
    words: Vec<String>,
    at: usize,
    depth: usize,
    names: &'a dyn Names,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.words.get(self.at).map(String::as_str)
    }

    fn next(&mut self) -> Option<(usize, String)> {
        let w = self.words.get(self.at).cloned()?;
        self.at += 1;
        Some((self.at, w))
    }

    /// An error about the word at `self.at`.
    fn error_here(&self, what: &str) -> ParseError {
        let word = self.peek().unwrap_or("");
        ParseError(format!("'{word}' at word {} {what}", self.at + 1))
    }

    fn or(&mut self) -> Result<Filter, ParseError> {
        let mut left = self.and()?;
        while matches!(
            self.peek().map(str::to_ascii_lowercase).as_deref(),
            Some("or" | "||")
        ) {
            let (n, w) = self.next().unwrap_or_default();
            self.need_more(n, &w)?;
            left = Filter::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter, ParseError> {
        let mut left = self.not()?;
        loop {
            match self.peek().map(str::to_ascii_lowercase).as_deref() {
                None | Some("or" | "||" | ")") => return Ok(left),
                Some("and" | "&&") => {
                    let (n, w) = self.next().unwrap_or_default();
                    self.need_more(n, &w)?;
                }
                Some(_) => {}
            }
            left = Filter::And(Box::new(left), Box::new(self.not()?));
        }
    }

    /// After the operator `word` (word `n`) another operand must follow.
    fn need_more(&self, n: usize, word: &str) -> Result<(), ParseError> {
        if self.peek().is_none() {
            return Err(ParseError(format!(
                "'{word}' at word {n} has nothing after it"
            )));
        }
        Ok(())
    }

    fn not(&mut self) -> Result<Filter, ParseError> {
        let Some(word) = self.peek().map(str::to_ascii_lowercase) else {
            return Err(ParseError("the expression ends too early".into()));
        };
        if self.depth >= MAX_DEPTH {
            return Err(self.error_here("is nested too deep"));
        }
        match word.as_str() {
            "not" | "!" => {
                let (n, w) = self.next().unwrap_or_default();
                self.need_more(n, &w)?;
                self.depth += 1;
                let inner = self.not();
                self.depth -= 1;
                Ok(Filter::Not(Box::new(inner?)))
            }
            "(" => {
                let (open, _) = self.next().unwrap_or_default();
                self.need_more(open, "(")?;
                self.depth += 1;
                let inner = self.or();
                self.depth -= 1;
                let inner = inner?;
                match self.next() {
                    Some((_, w)) if w == ")" => Ok(inner),
                    _ => Err(ParseError(format!(
                        "unbalanced '(' at word {open}: no ')' closes it"
                    ))),
                }
            }
            "and" | "or" | "&&" | "||" => Err(self.error_here("has nothing before it")),
            ")" => Err(self.error_here("has no '(' before it, or nothing inside")),
            _ => self.term(),
        }
    }

    fn term(&mut self) -> Result<Filter, ParseError> {
        let (n, word) = self.next().unwrap_or_default();
        let key = word.to_ascii_lowercase();
        let port = |end| Key::Port(end);
        let addr = |end| Key::Addr(end);
        let key = match key.as_str() {
            "state" => Key::State,
            "port" => port(End::Either),
            "sport" | "lport" => port(End::Local),
            "dport" | "fport" | "rport" => port(End::Remote),
            "host" | "addr" => addr(End::Either),
            "src" | "local" => addr(End::Local),
            "dst" | "foreign" | "remote" => addr(End::Remote),
            "pid" => Key::Pid,
            "user" | "uid" => Key::User,
            "command" | "comm" | "cmd" => Key::Command,
            "proto" => Key::Proto,
            "family" => Key::Family,
            "netns" => Key::Netns,
            k => match Proto::from_name(k) {
                Some(p) => return Ok(Filter::Term(Term::Proto(p))),
                None => {
                    return Err(ParseError(format!(
                        "'{word}' at word {n} is not a filter word ({WORDS})"
                    )))
                }
            },
        };
        let cmp = self.comparison(n, &word, matches!(key, Key::Port(_)))?;
        let (vn, value) = match self.next() {
            Some((_, v)) if OPERATORS.contains(&v.to_ascii_lowercase().as_str()) || is_cmp(&v) => {
                return Err(ParseError(format!(
                    "'{word}' at word {n} needs {}",
                    key.wants()
                )))
            }
            Some(v) => v,
            None => {
                return Err(ParseError(format!(
                    "'{word}' at word {n} needs {}",
                    key.wants()
                )))
            }
        };
        let bad = || {
            ParseError(format!(
                "'{value}' at word {vn} is not {} (after '{word}')",
                key.wants()
            ))
        };
        let term = match key {
            Key::State => Term::State(state_set(&value).ok_or_else(bad)?),
            Key::Port(end) => Term::Port {
                end,
                cmp: cmp.map_or(Cmp::Eq, CmpOrNot::cmp),
                port: u32::from(
                    value
                        .parse::<u16>()
                        .ok()
                        .or_else(|| self.names.service(&value))
                        .ok_or_else(bad)?,
                ),
            },
            Key::Addr(end) => Term::Addr {
                end,
                prefix: prefix(&value).ok_or_else(bad)?,
            },
            Key::Pid => Term::Pid(value.parse().map_err(|_| bad())?),
            Key::User => Term::Uid(
                value
                    .parse()
                    .ok()
                    .or_else(|| self.names.user(&value))
                    .ok_or_else(bad)?,
            ),
            Key::Command => Term::Command(value.clone()),
            Key::Proto => {
                Term::Proto(Proto::from_name(&value.to_ascii_lowercase()).ok_or_else(bad)?)
            }
            Key::Family => Term::Family(
                value
                    .to_ascii_lowercase()
                    .parse::<Family>()
                    .map_err(|_| bad())?,
            ),
            Key::Netns => Term::Netns(value.clone()),
        };
        let filter = Filter::Term(term);
        Ok(match cmp {
            Some(Negated) => Filter::Not(Box::new(filter)),
            _ => filter,
        })
    }

    /// An optional comparison after the key `word` (word `n`): any for ports, `=`, `==` and
    /// `!=` for the others. `!=` comes back as [`Negated`].
    fn comparison(
        &mut self,
        n: usize,
        word: &str,
        ordered: bool,
    ) -> Result<Option<CmpOrNot>, ParseError> {
        let cmp = match self.peek() {
            Some("=" | "==") => Some(Cmp::Eq.into()),
            Some("!=") => Some(Negated),
            Some("<") => Some(Cmp::Lt.into()),
            Some("<=") => Some(Cmp::Le.into()),
            Some(">") => Some(Cmp::Gt.into()),
            Some(">=") => Some(Cmp::Ge.into()),
            _ => None,
        };
        if let Some(CmpOrNot::Cmp(Cmp::Lt | Cmp::Le | Cmp::Gt | Cmp::Ge)) = cmp {
            if !ordered {
                let op = self.peek().unwrap_or("");
                return Err(ParseError(format!(
                    "'{op}' at word {}: '{word}' (word {n}) takes = or !=; only ports take < <= > >=",
                    self.at + 1
                )));
            }
        }
        if cmp.is_some() {
            self.at += 1;
        }
        Ok(cmp)
    }
}

/// A comparison, or `!=`.
#[derive(Clone, Copy)]
enum CmpOrNot {
    Cmp(Cmp),
    Negated,
}
use CmpOrNot::Negated;

impl From<Cmp> for CmpOrNot {
    fn from(c: Cmp) -> Self {
        CmpOrNot::Cmp(c)
    }
}

impl CmpOrNot {
    /// The comparison whose result is kept or negated.
    fn cmp(self) -> Cmp {
        match self {
            CmpOrNot::Cmp(c) => c,
            Negated => Cmp::Eq,
        }
    }
}

fn is_cmp(w: &str) -> bool {
    ["=", "==", "!=", "<", "<=", ">", ">="].contains(&w)
}

/// What a term's word takes.
#[derive(Clone, Copy)]
enum Key {
    State,
    Port(End),
    Addr(End),
    Pid,
    User,
    Command,
    Proto,
    Family,
    Netns,
}

impl Key {
    fn wants(self) -> &'static str {
        match self {
            Key::State => "a TCP state (established, listen, syn_sent, syn_rcvd, fin_wait_1, fin_wait_2, time_wait, close_wait, last_ack, closing, closed) or group (connected, synchronized)",
            Key::Port(_) => "a port number or service name",
            Key::Addr(_) => "an IPv4 or IPv6 address or prefix (192.0.2.1, 198.51.100.0/24, 2001:db8::/32)",
            Key::Pid => "a process id",
            Key::User => "a user name or uid",
            Key::Command => "a command name",
            Key::Proto => "a protocol (tcp, udp, udplite, raw, icmp, icmp6, unix, packet, vsock)",
            Key::Family => "an address family (inet, inet6, link, unix, vsock)",
            Key::Netns => "a network namespace name",
        }
    }
}

/// A state or group name, any case, `-` and `_` alike.
fn state_set(word: &str) -> Option<StateSet> {
    let w = word.to_ascii_lowercase().replace('-', "_");
    let one = match w.as_str() {
        "connected" => return Some(StateSet::connected()),
        "synchronized" | "synchronised" => return Some(StateSet::synchronized()),
        "closed" => State::Closed,
        "listen" | "listening" => State::Listen,
        "syn_sent" => State::SynSent,
        "syn_rcvd" | "syn_recv" | "syn_received" => State::SynRcvd,
        "established" | "estab" => State::Established,
        "close_wait" => State::CloseWait,
        "last_ack" => State::LastAck,
        "fin_wait_1" | "fin_wait1" => State::FinWait1,
        "fin_wait_2" | "fin_wait2" => State::FinWait2,
        "closing" => State::Closing,
        "time_wait" => State::TimeWait,
        _ => return None,
    };
    Some(StateSet::of(one))
}

/// `addr` or `addr/len`.
fn prefix(word: &str) -> Option<Prefix> {
    let (addr, len) = match word.split_once('/') {
        Some((a, l)) => (a, Some(l.parse::<u8>().ok()?)),
        None => (word, None),
    };
    let addr: IpAddr = addr.parse().ok()?;
    let len = len.unwrap_or(if addr.is_ipv4() { 32 } else { 128 });
    Prefix::new(addr, len)
}
