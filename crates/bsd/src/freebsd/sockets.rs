//! The FreeBSD socket list, in netstat(1)'s order: TCP, UDP and raw Internet sockets (each
//! list with its IPv4, IPv6 and dual-stack sockets together, in kernel order; raw sockets of
//! protocol 0, which FreeBSD 15's netstat never lists, only for `-p raw`), then unix
//! stream, datagram and seqpacket sockets; with their holders from kern.file and
//! kern.proc.proc when asked for (`-v`).

use crate::freebsd::owners::{self, Owners};
use crate::freebsd::pcblist::{self, List};
use crate::freebsd::unpcb;
use crate::os::Os;
use crate::source::Source;
use crate::wire::xgen::Summary;
use rnetstat_core::{Family, Proto, Result, SockType, Socket, SocketQuery};
use std::collections::HashMap;
use std::sync::Arc;

/// Hand the sockets `query` asks for to `sink`; `ifname` names interface indexes (the zones
/// of link-local addresses). Returns warnings: lists that changed while they were copied out
/// ([`Summary::warning`], netstat's "Some tcp sockets may have been created or deleted").
pub fn list(
    source: &mut dyn Source,
    query: &SocketQuery,
    ifname: &dyn Fn(u32) -> Option<Arc<str>>,
    sink: &mut dyn FnMut(&Socket) -> Result<()>,
) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    let mut changed = |name: &str, sum: Summary| warnings.extend(sum.warning(name));
    let owners = if query.owners {
        let files = owners::socket_files(&source.named("kern.file", &[])?)?;
        let names = owners::process_names(&source.named("kern.proc.proc", &[])?)?;
        Some(Owners::join(&files, &names))
    } else {
        None
    };
    let mut emit = |mut s: Socket, so: u64| -> Result<()> {
        if !query.wants(&s) {
            return Ok(());
        }
        if let Some(o) = &owners {
            s.owners = o.of(so);
        }
        sink(&s)
    };
    for (list, proto) in [
        (List::Tcp, Proto::Tcp),
        (List::Udp, Proto::Udp),
        (List::Raw, Proto::Raw),
    ] {
        if !query.wants_proto(proto) || query.family.is_some_and(|f| !is_inet(f)) {
            continue;
        }
        let buf = source.named(list.sysctl(), &[])?;
        let sum = pcblist::decode(Os::FreeBsd, &buf, list, &mut |p| {
            // -f inet keeps the IPv6 sockets that take IPv4 too (tcp46), as netstat does.
            let s = &p.socket;
            let family_ok = match query.family {
                Some(Family::Inet) => s.family == Family::Inet || s.dual_stack,
                Some(f) => s.family == f,
                None => true,
            };
            if !family_ok {
                return Ok(());
            }
            // netstat lists a raw pcb under the entry of its protocol table whose protocol
            // equals xso_protocol; FreeBSD 15's raw sockets carry 0 and so are never listed.
            // rnetstat does the same unless -p raw asks for them.
            if list == List::Raw && p.protocol == 0 && !query.protos.contains(&Proto::Raw) {
                return Ok(());
            }
            let mut s = p.socket;
            if p.zone_id != 0 {
                s.zone = ifname(p.zone_id);
            }
            emit(s, p.so)
        })?;
        changed(proto.name(), sum);
    }
    if query.wants_proto(Proto::Unix) && query.wants_family(Family::Unix) {
        for kind in [SockType::Stream, SockType::Dgram, SockType::SeqPacket] {
            let buf = source.named(unpcb::sysctl(kind), &[])?;
            let sum = unpcb::decode(Os::FreeBsd, &buf, kind, &mut |u| emit(u.socket, u.so))?;
            changed(kind.name(), sum);
        }
    }
    Ok(warnings)
}

fn is_inet(f: Family) -> bool {
    matches!(f, Family::Inet | Family::Inet6)
}

/// Interface names by index, for [`list`].
pub fn names(interfaces: &[rnetstat_core::Interface]) -> HashMap<u32, Arc<str>> {
    interfaces
        .iter()
        .map(|i| (i.index, Arc::from(i.name.as_str())))
        .collect()
}
