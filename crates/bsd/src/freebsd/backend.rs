//! [`FreeBsdBackend`]: the [`Backend`] of FreeBSD over any [`Source`].

use crate::common;
use crate::freebsd::{bpf, ifmalist, mcast_filters, mroute, owners, sockets, uma};
use crate::os::Os;
use crate::source::{Mib, Source};
use rnetstat_core::bsd::bpf::BpfPeer;
use rnetstat_core::bsd::mbuf::MbufStats;
use rnetstat_core::{
    Backend, Interface, Membership, MulticastRouting, Platform, Result, Route, RouteQuery, Socket,
    SocketQuery, StatGroup,
};

/// The kernel ABI this backend decodes.
const OS: Os = Os::FreeBsd;

/// The FreeBSD backend.
pub struct FreeBsdBackend {
    source: Box<dyn Source>,
    /// Warnings for stderr (a list that changed while it was read).
    warnings: Vec<String>,
}

impl FreeBsdBackend {
    /// A backend decoding FreeBSD's layouts from `source`.
    pub fn new(source: Box<dyn Source>) -> Self {
        FreeBsdBackend {
            source,
            warnings: Vec::new(),
        }
    }
}

impl Backend for FreeBsdBackend {
    fn platform(&self) -> Platform {
        OS.platform()
    }

    fn routes(
        &mut self,
        query: &RouteQuery,
        sink: &mut dyn FnMut(&Route) -> Result<()>,
    ) -> Result<()> {
        common::routes(OS, self.source.as_mut(), query, sink)
    }

    fn interfaces(&mut self) -> Result<Vec<Interface>> {
        Ok(common::interface_list(OS, self.source.as_mut())?.interfaces)
    }

    /// net.bpf.stats, the commands from kern.proc.proc (as netstat asks kern.proc.pid).
    fn bpf_peers(&mut self, ifname: Option<&str>) -> Result<Vec<BpfPeer>> {
        let buf = self.source.named(bpf::SYSCTL, &[])?;
        let names = owners::process_names(&self.source.named("kern.proc.proc", &[])?)?;
        let mut peers = bpf::decode(&buf, &names)?;
        if let Some(name) = ifname {
            peers.retain(|p| p.ifname == name);
        }
        Ok(peers)
    }

    /// The pcb lists in netstat's order, owners from the descriptor table.
    fn sockets(
        &mut self,
        query: &SocketQuery,
        sink: &mut dyn FnMut(&Socket) -> Result<()>,
    ) -> Result<()> {
        // Interface names only name the zones of scoped addresses: without them, none.
        let names = common::interface_list(OS, self.source.as_mut())
            .map(|l| sockets::names(&l.interfaces))
            .unwrap_or_default();
        let ifname = |i: u32| names.get(&i).cloned();
        let warnings = sockets::list(self.source.as_mut(), query, &ifname, sink)?;
        self.warnings.extend(warnings);
        Ok(())
    }

    /// The socket lists that changed while they were copied out.
    fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// NET_RT_IFMALIST, named from the interface list, with each group's source filter.
    fn memberships(&mut self) -> Result<Vec<Membership>> {
        let list = common::interface_list(OS, self.source.as_mut())?;
        let mut out = ifmalist::decode(OS, &self.source.sysctl(Mib::IfmaList)?)?;
        for m in &mut out {
            m.netif = list
                .interfaces
                .iter()
                .find(|i| i.index == m.ifindex)
                .map(|i| i.name.clone());
        }
        mcast_filters::fill(self.source.as_mut(), &mut out)?;
        Ok(out)
    }

    /// net.inet.ip.viftable / mfctable, net.inet6.ip6.mif6table / mf6ctable.
    fn multicast_routing(&mut self) -> Result<MulticastRouting> {
        let interfaces = common::interface_list(OS, self.source.as_mut())?.interfaces;
        mroute::routing(self.source.as_mut(), &interfaces)
    }

    /// net.inet.ip.mrtstat and net.inet6.ip6.mrt6stat.
    fn multicast_stats(&mut self) -> Result<Vec<StatGroup>> {
        mroute::stats(self.source.as_mut())
    }

    fn mbuf_stats(&mut self) -> Result<MbufStats> {
        uma::read(self.source.as_mut())
    }

    fn protocol_stats(&mut self, wanted: &dyn Fn(&str, &str) -> bool) -> Result<Vec<StatGroup>> {
        common::protocol_stats(OS, self.source.as_mut(), wanted)
    }

    fn routing_stats(&mut self) -> Result<Vec<StatGroup>> {
        common::routing_stats(OS, self.source.as_mut())
    }
}
