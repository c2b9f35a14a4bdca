//! `-g`: multicast group memberships, in the layout of BSD netstat -g: a section per family
//! ("IPv4 Multicast Group Memberships", "IPv6 ..."; "Link-layer ..." only with -v, as
//! netstat(1) says), each with the columns Group, Link-layer Address and Netif separated by
//! tabs (`%-20s\t%-16s\t%s`), `<none>` where a group has no link-layer mapping. Scoped IPv6
//! groups (ff01::/16, ff02::/16) carry `%ifname`. `-f` keeps one family, `-I` one interface.

use crate::args::Options;
use crate::format;
use crate::json::Stream;
use rnetstat_core::{Backend, Error, Family, GroupAddr, Membership, Result};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::io::Write;

/// Show the multicast group memberships.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let families = match opts.family {
        None if opts.verbose > 0 => vec![Family::Link, Family::Inet, Family::Inet6],
        None => vec![Family::Inet, Family::Inet6],
        Some(f @ (Family::Inet | Family::Inet6 | Family::Link)) => vec![f],
        Some(f) => {
            return Err(Error::Usage(format!(
                "-g shows link, inet and inet6 groups; -f {f} has none"
            )))
        }
    };
    let mut all = backend.memberships()?;
    if let Some(name) = &opts.interface {
        if !all.iter().any(|m| m.netif.as_deref() == Some(name))
            && !backend_has_interface(backend, name)?
        {
            return Err(Error::UnknownInterface(name.clone()));
        }
        all.retain(|m| m.netif.as_deref() == Some(name));
    }
    all.retain(|m| families.contains(&family(m)));
    if opts.json {
        let mut stream = Stream::begin(out, "multicast", backend.platform(), "memberships")?;
        for m in &all {
            stream.item(&MembershipJson(m))?;
        }
        return stream.end();
    }
    let mut text = String::new();
    for (i, fam) in families.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let title = match fam {
            Family::Inet => "IPv4",
            Family::Inet6 => "IPv6",
            _ => "Link-layer",
        };
        text.push_str(&format!("{title} Multicast Group Memberships\n"));
        text.push_str(&format!(
            "{:<20}\t{:<16}\t{}\n",
            "Group", "Link-layer Address", "Netif"
        ));
        for m in all.iter().filter(|m| family(m) == *fam) {
            let ll = m
                .link_layer
                .as_deref()
                .map_or_else(|| "<none>".to_string(), format::link_layer);
            let netif = m.netif.as_deref().unwrap_or("");
            text.push_str(&format!("{:<20}\t{:<16}\t{}\n", group_text(m), ll, netif));
        }
    }
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn backend_has_interface(backend: &mut dyn Backend, name: &str) -> Result<bool> {
    Ok(backend.interfaces()?.iter().any(|i| i.name == name))
}

fn family(m: &Membership) -> Family {
    match m.group {
        GroupAddr::Ip(a) if a.is_ipv4() => Family::Inet,
        GroupAddr::Ip(_) => Family::Inet6,
        GroupAddr::Link(_) => Family::Link,
    }
}

fn group_text(m: &Membership) -> String {
    match &m.group {
        GroupAddr::Ip(a) => format::ip(*a, m.netif.as_deref()),
        GroupAddr::Link(l) => format::link_layer(l),
    }
}

/// One membership as its JSON object (schema/multicast.json).
struct MembershipJson<'a>(&'a Membership);

impl Serialize for MembershipJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let m = self.0;
        let group = match &m.group {
            GroupAddr::Ip(a) => a.to_string(),
            GroupAddr::Link(l) => format::link_layer(l),
        };
        let mut map = s.serialize_map(Some(8))?;
        map.serialize_entry("family", family(m).name())?;
        map.serialize_entry("group", &group)?;
        map.serialize_entry(
            "link_layer",
            &m.link_layer.as_deref().map(format::link_layer),
        )?;
        map.serialize_entry("netif", &m.netif)?;
        map.serialize_entry("ifindex", &m.ifindex)?;
        map.serialize_entry("refcount", &m.refcount)?;
        map.serialize_entry("filter_mode", &m.filter_mode.map(|f| f.name()))?;
        map.serialize_entry("sources", &m.sources)?;
        map.end()
    }
}
