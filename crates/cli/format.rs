//! Text of addresses as BSD netstat prints them: IPv6 link-local scope as `%ifname`, network
//! prefixes as `address/len`, `default` for the default route, `link#N` for a directly
//! connected gateway, and link-layer addresses as colon-separated hex.

use crate::resolve::Resolver;
use rnetstat_core::{is_scoped, Destination, Gateway};
use std::fmt::Write as _;
use std::net::IpAddr;

/// Write a small number's decimal digits (no formatting machinery: this runs per route).
pub fn write_u8(out: &mut String, n: u8) {
    if n >= 100 {
        out.push(char::from(b'0' + n / 100));
    }
    if n >= 10 {
        out.push(char::from(b'0' + n / 10 % 10));
    }
    out.push(char::from(b'0' + n % 10));
}

/// Write an address, numeric, with `%zone` where it is scoped and its zone is known.
pub fn write_ip(out: &mut String, addr: IpAddr, zone: Option<&str>) {
    match addr {
        IpAddr::V4(a) => {
            let [a, b, c, d] = a.octets();
            for (i, o) in [a, b, c, d].into_iter().enumerate() {
                if i > 0 {
                    out.push('.');
                }
                write_u8(out, o);
            }
        }
        IpAddr::V6(_) => {
            let _ = write!(out, "{addr}");
        }
    }
    if let Some(zone) = zone.filter(|_| is_scoped(addr)) {
        out.push('%');
        out.push_str(zone);
    }
}

/// An address as [`write_ip`] writes it.
pub fn ip(addr: IpAddr, zone: Option<&str>) -> String {
    let mut s = String::with_capacity(40);
    write_ip(&mut s, addr, zone);
    s
}

/// Write a host address: its name when there is one and names are wanted, else [`write_ip`].
pub fn write_host(out: &mut String, addr: IpAddr, zone: Option<&str>, names: &mut Resolver) {
    match names.host(addr) {
        Some(name) => out.push_str(name),
        None => write_ip(out, addr, zone),
    }
}

/// A host address as [`write_host`] writes it.
pub fn host(addr: IpAddr, zone: Option<&str>, names: &mut Resolver) -> String {
    let mut s = String::with_capacity(40);
    write_host(&mut s, addr, zone, names);
    s
}

/// Write a route destination: `default`, a host (a route flagged H, as BSD netstat decides),
/// or `network/len` (a /32 route without H keeps its `/32`).
pub fn write_destination(out: &mut String, d: &Destination, host: bool, names: &mut Resolver) {
    let zone = d.zone.as_deref();
    if d.is_default() {
        out.push_str("default");
        return;
    }
    if host {
        return write_host(out, d.addr, zone, names);
    }
    match d.addr {
        IpAddr::V4(v4) if !names.is_numeric() => match names.network(v4) {
            Some(name) => out.push_str(name),
            None => write_ip(out, d.addr, zone),
        },
        _ => write_ip(out, d.addr, zone),
    }
    out.push('/');
    write_u8(out, d.prefix_len);
}

/// Write a gateway, as the Gateway column shows it.
/// `zone` is the zone of a scoped gateway address.
pub fn write_gateway(out: &mut String, g: &Gateway, zone: Option<&str>, names: &mut Resolver) {
    match g {
        Gateway::Address(a) => write_host(out, *a, zone, names),
        Gateway::Link(i) => {
            let _ = write!(out, "link#{i}");
        }
        Gateway::LinkLayer(mac) => write_link_layer(out, mac),
        Gateway::None => out.push('-'),
    }
}

/// Write a link-layer address as colon-separated lowercase hex (nothing for none).
pub fn write_link_layer(out: &mut String, bytes: &[u8]) {
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        let _ = write!(out, "{b:02x}");
    }
}

/// A link-layer address as [`write_link_layer`] writes it.
pub fn link_layer(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    write_link_layer(&mut s, bytes);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn destination(d: &Destination, names: &mut Resolver) -> String {
        let mut s = String::new();
        write_destination(&mut s, d, d.is_host(), names);
        s
    }

    fn gateway(g: &Gateway, netif: Option<&str>, names: &mut Resolver) -> String {
        let mut s = String::new();
        write_gateway(&mut s, g, netif, names);
        s
    }

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
            zone: Some("em0".into()),
        };
        assert_eq!(destination(&d, &mut names), "fe80::%em0/64");
        let d = Destination {
            addr: "0.0.0.0".parse().unwrap(),
            prefix_len: 0,
            zone: None,
        };
        assert_eq!(destination(&d, &mut names), "default");
        assert_eq!(gateway(&Gateway::Link(3), None, &mut names), "link#3");
        assert_eq!(link_layer(&[0, 0x1b, 0xff]), "00:1b:ff");
        for a in ["0.0.0.0", "10.9.99.100", "255.255.255.255", "198.51.100.7"] {
            assert_eq!(ip(a.parse().unwrap(), None), a);
        }
    }
}

/// `-h`: a count in at most four characters, as FreeBSD's netstat prints it (humanize_number(3)
/// with HN_AUTOSCALE, HN_NOSPACE and HN_DECIMAL into five bytes): below 1000 the number
/// itself, above it scaled by 1000 (`k`, `M`, `G`, ... for packets) or by 1024 (`K`, `M`,
/// ... for bytes) until it fits three digits, with one decimal below 10 (`1.8k`, `52k`).
pub fn human(value: u64, bytes: bool) -> String {
    let (divisor, deccut, prefixes): (u64, u64, [&str; 7]) = if bytes {
        (1024, 973, ["", "K", "M", "G", "T", "P", "E"])
    } else {
        (1000, 950, ["", "k", "M", "G", "T", "P", "E"])
    };
    // Five bytes: three digits, a prefix and the NUL.
    let max = 1000;
    let (mut quotient, mut remainder, mut scale) = (value, 0u64, 0usize);
    while (quotient >= max
        || (quotient == max - 1 && (remainder >= deccut || remainder >= divisor / 2)))
        && scale < prefixes.len() - 1
    {
        remainder = quotient % divisor;
        quotient /= divisor;
        scale += 1;
    }
    if scale > 0 && (quotient < 9 || (quotient == 9 && remainder < deccut)) {
        let tenths = (remainder * 10 + divisor / 2) / divisor;
        let whole = quotient + tenths / 10;
        format!("{whole}.{}{}", tenths % 10, prefixes[scale])
    } else {
        let rounded = quotient + (remainder + divisor / 2) / divisor;
        format!("{rounded}{}", prefixes[scale])
    }
}

#[cfg(test)]
mod human_tests {
    use super::human;

    #[test]
    fn scales_as_humanize_number() {
        for (v, bytes, want) in [
            (0, false, "0"),
            (999, false, "999"),
            (1000, false, "1.0k"),
            (1843, false, "1.8k"),
            (52311, false, "52k"),
            (999_499, false, "999k"),
            (1_500_000, false, "1.5M"),
            (1023, true, "1.0K"),
            (81720, true, "80K"),
            (10_485_760, true, "10M"),
            (u64::MAX, true, "16E"),
        ] {
            assert_eq!(human(v, bytes), want, "{v} {bytes}");
        }
    }
}
