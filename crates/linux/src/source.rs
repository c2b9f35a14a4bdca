//! Where netlink answers come from: the live kernel, a snapshot directory, or the live kernel
//! while its answers are written to a snapshot directory (`--capture`).
//!
//! A snapshot holds, per dump, one file of the raw datagrams the kernel sent, concatenated
//! (native byte order, exactly as received, NLMSG_DONE included). Netlink messages are
//! self-delimiting, so the snapshot reader frames the file message by message and the decoders
//! see the same bytes as from the live kernel.

use crate::netlink::diag::{self, packet, sock};
use crate::netlink::nlmsg::{self, NLMSG_HDRLEN};
use rnetstat_core::{Error, Family, Result};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// One rtnetlink dump that a display needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dump {
    /// RTM_GETLINK: every interface with its statistics.
    Links,
    /// RTM_GETADDR: every interface address.
    Addresses,
    /// RTM_GETROUTE for one family: every route of every table (`None`), or of one table,
    /// which the kernel filters when the socket has NETLINK_GET_STRICT_CHK.
    Routes(Family, Option<u32>),
    /// RTM_GETNEIGH: every neighbour (ARP, NDP) entry of every family.
    Neighbors,
    /// RTM_GETQDISC: the queueing disciplines of one interface (`Some(ifindex)`) or of all.
    Qdiscs(Option<u32>),
    /// RTM_GETTCLASS: the traffic-control classes of one interface (the kernel dumps classes
    /// only per interface).
    Classes(u32),
    /// RTM_GETROUTE of RTNL_FAMILY_IPMR (inet) or RTNL_FAMILY_IP6MR (inet6): the multicast
    /// forwarding cache of every multicast routing table, with statistics and expiry.
    Mroutes(Family),
    /// sock_diag: the inet sockets of one family and IP protocol in the TCP_* `states` bitmask.
    Inet {
        /// inet or inet6.
        family: Family,
        /// IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE or IPPROTO_RAW (all raw sockets).
        proto: u8,
        /// Bitmask of states (1 << TCP_*).
        states: u32,
        /// idiag_ext: the attributes asked for beyond the message (TCP internals), or 0. A
        /// snapshot keeps the answer under the same name either way: the decoder takes what
        /// the answer holds.
        ext: u8,
    },
    /// sock_diag: every TCP socket of one family in every state, without attributes, for
    /// `-s`'s connection count by state.
    TcpStates(Family),
    /// sock_diag's compat request (TCPDIAG_GETSOCK): the TCP sockets of both families in
    /// the TCP_* `states` bitmask, in one walk of the kernel's tables where [`Dump::Inet`]
    /// takes one per family. Answers are of type TCPDIAG_GETSOCK.
    TcpBoth {
        /// Bitmask of states (1 << TCP_*).
        states: u32,
        /// idiag_ext, as for [`Dump::Inet`] (same file name either way).
        ext: u8,
    },
    /// [`Dump::TcpStates`] of both families in one walk (the compat request).
    TcpStatesBoth,
    /// sock_diag: the unix sockets in the `states` bitmask.
    Unix {
        /// Bitmask of states (1 << TCP_*).
        states: u32,
    },
    /// sock_diag: every packet socket.
    Packet,
    /// sock_diag: the vsock sockets in the `states` bitmask.
    Vsock {
        /// Bitmask of states (1 << TCP_*).
        states: u32,
    },
}

/// NETLINK_ROUTE.
pub const NETLINK_ROUTE: isize = 0;
/// NETLINK_SOCK_DIAG.
pub const NETLINK_SOCK_DIAG: isize = 4;

impl Dump {
    /// File name of this dump in a snapshot directory.
    pub fn file_name(self) -> String {
        match self {
            Dump::Links => "link.nl".into(),
            Dump::Addresses => "addr.nl".into(),
            Dump::Routes(f, None) => format!("route-{}.nl", f.name()),
            Dump::Routes(f, Some(t)) => format!("route-{}-table-{t}.nl", f.name()),
            Dump::Inet {
                family,
                proto,
                states,
                ..
            } if states == sock::SYN_QUEUE_STATES => {
                format!("diag-{}-{proto}-syn.nl", family.name())
            }
            Dump::Inet { family, proto, .. } => format!("diag-{}-{proto}.nl", family.name()),
            Dump::TcpStates(family) => format!("diag-{}-6-states.nl", family.name()),
            Dump::TcpBoth { states, .. } if states == sock::SYN_QUEUE_STATES => {
                "diag-any-6-syn.nl".into()
            }
            Dump::TcpBoth { .. } => "diag-any-6.nl".into(),
            Dump::TcpStatesBoth => "diag-any-6-states.nl".into(),
            Dump::Unix { .. } => "diag-unix.nl".into(),
            Dump::Packet => "diag-packet.nl".into(),
            Dump::Neighbors => "neigh.nl".into(),
            Dump::Qdiscs(None) => "qdisc.nl".into(),
            Dump::Qdiscs(Some(i)) => format!("qdisc-{i}.nl"),
            Dump::Classes(i) => format!("tclass-{i}.nl"),
            Dump::Mroutes(f) => format!("mroute-{}.nl", f.name()),
            Dump::Vsock { .. } => "diag-vsock.nl".into(),
        }
    }

    /// The netlink protocol that answers this dump.
    pub fn netlink_protocol(self) -> isize {
        match self {
            Dump::Inet { .. }
            | Dump::TcpStates(_)
            | Dump::TcpBoth { .. }
            | Dump::TcpStatesBoth
            | Dump::Unix { .. }
            | Dump::Packet
            | Dump::Vsock { .. } => NETLINK_SOCK_DIAG,
            _ => NETLINK_ROUTE,
        }
    }

    /// The request message (without the netlink header): type and family header.
    pub fn request(self) -> (u16, Vec<u8>) {
        match self {
            // struct ifinfomsg, family AF_UNSPEC.
            Dump::Links => (nlmsg::RTM_GETLINK, vec![0; 16]),
            // struct ifaddrmsg, family AF_UNSPEC.
            Dump::Addresses => (nlmsg::RTM_GETADDR, vec![0; 8]),
            // struct rtmsg with rtm_family set.
            Dump::Routes(f, table) => {
                let mut rtmsg = vec![0; 12];
                rtmsg[0] = if f == Family::Inet6 { 10 } else { 2 };
                if let Some(t) = table {
                    // rtm_table for small ids, and RTA_TABLE (15, u32) for every id.
                    rtmsg[4] = u8::try_from(t).unwrap_or(0);
                    rtmsg.extend_from_slice(&8u16.to_ne_bytes());
                    rtmsg.extend_from_slice(&15u16.to_ne_bytes());
                    rtmsg.extend_from_slice(&t.to_ne_bytes());
                }
                (nlmsg::RTM_GETROUTE, rtmsg)
            }
            Dump::Inet {
                family,
                proto,
                states,
                ext,
            } => (
                diag::SOCK_DIAG_BY_FAMILY,
                sock::inet_request(diag_family(family), proto, ext, states),
            ),
            Dump::TcpStates(family) => (
                diag::SOCK_DIAG_BY_FAMILY,
                sock::inet_request(diag_family(family), sock::IPPROTO_TCP, 0, u32::MAX),
            ),
            Dump::TcpBoth { states, ext } => {
                (diag::TCPDIAG_GETSOCK, sock::tcp_compat_request(ext, states))
            }
            Dump::TcpStatesBoth => (diag::TCPDIAG_GETSOCK, sock::tcp_compat_request(0, u32::MAX)),
            Dump::Unix { states } => (diag::SOCK_DIAG_BY_FAMILY, sock::unix_request(states)),
            Dump::Packet => (diag::SOCK_DIAG_BY_FAMILY, packet::packet_request()),
            // struct ndmsg, family AF_UNSPEC.
            Dump::Neighbors => (
                crate::netlink::neigh::RTM_GETNEIGH,
                crate::netlink::neigh::dump_header(0, 0).to_vec(),
            ),
            // struct tcmsg with tcm_ifindex set (0: every interface).
            Dump::Qdiscs(i) => (
                crate::netlink::qdisc::RTM_GETQDISC,
                crate::netlink::qdisc::dump_header(i.unwrap_or(0)).to_vec(),
            ),
            Dump::Classes(i) => (
                crate::netlink::qdisc::RTM_GETTCLASS,
                crate::netlink::qdisc::dump_header(i).to_vec(),
            ),
            Dump::Mroutes(f) => {
                // struct rtmsg with rtm_family RTNL_FAMILY_IPMR (128) or RTNL_FAMILY_IP6MR (129).
                let mut rtmsg = vec![0; 12];
                rtmsg[0] = if f == Family::Inet6 { 129 } else { 128 };
                (nlmsg::RTM_GETROUTE, rtmsg)
            }
            Dump::Vsock { states } => (diag::SOCK_DIAG_BY_FAMILY, sock::vsock_request(states)),
        }
    }

    /// The nlmsg_type of a sock_diag dump's answers: its request's type, TCPDIAG_GETSOCK for
    /// the compat TCP dumps and SOCK_DIAG_BY_FAMILY for the others.
    pub fn diag_answer_type(self) -> u16 {
        match self {
            Dump::TcpBoth { .. } | Dump::TcpStatesBoth => diag::TCPDIAG_GETSOCK,
            _ => diag::SOCK_DIAG_BY_FAMILY,
        }
    }
}

/// The AF_* number of an Internet family for a sock_diag request.
fn diag_family(family: Family) -> u8 {
    if family == Family::Inet6 {
        diag::AF_INET6
    } else {
        diag::AF_INET
    }
}

/// A handler of received bytes: a whole number of netlink messages. It answers `true` once it has
/// seen the end of the dump (NLMSG_DONE or an error), after which the source stops reading.
pub type Handler<'a> = dyn FnMut(&[u8]) -> Result<bool> + 'a;

/// A source of rtnetlink and sock_diag dumps, and of /proc/net files.
pub trait Source {
    /// Run `dump`, handing the answer to `handler` until it says the dump is complete.
    fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> Result<()>;

    /// The text of /proc/net/`name` (in a snapshot: `proc-net/name`).
    fn proc_net(&mut self, name: &str) -> Result<String>;

    /// The text of /proc/sys/`path` (e.g. `net/ipv4/tcp_mem`; in a snapshot:
    /// `proc-sys/net.ipv4.tcp_mem`).
    fn proc_sys(&mut self, path: &str) -> Result<String> {
        self.proc_net(&format!("../proc-sys/{}", path.replace('/', ".")))
    }

    /// The processes holding each socket (a snapshot keeps them in `proc-net/socket-owners`).
    fn socket_owners(&mut self) -> Result<crate::procfs::owners::OwnerMap> {
        crate::procfs::owners::OwnerMap::from_text(&self.proc_net("socket-owners")?)
    }

    /// The text of /sys/class/net/`ifname`/`attr` (in a snapshot: `sys-class-net/ifname.attr`).
    fn sys_class_net(&mut self, ifname: &str, attr: &str) -> Result<String> {
        self.proc_net(&format!("../sys-class-net/{ifname}.{attr}"))
    }
}

/// Where a snapshot keeps /proc/net/`name`.
fn proc_path(dir: &Path, name: &str) -> PathBuf {
    dir.join("proc-net").join(name)
}

/// A live source whose TCP listings of both families come from sockets read beforehand (the
/// one walk of every namespace's tables, [`crate::tcp_walk`]): a compat TCP dump without
/// internals is answered from them, framed as the kernel frames it; every other dump, and a
/// TCP dump that asks for bound-but-inactive sockets (which the walk does not read), goes
/// to `inner`.
pub struct WithTcp {
    inner: Box<dyn Source>,
    sockets: Vec<crate::tcp_walk::record::Walked>,
}

impl WithTcp {
    /// `inner` with the TCP sockets `sockets` of its namespace.
    pub fn new(inner: Box<dyn Source>, sockets: Vec<crate::tcp_walk::record::Walked>) -> Self {
        WithTcp { inner, sockets }
    }
}

impl Source for WithTcp {
    fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> Result<()> {
        use crate::tcp_walk::record;
        match dump {
            Dump::TcpBoth { states, ext: 0 } if states & (1 << sock::TCP_BOUND_INACTIVE) == 0 => {
                let mut answer = Vec::with_capacity(96 * self.sockets.len() + 20);
                for w in self.sockets.iter().filter(|w| record::wanted(w, states)) {
                    record::append_message(&mut answer, w);
                }
                record::append_done(&mut answer);
                handler(&answer).map(|_| ())
            }
            _ => self.inner.dump(dump, handler),
        }
    }

    fn proc_net(&mut self, name: &str) -> Result<String> {
        self.inner.proc_net(name)
    }

    fn proc_sys(&mut self, path: &str) -> Result<String> {
        self.inner.proc_sys(path)
    }

    fn socket_owners(&mut self) -> Result<crate::procfs::owners::OwnerMap> {
        self.inner.socket_owners()
    }

    fn sys_class_net(&mut self, ifname: &str, attr: &str) -> Result<String> {
        self.inner.sys_class_net(ifname, attr)
    }
}

/// Reads dumps from a snapshot directory written by [`Capture`].
pub struct Snapshot {
    dir: PathBuf,
}

impl Snapshot {
    /// A snapshot source over `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Snapshot { dir: dir.into() }
    }
}

impl Source for Snapshot {
    fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> Result<()> {
        let path = self.dir.join(dump.file_name());
        let file = File::open(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::NotFound(format!(
                    "snapshot {} has no {}: capture it with the display you want to render",
                    self.dir.display(),
                    dump.file_name()
                ))
            } else {
                Error::io(format!("reading snapshot {}", path.display()), e)
            }
        })?;
        let mut reader = BufReader::with_capacity(64 * 1024, file);
        let mut msg = Vec::with_capacity(4096);
        loop {
            let mut hdr = [0u8; NLMSG_HDRLEN];
            match read_full(&mut reader, &mut hdr) {
                Ok(0) => break,
                Ok(n) if n < NLMSG_HDRLEN => {
                    return Err(Error::decode(
                        "snapshot",
                        format!("{}: truncated header", path.display()),
                    ))
                }
                Ok(_) => {}
                Err(e) => return Err(Error::io(format!("reading snapshot {}", path.display()), e)),
            }
            let len = nlmsg::header_len(&hdr);
            if !(NLMSG_HDRLEN..=1 << 24).contains(&len) {
                return Err(Error::decode(
                    "snapshot",
                    format!("{}: bad message length {len}", path.display()),
                ));
            }
            let padded = nlmsg::align(len);
            msg.clear();
            msg.extend_from_slice(&hdr);
            msg.resize(padded, 0);
            let got = read_full(&mut reader, &mut msg[NLMSG_HDRLEN..])
                .map_err(|e| Error::io(format!("reading snapshot {}", path.display()), e))?;
            // The last message of a datagram may lack its padding; anything shorter is truncation.
            if NLMSG_HDRLEN + got < len {
                return Err(Error::decode(
                    "snapshot",
                    format!("{}: truncated message", path.display()),
                ));
            }
            if handler(&msg[..len])? {
                return Ok(());
            }
        }
        Err(Error::decode(
            "snapshot",
            format!("{}: ends before the end of the dump", path.display()),
        ))
    }

    fn proc_net(&mut self, name: &str) -> Result<String> {
        let path = proc_path(&self.dir, name);
        let ctx = |e| Error::io(format!("reading snapshot {}", path.display()), e);
        let bytes = rnetstat_core::capture::read_snapshot_file(&path).map_err(ctx)?;
        String::from_utf8(bytes)
            .map_err(|e| ctx(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Wraps another source and writes every answer into a snapshot directory.
pub struct Capture<S> {
    inner: S,
    dir: PathBuf,
}

impl<S: Source> Capture<S> {
    /// Capture the answers of `inner` into `dir` (created if missing).
    pub fn new(inner: S, dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        Ok(Capture {
            inner,
            dir: dir.to_path_buf(),
        })
    }
}

impl<S: Source> Source for Capture<S> {
    fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> Result<()> {
        let path = self.dir.join(dump.file_name());
        let ctx = || format!("writing capture {}", path.display());
        // A retried dump replaces the interrupted one: remove what this run wrote, then create
        // the file new and private (never through a link planted where it goes).
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(ctx(), e)),
            _ => {}
        }
        let file = rnetstat_core::capture::new_file_options()
            .open(&path)
            .map_err(|e| Error::io(ctx(), e))?;
        let mut out = BufWriter::new(file);
        let mut io_err = None;
        self.inner.dump(dump, &mut |bytes: &[u8]| {
            if io_err.is_none() {
                if let Err(e) = out.write_all(bytes) {
                    io_err = Some(e);
                }
            }
            handler(bytes)
        })?;
        if let Some(e) = io_err {
            return Err(Error::io(ctx(), e));
        }
        out.flush().map_err(|e| Error::io(ctx(), e))
    }

    fn socket_owners(&mut self) -> Result<crate::procfs::owners::OwnerMap> {
        let map = self.inner.socket_owners()?;
        self.save("socket-owners", &map.to_text())?;
        Ok(map)
    }

    fn proc_net(&mut self, name: &str) -> Result<String> {
        let text = self.inner.proc_net(name)?;
        self.save(name, &text)?;
        Ok(text)
    }

    fn proc_sys(&mut self, path: &str) -> Result<String> {
        let text = self.inner.proc_sys(path)?;
        self.save(&format!("../proc-sys/{}", path.replace('/', ".")), &text)?;
        Ok(text)
    }

    fn sys_class_net(&mut self, ifname: &str, attr: &str) -> Result<String> {
        let text = self.inner.sys_class_net(ifname, attr)?;
        self.save(&format!("../sys-class-net/{ifname}.{attr}"), &text)?;
        Ok(text)
    }
}

impl<S: Source> Capture<S> {
    fn save(&self, name: &str, text: &str) -> Result<()> {
        let path = proc_path(&self.dir, name);
        let ctx = || format!("writing capture {}", path.display());
        std::fs::create_dir_all(path.parent().unwrap_or(&self.dir))
            .map_err(|e| Error::io(ctx(), e))?;
        // Asked again in the same run: the file holds the first answer, as a replay gives it.
        if path.exists() {
            return Ok(());
        }
        let mut file = rnetstat_core::capture::new_file_options()
            .open(&path)
            .map_err(|e| Error::io(ctx(), e))?;
        file.write_all(text.as_bytes())
            .map_err(|e| Error::io(ctx(), e))
    }
}

#[cfg(target_os = "linux")]
pub use live::Live;

#[cfg(target_os = "linux")]
mod live {
    use super::{Dump, Handler, Source};
    use crate::netlink::nlmsg;
    use netlink_sys::{Socket, SocketAddr};
    use rnetstat_core::{Error, Result};

    /// The live kernel: a netlink socket per protocol (NETLINK_ROUTE, NETLINK_SOCK_DIAG),
    /// each opened when first needed, and /proc/net.
    pub struct Live {
        sockets: Vec<(isize, Socket)>,
        seq: u32,
        buf: Vec<u8>,
        /// False once the process entered another network namespace (`-j`): sysfs is the
        /// mount namespace's, and its /sys/class/net still shows the first namespace's links.
        sysfs: bool,
    }

    fn open_socket(protocol: isize) -> Result<Socket> {
        let name = if protocol == super::NETLINK_SOCK_DIAG {
            "NETLINK_SOCK_DIAG"
        } else {
            "NETLINK_ROUTE"
        };
        let mut socket =
            Socket::new(protocol).map_err(|e| Error::io(format!("opening a {name} socket"), e))?;
        socket
            .bind_auto()
            .map_err(|e| Error::io(format!("binding a {name} socket"), e))?;
        socket
            .connect(&SocketAddr::new(0, 0))
            .map_err(|e| Error::io(format!("connecting a {name} socket"), e))?;
        // Let the kernel filter dumps by the header and attributes of the request (a route
        // dump of one table); kernels before 4.20 lack it and answer everything, which the
        // decoders filter again.
        let _ = socket.set_netlink_get_strict_chk(true);
        Ok(socket)
    }

    /// Bytes offered to each netlink receive.
    const RECV_BUF: usize = 64 * 1024;

    impl Live {
        /// The live kernel of the current network namespace.
        pub fn open() -> Result<Self> {
            // The receive buffer is made by the first dump (a display that reads only procfs,
            // such as -s, never touches its pages).
            Ok(Live {
                sockets: Vec::new(),
                seq: 0,
                buf: Vec::new(),
                sysfs: true,
            })
        }

        /// This source after setns(2) into another network namespace: netlink sockets (opened
        /// later), /proc/net and /proc/sys/net follow the namespace, but /sys/class/net does
        /// not, so its attributes (link speed and duplex) are answered as unknown.
        pub fn in_entered_namespace(mut self) -> Self {
            self.sysfs = false;
            self
        }

        fn socket(&mut self, protocol: isize) -> Result<usize> {
            if let Some(i) = self.sockets.iter().position(|(p, _)| *p == protocol) {
                return Ok(i);
            }
            self.sockets.push((protocol, open_socket(protocol)?));
            Ok(self.sockets.len() - 1)
        }
    }

    impl Source for Live {
        fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> Result<()> {
            let i = self.socket(dump.netlink_protocol())?;
            self.seq = self.seq.wrapping_add(1);
            let (kind, payload) = dump.request();
            let req = nlmsg::dump_request(kind, self.seq, &payload);
            let socket = &self.sockets[i].1;
            socket
                .send(&req, 0)
                .map_err(|e| Error::io("sending a netlink dump request", e))?;
            loop {
                self.buf.clear();
                // The kernel fills at most 32 KiB per datagram once we offer that much; 64 KiB
                // leaves room and keeps memory flat however large the table is.
                self.buf.reserve(RECV_BUF);
                let n = match socket.recv(&mut self.buf, 0) {
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(Error::io("receiving a netlink answer", e)),
                };
                if n > self.buf.len() {
                    return Err(Error::decode(
                        "netlink answer",
                        "datagram larger than the buffer",
                    ));
                }
                if handler(&self.buf[..n])? {
                    return Ok(());
                }
            }
        }

        fn socket_owners(&mut self) -> Result<crate::procfs::owners::OwnerMap> {
            Ok(crate::procfs::owners::scan())
        }

        fn proc_sys(&mut self, path: &str) -> Result<String> {
            let path = format!("/proc/sys/{path}");
            read_proc(&path).map_err(|e| Error::io(format!("reading {path}"), e))
        }

        fn proc_net(&mut self, name: &str) -> Result<String> {
            let path = format!("/proc/net/{name}");
            read_proc(&path).map_err(|e| Error::io(format!("reading {path}"), e))
        }

        fn sys_class_net(&mut self, ifname: &str, attr: &str) -> Result<String> {
            let path = format!("/sys/class/net/{ifname}/{attr}");
            if !self.sysfs {
                return Err(Error::io(
                    format!("reading {path} (sysfs shows another network namespace)"),
                    std::io::ErrorKind::NotFound.into(),
                ));
            }
            read_proc(&path).map_err(|e| Error::io(format!("reading {path}"), e))
        }
    }

    /// A procfs file's text. Read through `take`, which has no size to ask for: a `File`'s own
    /// `read_to_string` first asks the file's size and position (two more system calls per
    /// file, and procfs sizes are 0 anyway). The buffer starts at one page, which holds each
    /// file `-s` reads (the largest, /proc/net/netstat, has about 4 KB); a larger file doubles
    /// it a few times, while a larger first buffer would cost every `-s` page faults.
    fn read_proc(path: &str) -> std::io::Result<String> {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        let mut text = String::with_capacity(4 * 1024);
        file.by_ref().take(u64::MAX).read_to_string(&mut text)?;
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tcp_dump_of_both_families_is_the_compat_request() {
        let dump = Dump::TcpBoth {
            states: 0x0000_0fff,
            ext: 0x4a,
        };
        let (kind, body) = dump.request();
        assert_eq!(kind, 18, "TCPDIAG_GETSOCK");
        // struct inet_diag_req: family (AF_UNSPEC: both), src_len, dst_len, ext, the socket
        // id (48 bytes), states, dbs.
        assert_eq!(body.len(), 60);
        assert_eq!(&body[..4], &[0, 0, 0, 0x4a]);
        assert!(body[4..52].iter().all(|b| *b == 0));
        assert_eq!(&body[52..56], &0x0000_0fffu32.to_ne_bytes());
        assert_eq!(&body[56..60], &[0; 4]);
        let msg = nlmsg::dump_request(kind, 9, &body);
        assert_eq!(msg.len(), 76);
        assert_eq!(&msg[..4], &76u32.to_ne_bytes());
        assert_eq!(&msg[4..6], &18u16.to_ne_bytes());
        assert_eq!(
            &msg[6..8],
            &0x0301u16.to_ne_bytes(),
            "NLM_F_REQUEST | NLM_F_DUMP"
        );
        assert_eq!(dump.netlink_protocol(), NETLINK_SOCK_DIAG);
        assert_eq!(dump.diag_answer_type(), 18);

        let (kind, body) = Dump::TcpStatesBoth.request();
        assert_eq!((kind, body.len()), (18, 60));
        assert_eq!(&body[52..56], &u32::MAX.to_ne_bytes());
        assert_eq!(body[3], 0);
    }

    #[test]
    fn the_tcp_dumps_of_both_families_have_their_own_files() {
        let any = |states| Dump::TcpBoth { states, ext: 0 };
        assert_eq!(any(u32::MAX).file_name(), "diag-any-6.nl");
        assert_eq!(any(sock::SYN_QUEUE_STATES).file_name(), "diag-any-6-syn.nl");
        assert_eq!(Dump::TcpStatesBoth.file_name(), "diag-any-6-states.nl");
        let v4 = Dump::Inet {
            family: Family::Inet,
            proto: sock::IPPROTO_TCP,
            states: u32::MAX,
            ext: 0,
        };
        assert_eq!(v4.file_name(), "diag-inet-6.nl");
        assert_eq!(v4.diag_answer_type(), diag::SOCK_DIAG_BY_FAMILY);
    }
}
