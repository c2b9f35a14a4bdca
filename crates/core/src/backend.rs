//! The [`Backend`] trait: what every platform's source of network state offers.

use crate::bsd::mbuf::MbufStats;
use crate::{
    Error, Family, GroupManagement, Interface, LinkSpeed, Membership, MulticastRouting, Neighbor,
    PacketTap, Queue, Result, Route, Socket, SocketQuery, StatGroup,
};

/// Which routing tables `-r` shows (`-F`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tables {
    /// The main table (Linux 254, BSD FIB 0), and with `all` the local table's routes, which
    /// a BSD FIB holds along with the others.
    #[default]
    Main,
    /// This table only (`-F N`).
    One(u32),
    /// Every table (`-F all`): the main one as for [`Tables::Main`], then each other table
    /// but the local one (unless `all`) in the order of their numbers.
    All,
}

/// Which routes a display wants.
#[derive(Debug, Clone, Default)]
pub struct RouteQuery {
    /// Only this family (None: inet then inet6).
    pub family: Option<Family>,
    /// Which tables.
    pub tables: Tables,
    /// Also the kernel's own routes: addresses of this host, broadcast, IPv6 multicast (`-a`).
    pub all: bool,
}

impl RouteQuery {
    /// True when `route` belongs in the answer on a system whose tables `naming` describes;
    /// the local table (Linux 255) is hidden unless `all` or asked for by number.
    pub fn wants(&self, route: &Route, naming: &TableNaming) -> bool {
        let local = naming.local == Some(route.table);
        match self.tables {
            Tables::One(t) => route.table == t,
            Tables::Main => route.table == naming.main || (self.all && local),
            Tables::All => self.all || !local,
        }
    }

    /// The table whose block (`Routing tables` heading) `route` is printed in: its own, except
    /// that the local table's routes shown by `all` go with the main table.
    pub fn block_of(&self, route: &Route, naming: &TableNaming) -> u32 {
        match self.tables {
            Tables::One(t) => t,
            _ if naming.local == Some(route.table) && self.all => naming.main,
            _ => route.table,
        }
    }
}

/// How a platform numbers and names its routing tables.
#[derive(Debug, Clone, Copy)]
pub struct TableNaming {
    /// The table shown by default, under the plain "Routing tables": Linux main (254), BSD
    /// FIB 0.
    pub main: u32,
    /// The table of the host's own addresses, shown only with `-a` (Linux local, 255).
    pub local: Option<u32>,
    /// Well-known tables by name, e.g. Linux (255, "local").
    pub names: &'static [(u32, &'static str)],
}

impl TableNaming {
    /// BSD: FIBs by number, FIB 0 the main one, no local table.
    pub const BSD: TableNaming = TableNaming {
        main: 0,
        local: None,
        names: &[],
    };

    /// A table given by number or name (`-F`).
    pub fn parse(&self, text: &str) -> Option<u32> {
        text.parse()
            .ok()
            .or_else(|| self.names.iter().find(|(_, n)| *n == text).map(|(t, _)| *t))
    }
}

/// A source of network state: the live kernel or a snapshot, of one platform.
///
/// Large tables stream: [`Backend::routes`] lends each route to `sink` as soon as it is decoded
/// (a backend may reuse one value for the next route), and stops at the sink's first error
/// (e.g. a closed pipe). Every method has a default that
/// answers [`Error::NotSupported`], so a backend implements what its platform has.
pub trait Backend {
    /// The system whose state this is.
    fn platform(&self) -> crate::Platform;

    /// How this platform numbers its routing tables (default: BSD FIBs, FIB 0 is main).
    fn tables(&self) -> TableNaming {
        TableNaming::BSD
    }

    /// Every route of the wanted families and tables: block by block (see
    /// [`RouteQuery::block_of`]; main first, then the others by number), within a block family
    /// by family (inet, inet6), within a family table by table (main before local), within a
    /// table in kernel order.
    fn routes(
        &mut self,
        query: &RouteQuery,
        sink: &mut dyn FnMut(&Route) -> Result<()>,
    ) -> Result<()> {
        let _ = (query, sink);
        Err(Error::NotSupported("the routing table display".into()))
    }

    /// Every interface with its addresses and counters, by index.
    fn interfaces(&mut self) -> Result<Vec<Interface>> {
        Err(Error::NotSupported("the interface display".into()))
    }

    /// The sockets the query asks for, Internet ones first, handed to `sink` one at a time.
    fn sockets(
        &mut self,
        query: &SocketQuery,
        sink: &mut dyn FnMut(&Socket) -> Result<()>,
    ) -> Result<()> {
        let _ = (query, sink);
        Err(Error::NotSupported("the socket display".into()))
    }

    /// Every multicast group membership of every interface.
    fn memberships(&mut self) -> Result<Vec<Membership>> {
        Err(Error::NotSupported("the multicast display".into()))
    }

    /// The group-management (IGMP, MLD) state of each interface.
    fn group_management(&mut self) -> Result<Vec<GroupManagement>> {
        Ok(Vec::new())
    }

    /// The multicast router's virtual interfaces and forwarding cache.
    fn multicast_routing(&mut self) -> Result<MulticastRouting> {
        Ok(MulticastRouting::default())
    }

    /// Protocol statistics (`-s`), the sections whose name (e.g. `tcp`) and family (`inet`,
    /// `inet6`) `wanted` accepts, in display order.
    fn protocol_stats(&mut self, wanted: &dyn Fn(&str, &str) -> bool) -> Result<Vec<StatGroup>> {
        let _ = wanted;
        Err(Error::NotSupported(
            "the protocol statistics display".into(),
        ))
    }

    /// The send queues (`-q`): the queueing disciplines of the interface `ifindex` (every
    /// interface's when `None`), and with `classes` (`-qq`) their classes too.
    fn queues(&mut self, ifindex: Option<u32>, classes: bool) -> Result<Vec<Queue>> {
        let _ = (ifindex, classes);
        Err(Error::NotSupported("the queue statistics display".into()))
    }

    /// The neighbour (ARP, NDP) table: reachability of the hosts on each link (`-R`, `-x`),
    /// lent to `sink` one entry at a time as the kernel lists them (no copy of the table is
    /// held, however large it is).
    fn neighbors(&mut self, sink: &mut dyn FnMut(&Neighbor) -> Result<()>) -> Result<()> {
        let _ = sink;
        Err(Error::NotSupported("the reachability display".into()))
    }

    /// Per-interface protocol statistics (`-I if -s`, `-i -s`) of the interface named `name`,
    /// the sections `wanted` (name, family) lets through; empty when the system keeps none
    /// for it. The caller checks that the interface exists.
    fn interface_stats(
        &mut self,
        name: &str,
        wanted: &dyn Fn(&str, &str) -> bool,
    ) -> Result<Vec<StatGroup>> {
        let _ = (name, wanted);
        Err(Error::NotSupported(
            "the per-interface statistics display".into(),
        ))
    }

    /// Packet taps (`-B`): every socket that sees raw link-layer frames, in kernel order;
    /// with `ifindex`, those bound to that interface and those bound to every interface.
    fn packet_taps(&mut self, ifindex: Option<u32>) -> Result<Vec<PacketTap>> {
        let _ = ifindex;
        Err(Error::NotSupported("the packet tap display".into()))
    }

    /// The bpf(4) peers of a BSD system (`-B`), in kernel order; with `ifname`, those of that
    /// interface.
    fn bpf_peers(&mut self, ifname: Option<&str>) -> Result<Vec<crate::bsd::bpf::BpfPeer>> {
        let _ = ifname;
        Err(Error::NotSupported("the bpf peer display".into()))
    }

    /// Speed and duplex of the interface named `name` where the driver reports them apart from
    /// the interface list (`-S`); unknown by default.
    fn link_speed(&mut self, name: &str) -> Result<LinkSpeed> {
        let _ = name;
        Ok(LinkSpeed::default())
    }

    /// Routing statistics (`-rs`).
    fn routing_stats(&mut self) -> Result<Vec<StatGroup>> {
        Err(Error::NotSupported("the routing statistics display".into()))
    }

    /// Memory statistics (`-m`): sockets and their buffer memory per protocol against the
    /// limits; with `detail` (`-mm`) per-protocol socket sizes and per-CPU packet counters.
    fn memory_stats(&mut self, detail: bool) -> Result<Vec<StatGroup>> {
        let _ = detail;
        Err(Error::NotSupported("the memory statistics display".into()))
    }

    /// Multicast statistics: multicast traffic, group management (IGMP, MLD) and multicast
    /// routing counters (`-gs`).
    fn multicast_stats(&mut self) -> Result<Vec<StatGroup>> {
        Err(Error::NotSupported(
            "the multicast statistics display".into(),
        ))
    }

    /// Warnings gathered so far (e.g. a dump that kept changing), to print on stderr.
    fn take_warnings(&mut self) -> Vec<String> {
        Vec::new()
    }

    /// BSD network memory statistics (`-m` on FreeBSD and macOS): the allocator's mbuf and
    /// cluster pools.
    fn mbuf_stats(&mut self) -> Result<MbufStats> {
        Err(Error::NotSupported("the mbuf statistics display".into()))
    }
}
