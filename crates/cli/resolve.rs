//! Names for addresses when `-n` is not given: hosts through the system resolver
//! (getnameinfo, so /etc/hosts first), networks from /etc/networks, each answer cached so a
//! table with many routes through the same gateway asks once.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};

/// Address-to-name lookups with a cache; numeric when built with `numeric`.
pub struct Resolver {
    numeric: bool,
    numeric_ports: bool,
    hosts: HashMap<IpAddr, Option<String>>,
    networks: Option<HashMap<Ipv4Addr, String>>,
    numbers: Option<HashMap<u32, String>>,
    services: Option<HashMap<(u16, String), String>>,
}

impl Resolver {
    /// A resolver; with `numeric` every answer is the number.
    #[cfg(test)]
    pub fn new(numeric: bool) -> Self {
        Resolver::split(numeric, numeric)
    }

    /// The resolver the options ask for: numbers with -n; with FreeBSD's -S, numeric hosts
    /// and networks but named ports.
    pub fn of(opts: &crate::args::Options) -> Self {
        Resolver::split(opts.numeric || opts.numeric_hosts, opts.numeric)
    }

    fn split(numeric: bool, numeric_ports: bool) -> Self {
        Resolver {
            numeric,
            numeric_ports,
            hosts: HashMap::new(),
            networks: None,
            numbers: None,
            services: None,
        }
    }

    /// True when names are never looked up (`-n`).
    pub fn is_numeric(&self) -> bool {
        self.numeric
    }

    /// The host name of `addr`, if it has one and names are wanted.
    pub fn host(&mut self, addr: IpAddr) -> Option<&str> {
        if self.numeric || addr.is_unspecified() {
            return None;
        }
        self.hosts
            .entry(addr)
            .or_insert_with(|| {
                dns_lookup::lookup_addr(&addr)
                    .ok()
                    .filter(|n| n.parse::<IpAddr>().is_err())
            })
            .as_deref()
    }

    /// The /etc/networks name of an IPv4 network, if any and names are wanted.
    pub fn network(&mut self, net: Ipv4Addr) -> Option<&str> {
        if self.numeric {
            return None;
        }
        self.networks
            .get_or_insert_with(|| {
                read_networks(&std::fs::read_to_string("/etc/networks").unwrap_or_default())
            })
            .get(&net)
            .map(String::as_str)
    }
}

impl Resolver {
    /// The /etc/networks name FreeBSD's netstat gives the IPv4 network `net`/`prefix_len`:
    /// getnetbyaddr(3) of the network number, which is the address shifted right by the
    /// host bits of a classful mask (/8, /16, /24) and the whole address for any other, and
    /// which /etc/networks writes as inet_network(3) reads it (`127` is 127, `127.0.0.0` is
    /// 0x7f000000). No name for network 0 or when names are not wanted.
    pub fn network_number(&mut self, net: Ipv4Addr, prefix_len: u8) -> Option<&str> {
        let bits = u32::from(net);
        if self.numeric || bits == 0 {
            return None;
        }
        let shift = match prefix_len {
            8 => 24,
            16 => 16,
            24 => 8,
            _ => 0,
        };
        self.numbers
            .get_or_insert_with(|| {
                read_network_numbers(&std::fs::read_to_string("/etc/networks").unwrap_or_default())
            })
            .get(&(bits >> shift))
            .map(String::as_str)
    }

    /// The /etc/services name of `port` for transport `proto` ("tcp", "udp"), if names are wanted.
    pub fn service(&mut self, port: u16, proto: &str) -> Option<&str> {
        if self.numeric_ports {
            return None;
        }
        self.services
            .get_or_insert_with(|| {
                read_services(&std::fs::read_to_string("/etc/services").unwrap_or_default())
            })
            .get(&(port, proto.to_string()))
            .map(String::as_str)
    }
}

/// Parse /etc/services: `name port/proto [aliases]`.
fn read_services(text: &str) -> HashMap<(u16, String), String> {
    let mut map = HashMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut words = line.split_whitespace();
        let (Some(name), Some(spec)) = (words.next(), words.next()) else {
            continue;
        };
        let Some((port, proto)) = spec.split_once('/') else {
            continue;
        };
        if let Ok(port) = port.parse::<u16>() {
            map.entry((port, proto.to_string()))
                .or_insert_with(|| name.to_string());
        }
    }
    map
}

/// The (name, number) entries of /etc/networks (`name number [aliases]`, `#` comments).
fn network_entries(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(|line| {
        let mut words = line.split('#').next().unwrap_or("").split_whitespace();
        Some((words.next()?, words.next()?))
    })
}

/// Parse /etc/networks: `name number [aliases]`, where number may omit trailing zero octets.
fn read_networks(text: &str) -> HashMap<Ipv4Addr, String> {
    let mut map = HashMap::new();
    for (name, number) in network_entries(text) {
        let mut octets = [0u8; 4];
        let mut ok = true;
        for (i, part) in number.split('.').enumerate() {
            match (i < 4).then(|| part.parse::<u8>().ok()).flatten() {
                Some(o) => octets[i] = o,
                None => ok = false,
            }
        }
        if ok {
            map.entry(Ipv4Addr::from(octets))
                .or_insert_with(|| name.to_string());
        }
    }
    map
}

/// Parse /etc/networks into network numbers as inet_network(3) reads them: up to four parts,
/// each shifting the ones before it left by a byte.
fn read_network_numbers(text: &str) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    for (name, number) in network_entries(text) {
        let parts: Vec<Option<u8>> = number.split('.').map(|p| p.parse().ok()).collect();
        if parts.len() > 4 || parts.iter().any(Option::is_none) {
            continue;
        }
        let value = parts
            .iter()
            .flatten()
            .fold(0u32, |v, p| v << 8 | u32::from(*p));
        map.entry(value).or_insert_with(|| name.to_string());
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_file() {
        let m = read_networks("# comment\nlink-local 169.254.0.0\nloopnet 127\nbad x.y\n");
        assert_eq!(m.get(&Ipv4Addr::new(169, 254, 0, 0)).unwrap(), "link-local");
        assert_eq!(m.get(&Ipv4Addr::new(127, 0, 0, 0)).unwrap(), "loopnet");
        assert_eq!(m.len(), 2);
        let s = read_services("ssh 22/tcp # SSH\ndomain 53/udp\nbad\n");
        assert_eq!(s.get(&(22, "tcp".to_string())).unwrap(), "ssh");
        assert_eq!(s.len(), 2);
        let n = read_network_numbers("your-net 127\nloopback 127.0.0.0\nll 169.254 # x\n");
        assert_eq!(n.get(&127).unwrap(), "your-net");
        assert_eq!(n.get(&0x7f00_0000).unwrap(), "loopback");
        assert_eq!(n.get(&0xa9fe).unwrap(), "ll");
    }
}
