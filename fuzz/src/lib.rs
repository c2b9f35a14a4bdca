//! The body of every fuzz target, one module each with its `run`, so that the targets
//! (`fuzz_targets/`, cargo-fuzz on nightly) and the stable replay of the seed corpus and of
//! every crash found (`tests/replay.rs`) run the same code. `run` takes any bytes and must
//! not panic.

/// Every target by name, for the replay.
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("bsd_iflist", bsd_iflist::run),
    ("bsd_ifmalist", bsd_ifmalist::run),
    ("bsd_macos_sockets", bsd_macos_sockets::run),
    ("bsd_mbuf", bsd_mbuf::run),
    ("bsd_mroute", bsd_mroute::run),
    ("bsd_route", bsd_route::run),
    ("bsd_sockets", bsd_sockets::run),
    ("bsd_stats", bsd_stats::run),
    ("filter", filter::run),
    ("linux_addr", linux_addr::run),
    ("linux_cgroup", linux_cgroup::run),
    ("linux_link", linux_link::run),
    ("linux_multicast", linux_multicast::run),
    ("linux_neigh", linux_neigh::run),
    ("linux_qdisc", linux_qdisc::run),
    ("linux_route", linux_route::run),
    ("linux_sockets", linux_sockets::run),
    ("linux_stats", linux_stats::run),
    ("linux_tcp_info", linux_tcp_info::run),
    ("linux_tcp_walk", linux_tcp_walk::run),
    ("nlmsg_frames", nlmsg_frames::run),
];

/// BSD interface-list decoder (if_msghdr / if_msghdr2, ifa_msghdr, ifma_msghdr2, and FreeBSD's
/// extensible if_msghdrl / ifa_msghdrl).
pub mod bsd_iflist {
    use rnetstat_bsd::{rtsock::iflist, Os};

    /// One input.
    pub fn run(data: &[u8]) {
        let _ = iflist::decode(Os::FreeBsd, data);
        let _ = iflist::decode(Os::MacOs, data);
        let _ = iflist::decode_extended(data);
    }
}

/// FreeBSD NET_RT_IFMALIST decoder (ifma_msghdr).
pub mod bsd_ifmalist {
    use rnetstat_bsd::{freebsd::ifmalist, Os};

    /// One input.
    pub fn run(data: &[u8]) {
        let _ = ifmalist::decode(Os::FreeBsd, data);
    }
}

/// macOS socket decoders (net.inet.*.pcblist_n, net.local.*.pcblist_n, kern.proc.all): any
/// answer decodes or errors.
pub mod bsd_macos_sockets {
    use rnetstat_bsd::macos::{pcblist as macos_pcblist, proc as macos_proc, unpcb as macos_unpcb};
    use rnetstat_core::{Proto, SockType};

    /// One input.
    pub fn run(data: &[u8]) {
        for proto in [Proto::Tcp, Proto::Udp] {
            let _ = macos_pcblist::decode(data, proto, &mut |_| Ok(()));
        }
        let _ = macos_unpcb::decode(data, SockType::Stream, &mut |_| Ok(()));
        let _ = macos_proc::decode(data);
    }
}

/// BSD memory statistics decoders (FreeBSD vm.zone_stats, kern.malloc_stats, kern.ipc.sfstat; macOS
/// kern.ipc.mbstat and kern.ipc.mb_stat) and netstat -m's arithmetic over what they decode.
pub mod bsd_mbuf {
    use rnetstat_bsd::freebsd::{malloc_types, sfstat, uma};
    use rnetstat_bsd::macos::mbuf as macos_mbuf;
    use rnetstat_core::bsd::mbuf::{ClassMbufs, ZoneMbufs};

    /// One input.
    pub fn run(data: &[u8]) {
        if let Ok(zones) = uma::decode(data) {
            if let Ok(m) = uma::mbufs(&zones) {
                let _ = (
                    m.mbufs(),
                    m.clusters(),
                    m.bytes(),
                    ZoneMbufs::jumbo(&m.jumbo_9k),
                );
            }
        }
        let _ = sfstat::decode(data);
        let _ = malloc_types::decode(data);
        let _ = macos_mbuf::decode_njclbytes(data);
        if let Ok(tags) = macos_mbuf::decode_tag_stats(data) {
            let _: Vec<String> = tags.iter().map(|t| t.label()).collect();
        }
        let mut m = macos_mbuf::decode_mbstat(data).unwrap_or_else(|_| ClassMbufs::default());
        if let Ok(classes) = macos_mbuf::decode_classes(data) {
            m.classes = classes;
        }
        m.njclbytes = 16384;
        let _ = (m.mbufs_in_use(), m.types(), m.cluster_lines(), m.memory());
        let _ = m.in_use_percent();
    }
}

/// FreeBSD multicast router and source-filter decoders (struct vif, mfc, mif6_sctl, the
/// mf6c bucket table, mrtstat, mcast.filters answers): any bytes decode or error.
pub mod bsd_mroute {
    use rnetstat_bsd::freebsd::{mcast_filters, mroute};
    use rnetstat_core::Family;

    /// One input.
    pub fn run(data: &[u8]) {
        let _ = mroute::vifs(data);
        let _ = mroute::mfcs(data);
        let _ = mroute::mifs(data);
        let _ = mroute::mf6c_buckets(data);
        let _ = mroute::mrtstat(data, Family::Inet);
        let _ = mroute::mrtstat(data, Family::Inet6);
        let _ = mcast_filters::decode(data, false);
        let _ = mcast_filters::decode(data, true);
    }
}

/// BSD route decoder (rt_msghdr / rt_msghdr2): any dump decodes or errors, on both systems.
pub mod bsd_route {
    use rnetstat_bsd::{rtsock::route, wire::msg::messages, Os};

    /// One input.
    pub fn run(data: &[u8]) {
        for os in [Os::FreeBsd, Os::MacOs] {
            for m in messages(data, "fuzz").flatten() {
                let _ = route::decode(os, &m, &|i| Some(format!("if{i}").into()), Some(0));
            }
        }
    }
}

/// FreeBSD socket decoders: the Internet and unix pcb lists, kern.file and kern.proc.proc,
/// and the bpf peers of net.bpf.stats.
pub mod bsd_sockets {
    use rnetstat_bsd::freebsd::pcblist::{self, List};
    use rnetstat_bsd::freebsd::{bpf, owners, unpcb};
    use rnetstat_bsd::Os;
    use rnetstat_core::SockType;

    /// One input.
    pub fn run(data: &[u8]) {
        for list in [List::Tcp, List::Udp, List::Raw] {
            let _ = pcblist::decode(Os::FreeBsd, data, list, &mut |_| Ok(()));
        }
        for kind in [SockType::Stream, SockType::Dgram, SockType::SeqPacket] {
            let _ = unpcb::decode(Os::FreeBsd, data, kind, &mut |_| Ok(()));
        }
        let _ = owners::socket_files(data);
        let _ = owners::process_names(data);
        let _ = bpf::decode(data, &Default::default());
    }
}

/// BSD statistics decoders (struct tcpstat, udpstat, ipstat, icmpstat, igmpstat, ip6stat,
/// icmp6stat, rtstat of FreeBSD and macOS; pimstat, arpstat, rip6stat of FreeBSD) and their rendering.
pub mod bsd_stats {
    use rnetstat_bsd::stats::layout::{decode, layouts};
    use rnetstat_bsd::stats::wording::{self as w, render};
    use rnetstat_bsd::Os;

    /// One input.
    pub fn run(data: &[u8]) {
        for os in [Os::FreeBsd, Os::MacOs] {
            for (section, layout) in layouts(os) {
                let Ok(values) = decode(layout, data) else {
                    continue;
                };
                let table = match *section {
                    "tcp" => w::TCP,
                    "udp" => w::UDP,
                    "ip" => w::IP,
                    "icmp" => w::ICMP,
                    "igmp" => w::IGMP,
                    "ip6" => w::IP6,
                    "icmp6" => w::ICMP6,
                    "pim" => w::PIM,
                    "arp" => w::ARP,
                    "rip6" => w::RIP6,
                    _ => w::ROUTING,
                };
                for c in render(os, section, table, &values, &|_| None).counters {
                    let _ = c.text();
                }
            }
        }
    }
}

/// RTM_NEWADDR decoder: any payload decodes or errors.
pub mod linux_addr {

    /// One input.
    pub fn run(data: &[u8]) {
        let _ = rnetstat_linux::netlink::addr::decode(data);
    }
}

/// RTM_NEWLINK decoder: any payload decodes or errors.
pub mod linux_link {

    /// One input.
    pub fn run(data: &[u8]) {
        let _ = rnetstat_linux::netlink::link::decode(data);
    }
}

/// procfs multicast decoders (igmp, igmp6, mcfilter, dev_mcast, ip(6)_mr_vif, ip(6)_mr_cache).
pub mod linux_multicast {
    use rnetstat_core::Family;
    use rnetstat_linux::{netlink::mroute, procfs::multicast};

    /// One input.
    pub fn run(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let _ = multicast::parse_igmp(&text);
        let _ = multicast::parse_igmp6(&text);
        let _ = multicast::parse_mcfilter(&text, Family::Inet);
        let _ = multicast::parse_mcfilter(&text, Family::Inet6);
        let _ = multicast::parse_dev_mcast(&text);
        let _ = multicast::parse_mr_vif(&text, Family::Inet);
        let _ = multicast::parse_mr_cache(&text, Family::Inet6);
        let _ = mroute::decode_mroute(data);
    }
}

/// RTM_NEWNEIGH decoder: any payload decodes or errors.
pub mod linux_neigh {

    /// One input.
    pub fn run(data: &[u8]) {
        let _ = rnetstat_linux::netlink::neigh::decode(data, &|i| Some(format!("if{i}")));
    }
}

/// RTM_NEWQDISC / RTM_NEWTCLASS decoder: any payload decodes or errors.
pub mod linux_qdisc {
    use rnetstat_core::QueueType;

    /// One input.
    pub fn run(data: &[u8]) {
        for t in [QueueType::Qdisc, QueueType::Class] {
            let _ = rnetstat_linux::netlink::qdisc::decode(data, t, &|i| Some(format!("if{i}")));
        }
    }
}

/// RTM_NEWROUTE decoder: any payload decodes or errors.
pub mod linux_route {

    /// One input.
    pub fn run(data: &[u8]) {
        let _ = rnetstat_linux::netlink::route::decode(data, &|i| Some(format!("if{i}").into()));
    }
}

/// sock_diag (inet, unix, packet with every -B attribute, vsock) and /proc/net socket decoders: any input decodes or errors.
pub mod linux_sockets {
    use rnetstat_core::{Family, Proto};
    use rnetstat_linux::{
        netlink::diag::packet, netlink::diag::sock, procfs::owners, procfs::sockets as procnet,
    };

    /// One input.
    pub fn run(data: &[u8]) {
        let _ = sock::decode_inet(data, Proto::Tcp);
        let _ = sock::decode_inet(data, Proto::Udp);
        let _ = sock::decode_unix(data);
        let _ = packet::decode_packet(data);
        let _ = packet::decode_tap(data);
        let _ = sock::decode_vsock(data);
        let text = String::from_utf8_lossy(data);
        let _ = procnet::parse_inet(&text, "tcp6", Proto::Tcp, Family::Inet6, &mut |_| Ok(()));
        let _ = procnet::parse_unix(&text, &mut |_| Ok(()));
        let _ = procnet::parse_packet(&text, &mut |_| Ok(()));
        let _ = procnet::parse_packet_taps(&text, &mut |_| Ok(()));
        let _ = owners::OwnerMap::from_text(&text);
    }
}

/// sock_diag's TCP internals: an inet_diag message with INET_DIAG_INFO, CONG and SKMEMINFO
/// attributes, and struct tcp_info, the skmem array and the congestion name on their own.
pub mod linux_tcp_walk {
    use rnetstat_linux::btf::Btf;
    use rnetstat_linux::tcp_walk::{layout, record};

    /// One input: as the kernel's BTF (with the walk's layout looked up in it), and as a walk
    /// record of the example layout (framed as its sock_diag message when it decodes).
    pub fn run(data: &[u8]) {
        if let Ok(btf) = Btf::parse(data) {
            let _ = layout::Layout::from_btf(&btf);
            let _ = btf.path("sock_common", "skc_family");
        }
        if let Ok(Some(w)) = record::decode(&layout::example(), data) {
            let mut m = Vec::new();
            record::append_message(&mut m, &w);
        }
    }
}

pub mod linux_tcp_info {
    use rnetstat_core::{Proto, TcpInfo};
    use rnetstat_linux::netlink::diag::{sock, tcp_info};

    /// One input.
    pub fn run(data: &[u8]) {
        let _ = sock::decode_inet_internals(data, Proto::Tcp);
        let _ = sock::decode_inet_internals(data, Proto::Udp);
        let _ = tcp_info::decode_tcp_info(data, &mut TcpInfo::default());
        let _ = tcp_info::decode_skmem(data);
        let _ = tcp_info::decode_cong(data);
    }
}

/// /proc/PID/cgroup text and the container a cgroup path names (-j's labels).
pub mod linux_cgroup {
    use rnetstat_linux::procfs::cgroup;

    /// One input.
    pub fn run(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let _ = cgroup::parse(&text);
        for line in text.lines() {
            if let Some(c) = cgroup::container_of_path(line) {
                assert_eq!(c.id.len(), 64);
            }
        }
    }
}

/// procfs counter decoders (snmp, netstat, snmp6, sockstat, protocols, softnet_stat,
/// fib_triestat, rt6_stats, sysfs speed and duplex).
pub mod linux_stats {
    use rnetstat_linux::{procfs::memory, procfs::routing, procfs::snmp};

    /// One input.
    pub fn run(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let _ = snmp::parse_paired(&text, "snmp");
        let _ = snmp::parse_snmp6(&text);
        let _ = memory::parse_sockstat(&text, "sockstat");
        let _ = memory::parse_protocols(&text);
        let _ = memory::parse_softnet(&text);
        let _ = routing::parse_triestat(&text);
        let _ = routing::parse_rt6_stats(&text);
        let _ = routing::parse_rt_cache(&text);
        if let Some((speed, duplex)) = text.split_once('\n') {
            let _ = rnetstat_linux::netlink::link::parse_speed(Some(speed), Some(duplex));
        }
    }
}

/// The socket filter language (the words after the options): any text parses or is one error
/// line, and what parses evaluates on a few sockets.
pub mod filter {
    use rnetstat_core::filter::Names;
    use rnetstat_core::{
        Endpoint, Family, Filter, FilterContext, Owner, Proto, SockType, Socket, State,
    };

    struct FixedNames;

    impl Names for FixedNames {
        fn service(&self, name: &str) -> Option<u16> {
            (name == "https").then_some(443)
        }
        fn user(&self, name: &str) -> Option<u32> {
            (name == "nobody").then_some(65534)
        }
    }

    /// One input.
    pub fn run(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        let filter = match Filter::parse(&[text.into_owned()], &FixedNames) {
            Ok(f) => f,
            Err(e) => {
                assert!(!e.to_string().contains('\n'), "{e}");
                return;
            }
        };
        let inet = |a: &str, port| Endpoint::Inet {
            addr: a.parse().unwrap(),
            port,
        };
        let mut tcp = Socket::new(
            Proto::Tcp,
            Family::Inet6,
            SockType::Stream,
            inet("::ffff:192.0.2.1", 443),
            inet("2001:db8::1", 50000),
        );
        tcp.state = Some(State::Established);
        tcp.uid = Some(65534);
        tcp.owners.push(Owner {
            pid: 1,
            command: Some("sshd".into()),
            fd: Some(3),
        });
        let unix = Socket::new(
            Proto::Unix,
            Family::Unix,
            SockType::Stream,
            Endpoint::Unix(None),
            Endpoint::None,
        );
        for ctx in [
            FilterContext::default(),
            FilterContext {
                netns: Some("host"),
            },
        ] {
            let _ = (filter.matches(&tcp, &ctx), filter.matches(&unix, &ctx));
        }
        let _ = (filter.needs_owners(), filter.needs_netns());
    }
}

/// Netlink framing: any bytes walk to messages or an error.
pub mod nlmsg_frames {

    /// One input.
    pub fn run(data: &[u8]) {
        for m in rnetstat_linux::netlink::nlmsg::messages(data).flatten() {
            assert!(m.payload.len() <= data.len());
        }
    }
}
