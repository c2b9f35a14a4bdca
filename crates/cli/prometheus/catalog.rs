//! Every metric `--prometheus` prints: its stable name, type, labels and help. The same list is
//! kept in `schema/prometheus.txt` and in the manual's METRICS section; tests check the three
//! agree and that the binary prints nothing else.
//!
//! Names: `rnetstat_` and the display's subject, snake_case, the unit in the name (`_bytes`,
//! `_packets`), counters ending in `_total`. Kernel counters that have no fixed set of names
//! (`-s`, `-gs`, `-m`) are one family each for counters and for levels, with the section
//! (`protocol`) and the kernel's name for the counter (`counter`) as labels.

/// A metric's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A count since boot that only goes up (resets at reboot).
    Counter,
    /// A level that goes up and down, or a setting.
    Gauge,
}

/// One metric family.
#[derive(Debug)]
pub struct Metric {
    /// The metric's name, as printed.
    pub name: &'static str,
    /// Counter or gauge.
    pub kind: Kind,
    /// Its label names, in the order samples give their values.
    pub labels: &'static [&'static str],
    /// The `# HELP` text.
    pub help: &'static str,
    /// The display (flags) that prints it (for the list in schema/ and the manual).
    #[allow(dead_code)]
    pub display: &'static str,
}

macro_rules! metrics {
    ($($id:ident = $name:literal, $kind:ident, [$($label:literal),*], $display:literal, $help:literal;)*) => {
        $(
            #[doc = concat!("`", $name, "`: ", $help)]
            pub static $id: Metric = Metric {
                name: $name,
                kind: Kind::$kind,
                labels: &[$($label),*],
                help: $help,
                display: $display,
            };
        )*
        /// Every metric, in the order of the manual and `schema/prometheus.txt` (read by the
        /// tests that keep the three in step).
        #[allow(dead_code)]
        pub static ALL: &[&Metric] = &[$(&$id),*];
    };
}

metrics! {
    PROTOCOL_COUNT = "rnetstat_protocol_count_total", Counter, ["protocol", "counter"], "-s",
        "Protocol statistics (netstat -s): each counter of each section, by the kernel's name for it.";
    PROTOCOL_LEVEL = "rnetstat_protocol_level", Gauge, ["protocol", "counter"], "-s",
        "Protocol statistics (netstat -s) that hold a level or a setting: established connections, forwarding, default TTL, RTO bounds.";
    MULTICAST_COUNT = "rnetstat_multicast_count_total", Counter, ["protocol", "counter"], "-gs",
        "Multicast statistics (netstat -gs): multicast traffic, group management and multicast routing counters.";
    MULTICAST_LEVEL = "rnetstat_multicast_level", Gauge, ["protocol", "counter"], "-gs",
        "Multicast statistics (netstat -gs) that hold a level or a setting.";
    MEMORY_LEVEL = "rnetstat_memory_level", Gauge, ["protocol", "counter"], "-m",
        "Socket memory statistics (netstat -m): sockets in use and buffer memory against its limits, per protocol.";
    MEMORY_COUNT = "rnetstat_memory_count_total", Counter, ["protocol", "counter"], "-mm",
        "Per-CPU packet processing counters (netstat -mm): packets processed and dropped, budget squeezes.";
    INTERFACE_UP = "rnetstat_interface_up", Gauge, ["interface"], "-i",
        "1 when the interface is administratively up (IFF_UP), else 0.";
    INTERFACE_MTU = "rnetstat_interface_mtu_bytes", Gauge, ["interface"], "-i",
        "The interface's MTU.";
    INTERFACE_RX_PACKETS = "rnetstat_interface_receive_packets_total", Counter, ["interface"], "-i",
        "Packets received (Ipkts).";
    INTERFACE_RX_ERRORS = "rnetstat_interface_receive_errors_total", Counter, ["interface"], "-i",
        "Input errors (Ierrs).";
    INTERFACE_RX_DROPS = "rnetstat_interface_receive_dropped_packets_total", Counter, ["interface"], "-i",
        "Packets dropped on input (Idrop).";
    INTERFACE_RX_BYTES = "rnetstat_interface_receive_bytes_total", Counter, ["interface"], "-i",
        "Bytes received (Ibytes).";
    INTERFACE_RX_MCAST = "rnetstat_interface_receive_multicast_packets_total", Counter, ["interface"], "-i",
        "Multicast packets received.";
    INTERFACE_NOPROTO = "rnetstat_interface_receive_unknown_protocol_packets_total", Counter, ["interface"], "-i",
        "Packets received for a protocol the system does not know.";
    INTERFACE_TX_PACKETS = "rnetstat_interface_transmit_packets_total", Counter, ["interface"], "-i",
        "Packets sent (Opkts).";
    INTERFACE_TX_ERRORS = "rnetstat_interface_transmit_errors_total", Counter, ["interface"], "-i",
        "Output errors (Oerrs).";
    INTERFACE_TX_DROPS = "rnetstat_interface_transmit_dropped_packets_total", Counter, ["interface"], "-i",
        "Packets dropped on output (Odrop).";
    INTERFACE_TX_BYTES = "rnetstat_interface_transmit_bytes_total", Counter, ["interface"], "-i",
        "Bytes sent (Obytes).";
    INTERFACE_TX_MCAST = "rnetstat_interface_transmit_multicast_packets_total", Counter, ["interface"], "-i",
        "Multicast packets sent.";
    INTERFACE_COLLISIONS = "rnetstat_interface_collisions_total", Counter, ["interface"], "-i",
        "Collisions (Coll).";
    QUEUE_BYTES = "rnetstat_queue_sent_bytes_total", Counter, ["interface", "type", "kind", "handle", "parent"], "-q",
        "Bytes sent through the send queue (qdisc or class).";
    QUEUE_PACKETS = "rnetstat_queue_sent_packets_total", Counter, ["interface", "type", "kind", "handle", "parent"], "-q",
        "Packets sent through the send queue.";
    QUEUE_DROPS = "rnetstat_queue_dropped_packets_total", Counter, ["interface", "type", "kind", "handle", "parent"], "-q",
        "Packets the send queue dropped.";
    QUEUE_OVERLIMITS = "rnetstat_queue_overlimits_total", Counter, ["interface", "type", "kind", "handle", "parent"], "-q",
        "Times the send queue was over its limit (shaping, policing).";
    QUEUE_REQUEUES = "rnetstat_queue_requeues_total", Counter, ["interface", "type", "kind", "handle", "parent"], "-q",
        "Packets the driver handed back to the send queue.";
    QUEUE_BACKLOG_BYTES = "rnetstat_queue_backlog_bytes", Gauge, ["interface", "type", "kind", "handle", "parent"], "-q",
        "Bytes waiting in the send queue.";
    QUEUE_BACKLOG_PACKETS = "rnetstat_queue_backlog_packets", Gauge, ["interface", "type", "kind", "handle", "parent"], "-q",
        "Packets waiting in the send queue.";
    MULTICAST_GROUPS = "rnetstat_multicast_groups", Gauge, ["interface", "family"], "-g",
        "Multicast groups the interface is a member of.";
    VIF_RX_PACKETS = "rnetstat_multicast_vif_receive_packets_total", Counter, ["family", "vif", "interface"], "-g",
        "Packets the multicast router received on the virtual interface.";
    VIF_TX_PACKETS = "rnetstat_multicast_vif_transmit_packets_total", Counter, ["family", "vif", "interface"], "-g",
        "Packets the multicast router sent on the virtual interface.";
    VIF_RX_BYTES = "rnetstat_multicast_vif_receive_bytes_total", Counter, ["family", "vif", "interface"], "-g",
        "Bytes the multicast router received on the virtual interface.";
    VIF_TX_BYTES = "rnetstat_multicast_vif_transmit_bytes_total", Counter, ["family", "vif", "interface"], "-g",
        "Bytes the multicast router sent on the virtual interface.";
    MFC_PACKETS = "rnetstat_multicast_route_packets_total", Counter, ["family", "origin", "group"], "-g",
        "Packets forwarded by the multicast forwarding cache entry.";
    MFC_BYTES = "rnetstat_multicast_route_bytes_total", Counter, ["family", "origin", "group"], "-g",
        "Bytes forwarded by the multicast forwarding cache entry.";
    MFC_WRONG_IF = "rnetstat_multicast_route_wrong_interface_packets_total", Counter, ["family", "origin", "group"], "-g",
        "Packets of the multicast forwarding cache entry that arrived on another interface than its input.";
    SOCKETS = "rnetstat_sockets", Gauge, ["protocol", "family", "state"], "-a",
        "Sockets by protocol, address family and state (empty: a socket without states).";
    LISTENING = "rnetstat_listening_sockets", Gauge, ["protocol", "family", "port"], "-a",
        "Sockets waiting for peers, by local port: TCP sockets in LISTEN, UDP and UDP-Lite sockets bound to a port without a peer.";
    BY_COMMAND = "rnetstat_sockets_by_command", Gauge, ["command"], "-a",
        "Internet and unix sockets held by each command (a socket is counted once per command holding it).";
}

/// The metric named `name`.
#[cfg(test)]
pub fn get(name: &str) -> &'static Metric {
    ALL.iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no metric {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// schema/prometheus.txt is this list: name, type, labels, display and help of each.
    #[test]
    fn the_schema_list_is_this_list() {
        let text = include_str!("../../../schema/prometheus.txt");
        let listed: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        let ours: Vec<String> = ALL
            .iter()
            .map(|m| {
                let kind = match m.kind {
                    Kind::Counter => "counter",
                    Kind::Gauge => "gauge",
                };
                let labels = m.labels.join(",");
                format!("{}\t{kind}\t{labels}\t{}\t{}", m.name, m.display, m.help)
            })
            .collect();
        assert_eq!(
            listed,
            ours,
            "schema/prometheus.txt differs from crates/cli/prometheus/catalog.rs; its lines are:\n{}",
            ours.join("\n")
        );
    }

    #[test]
    fn names_follow_the_conventions() {
        for m in ALL {
            assert!(m.name.starts_with("rnetstat_"), "{}", m.name);
            let snake = m
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            assert!(snake, "{}", m.name);
            assert_eq!(
                m.name.ends_with("_total"),
                m.kind == Kind::Counter,
                "{}: counters and only counters end in _total",
                m.name
            );
        }
    }
}
