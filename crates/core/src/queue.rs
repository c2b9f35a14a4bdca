//! Send queues: the queueing disciplines and classes of an interface, with their counters, as
//! netstat -q and -qq show them (Linux: traffic-control qdiscs and classes; BSD: if_snd and
//! ALTQ queues).

/// Whether a queue entry is a queueing discipline or one of its classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueueType {
    /// A queueing discipline (qdisc): the interface's root queue or one attached under a class.
    Qdisc,
    /// A class of a classful queueing discipline (htb, hfsc, prio, ...).
    Class,
}

impl QueueType {
    /// The name used in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            QueueType::Qdisc => "qdisc",
            QueueType::Class => "class",
        }
    }
}

/// A rate estimate the kernel keeps for a queue (Linux: only where an estimator is attached).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateEstimate {
    /// Bytes per second.
    pub bps: u64,
    /// Packets per second.
    pub pps: u64,
}

/// One send-queue entry of an interface, as decoded from a kernel dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue {
    /// Queueing discipline or class.
    pub queue_type: QueueType,
    /// Index of the interface the queue belongs to.
    pub ifindex: u32,
    /// Name of that interface, when known.
    pub netif: Option<String>,
    /// The algorithm: "htb", "tbf", "pfifo_fast", "noqueue", ...
    pub kind: String,
    /// The queue's handle as the platform's tools print it (Linux tc: "1:" or "1:10").
    pub handle: String,
    /// The handle of its parent ("root" for the interface's root queue).
    pub parent: String,
    /// Bytes sent through the queue, where the kernel counts them.
    pub bytes: Option<u64>,
    /// Packets sent through the queue.
    pub packets: Option<u64>,
    /// Packets dropped.
    pub drops: Option<u64>,
    /// Times the queue was over its limit (shaping, policing).
    pub overlimits: Option<u64>,
    /// Packets handed back to the queue by the driver.
    pub requeues: Option<u64>,
    /// Bytes waiting in the queue now.
    pub backlog_bytes: Option<u64>,
    /// Packets waiting in the queue now.
    pub backlog_packets: Option<u64>,
    /// Bytes of the sent ones that hardware offload handled, where the kernel tells.
    pub hw_bytes: Option<u64>,
    /// Packets of the sent ones that hardware offload handled, where the kernel tells.
    pub hw_packets: Option<u64>,
    /// The rate estimate, where the kernel keeps one.
    pub rate: Option<RateEstimate>,
}

impl Queue {
    /// An entry with its identity and no counters (all unknown).
    pub fn new(queue_type: QueueType, ifindex: u32, kind: String) -> Self {
        Queue {
            queue_type,
            ifindex,
            netif: None,
            kind,
            handle: String::new(),
            parent: String::new(),
            bytes: None,
            packets: None,
            drops: None,
            overlimits: None,
            requeues: None,
            backlog_bytes: None,
            backlog_packets: None,
            hw_bytes: None,
            hw_packets: None,
            rate: None,
        }
    }
}
