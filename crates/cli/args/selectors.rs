//! The typed values of the options that select part of a display: `-p` (a protocol), `-F`
//! (a routing table), `-c` (a queue). Parsed and checked here, once; displays and backends
//! receive them and raise no usage errors of their own.

use rnetstat_core::{Error, Proto, Queue, Result, TableNaming, Tables};

/// `-p`: a protocol of rnetstat's list, by its canonical name; for the socket display also
/// the socket protocol it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protocol {
    /// The canonical name (`tcp`, `ip6`, ...), which the statistics displays select by.
    pub name: &'static str,
    /// The socket protocol, where the name is one.
    pub socket: Option<Proto>,
}

/// Protocols `-p` knows, with their aliases (as /etc/protocols names them).
const PROTOCOLS: &[(&str, &[&str])] = &[
    ("tcp", &["tcp6"]),
    ("udp", &["udp6"]),
    ("udplite", &["udplite6"]),
    ("raw", &["raw6"]),
    ("ip", &["ipv4"]),
    ("ip6", &["ipv6"]),
    ("icmp", &[]),
    ("icmp6", &["ipv6-icmp"]),
    ("igmp", &[]),
    ("pim", &[]),
    ("arp", &[]),
    ("rip6", &[]),
    ("sctp", &[]),
    ("mptcp", &[]),
    ("unix", &[]),
    ("vsock", &[]),
    ("packet", &[]),
];

impl Protocol {
    /// A protocol name or alias.
    pub fn parse(p: &str) -> Result<Protocol> {
        let lower = p.to_ascii_lowercase();
        PROTOCOLS
            .iter()
            .find(|(name, aliases)| *name == lower || aliases.contains(&lower.as_str()))
            .map(|(name, _)| Protocol {
                name,
                socket: Proto::from_name(name),
            })
            .ok_or_else(|| {
                let known: Vec<&str> = PROTOCOLS.iter().map(|(n, _)| *n).collect();
                Error::Usage(format!(
                    "{p}: unknown protocol (known: {})",
                    known.join(", ")
                ))
            })
    }
}

/// `-F`: a routing table, by number or by the system's name for it, or `all` of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSelector(String);

impl TableSelector {
    /// As given on the command line.
    pub fn new(text: &str) -> TableSelector {
        TableSelector(text.to_string())
    }

    /// The tables it selects on a system that names its tables as `naming` says.
    pub fn resolve(&self, naming: &TableNaming) -> Result<Tables> {
        if self.0 == "all" {
            return Ok(Tables::All);
        }
        naming.parse(&self.0).map(Tables::One).ok_or_else(|| {
            let known: String = naming.names.iter().map(|(_, n)| format!(", {n}")).collect();
            Error::Usage(format!(
                "{}: not a routing table (a number{known}, or all)",
                self.0
            ))
        })
    }
}

/// `-c`: the queues of an interface to show: `root` (the qdisc whose parent is the root), a
/// handle (`1:`, `1:10`: hex major and/or minor of at most 4 digits around an optional colon,
/// not both empty; a bare number is a major), or a kind (`htb`: a letter, then letters, digits
/// or `_`), which selects every queue of that algorithm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueSelector(String);

impl QueueSelector {
    /// Check what -c says.
    pub fn parse(w: &str) -> Result<QueueSelector> {
        let hex = |p: &str| p.len() <= 4 && p.chars().all(|c| c.is_ascii_hexdigit());
        let handle = match w.split_once(':') {
            Some((major, minor)) => {
                hex(major) && hex(minor) && !(major.is_empty() && minor.is_empty())
            }
            None => !w.is_empty() && hex(w) && w.chars().all(|c| c.is_ascii_digit()),
        };
        let kind = w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if handle || kind {
            Ok(QueueSelector(w.to_string()))
        } else {
            Err(Error::Usage(format!(
                "-c {w:?}: not a queue handle (1:, 1:10), root or a kind (htb)"
            )))
        }
    }

    /// As given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it names a class (a minor number after the colon), so classes must be read.
    pub fn names_class(&self) -> bool {
        self.0
            .split_once(':')
            .is_some_and(|(_, minor)| !minor.trim_start_matches('0').is_empty())
    }

    /// Whether queue `q` is selected.
    pub fn matches(&self, q: &Queue) -> bool {
        let w = normalize(&self.0);
        if w == "root" {
            return q.parent == "root";
        }
        normalize(&q.handle) == w || q.kind.eq_ignore_ascii_case(&self.0)
    }
}

/// A handle in one spelling: `1`, `1:` and `1:0` are `1:`; `1:0a` is `1:a`. Anything that is
/// not a handle (a kind, `root`) comes back lower-cased.
fn normalize(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let (maj, min) = lower.split_once(':').unwrap_or((&lower, ""));
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    match (maj, hex(maj), hex(min)) {
        (_, Some(a), None) if min.is_empty() => format!("{a:x}:"),
        (_, Some(a), Some(0)) => format!("{a:x}:"),
        (_, Some(a), Some(b)) => format!("{a:x}:{b:x}"),
        ("", None, Some(b)) => format!(":{b:x}"),
        _ => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rnetstat_core::QueueType;

    #[test]
    fn handles_and_kinds_select_queues() {
        assert_eq!(normalize("1"), "1:");
        assert_eq!(normalize("1:0"), "1:");
        assert_eq!(normalize("1:0A"), "1:a");
        assert_eq!(normalize(":1"), ":1");
        assert_eq!(normalize("HTB"), "htb");
        let mut q = Queue::new(QueueType::Class, 2, "htb".into());
        q.handle = "1:10".into();
        q.parent = "root".into();
        let sel = |w: &str| QueueSelector::parse(w).unwrap();
        assert!(sel("1:10").matches(&q) && sel("htb").matches(&q) && sel("root").matches(&q));
        assert!(!sel("1:").matches(&q) && !sel("tbf").matches(&q) && !sel("1:1").matches(&q));
        assert!(sel("1:10").names_class() && !sel("1:").names_class() && !sel("1:0").names_class());
        for ok in [
            "root",
            "1",
            "1:",
            ":1",
            "1:10",
            "ffff:fff1",
            "htb",
            "pfifo_fast",
        ] {
            assert!(QueueSelector::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", ":", "1:2:3", "99999999:", "-x", "h t b", "1:10x"] {
            assert!(QueueSelector::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn protocols_and_their_socket_kind() {
        let tcp = Protocol::parse("TCP6").unwrap();
        assert_eq!((tcp.name, tcp.socket), ("tcp", Some(Proto::Tcp)));
        assert_eq!(Protocol::parse("ipv6").unwrap().socket, None);
        assert!(Protocol::parse("nosuch").is_err());
    }
}
