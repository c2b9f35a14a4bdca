//! The scenarios, one module per rnetstat display, each setting up what it checks.

mod displays;
mod interfaces;
mod multicast;
mod neighbors;
mod queues;
mod routes;
mod sockets;
mod stats;
mod taps;
mod tcp;

use crate::ns::{Check, Ns};

/// A scenario: sets up, checks, tears down.
pub type Scenario = fn() -> Check;

/// Every scenario, by name, in the order they run.
pub const ALL: &[(&str, Scenario)] = &[
    ("routes", routes::run),
    ("interfaces", interfaces::run),
    ("sockets", sockets::run),
    ("tcp internals", tcp::run),
    ("tcp walk", tcp::walk),
    ("memberships", multicast::memberships),
    ("smcroute", multicast::router),
    ("statistics", stats::run),
    ("queues", queues::run),
    ("neighbors", neighbors::run),
    ("taps", taps::run),
    ("displays", displays::run),
];

/// Two namespaces joined by a veth pair: `a` (va0: 198.51.100.2/24, 2001:db8:1::2/64) and `b`
/// (vb0: 198.51.100.1/24, 2001:db8:1::1/64), both up.
pub struct Pair {
    /// The side whose tables the scenario reads.
    pub a: Ns,
    /// The peer.
    pub b: Ns,
}

impl Pair {
    /// Build it.
    pub fn new(tag: &str) -> Result<Pair, String> {
        let a = Ns::new(&format!("{tag}a"))?;
        let b = Ns::new(&format!("{tag}b"))?;
        a.ip(&format!(
            "link add va0 type veth peer name vb0 netns {}",
            b.name
        ))?;
        a.ip("addr add 198.51.100.2/24 dev va0")?;
        a.ip("addr add 2001:db8:1::2/64 dev va0 nodad")?;
        a.ip("link set va0 up")?;
        b.ip("addr add 198.51.100.1/24 dev vb0")?;
        b.ip("addr add 2001:db8:1::1/64 dev vb0 nodad")?;
        b.ip("link set vb0 up")?;
        Ok(Pair { a, b })
    }
}
