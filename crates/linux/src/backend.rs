//! [`LinuxBackend`]: the [`Backend`] of Linux over any [`Source`].

use crate::netlink::diag::{packet, sock, tcp_info};
use crate::netlink::dump;
use crate::netlink::nlmsg;
use crate::netlink::{addr, link, mroute, neigh, qdisc, route};
use crate::procfs::{
    memory as memstats, multicast as mcast, protocol as protostats, routing as routestats, snmp,
    sockets as procnet,
};
use crate::source::{Dump, Source};
use crate::tcp_states::StateCounts;
use rnetstat_core::Error;
use rnetstat_core::{
    Backend, Endpoint, Family, GroupAddr, GroupManagement, Interface, LinkSpeed, Membership,
    MulticastRouting, Neighbor, PacketTap, Proto, Queue, QueueType, Result, Route, RouteQuery,
    Socket, SocketQuery, StatGroup, State, TableNaming, Tables,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

/// ENOENT: the kernel's answer to a dump of a table that does not exist, or to a sock_diag
/// request for a family it has no handler for.
const ENOENT: i32 = 2;
/// EINVAL.
const EINVAL: i32 = 22;
/// EOPNOTSUPP.
const EOPNOTSUPP: i32 = 95;
/// Times a small dump is retried when the kernel flags it interrupted (NLM_F_DUMP_INTR).
const DUMP_RETRIES: usize = 5;
/// The table of local, broadcast and IPv6 multicast routes, shown only with `-a`.
pub const RT_TABLE_LOCAL: u32 = 255;
/// The main table, listed first.
pub const RT_TABLE_MAIN: u32 = 254;

/// The Linux backend.
pub struct LinuxBackend {
    source: Box<dyn Source>,
    names: Option<HashMap<u32, Arc<str>>>,
    warnings: Vec<String>,
}

impl LinuxBackend {
    /// A backend reading from `source`.
    pub fn new(source: Box<dyn Source>) -> Self {
        LinuxBackend {
            source,
            names: None,
            warnings: Vec::new(),
        }
    }

    /// The live kernel of the current network namespace.
    #[cfg(target_os = "linux")]
    pub fn live() -> Result<Self> {
        Ok(Self::new(Box::new(crate::source::Live::open()?)))
    }

    /// Run a dump that is collected whole, retrying while the kernel says it was interrupted.
    fn collect<T>(
        &mut self,
        dump: Dump,
        want: u16,
        decode: fn(&[u8]) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.collect_with(dump, want, &mut |p| decode(p))
    }

    /// [`Self::collect`] with a decoding closure.
    fn collect_with<T>(
        &mut self,
        dump: Dump,
        want: u16,
        decode: &mut dyn FnMut(&[u8]) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut items = Vec::new();
        for attempt in 0..=DUMP_RETRIES {
            items.clear();
            let outcome = dump::run(self.source.as_mut(), dump, want, &mut |m| {
                items.push(decode(m.payload)?);
                Ok(())
            })?;
            if !outcome.interrupted {
                break;
            }
            if attempt == DUMP_RETRIES {
                let what = match dump {
                    Dump::Links => "interface list",
                    Dump::Addresses => "address list",
                    Dump::Qdiscs(_) | Dump::Classes(_) => "queue list",
                    _ => "neighbour table",
                };
                self.warnings.push(format!(
                    "the {what} kept changing during the dump; the listing may be inconsistent"
                ));
            }
        }
        Ok(items)
    }

    /// Run one route dump, lending each decoded route of its family to `each`, which answers
    /// whether it handed the route on. Retries an interrupted dump while nothing went out.
    fn route_dump(
        &mut self,
        dump: Dump,
        ifname: &dyn Fn(u32) -> Option<Arc<str>>,
        each: &mut dyn FnMut(&Route) -> Result<bool>,
    ) -> Result<()> {
        let Dump::Routes(family, _) = dump else {
            return Ok(());
        };
        let mut r = route::blank(family);
        for attempt in 0..=DUMP_RETRIES {
            let mut emitted = false;
            let result = dump::run(self.source.as_mut(), dump, nlmsg::RTM_NEWROUTE, &mut |m| {
                if route::decode_into(m.payload, ifname, &mut r)? && r.family == family {
                    emitted |= each(&r)?;
                }
                Ok(())
            });
            let outcome = match result {
                // A dump of one table that does not exist (in this family) is empty.
                Err(Error::Kernel { errno, .. })
                    if errno == ENOENT && matches!(dump, Dump::Routes(_, Some(_))) =>
                {
                    return Ok(())
                }
                other => other?,
            };
            if !outcome.interrupted {
                return Ok(());
            }
            if emitted || attempt == DUMP_RETRIES {
                self.warnings.push(format!(
                    "the {family} routing table changed during the dump; the listing may be inconsistent"
                ));
                return Ok(());
            }
        }
        Ok(())
    }

    /// Run a sock_diag dump; false when the kernel has no handler for it (then /proc/net
    /// answers instead).
    fn diag(&mut self, dump: Dump, each: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<bool> {
        match dump::run(
            self.source.as_mut(),
            dump,
            dump.diag_answer_type(),
            &mut |m| each(m.payload),
        ) {
            Ok(_) => Ok(true),
            // ENOENT: no diag handler for the family or protocol (module not loaded).
            Err(Error::Kernel {
                errno: ENOENT | EINVAL | EOPNOTSUPP,
                ..
            }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Run a compat TCP dump of both families ([`Dump::TcpBoth`], [`Dump::TcpStatesBoth`]);
    /// false when the kernel refuses it or a snapshot taken before it was read lacks it: the
    /// caller then makes the per-family dumps, as before.
    fn diag_both(&mut self, dump: Dump, each: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<bool> {
        match self.diag(dump, each) {
            Err(Error::NotFound(_)) => Ok(false),
            other => other,
        }
    }

    /// A /proc/net file that may be missing (IPv6 disabled, protocol not built): None then.
    fn proc_net_optional(&mut self, name: &str) -> Result<Option<String>> {
        match self.source.proc_net(name) {
            Ok(text) => Ok(Some(text)),
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Every TCP socket of both families that `both` (a compat sock_diag walk) or, where the
    /// kernel or snapshot lacks it, `per_family` (a sock_diag dump per family) asks for, else
    /// /proc/net/tcp{,6} (always with `force_proc`), handed to `each`. Ok(false) when a snapshot
    /// taken before these dumps were read has none of them (the figures are then unknown).
    fn tcp_of_both_families(
        &mut self,
        force_proc: bool,
        both: Dump,
        per_family: fn(Family) -> Dump,
        each: &mut dyn FnMut(Socket) -> Result<()>,
    ) -> Result<bool> {
        if !force_proc && self.diag_both(both, &mut |p| each(sock::decode_inet(p, Proto::Tcp)?))? {
            return Ok(true);
        }
        for family in [Family::Inet, Family::Inet6] {
            let diag = if force_proc {
                false
            } else {
                match self.diag(per_family(family), &mut |p| {
                    each(sock::decode_inet(p, Proto::Tcp)?)
                }) {
                    Ok(answered) => answered,
                    Err(Error::NotFound(_)) => return Ok(false),
                    Err(e) => return Err(e),
                }
            };
            if !diag {
                let file = procnet::inet_file(Proto::Tcp, family).expect("tcp");
                if let Some(text) = self.proc_net_optional(file)? {
                    procnet::parse_inet(&text, file, Proto::Tcp, family, each)?;
                }
            }
        }
        Ok(true)
    }

    /// The SYN queue of every TCP listener: the listeners and request sockets (SYN_RECV) of
    /// both families. None when a snapshot taken before this was read has no such dump (the
    /// figure is then unknown).
    fn syn_queues(&mut self, force_proc: bool) -> Result<Option<SynQueues>> {
        let mut listeners = Vec::new();
        let mut requests = Vec::new();
        let both = Dump::TcpBoth {
            states: sock::SYN_QUEUE_STATES,
            ext: 0,
        };
        let per_family = |family| Dump::Inet {
            family,
            proto: sock::IPPROTO_TCP,
            states: sock::SYN_QUEUE_STATES,
            ext: 0,
        };
        let read = self.tcp_of_both_families(force_proc, both, per_family, &mut |mut s| {
            s.unmap_v4();
            if let Endpoint::Inet { addr, port } = s.local {
                match s.state {
                    Some(State::Listen) => listeners.push((addr, port)),
                    Some(State::SynRcvd) => requests.push((addr, port)),
                    _ => {}
                }
            }
            Ok(())
        })?;
        Ok(read.then(|| SynQueues::new(&listeners, &requests)))
    }

    /// The TCP sockets of both families counted by state, each once (by cookie). None when a
    /// snapshot lacks the dump (taken before it was read, or with another display): the block
    /// is then left out.
    fn tcp_state_counts(&mut self) -> Result<Option<StateCounts>> {
        let mut counts = StateCounts::default();
        let mut seen = std::collections::HashSet::new();
        let read = self.tcp_of_both_families(
            force_procfs(),
            Dump::TcpStatesBoth,
            Dump::TcpStates,
            &mut |s| {
                if s.cookie.is_none_or(|c| seen.insert(c)) {
                    counts.add(s.state);
                }
                Ok(())
            },
        )?;
        Ok(read.then_some(counts))
    }

    /// Index to name of every interface (dumped once, then kept).
    fn names(&mut self) -> Result<&HashMap<u32, Arc<str>>> {
        if self.names.is_none() {
            let links = self.collect(Dump::Links, nlmsg::RTM_NEWLINK, link::decode)?;
            self.names = Some(
                links
                    .into_iter()
                    .map(|l| (l.index, Arc::from(l.name)))
                    .collect(),
            );
        }
        Ok(self.names.as_ref().expect("filled above"))
    }
}

/// RNETSTAT_PROCFS=1: read /proc/net instead of sock_diag (the tests compare the two paths).
fn force_procfs() -> bool {
    std::env::var_os("RNETSTAT_PROCFS").is_some_and(|v| v == "1")
}

/// How many request sockets (connections in SYN_RECV) wait on each listening address and
/// port: what BSD calls a listener's incomplete connections (incqlen). A request counts for the
/// listener the kernel would give it: the one bound to its local address, else an IPv4 one on
/// the wildcard address (for an IPv4 request), else an IPv6 one on the wildcard address.
/// Listeners sharing an address and port (SO_REUSEPORT) each show the total: the kernel does
/// not say which one a request belongs to.
#[derive(Debug, Default)]
struct SynQueues(HashMap<(IpAddr, u16), u64>);

impl SynQueues {
    fn new(listeners: &[(IpAddr, u16)], requests: &[(IpAddr, u16)]) -> SynQueues {
        let listening: BTreeSet<(IpAddr, u16)> = listeners.iter().copied().collect();
        let mut counts = HashMap::new();
        for &(addr, port) in requests {
            let mut candidates = vec![addr];
            if addr.is_ipv4() {
                candidates.push(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
            }
            candidates.push(IpAddr::V6(Ipv6Addr::UNSPECIFIED));
            if let Some(a) = candidates
                .into_iter()
                .find(|a| listening.contains(&(*a, port)))
            {
                *counts.entry((a, port)).or_insert(0) += 1;
            }
        }
        SynQueues(counts)
    }

    /// The SYN queue of the listener `s`.
    fn of(&self, s: &Socket) -> u64 {
        match s.local {
            Endpoint::Inet { addr, port } => self.0.get(&(addr, port)).copied().unwrap_or(0),
            _ => 0,
        }
    }
}

impl Backend for LinuxBackend {
    fn platform(&self) -> rnetstat_core::Platform {
        rnetstat_core::Platform::Linux
    }

    fn tables(&self) -> TableNaming {
        TableNaming {
            main: RT_TABLE_MAIN,
            local: Some(RT_TABLE_LOCAL),
            names: &[
                (RT_TABLE_MAIN, "main"),
                (RT_TABLE_LOCAL, "local"),
                (253, "default"),
            ],
        }
    }

    /// Routes stream straight to the sink in kernel order, table by table: the first dump of
    /// a family lists every table, of which the main one is handed on and the others noted;
    /// the local table (with -a) and, for `-F all`, each other table are then dumped on their
    /// own (the kernel filters by table), so nothing is held back in memory or on disk. A dump
    /// the kernel flags as interrupted is retried while nothing of it has been handed on yet,
    /// and reported as a warning after.
    fn routes(
        &mut self,
        query: &RouteQuery,
        sink: &mut dyn FnMut(&Route) -> Result<()>,
    ) -> Result<()> {
        let names = self.names()?.clone();
        let ifname = |i: u32| names.get(&i).cloned();
        let naming = self.tables();
        let families: &[Family] = match query.family {
            Some(Family::Inet) => &[Family::Inet],
            Some(Family::Inet6) => &[Family::Inet6],
            _ => &[Family::Inet, Family::Inet6],
        };
        let one_table = |me: &mut Self,
                         family: Family,
                         table: u32,
                         sink: &mut dyn FnMut(&Route) -> Result<()>| {
            me.route_dump(Dump::Routes(family, Some(table)), &ifname, &mut |r| {
                if r.table == table {
                    return sink(r).map(|()| true);
                }
                Ok(false)
            })
        };
        if let Tables::One(table) = query.tables {
            for &family in families {
                one_table(self, family, table, sink)?;
            }
            return Ok(());
        }
        // The main block, family by family; the other tables each family has, for -F all.
        let mut others: BTreeMap<u32, Vec<Family>> = BTreeMap::new();
        for &family in families {
            let mut local = false;
            self.route_dump(Dump::Routes(family, None), &ifname, &mut |r| {
                if r.table == RT_TABLE_MAIN {
                    return sink(r).map(|()| true);
                }
                if r.table == RT_TABLE_LOCAL {
                    local = true;
                } else if query.tables == Tables::All && query.wants(r, &naming) {
                    let seen = others.entry(r.table).or_default();
                    if !seen.contains(&family) {
                        seen.push(family);
                    }
                }
                Ok(false)
            })?;
            if local && query.all {
                one_table(self, family, RT_TABLE_LOCAL, sink)?;
            }
        }
        for (table, families) in others {
            for family in families {
                one_table(self, family, table, sink)?;
            }
        }
        Ok(())
    }

    fn interfaces(&mut self) -> Result<Vec<Interface>> {
        let mut links = self.collect(Dump::Links, nlmsg::RTM_NEWLINK, link::decode)?;
        let addrs = self.collect(Dump::Addresses, nlmsg::RTM_NEWADDR, addr::decode)?;
        let pos: HashMap<u32, usize> = links
            .iter()
            .enumerate()
            .map(|(i, l)| (l.index, i))
            .collect();
        for (index, a) in addrs {
            if let Some(&i) = pos.get(&index) {
                links[i].addresses.push(a);
            }
        }
        self.names = Some(
            links
                .iter()
                .map(|l| (l.index, Arc::from(l.name.as_str())))
                .collect(),
        );
        Ok(links)
    }

    /// IPv4 groups (`igmp`, with the source filters of `mcfilter`), IPv6 groups (`igmp6`,
    /// `mcfilter6`) and link-layer groups (`dev_mcast`); an IP group names the link-layer group
    /// it maps to when the interface has joined that one.
    fn memberships(&mut self) -> Result<Vec<Membership>> {
        let mut v4 = match self.proc_net_optional("igmp")? {
            Some(text) => mcast::parse_igmp(&text)?.1,
            None => Vec::new(),
        };
        if let Some(text) = self.proc_net_optional("mcfilter")? {
            mcast::apply_filters(&mut v4, mcast::parse_mcfilter(&text, Family::Inet)?);
        }
        let mut v6 = match self.proc_net_optional("igmp6")? {
            Some(text) => mcast::parse_igmp6(&text)?,
            None => Vec::new(),
        };
        if let Some(text) = self.proc_net_optional("mcfilter6")? {
            mcast::apply_filters(&mut v6, mcast::parse_mcfilter(&text, Family::Inet6)?);
        }
        let link = match self.proc_net_optional("dev_mcast")? {
            Some(text) => mcast::parse_dev_mcast(&text)?,
            None => Vec::new(),
        };
        let mut all: Vec<Membership> = link;
        for mut m in v4.into_iter().chain(v6) {
            if let GroupAddr::Ip(g) = m.group {
                let mac = mcast::ether_group(g);
                if all
                    .iter()
                    .any(|l| l.ifindex == m.ifindex && l.group == GroupAddr::Link(mac.clone()))
                {
                    m.link_layer = Some(mac);
                }
            }
            all.push(m);
        }
        Ok(all)
    }

    fn group_management(&mut self) -> Result<Vec<GroupManagement>> {
        let mut out = match self.proc_net_optional("igmp")? {
            Some(text) => mcast::parse_igmp(&text)?.0,
            None => Vec::new(),
        };
        // MLD: the version each interface speaks is in its sysctl, not in procfs; the groups
        // per interface come from igmp6.
        if let Some(text) = self.proc_net_optional("igmp6")? {
            let groups = mcast::parse_igmp6(&text)?;
            let mut seen: Vec<(u32, Option<String>, u64)> = Vec::new();
            for g in groups {
                match seen.iter_mut().find(|(i, _, _)| *i == g.ifindex) {
                    Some(e) => e.2 += 1,
                    None => seen.push((g.ifindex, g.netif.clone(), 1)),
                }
            }
            out.extend(seen.into_iter().map(|(ifindex, netif, n)| GroupManagement {
                ifindex,
                netif,
                version: Some("mld".into()),
                groups: Some(n),
                robustness: None,
                query_interval: None,
                query_response_interval: None,
            }));
        }
        Ok(out)
    }

    /// `ip_mr_vif`, `ip_mr_cache`, `ip6_mr_vif`, `ip6_mr_cache`: a family whose files are
    /// missing has no multicast router in this kernel. The rtnetlink dumps of the multicast
    /// families add what procfs lacks: each entry's table and time since last use.
    fn multicast_routing(&mut self) -> Result<MulticastRouting> {
        let mut r = MulticastRouting::default();
        for (family, vif, cache) in [
            (Family::Inet, "ip_mr_vif", "ip_mr_cache"),
            (Family::Inet6, "ip6_mr_vif", "ip6_mr_cache"),
        ] {
            let Some(vifs) = self.proc_net_optional(vif)? else {
                continue;
            };
            r.families.push(family);
            r.vifs.extend(mcast::parse_mr_vif(&vifs, family)?);
            if let Some(text) = self.proc_net_optional(cache)? {
                r.mfc.extend(mcast::parse_mr_cache(&text, family)?);
            }
            let mut entries = Vec::new();
            let dumped = dump::run(
                self.source.as_mut(),
                Dump::Mroutes(family),
                nlmsg::RTM_NEWROUTE,
                &mut |m| {
                    entries.push(mroute::decode_mroute(m.payload)?);
                    Ok(())
                },
            );
            match dumped {
                Ok(_) => {}
                // No multicast routing over netlink here, or a snapshot taken without it.
                Err(Error::Kernel { .. }) | Err(Error::NotFound(_)) => continue,
                Err(e) => return Err(e),
            }
            // Only the default table's vifs are visible (procfs), so entries of other tables
            // could not name their interfaces: those are left out, as procfs leaves them out.
            for e in entries {
                if let Some(m) = r
                    .mfc
                    .iter_mut()
                    .find(|m| m.family == family && m.origin == e.origin && m.group == e.group)
                {
                    m.table = Some(e.table);
                    m.idle = e.idle;
                }
            }
        }
        Ok(r)
    }

    /// Internet sockets (tcp, both families in the kernel's order; udp, udplite, raw, inet
    /// then inet6 for each), then unix ones.
    /// Each comes from sock_diag, or from /proc/net when the kernel lacks that diag family
    /// (or RNETSTAT_PROCFS=1 forces it, which the tests use to compare the two paths).
    fn sockets(
        &mut self,
        query: &SocketQuery,
        sink: &mut dyn FnMut(&Socket) -> Result<()>,
    ) -> Result<()> {
        let force_proc = force_procfs();
        let names = self.names()?.clone();
        let owners = if query.owners {
            Some(self.source.socket_owners()?)
        } else {
            None
        };
        if let Some(o) = &owners {
            if o.hidden > 0 {
                self.warnings.push(format!(
                    "the owners of sockets held by {} processes of other users are not shown (run as root to see them)",
                    o.hidden
                ));
            }
        }
        // A table that changes while it is dumped can make the kernel hand a socket over twice
        // (sock_diag and /proc/net walk hash chains that shift under them): each socket is
        // listed once, known by its kernel identity (cookie, else inode; a TIME_WAIT entry of
        // /proc/net has neither and is kept). 8 bytes per socket listed.
        let mut seen: std::collections::HashSet<(Proto, u64), IdHashing> = Default::default();
        let mut emit = |mut s: Socket| -> Result<()> {
            if !query.wants(&s) {
                return Ok(());
            }
            let identity = s.cookie.or(s.inode.filter(|i| *i != 0));
            if let Some(id) = identity {
                if !seen.insert((s.proto, id)) {
                    return Ok(());
                }
            }
            if let (Some(o), Some(inode)) = (&owners, s.inode) {
                s.owners = o.owners(inode);
            }
            sink(&s)
        };
        let states = if query.listening_only {
            1 << sock::TCP_LISTEN
        } else if query.all {
            sock::ALL_LISTED_STATES
        } else {
            sock::ALL_LISTED_STATES & !(1 << sock::TCP_LISTEN)
        };
        // The listeners' SYN queues (-L's incqlen, and JSON's), read before the listeners, and
        // only for those: a walk of the kernel's whole TCP table.
        let syn = if query.syn_queues
            && query.wants_proto(Proto::Tcp)
            && (query.all || query.listening_only)
        {
            self.syn_queues(force_proc)?
        } else {
            None
        };
        // -p icmp and -p icmp6 select the raw sockets of their protocol too, as in BSD netstat.
        let raw_of = |s: &Socket| match (s.family, s.ip_proto) {
            (Family::Inet, Some(1)) => query.wants_proto(Proto::Icmp),
            (Family::Inet6, Some(58)) => query.wants_proto(Proto::Icmp6),
            _ => false,
        };
        let raw_wanted = [Proto::Raw, Proto::Icmp, Proto::Icmp6]
            .iter()
            .any(|p| query.wants_proto(*p));
        for proto in [
            Proto::Tcp,
            Proto::Udp,
            Proto::UdpLite,
            Proto::Raw,
            Proto::Icmp,
            Proto::Icmp6,
        ] {
            if !(query.wants_proto(proto) || (proto == Proto::Raw && raw_wanted)) {
                continue;
            }
            // -f inet keeps the IPv6 sockets that take IPv4 too (tcp46), as BSD does.
            let dual_only = query.family == Some(Family::Inet);
            let families: Vec<Family> = [Family::Inet, Family::Inet6]
                .into_iter()
                .filter(|&f| query.wants_family(f) || (dual_only && f == Family::Inet6))
                .collect();
            if families.is_empty() {
                continue;
            }
            // IPv4-mapped sockets of the IPv6 tables are IPv4 ones (Socket::unmap_v4): -f
            // inet keeps them, -f inet6 does not.
            let keep = |s: &Socket| {
                (query.wants_family(s.family) || (dual_only && s.dual_stack))
                    && (proto != Proto::Raw || query.wants_proto(Proto::Raw) || raw_of(s))
            };
            // The TCP internals and socket memory only when shown: they triple the
            // answer's size, and plain -an does not pay for them.
            let ext = if query.internals {
                tcp_info::EXT_INTERNALS
            } else {
                0
            };
            let decode = |p: &[u8]| -> Result<Socket> {
                let mut s = if query.internals {
                    sock::decode_inet_internals(p, proto)?
                } else {
                    sock::decode_inet(p, proto)?
                };
                s.zone = names.get(&sock::bound_ifindex(p)).cloned();
                Ok(s)
            };
            let mut each = |mut s: Socket| {
                s.unmap_v4();
                if let Some(q) = &syn {
                    let n = q.of(&s);
                    if let Some(l) = s.listen.as_mut() {
                        l.incqlen = Some(n);
                    }
                }
                if keep(&s) {
                    emit(s)
                } else {
                    Ok(())
                }
            };
            // TCP: one walk of the kernel's table for both families (the compat request), in
            // the kernel's order; the per-family dumps when the kernel or snapshot lacks it.
            if proto == Proto::Tcp && !force_proc {
                let both = Dump::TcpBoth { states, ext };
                if self.diag_both(both, &mut |p| each(decode(p)?))? {
                    continue;
                }
            }
            for family in families {
                // ICMP datagram ("ping") sockets have no sock_diag: /proc/net/icmp{,6} only.
                let Some(file) = procnet::inet_file(proto, family) else {
                    continue;
                };
                let dump = sock::ipproto(proto).map(|ipproto| Dump::Inet {
                    family,
                    proto: ipproto,
                    states,
                    ext,
                });
                let diag = match dump {
                    Some(dump) if !force_proc => self.diag(dump, &mut |p| each(decode(p)?))?,
                    _ => false,
                };
                if !diag {
                    if let Some(text) = self.proc_net_optional(file)? {
                        procnet::parse_inet(&text, file, proto, family, &mut each)?;
                    }
                }
            }
        }
        if query.wants_proto(Proto::Unix) && query.wants_family(Family::Unix) {
            let dump = Dump::Unix { states: u32::MAX };
            if force_proc || !self.diag(dump, &mut |p| emit(sock::decode_unix(p)?))? {
                if let Some(text) = self.proc_net_optional("unix")? {
                    procnet::parse_unix(&text, &mut emit)?;
                }
            }
        }
        if query.packets()
            && (force_proc || !self.diag(Dump::Packet, &mut |p| emit(packet::decode_packet(p)?))?)
        {
            if let Some(text) = self.proc_net_optional("packet")? {
                procnet::parse_packet(&text, &mut emit)?;
            }
        }
        // vsock has no /proc/net file: without vsock_diag there is nothing to list.
        if query.vsocks() && !force_proc {
            self.diag(Dump::Vsock { states }, &mut |p| {
                emit(sock::decode_vsock(p)?)
            })?;
        }
        Ok(())
    }

    /// Streamed as routes are: an interrupted dump is retried while nothing went out, and
    /// noted on stderr once rows did.
    fn neighbors(&mut self, sink: &mut dyn FnMut(&Neighbor) -> Result<()>) -> Result<()> {
        let names = self.names()?.clone();
        let ifname = |i: u32| names.get(&i).map(|n| n.to_string());
        for attempt in 0..=DUMP_RETRIES {
            let mut emitted = false;
            let outcome = dump::run(
                self.source.as_mut(),
                Dump::Neighbors,
                neigh::RTM_NEWNEIGH,
                &mut |m| {
                    if let Some(n) = neigh::decode(m.payload, &ifname)? {
                        emitted = true;
                        sink(&n)?;
                    }
                    Ok(())
                },
            )?;
            if !outcome.interrupted {
                return Ok(());
            }
            if emitted || attempt == DUMP_RETRIES {
                self.warnings.push(
                    "the neighbour table changed during the dump; the listing may be inconsistent"
                        .into(),
                );
                return Ok(());
            }
        }
        Ok(())
    }

    /// `/proc/net/dev_snmp6/IF`: the IPv6 and ICMPv6 counters Linux keeps per interface (it
    /// keeps no IPv4 or transport counters per interface). No file: IPv6 is off on it.
    fn interface_stats(
        &mut self,
        name: &str,
        wanted: &dyn Fn(&str, &str) -> bool,
    ) -> Result<Vec<StatGroup>> {
        let Some(text) = self.proc_net_optional(&format!("dev_snmp6/{name}"))? else {
            return Ok(Vec::new());
        };
        let mut counters = snmp::parse_snmp6(&text)?;
        counters.retain(|(_, n, _)| *n != "ifIndex");
        Ok(protostats::sections(&counters, wanted))
    }

    /// Every AF_PACKET socket from packet_diag (or /proc/net/packet, which knows no filters,
    /// rings or drops), with the processes that hold it.
    fn packet_taps(&mut self, ifindex: Option<u32>) -> Result<Vec<PacketTap>> {
        let force_proc = force_procfs();
        let names = self.names()?.clone();
        let owners = self.source.socket_owners()?;
        if owners.hidden > 0 {
            self.warnings.push(format!(
                "the owners of taps held by {} processes of other users are not shown (run as root to see them)",
                owners.hidden
            ));
        }
        let mut taps = Vec::new();
        let mut each = |mut t: PacketTap| -> Result<()> {
            if ifindex.is_some_and(|i| t.ifindex != 0 && t.ifindex != i) {
                return Ok(());
            }
            t.netif = names.get(&t.ifindex).map(|n| n.to_string());
            if let Some(inode) = t.inode {
                t.owners = owners.owners(inode);
            }
            taps.push(t);
            Ok(())
        };
        if force_proc || !self.diag(Dump::Packet, &mut |p| each(packet::decode_tap(p)?))? {
            if let Some(text) = self.proc_net_optional("packet")? {
                procnet::parse_packet_taps(&text, &mut each)?;
            }
        }
        Ok(taps)
    }

    fn queues(&mut self, ifindex: Option<u32>, classes: bool) -> Result<Vec<Queue>> {
        let names = self.names()?.clone();
        let ifname = |i: u32| names.get(&i).map(|n| n.to_string());
        let wanted = |q: &Queue| ifindex.is_none_or(|i| q.ifindex == i);
        // The kernel may answer a qdisc dump with every interface's: keep the one asked for.
        let mut all = self.collect_with(Dump::Qdiscs(ifindex), qdisc::RTM_NEWQDISC, &mut |p| {
            qdisc::decode(p, QueueType::Qdisc, &ifname)
        })?;
        all.retain(wanted);
        if classes {
            let mut indexes: Vec<u32> = match ifindex {
                Some(i) => vec![i],
                None => names.keys().copied().collect(),
            };
            indexes.sort_unstable();
            for i in indexes {
                let found =
                    self.collect_with(Dump::Classes(i), qdisc::RTM_NEWTCLASS, &mut |p| {
                        qdisc::decode(p, QueueType::Class, &ifname)
                    })?;
                all.extend(found.into_iter().filter(wanted));
            }
        }
        // Per interface, qdiscs then classes, each in the kernel's order.
        all.sort_by_key(|q| (q.ifindex, q.queue_type == QueueType::Class));
        Ok(all)
    }

    /// sysfs `speed` and `duplex` of the interface: a file the driver cannot answer (EINVAL
    /// while the link is down, or no such attribute) means unknown.
    fn link_speed(&mut self, name: &str) -> Result<LinkSpeed> {
        let mut read = |attr: &str| match self.source.sys_class_net(name, attr) {
            Ok(text) => Ok(Some(text)),
            Err(Error::Io { .. }) => Ok(None),
            Err(e) => Err(e),
        };
        let speed = read("speed")?;
        let duplex = read("duplex")?;
        link::parse_speed(speed.as_deref(), duplex.as_deref())
    }

    fn routing_stats(&mut self) -> Result<Vec<StatGroup>> {
        let mut groups = match self.proc_net_optional("fib_triestat")? {
            Some(text) => routestats::parse_triestat(&text)?,
            None => Vec::new(),
        };
        if let Some(text) = self.proc_net_optional("rt6_stats")? {
            groups.push(routestats::parse_rt6_stats(&text)?);
        }
        if let Some(text) = self.proc_net_optional("stat/rt_cache")? {
            groups.push(routestats::parse_rt_cache(&text)?);
        }
        Ok(groups)
    }

    fn memory_stats(&mut self, detail: bool) -> Result<Vec<StatGroup>> {
        let mut groups = Vec::new();
        for file in ["sockstat", "sockstat6"] {
            if let Some(text) = self.proc_net_optional(file)? {
                groups.extend(memstats::parse_sockstat(&text, file)?);
            }
        }
        for (section, limit) in [("tcp", "net/ipv4/tcp_mem"), ("udp", "net/ipv4/udp_mem")] {
            match self.source.proc_sys(limit) {
                Ok(text) => memstats::add_limits(&mut groups, section, &text, limit)?,
                Err(Error::Io { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        if detail {
            if let Some(text) = self.proc_net_optional("protocols")? {
                groups.push(memstats::parse_protocols(&text)?);
            }
            if let Some(text) = self.proc_net_optional("softnet_stat")? {
                groups.extend(memstats::parse_softnet(&text)?);
            }
        }
        Ok(groups)
    }

    fn protocol_stats(&mut self, wanted: &dyn Fn(&str, &str) -> bool) -> Result<Vec<StatGroup>> {
        // The counters borrow from the texts, which therefore live until the sections are made.
        let snmp = self.proc_net_optional("snmp")?;
        let netstat = self.proc_net_optional("netstat")?;
        let snmp6 = self.proc_net_optional("snmp6")?;
        let sctp = self.proc_net_optional("sctp/snmp")?;
        let mut all = Vec::with_capacity(512);
        for (file, text) in [("snmp", &snmp), ("netstat", &netstat)] {
            if let Some(text) = text {
                snmp::parse_paired_into(text, file, &mut all)?;
            }
        }
        for text in [&snmp6, &sctp].into_iter().flatten() {
            snmp::parse_snmp6_into(text, &mut all)?;
        }
        let mut groups = protostats::sections(&all, wanted);
        if wanted("tcp", "inet") {
            if let Some(counts) = self.tcp_state_counts()? {
                match groups.iter_mut().find(|g| g.protocol == "tcp") {
                    Some(g) => g.counters.extend(counts.counters()),
                    None => groups.push(StatGroup {
                        protocol: "tcp".into(),
                        counters: counts.counters(),
                    }),
                }
            }
        }
        Ok(groups)
    }

    /// Multicast traffic (IpExt of /proc/net/netstat, Ip6 of snmp6), MLD messages (Icmp6 of
    /// snmp6) and the multicast router's totals. Linux keeps no IGMP message counters.
    fn multicast_stats(&mut self) -> Result<Vec<StatGroup>> {
        let mut groups = Vec::new();
        if let Some(text) = self.proc_net_optional("netstat")? {
            groups.push(protostats::ip_multicast(&snmp::parse_paired(
                &text, "netstat",
            )?));
        }
        if let Some(text) = self.proc_net_optional("snmp6")? {
            groups.extend(protostats::ip6_multicast(&snmp::parse_snmp6(&text)?));
        }
        groups.extend(protostats::multicast_routing(&self.multicast_routing()?));
        Ok(groups)
    }

    fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

/// Hashing for sets of kernel ids (socket cookies, inodes): one multiply per word. The
/// standard SipHash guards maps against keys chosen to collide, which ids the kernel hands out
/// are not, and cost a few percent of a 100,000-socket listing.
type IdHashing = std::hash::BuildHasherDefault<IdHasher>;

/// See [`IdHashing`].
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        // The product's high bits are the mixed ones; the table indexes by the low ones (and
        // a socket's address, the walk's cookie, has its low bits zero).
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = self.0.wrapping_add(v).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }

    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(a: &str, port: u16) -> (IpAddr, u16) {
        (a.parse().unwrap(), port)
    }

    fn listener(a: &str, port: u16) -> Socket {
        Socket::new(
            Proto::Tcp,
            Family::Inet,
            rnetstat_core::SockType::Stream,
            Endpoint::Inet {
                addr: a.parse().unwrap(),
                port,
            },
            Endpoint::None,
        )
    }

    #[test]
    fn a_request_counts_for_the_listener_the_kernel_gives_it() {
        let q = SynQueues::new(
            &[
                at("192.0.2.2", 80),
                at("0.0.0.0", 80),
                at("::", 80),
                at("::", 443),
            ],
            &[
                at("192.0.2.2", 80),
                at("192.0.2.3", 80),
                at("2001:db8::1", 80),
                at("192.0.2.2", 443),
                at("192.0.2.2", 22),
            ],
        );
        assert_eq!(q.of(&listener("192.0.2.2", 80)), 1);
        assert_eq!(q.of(&listener("0.0.0.0", 80)), 1);
        assert_eq!(q.of(&listener("::", 80)), 1);
        // An IPv4 request with no IPv4 listener goes to the dual-stack one.
        assert_eq!(q.of(&listener("::", 443)), 1);
        assert_eq!(q.of(&listener("192.0.2.9", 22)), 0);
    }
}
