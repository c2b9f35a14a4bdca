//! The sockaddrs that follow a routing message header: which ones are present is the
//! `rtm_addrs` bitmask (RTA_DST, RTA_GATEWAY, RTA_NETMASK, ... in that order), each starts with
//! `u_char sa_len; u_char sa_family;` and takes [`Os::sa_size`] bytes.
//!
//! Formats: sockaddr_in (port at 2, address at 4), sockaddr_in6 (address at 8, scope id at 24;
//! link-local addresses may carry their scope, the interface index, embedded in bytes 2-3 as
//! the KAME stack does inside the kernel), sockaddr_dl (index at 2, type at 4, name length at
//! 5, address length at 6, name then address from 8). Netmasks may be cut short: a mask's
//! sa_len covers only its non-zero bytes, and its family may be unset.

use crate::os::{Os, AF_INET, AF_LINK, AF_UNIX, AF_UNSPEC, RTAX_MAX};
use rnetstat_core::{Error, Result};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// One decoded sockaddr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sockaddr {
    /// sockaddr_in.
    Inet(Ipv4Addr),
    /// sockaddr_in6 with the scope (interface index) of a link-local address, 0 if none.
    Inet6(Ipv6Addr, u32),
    /// sockaddr_dl: interface index, interface name (may be empty), link-level address.
    Link {
        /// sdl_index.
        index: u16,
        /// The name in sdl_data, when sdl_nlen > 0.
        name: String,
        /// The link-level address, when sdl_alen > 0.
        addr: Vec<u8>,
    },
    /// The raw bytes of a netmask (after sa_len and sa_family), family unknown or unset.
    Mask(Vec<u8>),
    /// Another family, kept by number.
    Other(u8),
}

impl Sockaddr {
    /// The IP address, if this is one.
    pub fn ip(&self) -> Option<IpAddr> {
        match self {
            Sockaddr::Inet(a) => Some(IpAddr::V4(*a)),
            Sockaddr::Inet6(a, _) => Some(IpAddr::V6(*a)),
            _ => None,
        }
    }
}

/// The sockaddrs of one message, by RTA_* slot (RTAX_DST = 0 ... RTAX_BRD = 7).
pub type Slots = [Option<Sockaddr>; RTAX_MAX];

/// Slot index of the netmask, which is decoded as raw bytes.
pub const RTAX_NETMASK: usize = 2;

/// Decode the sockaddrs named by `addrs` from `buf`.
pub fn parse(os: Os, addrs: u32, mut buf: &[u8], what: &'static str) -> Result<Slots> {
    let mut slots: Slots = Default::default();
    for (i, slot) in slots.iter_mut().enumerate() {
        if addrs & (1 << i) == 0 {
            continue;
        }
        let Some(&sa_len) = buf.first() else {
            return Err(Error::decode(
                what,
                format!("sockaddr {i} missing: message ends"),
            ));
        };
        let sa_len = usize::from(sa_len);
        let size = os.sa_size(sa_len);
        // The last sockaddr of a message may lack its padding.
        if sa_len > buf.len() {
            return Err(Error::decode(
                what,
                format!("sockaddr of {sa_len} bytes in the {} left", buf.len()),
            ));
        }
        let sa = &buf[..sa_len];
        *slot = Some(if i == RTAX_NETMASK {
            mask(sa)
        } else {
            decode(os, sa, what)?
        });
        buf = &buf[size.min(buf.len())..];
    }
    Ok(slots)
}

fn mask(sa: &[u8]) -> Sockaddr {
    Sockaddr::Mask(sa.get(2..).unwrap_or_default().to_vec())
}

/// One sockaddr of length `sa.len()`.
fn decode(os: Os, sa: &[u8], what: &'static str) -> Result<Sockaddr> {
    if sa.len() < 2 {
        return Ok(Sockaddr::Other(AF_UNSPEC));
    }
    let family = sa[1];
    let short = || {
        Error::decode(
            what,
            format!("family {family} sockaddr of only {} bytes", sa.len()),
        )
    };
    if family == AF_INET {
        let a = sa.get(4..8).ok_or_else(short)?;
        return Ok(Sockaddr::Inet(Ipv4Addr::new(a[0], a[1], a[2], a[3])));
    }
    if family == os.af_inet6() {
        let b = sa.get(8..24).ok_or_else(short)?;
        let mut a = [0u8; 16];
        a.copy_from_slice(b);
        let scope_id = sa
            .get(24..28)
            .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
        let (addr, scope) = unembed_scope(a, scope_id);
        return Ok(Sockaddr::Inet6(addr, scope));
    }
    if family == AF_LINK {
        let h = sa.get(..8).ok_or_else(short)?;
        let index = u16::from_le_bytes([h[2], h[3]]);
        let (nlen, alen) = (usize::from(h[5]), usize::from(h[6]));
        let data = &sa[8..];
        let name = data.get(..nlen).ok_or_else(short)?;
        let addr = data.get(nlen..nlen + alen).ok_or_else(short)?;
        return Ok(Sockaddr::Link {
            index,
            name: String::from_utf8_lossy(name).into_owned(),
            addr: addr.to_vec(),
        });
    }
    Ok(Sockaddr::Other(family))
}

/// Link-local unicast (fe80::/10) and interface- or link-local multicast (ff01::/16,
/// ff02::/16) carry a scope; the kernel may keep it embedded in bytes 2-3. Move it out, so
/// the address reads as users write it, and prefer an explicit sin6_scope_id (0 for none).
/// Routes, FreeBSD pcbs and macOS pcbs all read their IPv6 addresses through this.
pub(crate) fn unembed_scope(mut a: [u8; 16], scope_id: u32) -> (Ipv6Addr, u32) {
    let link_local = a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
    let mcast_scoped = a[0] == 0xff && matches!(a[1] & 0x0f, 1 | 2);
    if !(link_local || mcast_scoped) {
        return (Ipv6Addr::from(a), scope_id);
    }
    let embedded = u32::from(u16::from_be_bytes([a[2], a[3]]));
    a[2] = 0;
    a[3] = 0;
    let scope = if scope_id != 0 { scope_id } else { embedded };
    (Ipv6Addr::from(a), scope)
}

/// offsetof(struct sockaddr_un, sun_path), the same on both systems.
pub const SUN_PATH: usize = 2;
/// sizeof(sun_path) of `struct sockaddr_un`, 104 on both systems.
pub const SUNPATHLEN: usize = 104;

/// The path of the `struct sockaddr_un` that starts `sa` (FreeBSD's and macOS's pcb lists
/// give it room of 256 bytes): None unless it is an AF_UNIX address with a non-empty path.
/// The path ends at sun_len, after sun_path's 104 bytes or at a NUL, whichever comes first.
pub fn unix_path(sa: &[u8]) -> Option<String> {
    let (&sun_len, &family) = (sa.first()?, sa.get(1)?);
    let sun_len = usize::from(sun_len);
    if family != AF_UNIX || sun_len <= SUN_PATH {
        return None;
    }
    let end = sun_len.min(SUN_PATH + SUNPATHLEN).min(sa.len());
    let raw = crate::wire::bytes::c_str(sa.get(SUN_PATH..end)?);
    (!raw.is_empty()).then(|| String::from_utf8_lossy(raw).into_owned())
}

/// The prefix length of a netmask's bytes, starting at the address (`skip` bytes in: 2 for
/// sockaddr_in's port, 6 for sockaddr_in6's port and flow info), `max` bits at most.
/// A mask whose ones are not contiguous counts its leading ones.
pub fn prefix_len(mask: &[u8], skip: usize, max: u8) -> u8 {
    let mut bits = 0u32;
    for &b in mask.iter().skip(skip) {
        bits += b.leading_ones();
        if b != 0xff {
            break;
        }
    }
    bits.min(u32::from(max)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_rules() {
        assert_eq!(Os::FreeBsd.sa_size(16), 16);
        assert_eq!(Os::FreeBsd.sa_size(28), 32);
        assert_eq!(Os::FreeBsd.sa_size(0), 8);
        assert_eq!(Os::FreeBsd.sa_size(5), 8);
        assert_eq!(Os::MacOs.sa_size(28), 28);
        assert_eq!(Os::MacOs.sa_size(0), 4);
        assert_eq!(Os::MacOs.sa_size(20), 20);
        assert_eq!(Os::MacOs.sa_size(6), 8);
    }

    #[test]
    fn unix_paths() {
        let mut sa = vec![0u8; 256];
        sa[..2].copy_from_slice(&[2 + 8, AF_UNIX]);
        sa[2..10].copy_from_slice(b"/var/run");
        assert_eq!(unix_path(&sa).as_deref(), Some("/var/run"));
        sa[0] = 6;
        assert_eq!(unix_path(&sa).as_deref(), Some("/var"));
        // Unbound (sun_len 0 to 2), another family, or an empty path: none.
        for (len, family) in [(0, AF_UNIX), (2, AF_UNIX), (10, AF_INET)] {
            sa[..2].copy_from_slice(&[len, family]);
            assert_eq!(unix_path(&sa), None);
        }
        sa[..3].copy_from_slice(&[10, AF_UNIX, 0]);
        assert_eq!(unix_path(&sa), None);
        // Never more than sun_path's 104 bytes, never past the slice.
        let mut long = vec![b'a'; 256];
        long[..2].copy_from_slice(&[255, AF_UNIX]);
        assert_eq!(unix_path(&long).map(|p| p.len()), Some(SUNPATHLEN));
        assert_eq!(unix_path(&long[..20]).map(|p| p.len()), Some(18));
    }

    #[test]
    fn masks_and_scopes() {
        // A FreeBSD short netmask for /24: sa_len 7 (len, family, port, 3 address bytes).
        assert_eq!(prefix_len(&[0, 0, 0xff, 0xff, 0xff], 2, 32), 24);
        assert_eq!(prefix_len(&[0, 0, 0xff, 0xf0, 0, 0], 2, 32), 12);
        assert_eq!(prefix_len(&[], 2, 32), 0);
        let (a, s) = unembed_scope([0xfe, 0x80, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0);
        assert_eq!((a.to_string(), s), ("fe80::1".to_string(), 2));
        let (a, s) = unembed_scope(
            [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            0,
        );
        assert_eq!((a.to_string(), s), ("2001:db8::1".to_string(), 0));
        let (a, s) = unembed_scope([0xff, 0x02, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb], 0);
        assert_eq!((a.to_string(), s), ("ff02::fb".to_string(), 3));
        // A global multicast group keeps its bytes.
        let (a, s) = unembed_scope([0xff, 0x0e, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0);
        assert_eq!((a.to_string(), s), ("ff0e:3::1".to_string(), 0));
    }
}
