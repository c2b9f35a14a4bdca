//! [`BsdBackend`]: the [`Backend`] of FreeBSD and macOS over any [`Source`].

use crate::msg::messages;
use crate::os::Os;
use crate::source::{Mib, Source};
use crate::{fbsd_sockets, iflist, ifmalist, mcast_filters, mroute, route};
use rnetstat_core::{
    Backend, Family, Interface, MbufStats, Membership, MulticastRouting, Result, Route, RouteQuery,
    Socket, SocketQuery, StatGroup,
};
use std::collections::HashMap;
use std::sync::Arc;

/// The FreeBSD or macOS backend.
pub struct BsdBackend {
    os: Os,
    source: Box<dyn Source>,
    /// Warnings for stderr (a list that changed while it was read).
    warnings: Vec<String>,
}

impl BsdBackend {
    /// A backend decoding `os`'s layouts from `source`.
    pub fn new(os: Os, source: Box<dyn Source>) -> Self {
        BsdBackend {
            os,
            source,
            warnings: Vec::new(),
        }
    }

    fn iflist(&mut self) -> Result<iflist::IfList> {
        let mib = match self.os {
            Os::FreeBsd => Mib::IfList,
            Os::MacOs => Mib::IfList2,
        };
        let buf = self.source.sysctl(mib)?;
        iflist::decode(self.os, &buf)
    }

    /// FreeBSD's sockets: the pcb lists in netstat's order, owners from the descriptor table.
    fn freebsd_sockets(
        &mut self,
        query: &SocketQuery,
        sink: &mut dyn FnMut(&Socket) -> Result<()>,
    ) -> Result<()> {
        // Interface names only name the zones of scoped addresses: without them, none.
        let names = self
            .iflist()
            .map(|l| fbsd_sockets::names(&l.interfaces))
            .unwrap_or_default();
        let ifname = |i: u32| names.get(&i).cloned();
        let warnings = fbsd_sockets::list(self.source.as_mut(), query, &ifname, sink)?;
        self.warnings.extend(warnings);
        Ok(())
    }
}

impl Backend for BsdBackend {
    fn platform(&self) -> rnetstat_core::Platform {
        self.os.platform()
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

    fn sockets(
        &mut self,
        query: &SocketQuery,
        sink: &mut dyn FnMut(&Socket) -> Result<()>,
    ) -> Result<()> {
        match self.os {
            Os::MacOs => {
                let warnings = crate::macos_sockets::sockets(&mut *self.source, query, sink)?;
                self.warnings.extend(warnings);
                Ok(())
            }
            Os::FreeBsd => self.freebsd_sockets(query, sink),
        }
    }

    fn interfaces(&mut self) -> Result<Vec<Interface>> {
        Ok(self.iflist()?.interfaces)
    }

    /// The socket lists that changed while they were copied out (FreeBSD and macOS).
    fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
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
        if self.os == Os::FreeBsd {
            mcast_filters::fill(self.source.as_mut(), &mut out)?;
        }
        Ok(out)
    }

    /// FreeBSD: net.inet.ip.viftable / mfctable, net.inet6.ip6.mif6table / mf6ctable.
    fn multicast_routing(&mut self) -> Result<MulticastRouting> {
        match self.os {
            Os::FreeBsd => {
                let interfaces = self.iflist()?.interfaces;
                mroute::routing(self.source.as_mut(), &interfaces)
            }
            Os::MacOs => Ok(MulticastRouting::default()),
        }
    }

    /// FreeBSD: net.inet.ip.mrtstat and net.inet6.ip6.mrt6stat.
    fn multicast_stats(&mut self) -> Result<Vec<StatGroup>> {
        match self.os {
            Os::FreeBsd => mroute::stats(self.source.as_mut()),
            Os::MacOs => Err(rnetstat_core::Error::NotSupported(
                "the multicast statistics display".into(),
            )),
        }
    }

    fn mbuf_stats(&mut self) -> Result<MbufStats> {
        match self.os {
            Os::FreeBsd => crate::uma::read(self.source.as_mut()),
            Os::MacOs => crate::macos_mbuf::read(self.source.as_mut()),
        }
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
