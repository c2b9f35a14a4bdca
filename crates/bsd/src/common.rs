//! What the FreeBSD and macOS backends do alike over a [`Source`]: the interface list, the
//! routes, and the protocol and routing statistics (`-s`, `-rs`). Only the layouts of [`Os`]
//! and the sysctls it names differ.

use crate::os::Os;
use crate::rtsock::{iflist, route};
use crate::source::{Mib, Source};
use crate::wire::msg::messages;
use rnetstat_core::{Error, Family, Result, Route, RouteQuery, StatGroup, TableNaming};
use std::collections::HashMap;
use std::sync::Arc;

/// The interface list of `os`, decoded: FreeBSD's NET_RT_IFLISTL (or, from a snapshot taken
/// before rnetstat asked for it, NET_RT_IFLIST, whose addresses carry no counters), macOS's
/// NET_RT_IFLIST2.
pub fn interface_list(os: Os, source: &mut dyn Source) -> Result<iflist::IfList> {
    if os.iflist_mib() == Mib::IfListL {
        return match source.sysctl(Mib::IfListL) {
            Ok(buf) => iflist::decode_extended(&buf),
            Err(Error::NotFound(_)) => iflist::decode(os, &source.sysctl(Mib::IfList)?),
            Err(e) => Err(e),
        };
    }
    let buf = source.sysctl(os.iflist_mib())?;
    iflist::decode(os, &buf)
}

/// The routes `query` asks for, IPv4 then IPv6, handed to `sink` one at a time. The dump is
/// one sysctl answer, read whole (as netstat does); routes are decoded and handed on one at a
/// time.
pub fn routes(
    os: Os,
    source: &mut dyn Source,
    query: &RouteQuery,
    sink: &mut dyn FnMut(&Route) -> Result<()>,
) -> Result<()> {
    let names: HashMap<u32, Arc<str>> = interface_list(os, source)?
        .interfaces
        .into_iter()
        .map(|i| (i.index, Arc::from(i.name)))
        .collect();
    let ifname = |i: u32| names.get(&i).cloned();
    let buf = source.sysctl(os.route_mib())?;
    let clock = source.clock();
    // netstat lists IPv4 first, then IPv6: two passes over the same answer.
    for family in [Family::Inet, Family::Inet6] {
        if query.family.is_some_and(|f| f != family) {
            continue;
        }
        for msg in messages(&buf, "route dump") {
            let Some(r) = route::decode(os, &msg?, &ifname, clock)? else {
                continue;
            };
            if r.family == family && query.wants(&r, &TableNaming::BSD) {
                sink(&r)?;
            }
        }
    }
    Ok(())
}

/// `-s`: the sections `wanted` accepts, in netstat's order.
pub fn protocol_stats(
    os: Os,
    source: &mut dyn Source,
    wanted: &dyn Fn(&str, &str) -> bool,
) -> Result<Vec<StatGroup>> {
    // Interface names only for FreeBSD's ip6 "two or more mbuf" lines; read when there.
    let names: Vec<(u32, String)> = match interface_list(os, source) {
        Ok(l) => l
            .interfaces
            .into_iter()
            .map(|i| (i.index, i.name))
            .collect(),
        Err(_) => Vec::new(),
    };
    let ifname = |i: u32| names.iter().find(|(x, _)| *x == i).map(|(_, n)| n.clone());
    crate::stats::sections::protocol_stats(os, source, wanted, &ifname)
}

/// `-rs`: the routing statistics.
pub fn routing_stats(os: Os, source: &mut dyn Source) -> Result<Vec<StatGroup>> {
    crate::stats::sections::routing_stats(os, source)
}
