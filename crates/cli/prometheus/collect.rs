//! What each display measures, as samples: the same backend calls and model values the displays
//! use, never their text. One function per display; [`reading`] picks it.

use super::catalog::{self as m, Metric};
use super::exposition::Exposition;
use crate::args::{Display, Options};
use crate::display::stats;
use rnetstat_core::{
    Backend, Endpoint, Error, Family, GroupAddr, IfFlags, Proto, Result, SocketQuery, StatGroup,
    State,
};
use std::collections::{BTreeMap, BTreeSet};

/// One reading of the display `opts` chose (the argument check let only measured ones pass).
pub fn reading(opts: &Options, backend: &mut dyn Backend) -> Result<Exposition> {
    let mut e = Exposition::default();
    let stats = opts.stats > 0;
    match opts.display {
        Display::Sockets if stats => {
            let groups = stats::protocol_groups(opts, backend)?;
            statistics(
                &mut e,
                &groups,
                &m::PROTOCOL_COUNT,
                &m::PROTOCOL_LEVEL,
                &|_, c| stats::is_gauge(c),
            );
        }
        Display::Multicast if stats => {
            let groups = backend.multicast_stats()?;
            statistics(
                &mut e,
                &groups,
                &m::MULTICAST_COUNT,
                &m::MULTICAST_LEVEL,
                &|_, c| stats::is_gauge(c),
            );
        }
        Display::Memory => {
            // Linux's -m: every value a level, but the per-CPU packet counters of -mm.
            let groups = backend.memory_stats(opts.memory > 1)?;
            statistics(
                &mut e,
                &groups,
                &m::MEMORY_COUNT,
                &m::MEMORY_LEVEL,
                &|g, _| !g.starts_with("softnet"),
            );
        }
        Display::Interfaces => interfaces(opts, backend, &mut e)?,
        Display::Queues => queues(opts, backend, &mut e)?,
        Display::Multicast => multicast(opts, backend, &mut e)?,
        Display::Sockets => sockets(opts, backend, &mut e)?,
        _ => return Err(Error::NotSupported("--prometheus with this display".into())),
    }
    Ok(e)
}

/// Statistics sections: each counter a sample of `count`, or of `level` when `is_level`
/// (section, counter name) says it holds a level. A BSD line's second value is a sample of its
/// own, under its own name.
fn statistics(
    e: &mut Exposition,
    groups: &[StatGroup],
    count: &'static Metric,
    level: &'static Metric,
    is_level: &dyn Fn(&str, &str) -> bool,
) {
    for g in groups {
        for c in &g.counters {
            let values = std::iter::once((c.name.as_str(), c.value))
                .chain(c.second.as_deref().map(|(n, v)| (n.as_str(), *v)));
            for (name, value) in values {
                let metric = if is_level(&g.protocol, name) {
                    level
                } else {
                    count
                };
                e.sample(metric, &[&g.protocol, name], value);
            }
        }
    }
}

/// `-i` (`-I if`): each interface's state, MTU and if_data counters.
fn interfaces(opts: &Options, backend: &mut dyn Backend, e: &mut Exposition) -> Result<()> {
    let mut ifs = backend.interfaces()?;
    if let Some(name) = &opts.interface {
        ifs.retain(|i| &i.name == name);
        if ifs.is_empty() {
            return Err(Error::UnknownInterface(name.clone()));
        }
    }
    for i in &ifs {
        let l = [i.name.as_str()];
        let c = &i.counters;
        e.sample(
            &m::INTERFACE_UP,
            &l,
            u64::from(i.flags.contains(IfFlags::UP)),
        );
        e.known(&m::INTERFACE_MTU, &l, i.mtu.map(u64::from));
        e.known(&m::INTERFACE_RX_PACKETS, &l, c.ipackets);
        e.known(&m::INTERFACE_RX_ERRORS, &l, c.ierrors);
        e.known(&m::INTERFACE_RX_DROPS, &l, c.iqdrops);
        e.known(&m::INTERFACE_RX_BYTES, &l, c.ibytes);
        e.known(&m::INTERFACE_RX_MCAST, &l, c.imcasts);
        e.known(&m::INTERFACE_NOPROTO, &l, c.noproto);
        e.known(&m::INTERFACE_TX_PACKETS, &l, c.opackets);
        e.known(&m::INTERFACE_TX_ERRORS, &l, c.oerrors);
        e.known(&m::INTERFACE_TX_DROPS, &l, c.oqdrops);
        e.known(&m::INTERFACE_TX_BYTES, &l, c.obytes);
        e.known(&m::INTERFACE_TX_MCAST, &l, c.omcasts);
        e.known(&m::INTERFACE_COLLISIONS, &l, c.collisions);
    }
    Ok(())
}

/// `-q [-I if]`: the counters of each queueing discipline (with `-qq`, and classes) of one
/// interface, or of every interface.
fn queues(opts: &Options, backend: &mut dyn Backend, e: &mut Exposition) -> Result<()> {
    let ifs = backend.interfaces()?;
    let ifindex = match &opts.interface {
        None => None,
        Some(name) => Some(
            ifs.iter()
                .find(|i| &i.name == name)
                .map(|i| i.index)
                .ok_or_else(|| Error::UnknownInterface(name.clone()))?,
        ),
    };
    let mut all = backend.queues(ifindex, opts.queues > 1)?;
    if let Some(wanted) = &opts.queue {
        all.retain(|q| wanted.matches(q));
    }
    for q in &all {
        let netif = q
            .netif
            .clone()
            .or_else(|| {
                ifs.iter()
                    .find(|i| i.index == q.ifindex)
                    .map(|i| i.name.clone())
            })
            .unwrap_or_else(|| q.ifindex.to_string());
        let l = [
            netif.as_str(),
            q.queue_type.name(),
            q.kind.as_str(),
            q.handle.as_str(),
            q.parent.as_str(),
        ];
        e.known(&m::QUEUE_BYTES, &l, q.bytes);
        e.known(&m::QUEUE_PACKETS, &l, q.packets);
        e.known(&m::QUEUE_DROPS, &l, q.drops);
        e.known(&m::QUEUE_OVERLIMITS, &l, q.overlimits);
        e.known(&m::QUEUE_REQUEUES, &l, q.requeues);
        e.known(&m::QUEUE_BACKLOG_BYTES, &l, q.backlog_bytes);
        e.known(&m::QUEUE_BACKLOG_PACKETS, &l, q.backlog_packets);
    }
    Ok(())
}

/// `-g`: group memberships counted per interface and family, the multicast router's virtual
/// interfaces and forwarding cache entries with their counters.
fn multicast(opts: &Options, backend: &mut dyn Backend, e: &mut Exposition) -> Result<()> {
    let wants = |f: Family| opts.family.is_none_or(|w| w == f);
    let on = |netif: Option<&str>| opts.interface.as_deref().is_none_or(|w| netif == Some(w));
    let mut groups: BTreeMap<(String, &'static str), u64> = BTreeMap::new();
    for g in backend.memberships()? {
        let family = match g.group {
            GroupAddr::Ip(a) if a.is_ipv4() => Family::Inet,
            GroupAddr::Ip(_) => Family::Inet6,
            GroupAddr::Link(_) => Family::Link,
        };
        if wants(family) && on(g.netif.as_deref()) {
            let netif = g.netif.unwrap_or_else(|| g.ifindex.to_string());
            *groups.entry((netif, family.name())).or_default() += 1;
        }
    }
    for ((netif, family), n) in &groups {
        e.sample(&m::MULTICAST_GROUPS, &[netif, family], *n);
    }
    let routing = backend.multicast_routing()?;
    for v in routing.vifs.iter().filter(|v| wants(v.family)) {
        if !on(v.netif.as_deref()) {
            continue;
        }
        let index = v.index.to_string();
        let l = [
            v.family.name(),
            index.as_str(),
            v.netif.as_deref().unwrap_or(""),
        ];
        e.sample(&m::VIF_RX_PACKETS, &l, v.pkts_in);
        e.sample(&m::VIF_TX_PACKETS, &l, v.pkts_out);
        e.sample(&m::VIF_RX_BYTES, &l, v.bytes_in);
        e.sample(&m::VIF_TX_BYTES, &l, v.bytes_out);
    }
    // The forwarding cache is the router's, not an interface's: -I leaves it out.
    if opts.interface.is_none() {
        for c in routing.mfc.iter().filter(|c| wants(c.family)) {
            let (origin, group) = (c.origin.to_string(), c.group.to_string());
            let l = [c.family.name(), origin.as_str(), group.as_str()];
            e.sample(&m::MFC_PACKETS, &l, c.packets);
            e.sample(&m::MFC_BYTES, &l, c.bytes);
            e.sample(&m::MFC_WRONG_IF, &l, c.wrong_if);
        }
    }
    Ok(())
}

/// The socket display: every socket (as `-a`) counted by protocol, family and state; the
/// listening ones by local port; every socket by the commands holding it. Counts, not
/// sockets: the number of series grows with the listening ports and commands, never with
/// the connections. Owners are read from the live kernel, and from a snapshot (`-M`) with `-v`
/// only, as a capture holds them only when it was made with `-v`.
fn sockets(opts: &Options, backend: &mut dyn Backend, e: &mut Exposition) -> Result<()> {
    let query = SocketQuery {
        protos: opts.protocol.iter().filter_map(|p| p.socket).collect(),
        family: opts.family,
        all: true,
        listening_only: false,
        owners: opts.snapshot.is_none() || opts.verbose > 0,
        internals: false,
        syn_queues: false,
    };
    let mut by_state: BTreeMap<(Proto, &'static str, &'static str), u64> = BTreeMap::new();
    let mut listening: BTreeMap<(Proto, &'static str, u16), u64> = BTreeMap::new();
    let mut by_command: BTreeMap<String, u64> = BTreeMap::new();
    backend.sockets(&query, &mut |s| {
        let state = s.state.map_or("", State::name);
        *by_state
            .entry((s.proto, s.family.name(), state))
            .or_default() += 1;
        if let Endpoint::Inet { port, .. } = s.local {
            let unconnected = matches!(s.remote, Endpoint::Inet { port: 0, .. } | Endpoint::None);
            let waiting = match s.proto {
                Proto::Tcp => s.state == Some(State::Listen),
                Proto::Udp | Proto::UdpLite => port != 0 && unconnected,
                _ => false,
            };
            if waiting {
                *listening
                    .entry((s.proto, s.family.name(), port))
                    .or_default() += 1;
            }
        }
        let commands: BTreeSet<&str> = s
            .owners
            .iter()
            .filter_map(|o| o.command.as_deref())
            .collect();
        for c in commands {
            *by_command.entry(c.to_string()).or_default() += 1;
        }
        Ok(())
    })?;
    for ((proto, family, state), n) in &by_state {
        e.sample(&m::SOCKETS, &[proto.name(), family, state], *n);
    }
    for ((proto, family, port), n) in &listening {
        let port = port.to_string();
        e.sample(&m::LISTENING, &[proto.name(), family, &port], *n);
    }
    for (command, n) in &by_command {
        e.sample(&m::BY_COMMAND, &[command], *n);
    }
    Ok(())
}
