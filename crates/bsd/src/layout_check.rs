//! Every size, offset and constant the decoders assume, gathered for `tests/layout.rs`, which
//! compares them with the `layout.txt` that `fixtures/bsd/gen.py` extracts from the real
//! headers with zig. This module only reads the others; nothing in the crate imports it.

use crate::freebsd::{bpf, mcast_filters, mroute, owners, pcblist, uma, unpcb};
use crate::macos::{mbuf, sockets};
use crate::os::{
    Assumption, Os, AF_INET, AF_LINK, AF_UNSPEC, IFL_DATA, IFL_DATA_OFF, IFL_HEADER_LEN, IFL_LEN,
    LINK_STATE_DOWN, LINK_STATE_UP, RTA_AUTHOR, RTA_BRD, RTA_DST, RTA_GATEWAY, RTA_GENMASK,
    RTA_IFA, RTA_IFP, RTA_NETMASK, RTM_GET, RTM_GET2, RTM_IFINFO, RTM_IFINFO2, RTM_NEWADDR,
    RTM_NEWMADDR, RTM_NEWMADDR2, RTM_VERSION,
};
use crate::rtsock::{iflist, route};
use crate::source::Mib;

/// Every size, offset and constant the decoders assume for `os`, in the key format of
/// `layout.txt`.
pub fn assumptions(os: Os) -> Vec<Assumption> {
    let mut v = routing_socket(os);
    v.extend(crate::stats::layout::assumptions(os));
    match os {
        Os::FreeBsd => {
            v.extend(mroute::assumptions(os));
            v.extend(mcast_filters::assumptions(os));
            v.extend(uma::assumptions(os));
            v.extend(pcblist::assumptions(os));
            v.extend(unpcb::assumptions(os));
            v.extend(owners::assumptions(os));
            v.extend(bpf::assumptions(os));
        }
        Os::MacOs => {
            v.extend(sockets::assumptions());
            v.extend(mbuf::assumptions(os));
        }
    }
    v
}

/// The routing-socket messages ([`os`](crate::os) layouts, [`route`], [`iflist`]): headers,
/// sockaddrs, AF_*, RTA_*, RTM_*, RTF_* and IFF_* values, and the MIBs.
fn routing_socket(os: Os) -> Vec<Assumption> {
    let mut v: Vec<Assumption> = Vec::new();
    let mut one = |key: String, value: usize| v.push((vec![key], value as u64));
    let (rt, rt_struct, ifm, ifd, ifma) = match os {
        Os::FreeBsd => (
            "rt_msghdr",
            "rt_msghdr",
            "if_msghdr",
            "if_data",
            "ifma_msghdr",
        ),
        Os::MacOs => (
            "rt_msghdr2",
            "rt_msghdr2",
            "if_msghdr2",
            "if_data64",
            "ifma_msghdr2",
        ),
    };
    let r = os.rt_layout();
    one(format!("sizeof {rt_struct}"), r.header_len);
    one(format!("offsetof {rt} rtm_flags"), r.flags);
    one(format!("offsetof {rt} rtm_addrs"), r.addrs);
    one(format!("offsetof {rt} rtm_index"), 4);
    one(format!("offsetof {rt} rtm_version"), 2);
    one(format!("offsetof {rt} rtm_type"), 3);
    if let Some(at) = r.refcnt {
        one(format!("offsetof {rt} rtm_refcnt"), at);
    }
    if let Some(at) = r.use_count {
        one(format!("offsetof {rt} rtm_use"), at);
    }
    let l = os.if_layout();
    one(format!("sizeof {ifm}"), l.if_header_len);
    one(format!("offsetof {ifm} ifm_addrs"), l.addrs);
    one(format!("offsetof {ifm} ifm_flags"), l.flags);
    one(format!("offsetof {ifm} ifm_index"), l.index);
    one(format!("offsetof {ifm} ifm_data"), l.data);
    if let Some((len, max, drops)) = l.snd {
        one(format!("offsetof {ifm} ifm_snd_len"), len);
        one(format!("offsetof {ifm} ifm_snd_maxlen"), max);
        one(format!("offsetof {ifm} ifm_snd_drops"), drops);
    }
    one(format!("offsetof {ifd} ifi_type"), 0);
    one(format!("offsetof {ifd} ifi_mtu"), l.mtu);
    one(format!("offsetof {ifd} ifi_baudrate"), l.baudrate);
    one(format!("offsetof {ifd} ifi_lastchange"), l.lastchange);
    if let Some(at) = l.link_state {
        one(format!("offsetof {ifd} ifi_link_state"), at);
    }
    let counters = [
        "ifi_ipackets",
        "ifi_ierrors",
        "ifi_opackets",
        "ifi_oerrors",
        "ifi_collisions",
        "ifi_ibytes",
        "ifi_obytes",
        "ifi_imcasts",
        "ifi_omcasts",
        "ifi_iqdrops",
        "ifi_oqdrops",
        "ifi_noproto",
    ];
    for (name, at) in counters.iter().zip(l.counters) {
        if let Some(at) = at {
            one(format!("offsetof {ifd} {name}"), at);
        }
    }
    one("sizeof ifa_msghdr".into(), l.ifa_header_len);
    one("offsetof ifa_msghdr ifam_addrs".into(), l.addrs);
    one("offsetof ifa_msghdr ifam_flags".into(), l.flags);
    one("offsetof ifa_msghdr ifam_index".into(), l.index);
    if os == Os::FreeBsd {
        // The extensible messages of NET_RT_IFLISTL.
        for (h, p) in [("if_msghdrl", "ifm"), ("ifa_msghdrl", "ifam")] {
            one(format!("sizeof {h}"), IFL_HEADER_LEN);
            one(format!("offsetof {h} {p}_addrs"), l.addrs);
            one(format!("offsetof {h} {p}_flags"), l.flags);
            one(format!("offsetof {h} {p}_index"), l.index);
            one(format!("offsetof {h} {p}_len"), IFL_LEN);
            one(format!("offsetof {h} {p}_data_off"), IFL_DATA_OFF);
            one(format!("offsetof {h} {p}_data"), IFL_DATA);
        }
    }
    one(format!("sizeof {ifma}"), l.ifma_header_len);
    one(format!("offsetof {ifma} ifmam_addrs"), l.addrs);
    one(format!("offsetof {ifma} ifmam_index"), l.index);
    if let Some(at) = l.ifma_refcount {
        one(format!("offsetof {ifma} ifmam_refcount"), at);
    }
    one("offsetof sockaddr_in sin_addr".into(), 4);
    one("offsetof sockaddr_in6 sin6_addr".into(), 8);
    one("offsetof sockaddr_in6 sin6_scope_id".into(), 24);
    one("offsetof sockaddr_dl sdl_index".into(), 2);
    one("offsetof sockaddr_dl sdl_type".into(), 4);
    one("offsetof sockaddr_dl sdl_nlen".into(), 5);
    one("offsetof sockaddr_dl sdl_alen".into(), 6);
    one("offsetof sockaddr_dl sdl_data".into(), 8);
    for (name, value) in [
        ("AF_UNSPEC", usize::from(AF_UNSPEC)),
        ("AF_INET", usize::from(AF_INET)),
        ("AF_INET6", usize::from(os.af_inet6())),
        ("AF_LINK", usize::from(AF_LINK)),
        ("RTA_DST", RTA_DST as usize),
        ("RTA_GATEWAY", RTA_GATEWAY as usize),
        ("RTA_NETMASK", RTA_NETMASK as usize),
        ("RTA_GENMASK", RTA_GENMASK as usize),
        ("RTA_IFP", RTA_IFP as usize),
        ("RTA_IFA", RTA_IFA as usize),
        ("RTA_AUTHOR", RTA_AUTHOR as usize),
        ("RTA_BRD", RTA_BRD as usize),
        ("RTM_VERSION", usize::from(RTM_VERSION)),
        ("RTM_GET", usize::from(RTM_GET)),
        ("RTM_NEWADDR", usize::from(RTM_NEWADDR)),
        ("RTM_IFINFO", usize::from(RTM_IFINFO)),
        ("RTM_NEWMADDR", usize::from(RTM_NEWMADDR)),
        ("RTF_LOCAL", route::RTF_LOCAL as usize),
    ] {
        one(format!("const {name}"), value);
    }
    if os == Os::FreeBsd {
        one("const LINK_STATE_UP".into(), usize::from(LINK_STATE_UP));
        one("const LINK_STATE_DOWN".into(), usize::from(LINK_STATE_DOWN));
    }
    if os == Os::MacOs {
        one("const RTM_IFINFO2".into(), usize::from(RTM_IFINFO2));
        one("const RTM_NEWMADDR2".into(), usize::from(RTM_NEWMADDR2));
        one("const RTM_GET2".into(), usize::from(RTM_GET2));
    }
    let mibs = match os {
        Os::FreeBsd => &[Mib::RtDump, Mib::IfList, Mib::IfListL, Mib::IfmaList][..],
        Os::MacOs => &[Mib::RtDump2, Mib::IfList2][..],
    };
    for m in mibs {
        let name = m.file_name().trim_end_matches(".bin");
        one(format!("const {name}"), m.number() as usize);
    }
    let extra: &[(&str, u32, _)] = if os == Os::MacOs {
        route::MACOS_FLAGS
    } else {
        &[]
    };
    for (name, bit, _) in route::COMMON_FLAGS.iter().chain(extra) {
        one(format!("const {name}"), *bit as usize);
    }
    for (fbsd, mac, bit, _) in iflist::IFF_MAP {
        one(
            format!("const {}", if os == Os::FreeBsd { fbsd } else { mac }),
            *bit as usize,
        );
    }
    // Composite offsets: metrics inside the route header, counters inside the if message.
    let metrics = |field: &str, at: usize| {
        (
            vec![
                format!("offsetof {rt} rtm_rmx"),
                format!("offsetof rt_metrics {field}"),
            ],
            at as u64,
        )
    };
    v.push(metrics("rmx_mtu", r.mtu.0));
    v.push(metrics("rmx_expire", r.expire.0));
    for (field, at) in [
        ("rmx_pksent", r.pksent),
        ("rmx_weight", r.weight),
        ("rmx_nhidx", r.nhidx),
    ] {
        if let Some((at, _)) = at {
            v.push(metrics(field, at));
        }
    }
    v
}
