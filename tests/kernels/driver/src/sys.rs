//! The system calls std has no safe form of: a listen backlog, RFC 3678 multicast source
//! filters, a packet socket. The driver's only unsafe code.

use std::ffi::CString;
use std::net::IpAddr;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// Linux's RFC 3678 socket options (level IPPROTO_IP or IPPROTO_IPV6).
pub const MCAST_JOIN_GROUP: i32 = 42;
/// Block one source of an any-source membership (EXCLUDE mode).
pub const MCAST_BLOCK_SOURCE: i32 = 43;
/// Join a group for one source (INCLUDE mode).
pub const MCAST_JOIN_SOURCE_GROUP: i32 = 46;

fn last_error(what: &str) -> String {
    format!("{what}: {}", std::io::Error::last_os_error())
}

/// The index of interface `name`.
pub fn ifindex(name: &str) -> Result<u32, String> {
    let c = CString::new(name).map_err(|e| e.to_string())?;
    // SAFETY: a valid NUL-terminated string; the call only reads it.
    let i = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if i == 0 {
        return Err(last_error(name));
    }
    Ok(i)
}

/// Set the listen backlog of a listening socket (listen(2) again changes it).
pub fn set_backlog(sock: &impl AsRawFd, backlog: i32) -> Result<(), String> {
    // SAFETY: listen(2) on a descriptor the caller owns.
    if unsafe { libc::listen(sock.as_raw_fd(), backlog) } != 0 {
        return Err(last_error("listen"));
    }
    Ok(())
}

/// struct sockaddr_storage holding `addr` with port 0, as bytes.
fn storage(addr: IpAddr) -> [u8; 128] {
    let mut s = [0u8; 128];
    match addr {
        IpAddr::V4(a) => {
            s[..2].copy_from_slice(&(libc::AF_INET as u16).to_ne_bytes());
            s[4..8].copy_from_slice(&a.octets());
        }
        IpAddr::V6(a) => {
            s[..2].copy_from_slice(&(libc::AF_INET6 as u16).to_ne_bytes());
            s[8..24].copy_from_slice(&a.octets());
        }
    }
    s
}

/// One RFC 3678 request: struct group_req (ifindex, group) or, with a source, struct
/// group_source_req (ifindex, group, source); the index is padded to 8 bytes on x86-64.
pub fn mcast_request(
    sock: &impl AsRawFd,
    option: i32,
    ifindex: u32,
    group: IpAddr,
    source: Option<IpAddr>,
) -> Result<(), String> {
    let level = if group.is_ipv4() {
        libc::IPPROTO_IP
    } else {
        libc::IPPROTO_IPV6
    };
    let mut req = Vec::with_capacity(264);
    req.extend_from_slice(&ifindex.to_ne_bytes());
    req.extend_from_slice(&[0; 4]);
    req.extend_from_slice(&storage(group));
    if let Some(s) = source {
        req.extend_from_slice(&storage(s));
    }
    setsockopt_bytes(sock, level, option, &req).map_err(|e| {
        format!(
            "{e} ({group}{})",
            source.map_or(String::new(), |s| format!(" from {s}"))
        )
    })
}

/// An AF_PACKET raw socket for every protocol, bound to interface `ifindex`.
pub fn packet_socket(ifindex: u32) -> Result<OwnedFd, String> {
    let all = (libc::ETH_P_ALL as u16).to_be();
    // SAFETY: plain socket(2); the descriptor is owned right below.
    let fd = unsafe { libc::socket(libc::AF_PACKET, libc::SOCK_RAW, i32::from(all)) };
    if fd < 0 {
        return Err(last_error("socket(AF_PACKET)"));
    }
    // SAFETY: fd is a new descriptor nothing else owns.
    let sock = unsafe { OwnedFd::from_raw_fd(fd) };
    // SAFETY: sockaddr_ll is plain data; all-zero is a valid value.
    let mut sll: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
    sll.sll_family = libc::AF_PACKET as u16;
    sll.sll_protocol = all;
    sll.sll_ifindex = ifindex as i32;
    // SAFETY: the address is a valid sockaddr_ll and its size is passed.
    let rc = unsafe {
        libc::bind(
            sock.as_raw_fd(),
            (&sll as *const libc::sockaddr_ll).cast(),
            std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
        )
    };
    if rc != 0 {
        return Err(last_error("bind(AF_PACKET)"));
    }
    Ok(sock)
}

fn setsockopt_bytes(
    sock: &impl AsRawFd,
    level: i32,
    option: i32,
    value: &[u8],
) -> Result<(), String> {
    // SAFETY: the buffer is valid for its length, which is passed; the kernel copies it.
    let rc = unsafe {
        libc::setsockopt(
            sock.as_raw_fd(),
            level,
            option,
            value.as_ptr().cast(),
            value.len() as libc::socklen_t,
        )
    };
    if rc != 0 {
        return Err(last_error(&format!("setsockopt {level}/{option}")));
    }
    Ok(())
}

/// Send multicast of `group`'s family out of interface `ifindex` (IP_MULTICAST_IF with a
/// struct ip_mreqn, or IPV6_MULTICAST_IF), IPv6 with hop limit 16.
pub fn set_multicast_interface(
    sock: &impl AsRawFd,
    group: IpAddr,
    ifindex: u32,
) -> Result<(), String> {
    if group.is_ipv4() {
        // struct ip_mreqn { in_addr multiaddr; in_addr address; int ifindex; }
        let mut mreqn = [0u8; 12];
        mreqn[8..].copy_from_slice(&(ifindex as i32).to_ne_bytes());
        setsockopt_bytes(sock, libc::IPPROTO_IP, libc::IP_MULTICAST_IF, &mreqn)
    } else {
        let index = (ifindex as i32).to_ne_bytes();
        setsockopt_bytes(sock, libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_IF, &index)?;
        setsockopt_bytes(
            sock,
            libc::IPPROTO_IPV6,
            libc::IPV6_MULTICAST_HOPS,
            &16i32.to_ne_bytes(),
        )
    }
}
