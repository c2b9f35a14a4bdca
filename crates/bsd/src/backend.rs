//! [`BsdBackend`]: the [`Backend`] of FreeBSD and macOS over any [`Source`].

use crate::msg::messages;
use crate::os::Os;
use crate::source::{Mib, Source};
use crate::{fbsd_sockets, iflist, ifmalist, route};
use rnetstat_core::{
    Backend, Error, Family, Interface, Membership, Result, Route, RouteQuery, Socket, SocketQuery,
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

    /// FreeBSD: the pcb lists, read whole (as netstat does), sockets handed on one at a time.
    fn sockets(
        &mut self,
        query: &SocketQuery,
        sink: &mut dyn FnMut(&Socket) -> Result<()>,
    ) -> Result<()> {
        if self.os != Os::FreeBsd {
            return Err(Error::NotSupported("the socket display".into()));
        }
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
        Ok(out)
    }
}
