//! Text of addresses as BSD netstat prints them: IPv6 link-local scope as `%ifname`, network
//! prefixes as `address/len`, `default` for the default route, `link#N` for a directly
//! connected gateway, and link-layer addresses as colon-separated hex.

use crate::resolve::Resolver;
use rnetstat_core::{Destination, Gateway};
use std::fmt::Write as _;
use std::net::IpAddr;

/// True for addresses that only mean something together with an interface (IPv6 link-local
/// unicast fe80::/10 and interface- or link-local multicast ff01::/16, ff02::/16).
pub fn needs_scope(addr: IpAddr) -> bool {
    match addr {
        IpAddr::V6(a) => {
            let s = a.segments();
            (s[0] & 0xffc0) == 0xfe80 || (s[0] & 0xff0f) == 0xff01 || (s[0] & 0xff0f) == 0xff02
        }
        IpAddr::V4(_) => false,
    }
}

/// An address, numeric, with `%ifname` where its scope needs one.
pub fn ip(addr: IpAddr, netif: Option<&str>) -> String {
    match netif {
        Some(ifname) if needs_scope(addr) => format!("{addr}%{ifname}"),
        _ => addr.to_string(),
    }
}

/// A host address: its name when there is one and names are wanted, else [`ip`].
pub fn host(addr: IpAddr, netif: Option<&str>, names: &mut Resolver) -> String {
    match names.host(addr) {
        Some(name) => name.to_string(),
        None => ip(addr, netif),
    }
}

/// A route destination: `default`, a host, or `network/len`.
pub fn destination(d: &Destination, netif: Option<&str>, names: &mut Resolver) -> String {
    if d.is_default() {
        return "default".into();
    }
    if d.is_host() {
        return host(d.addr, netif, names);
    }
    let net = match d.addr {
        IpAddr::V4(v4) => names.network(v4).map(str::to_string),
        IpAddr::V6(_) => None,
    };
    let mut s = net.unwrap_or_else(|| ip(d.addr, netif));
    let _ = write!(s, "/{}", d.prefix_len);
    s
}

/// A gateway, as the Gateway column shows it.
pub fn gateway(g: &Gateway, netif: Option<&str>, names: &mut Resolver) -> String {
    match g {
        Gateway::Address(a) => host(*a, netif, names),
        Gateway::Link(i) => format!("link#{i}"),
        Gateway::LinkLayer(mac) => link_layer(mac),
        Gateway::None => "-".into(),
    }
}

/// A link-layer address as colon-separated lowercase hex (empty for none).
pub fn link_layer(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_and_prefix() {
        let mut names = Resolver::new(true);
        let ll: IpAddr = "fe80::1".parse().unwrap();
        assert_eq!(ip(ll, Some("em0")), "fe80::1%em0");
        assert_eq!(
            ip("2001:db8::1".parse().unwrap(), Some("em0")),
            "2001:db8::1"
        );
        let d = Destination {
            addr: "fe80::".parse().unwrap(),
            prefix_len: 64,
        };
        assert_eq!(destination(&d, Some("em0"), &mut names), "fe80::%em0/64");
        let d = Destination {
            addr: "0.0.0.0".parse().unwrap(),
            prefix_len: 0,
        };
        assert_eq!(destination(&d, None, &mut names), "default");
        assert_eq!(gateway(&Gateway::Link(3), None, &mut names), "link#3");
        assert_eq!(link_layer(&[0, 0x1b, 0xff]), "00:1b:ff");
    }
}
