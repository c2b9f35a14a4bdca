//! [`BsdBackend`]: the [`Backend`] of FreeBSD and macOS over any [`Source`].

use crate::msg::messages;
use crate::os::Os;
use crate::source::{Mib, Source};
use crate::{iflist, ifmalist, route};
use rnetstat_core::{Backend, Family, Interface, Membership, Result, Route, RouteQuery, StatGroup};
use std::collections::HashMap;
use std::sync::Arc;

/// The FreeBSD or macOS backend.
pub struct BsdBackend {
    os: Os,
    source: Box<dyn Source>,
}

impl BsdBackend {
    /// A backend decoding `os`'s layouts from `source`.
    pub fn new(os: Os, source: Box<dyn Source>) -> Self {
        BsdBackend { os, source }
    }

    fn iflist(&mut self) -> Result<iflist::IfList> {
        let mib = match self.os {
            Os::FreeBsd => Mib::IfList,
            Os::MacOs => Mib::IfList2,
        };
        let buf = self.source.sysctl(mib)?;
        iflist::decode(self.os, &buf)
    }
}

impl Backend for BsdBackend {
    fn platform(&self) -> &'static str {
        self.os.name()
    }

    /// The dump is one sysctl answer, read whole (as netstat does); routes are decoded and
    /// handed on one at a time.
    fn routes(
        &mut self,
        query: &RouteQuery,
        sink: &mut dyn FnMut(&Route) -> Result<()>,
    ) -> Result<()> {
        let names: HashMap<u32, Arc<str>> = self
            .iflist()?
            .interfaces
            .into_iter()
            .map(|i| (i.index, Arc::from(i.name)))
            .collect();
        let ifname = |i: u32| names.get(&i).cloned();
        let mib = match self.os {
            Os::FreeBsd => Mib::RtDump,
            Os::MacOs => Mib::RtDump2,
        };
        let buf = self.source.sysctl(mib)?;
        let clock = self.source.clock();
        // netstat lists IPv4 first, then IPv6: two passes over the same answer.
        for family in [Family::Inet, Family::Inet6] {
            if query.family.is_some_and(|f| f != family) {
                continue;
            }
            for msg in messages(&buf, "route dump") {
                let Some(r) = route::decode(self.os, &msg?, &ifname, clock)? else {
                    continue;
                };
                if r.family == family && query.wants(&r, None) {
                    sink(&r)?;
                }
            }
        }
        Ok(())
    }

    fn interfaces(&mut self) -> Result<Vec<Interface>> {
        Ok(self.iflist()?.interfaces)
    }

    fn memberships(&mut self) -> Result<Vec<Membership>> {
        let list = self.iflist()?;
        let mut out = match self.os {
            Os::MacOs => list.memberships,
            Os::FreeBsd => ifmalist::decode(self.os, &self.source.sysctl(Mib::IfmaList)?)?,
        };
        for m in &mut out {
            m.netif = list
                .interfaces
                .iter()
                .find(|i| i.index == m.ifindex)
                .map(|i| i.name.clone());
        }
        Ok(out)
    }

    fn protocol_stats(&mut self, wanted: &dyn Fn(&str, &str) -> bool) -> Result<Vec<StatGroup>> {
        // Interface names only for FreeBSD's ip6 "two or more mbuf" lines; read when there.
        let names: Vec<(u32, String)> = match self.iflist() {
            Ok(l) => l
                .interfaces
                .into_iter()
                .map(|i| (i.index, i.name))
                .collect(),
            Err(_) => Vec::new(),
        };
        let ifname = |i: u32| names.iter().find(|(x, _)| *x == i).map(|(_, n)| n.clone());
        crate::stats::protocol_stats(self.os, &mut *self.source, wanted, &ifname)
    }

    fn routing_stats(&mut self) -> Result<Vec<StatGroup>> {
        crate::stats::routing_stats(self.os, &mut *self.source)
    }
}
