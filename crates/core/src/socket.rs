//! Sockets: the default display of netstat(1) ("Active Internet connections", "Active UNIX
//! domain sockets"), its listen queues (-L) and owners (-v).

use crate::Family;
use std::net::IpAddr;

/// A transport protocol as `-p` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Proto {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// UDP-Lite.
    UdpLite,
    /// Raw IP.
    Raw,
    /// ICMP datagram ("ping") sockets of IPv4 (Linux SOCK_DGRAM, IPPROTO_ICMP); `-p icmp`
    /// also selects the raw sockets of ICMP.
    Icmp,
    /// ICMPv6 datagram ("ping") sockets of IPv6; `-p icmp6` also selects the raw sockets of
    /// ICMPv6.
    Icmp6,
    /// Unix domain.
    Unix,
    /// Link-layer packet sockets (Linux AF_PACKET).
    Packet,
    /// Virtual machine sockets.
    Vsock,
}

impl Proto {
    /// The socket type an Internet socket of this protocol has: stream for TCP, raw for raw
    /// IP, datagram for the others.
    pub fn inet_sock_type(self) -> SockType {
        match self {
            Proto::Tcp => SockType::Stream,
            Proto::Raw => SockType::Raw,
            _ => SockType::Dgram,
        }
    }

    /// The `-p` name.
    pub fn name(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::UdpLite => "udplite",
            Proto::Raw => "raw",
            Proto::Icmp => "icmp",
            Proto::Icmp6 => "icmp6",
            Proto::Unix => "unix",
            Proto::Packet => "packet",
            Proto::Vsock => "vsock",
        }
    }

    /// From a `-p` name (canonical names only; the command line resolves aliases).
    pub fn from_name(name: &str) -> Option<Proto> {
        [
            Proto::Tcp,
            Proto::Udp,
            Proto::UdpLite,
            Proto::Raw,
            Proto::Icmp,
            Proto::Icmp6,
            Proto::Unix,
            Proto::Packet,
            Proto::Vsock,
        ]
        .into_iter()
        .find(|p| p.name() == name)
    }
}

/// Socket type (SOCK_*).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SockType {
    /// SOCK_STREAM.
    Stream,
    /// SOCK_DGRAM.
    Dgram,
    /// SOCK_SEQPACKET.
    SeqPacket,
    /// SOCK_RAW.
    Raw,
}

impl SockType {
    /// The name BSD netstat prints (stream, dgram, seqpac, raw).
    pub fn name(self) -> &'static str {
        match self {
            SockType::Stream => "stream",
            SockType::Dgram => "dgram",
            SockType::SeqPacket => "seqpac",
            SockType::Raw => "raw",
        }
    }
}

/// Connection state, with the names of netstat(1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// CLOSED.
    Closed,
    /// LISTEN.
    Listen,
    /// SYN_SENT.
    SynSent,
    /// SYN_RCVD.
    SynRcvd,
    /// ESTABLISHED.
    Established,
    /// CLOSE_WAIT.
    CloseWait,
    /// LAST_ACK.
    LastAck,
    /// FIN_WAIT_1.
    FinWait1,
    /// FIN_WAIT_2.
    FinWait2,
    /// CLOSING.
    Closing,
    /// TIME_WAIT.
    TimeWait,
}

impl State {
    /// The name netstat(1) prints.
    pub fn name(self) -> &'static str {
        match self {
            State::Closed => "CLOSED",
            State::Listen => "LISTEN",
            State::SynSent => "SYN_SENT",
            State::SynRcvd => "SYN_RCVD",
            State::Established => "ESTABLISHED",
            State::CloseWait => "CLOSE_WAIT",
            State::LastAck => "LAST_ACK",
            State::FinWait1 => "FIN_WAIT_1",
            State::FinWait2 => "FIN_WAIT_2",
            State::Closing => "CLOSING",
            State::TimeWait => "TIME_WAIT",
        }
    }
}

/// One end of a socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// An IP address and port; the unspecified address and port 0 are the wildcard `*`.
    Inet {
        /// Address.
        addr: IpAddr,
        /// Port (0: any).
        port: u16,
    },
    /// A unix socket address: a path, `@name` for an abstract name, or none.
    Unix(Option<String>),
    /// A link-layer packet socket: interface index (0: all) and EtherType.
    Packet {
        /// Bound interface.
        ifindex: u32,
        /// EtherType in host order.
        protocol: u16,
    },
    /// A vsock address.
    Vsock {
        /// Context id.
        cid: u32,
        /// Port.
        port: u32,
    },
    /// Nothing (an unconnected peer).
    None,
}

/// The listen queue of a listening socket (-L): qlen/incqlen/maxqlen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListenQueue {
    /// Connections completed and not yet accepted.
    pub qlen: Option<u64>,
    /// Connections still being set up (SYN received).
    pub incqlen: Option<u64>,
    /// The queue's limit (the listen backlog).
    pub maxqlen: Option<u64>,
}

/// A process holding a socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// Process id.
    pub pid: u32,
    /// Command name; None when the process could not be named (it may have exited).
    pub command: Option<String>,
    /// File descriptor.
    pub fd: Option<u32>,
}

impl Owner {
    /// The command name, or `unknown` when it could not be read.
    pub fn command_or<'a>(&'a self, unknown: &'a str) -> &'a str {
        self.command.as_deref().unwrap_or(unknown)
    }
}

/// One socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Socket {
    /// Protocol.
    pub proto: Proto,
    /// Address family.
    pub family: Family,
    /// An IPv6 socket that also accepts IPv4 (BSD prints tcp46), when known.
    pub dual_stack: bool,
    /// Socket type.
    pub kind: SockType,
    /// Local end.
    pub local: Endpoint,
    /// Remote end.
    pub remote: Endpoint,
    /// Connection state (connection-oriented sockets; unix sockets in a listen state too).
    pub state: Option<State>,
    /// Bytes received and not yet read.
    pub recv_q: Option<u64>,
    /// Bytes sent and not yet acknowledged.
    pub send_q: Option<u64>,
    /// Listen queue of a listening socket.
    pub listen: Option<ListenQueue>,
    /// Socket inode number.
    pub inode: Option<u64>,
    /// Kernel identity of the socket (Linux socket cookie; BSD pcb address).
    pub cookie: Option<u64>,
    /// Owner's user id.
    pub uid: Option<u32>,
    /// Inode of the connected peer (unix sockets); BSD: the peer's pcb address (`Conn`).
    pub peer_inode: Option<u64>,
    /// The IP protocol of a raw socket, when known (BSD names raw sockets after it: `icm4`).
    pub ip_proto: Option<u8>,
    /// BSD unix sockets: the first socket connected to this one and the next socket connected
    /// to the same peer (kernel addresses; netstat's `Refs` and `Nextref`).
    pub unix_refs: Option<(u64, u64)>,
    /// The interface a socket is bound to, the zone of its scoped (link-local) addresses.
    pub zone: Option<std::sync::Arc<str>>,
    /// Processes holding the socket (`-v`).
    pub owners: Vec<Owner>,
    /// macOS: what xnu reports beyond the common model (`-A`, `-v` columns).
    pub xnu: Option<Box<crate::bsd::xnu_socket::XnuSocket>>,
    /// FreeBSD Internet sockets: flow, buffers and TCP detail (`-R`, `-x`, `-T`, `-c`, `-C`,
    /// `-P` columns).
    pub freebsd: Option<Box<crate::bsd::freebsd_socket::FreeBsdSocket>>,
    /// TCP internals (Linux sock_diag's tcp_info, congestion and timer; FreeBSD's xtcpcb),
    /// when read.
    pub tcp: Option<Box<crate::tcp_info::TcpInfo>>,
    /// The socket's memory (Linux skmem), when read.
    pub memory: Option<Box<crate::tcp_info::SocketMemory>>,
}

impl Socket {
    /// A socket of `proto`, `family` and `kind` between `local` and `remote`, with nothing else
    /// known yet: decoders fill in what their kernel source gives (`Socket { state, ..new }`).
    pub fn new(
        proto: Proto,
        family: Family,
        kind: SockType,
        local: Endpoint,
        remote: Endpoint,
    ) -> Socket {
        Socket {
            proto,
            family,
            dual_stack: false,
            kind,
            local,
            remote,
            state: None,
            recv_q: None,
            send_q: None,
            listen: None,
            inode: None,
            cookie: None,
            uid: None,
            peer_inode: None,
            ip_proto: None,
            unix_refs: None,
            zone: None,
            owners: Vec::new(),
            xnu: None,
            freebsd: None,
            tcp: None,
            memory: None,
        }
    }
}

impl Socket {
    /// An IPv6 socket whose addresses are IPv4-mapped (`::ffff:a.b.c.d`, or the wildcard) on
    /// both ends carries IPv4 traffic: a connection a dual-stack listener accepted from an IPv4
    /// client, a socket bound or connected to a mapped address. BSD kernels mark such a socket
    /// IPv4 (INP_IPV4) and netstat prints it as `tcp4 192.0.2.2.8080`; Linux reports it as IPv6.
    /// Make it IPv4, with the plain IPv4 addresses. A socket with no mapped address (the
    /// dual-stack listener on `::`, tcp46) stays as it is.
    pub fn unmap_v4(&mut self) {
        use std::net::Ipv4Addr;
        if self.family != Family::Inet6 {
            return;
        }
        let v4 = |e: &Endpoint| match e {
            Endpoint::Inet {
                addr: IpAddr::V6(a),
                port,
            } if a.is_unspecified() => Some((None, *port)),
            Endpoint::Inet {
                addr: IpAddr::V6(a),
                port,
            } => a.to_ipv4_mapped().map(|m| (Some(m), *port)),
            _ => None,
        };
        let (Some(local), Some(remote)) = (v4(&self.local), v4(&self.remote)) else {
            return;
        };
        if local.0.is_none() && remote.0.is_none() {
            return;
        }
        let endpoint = |(addr, port): (Option<Ipv4Addr>, u16)| Endpoint::Inet {
            addr: IpAddr::V4(addr.unwrap_or(Ipv4Addr::UNSPECIFIED)),
            port,
        };
        self.local = endpoint(local);
        self.remote = endpoint(remote);
        self.family = Family::Inet;
        self.dual_stack = false;
    }
}

/// Which sockets a display wants.
#[derive(Debug, Clone, Default)]
pub struct SocketQuery {
    /// Only these protocols (empty: all).
    pub protos: Vec<Proto>,
    /// Only this family.
    pub family: Option<Family>,
    /// Also listening and unconnected sockets (`-a`), and not only those.
    pub all: bool,
    /// Only listening sockets (`-L`).
    pub listening_only: bool,
    /// Fill in the processes holding each socket (`-v`).
    pub owners: bool,
    /// Read the TCP internals and socket memory too (JSON, `-x`, `-T`, `-C`): on Linux this
    /// asks sock_diag for more per socket, which plain `-an` does not pay for.
    pub internals: bool,
    /// Fill in each listener's incomplete connections (`incqlen`: `-L` and JSON): on Linux this
    /// costs one more walk of the kernel's TCP table, which plain `-an` does not pay for.
    pub syn_queues: bool,
}

impl SocketQuery {
    /// True when `p` is wanted.
    pub fn wants_proto(&self, p: Proto) -> bool {
        self.protos.is_empty() || self.protos.contains(&p)
    }

    /// True when packet sockets are wanted: only when asked for by name (`-p packet`) or by
    /// family (`-f link`). They are not part of the default display, which BSD netstat's
    /// parsers read, and a host with a DHCP client has one.
    pub fn packets(&self) -> bool {
        (self.protos.contains(&Proto::Packet) || self.family == Some(Family::Link))
            && self.wants_proto(Proto::Packet)
            && self.wants_family(Family::Link)
    }

    /// True when vsock sockets are wanted: as packet sockets, only when asked for by name
    /// (`-p vsock`) or family (`-f vsock`), for the same reason (a VM guest agent has one).
    pub fn vsocks(&self) -> bool {
        (self.protos.contains(&Proto::Vsock) || self.family == Some(Family::Vsock))
            && self.wants_proto(Proto::Vsock)
            && self.wants_family(Family::Vsock)
    }

    /// True when `family` is wanted.
    pub fn wants_family(&self, family: Family) -> bool {
        self.family.is_none_or(|f| f == family)
    }

    /// BSD netstat hides, without -a, the sockets of servers: listeners, and Internet sockets
    /// bound to the wildcard address. Unix and other sockets are always shown. -L shows only
    /// listeners.
    pub fn wants(&self, s: &Socket) -> bool {
        let listening = s.state == Some(State::Listen);
        if self.listening_only {
            return listening;
        }
        if self.all {
            return true;
        }
        let wildcard = matches!(s.local, Endpoint::Inet { addr, .. } if addr.is_unspecified());
        s.proto == Proto::Unix || !(listening || wildcard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Packet and vsock sockets are listed only when a -p or -f names them.
    #[test]
    fn packet_and_vsock_sockets_only_when_asked_for() {
        let all = SocketQuery::default();
        assert!(!all.packets() && !all.vsocks());
        let by_family = SocketQuery {
            family: Some(Family::Vsock),
            ..Default::default()
        };
        assert!(by_family.vsocks() && !by_family.packets());
        let by_name = SocketQuery {
            protos: vec![Proto::Packet],
            ..Default::default()
        };
        assert!(by_name.packets() && !by_name.vsocks());
        let other = SocketQuery {
            protos: vec![Proto::Tcp],
            family: Some(Family::Vsock),
            ..Default::default()
        };
        assert!(!other.vsocks());
    }

    fn inet(a: &str, port: u16) -> Endpoint {
        Endpoint::Inet {
            addr: a.parse().unwrap(),
            port,
        }
    }

    #[test]
    fn mapped_sockets_become_ipv4_and_the_dual_stack_listener_stays() {
        let tcp6 = |l, r| {
            let mut s = Socket::new(Proto::Tcp, Family::Inet6, SockType::Stream, l, r);
            s.dual_stack = true;
            s.unmap_v4();
            s
        };
        let s = tcp6(
            inet("::ffff:192.0.2.2", 8080),
            inet("::ffff:192.0.2.1", 46708),
        );
        assert_eq!((s.family, s.dual_stack), (Family::Inet, false));
        assert_eq!(s.local, inet("192.0.2.2", 8080));
        assert_eq!(s.remote, inet("192.0.2.1", 46708));
        let bound = tcp6(inet("::ffff:192.0.2.2", 8080), inet("::", 0));
        assert_eq!(bound.remote, inet("0.0.0.0", 0));
        let listener = tcp6(inet("::", 8080), inet("::", 0));
        assert_eq!(
            (listener.family, listener.dual_stack),
            (Family::Inet6, true)
        );
        let v6 = tcp6(inet("2001:db8::1", 80), inet("::ffff:192.0.2.1", 1));
        assert_eq!(v6.family, Family::Inet6);
    }
}
