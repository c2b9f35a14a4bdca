//! Address families as `-f` names them.

use std::fmt;
use std::str::FromStr;

/// An address family of netstat(1)'s `-f` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// IPv4 (`inet`).
    Inet,
    /// IPv6 (`inet6`).
    Inet6,
    /// Link layer (`link`).
    Link,
    /// Unix domain (`unix`, also `local`).
    Unix,
    /// Virtual sockets (`vsock`).
    Vsock,
}

impl Family {
    /// Every family, in the order `-f` lists them.
    pub const ALL: [Family; 5] = [
        Family::Inet,
        Family::Inet6,
        Family::Link,
        Family::Unix,
        Family::Vsock,
    ];

    /// The `-f` name.
    pub fn name(self) -> &'static str {
        match self {
            Family::Inet => "inet",
            Family::Inet6 => "inet6",
            Family::Link => "link",
            Family::Unix => "unix",
            Family::Vsock => "vsock",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Family {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "inet" | "ip" | "ipv4" | "inet4" => Ok(Family::Inet),
            "inet6" | "ip6" | "ipv6" => Ok(Family::Inet6),
            "link" | "ether" => Ok(Family::Link),
            "unix" | "local" => Ok(Family::Unix),
            "vsock" => Ok(Family::Vsock),
            _ => Err(format!(
                "{s}: unknown address family (known: inet, inet6, link, unix, vsock)"
            )),
        }
    }
}
