//! Protocol statistics: ordered, named counters grouped per protocol, as netstat -s prints them
//! ("tcp:" then one line per counter).

/// One counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    /// The kernel's name for it (e.g. `InMcastPkts`, `tcps_connattempt`).
    pub name: String,
    /// Its value.
    pub value: u64,
    /// What it counts, in netstat(1)'s manner, with `{}` where the number goes
    /// (e.g. `{} multicast packets received`).
    pub description: String,
}

/// The counters of one protocol, in kernel order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatGroup {
    /// Section name as printed before the colon (e.g. `igmp`, `ip multicast`).
    pub protocol: String,
    /// Counters.
    pub counters: Vec<Counter>,
}

impl Counter {
    /// A counter with its description.
    pub fn new(name: &str, value: u64, description: &str) -> Counter {
        Counter {
            name: name.to_string(),
            value,
            description: description.to_string(),
        }
    }

    /// The description with the value in place of `{}`.
    pub fn text(&self) -> String {
        self.description.replacen("{}", &self.value.to_string(), 1)
    }
}
