//! FreeBSD's per-group source filters, as ifmcstat(8) reads them (FreeBSD 14,
//! sys/netinet/in_mcast.c sysctl_ip_mcast_filters(), sys/netinet6/in6_mcast.c
//! sysctl_ip6_mcast_filters()):
//!
//! - `net.inet.ip.mcast.filters` with the MIB arguments [ifindex, the group's in_addr_t]
//! - `net.inet6.ip6.mcast.filters` with [ifindex, the group's four 32-bit words] (the address
//!   as the membership list reports it, scope bytes zeroed; the kernel puts the scope back)
//!
//! answer a uint32_t filter mode (MCAST_UNDEFINED 0, MCAST_INCLUDE 1, MCAST_EXCLUDE 2, of
//! netinet/in.h) followed by the sources that are in that mode, a struct in_addr (4 bytes) or
//! struct in6_addr (16 bytes) each; nothing at all when the interface has not joined the group.

use crate::os::{Assumption, Os};
use crate::wire::bytes::records;
use rnetstat_core::{Error, FilterMode, GroupSource, Result};
use std::net::IpAddr;

/// MCAST_UNDEFINED: no filter state yet.
pub const MCAST_UNDEFINED: u32 = 0;
/// MCAST_INCLUDE: only the listed sources.
pub const MCAST_INCLUDE: u32 = 1;
/// MCAST_EXCLUDE: all but the listed sources.
pub const MCAST_EXCLUDE: u32 = 2;

/// A group's filter: its mode (None while undefined) and in-mode sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// INCLUDE or EXCLUDE; None for MCAST_UNDEFINED.
    pub mode: Option<FilterMode>,
    /// The sources, in the kernel's (address) order.
    pub sources: Vec<GroupSource>,
}

/// The sysctl name and MIB arguments that ask for `group`'s filter on interface `ifindex`:
/// the address's bytes as the host's 32-bit words, as ifmcstat passes them.
pub fn query(ifindex: u32, group: IpAddr) -> (&'static str, Vec<u32>) {
    let words = |b: &[u8]| -> Vec<u32> {
        b.chunks_exact(4)
            .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    };
    let mut args = vec![ifindex];
    match group {
        IpAddr::V4(a) => {
            args.extend(words(&a.octets()));
            ("net.inet.ip.mcast.filters", args)
        }
        IpAddr::V6(a) => {
            args.extend(words(&a.octets()));
            ("net.inet6.ip6.mcast.filters", args)
        }
    }
}

/// Decode one answer for a group of the family of `ipv6`; None when it is empty (the group
/// is not joined there).
pub fn decode(buf: &[u8], ipv6: bool) -> Result<Option<Filter>> {
    let what = if ipv6 {
        "net.inet6.ip6.mcast.filters"
    } else {
        "net.inet.ip.mcast.filters"
    };
    if buf.is_empty() {
        return Ok(None);
    }
    let (mode, rest) = buf
        .split_first_chunk::<4>()
        .ok_or_else(|| Error::decode(what, format!("{} bytes, no filter mode", buf.len())))?;
    let mode = match u32::from_le_bytes(*mode) {
        MCAST_UNDEFINED => None,
        MCAST_INCLUDE => Some(FilterMode::Include),
        MCAST_EXCLUDE => Some(FilterMode::Exclude),
        m => return Err(Error::decode(what, format!("unknown filter mode {m}"))),
    };
    let size = if ipv6 { 16 } else { 4 };
    let sources = records(rest, size, what)?
        .map(|r| {
            let addr = if ipv6 {
                IpAddr::V6(r.ip6(0)?)
            } else {
                IpAddr::V4(r.ip4(0)?)
            };
            Ok(GroupSource {
                addr,
                includes: None,
                excludes: None,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Some(Filter { mode, sources }))
}

/// The constants this module assumes, against the FreeBSD headers.
pub fn assumptions(os: Os) -> Vec<Assumption> {
    if os != Os::FreeBsd {
        return Vec::new();
    }
    [
        ("const MCAST_UNDEFINED", MCAST_UNDEFINED),
        ("const MCAST_INCLUDE", MCAST_INCLUDE),
        ("const MCAST_EXCLUDE", MCAST_EXCLUDE),
        ("sizeof in_addr", 4),
        ("sizeof in6_addr", 16),
    ]
    .into_iter()
    .map(|(k, v)| (vec![k.to_string()], u64::from(v)))
    .collect()
}

/// Fill each IP membership's filter mode and sources from `source` (ifmcstat's way). A group
/// whose filter the source does not have (a snapshot captured without it, a kernel that
/// refuses the query) keeps them unknown; a damaged answer is an error.
pub fn fill(
    source: &mut dyn crate::source::Source,
    memberships: &mut [rnetstat_core::Membership],
) -> Result<()> {
    for m in memberships {
        let rnetstat_core::GroupAddr::Ip(group) = m.group else {
            continue;
        };
        let (name, args) = query(m.ifindex, group);
        let answer = match source.named_opt(name, &args) {
            Ok(a) => a,
            Err(Error::Io { .. }) => None,
            Err(e) => return Err(e),
        };
        if let Some(f) = answer.and_then(|b| decode(&b, group.is_ipv6()).transpose()) {
            let f = f?;
            m.filter_mode = f.mode;
            m.sources = f.sources;
        }
    }
    Ok(())
}
