//! Where the walk finds what it reads, from the running kernel's BTF ([`crate::btf`]): the
//! current task's network namespace and its TCP hash tables, the bucket arrays, and the
//! fields of a socket that an inet_diag message carries.

use crate::btf::Btf;
use rnetstat_core::{Error, Result};

/// The fields read past `struct sock_common`, each 4 bytes from its offset in the socket (a
/// TIME_WAIT or request socket is shorter than a full one: what is read past its end is
/// never used).
pub const EXTRAS: usize = 7;
/// [`Layout::extras`]: inet_timewait_sock.tw_substate (its first byte).
pub const TW_SUBSTATE: usize = 0;
/// [`Layout::extras`]: tcp_sock.rcv_nxt.
pub const RCV_NXT: usize = 1;
/// [`Layout::extras`]: tcp_sock.copied_seq.
pub const COPIED_SEQ: usize = 2;
/// [`Layout::extras`]: tcp_sock.write_seq.
pub const WRITE_SEQ: usize = 3;
/// [`Layout::extras`]: tcp_sock.snd_una.
pub const SND_UNA: usize = 4;
/// [`Layout::extras`]: sock.sk_ack_backlog.
pub const ACK_BACKLOG: usize = 5;
/// [`Layout::extras`]: sock.sk_max_ack_backlog.
pub const MAX_ACK_BACKLOG: usize = 6;

/// A hash table's buckets: the size of one and where its list head lies in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buckets {
    /// sizeof the bucket struct.
    pub size: u32,
    /// Offset of the hlist_nulls_head in the bucket.
    pub head: u32,
}

/// The offsets the walk needs, all in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// task_struct.nsproxy.
    pub task_nsproxy: u32,
    /// nsproxy.net_ns.
    pub nsproxy_net: u32,
    /// net.ipv4.tcp_death_row.hashinfo: the namespace's TCP tables.
    pub net_hashinfo: u32,
    /// net.ns.inum: the namespace's inode number.
    pub net_inum: u32,
    /// inet_hashinfo.ehash, ehash_mask, lhash2, lhash2_mask.
    pub ehash: u32,
    /// See [`Layout::ehash`].
    pub ehash_mask: u32,
    /// See [`Layout::ehash`].
    pub lhash2: u32,
    /// See [`Layout::ehash`].
    pub lhash2_mask: u32,
    /// struct inet_ehash_bucket.
    pub ehash_bucket: Buckets,
    /// struct inet_listen_hashbucket.
    pub lhash2_bucket: Buckets,
    /// sock_common.skc_nulls_node: a socket's link in both tables.
    pub nulls_node: u32,
    /// How many bytes of sock_common each record copies (every field below lies in them, and
    /// the link to the next socket).
    pub common_len: u32,
    /// sock_common.skc_family (u16), skc_state (u8), skc_num (u16, host order), skc_dport
    /// (u16, network order), skc_bound_dev_if (i32).
    pub family: u32,
    /// See [`Layout::family`].
    pub state: u32,
    /// See [`Layout::family`].
    pub num: u32,
    /// See [`Layout::family`].
    pub dport: u32,
    /// See [`Layout::family`].
    pub bound_dev_if: u32,
    /// sock_common.skc_rcv_saddr and skc_daddr (IPv4), skc_v6_rcv_saddr and skc_v6_daddr.
    pub rcv_saddr: u32,
    /// See [`Layout::rcv_saddr`].
    pub daddr: u32,
    /// See [`Layout::rcv_saddr`].
    pub v6_rcv_saddr: u32,
    /// See [`Layout::rcv_saddr`].
    pub v6_daddr: u32,
    /// sock_common.skc_net: the socket's namespace (a struct net pointer).
    pub net: u32,
    /// sock_common.skc_ipv6only, a bitfield: (byte offset, mask).
    pub ipv6only: (u32, u8),
    /// Offsets in the socket of the [`EXTRAS`] fields ([`TW_SUBSTATE`] ...).
    pub extras: [u32; EXTRAS],
}

fn unsupported(detail: impl Into<String>) -> Error {
    Error::decode("kernel layout for the TCP walk", detail)
}

impl Layout {
    /// The layout of the kernel whose BTF is `btf`; an error when its tables are not the
    /// ones the walk knows (Linux 6.1 and later: listeners linked in lhash2 by their
    /// sk_nulls_node, and the namespace's tables named by its embedded tcp_death_row; 5.19 and
    /// 6.0 keep tcp_death_row behind a pointer, and the path lookup refuses it).
    pub fn from_btf(btf: &Btf<'_>) -> Result<Layout> {
        let at = |s: &str, path: &str| btf.path(s, path).map(|(off, _)| off);
        let icsk = btf.struct_id("inet_connection_sock")?;
        if btf.member(icsk, "icsk_listen_portaddr_node").is_ok() {
            return Err(unsupported(
                "listeners linked by icsk_listen_portaddr_node (before Linux 6.1)",
            ));
        }
        let bucket = |name: &str, head: &str| -> Result<Buckets> {
            let id = btf.struct_id(name)?;
            let (off, m) = btf.path(name, head)?;
            let head_id = btf.resolve(m.type_id)?;
            if btf.size_of(head_id)? != 8 {
                return Err(unsupported(format!("{name}.{head} is not one pointer")));
            }
            let size = btf.size_of(id)?;
            // The program reads the heads of 32 buckets at once into a window of 512 bytes.
            if size > 16 || off + 8 > size {
                return Err(unsupported(format!("struct {name} of {size} bytes")));
            }
            Ok(Buckets { size, head: off })
        };
        let common = "sock_common";
        let nulls_node = at(common, "skc_nulls_node")?;
        let family = at(common, "skc_family")?;
        let state = at(common, "skc_state")?;
        let num = at(common, "skc_num")?;
        let dport = at(common, "skc_dport")?;
        let bound_dev_if = at(common, "skc_bound_dev_if")?;
        let rcv_saddr = at(common, "skc_rcv_saddr")?;
        let daddr = at(common, "skc_daddr")?;
        let v6_rcv_saddr = at(common, "skc_v6_rcv_saddr")?;
        let v6_daddr = at(common, "skc_v6_daddr")?;
        let net = at(common, "skc_net")?;
        let v6only = btf.member(btf.struct_id(common)?, "skc_ipv6only")?;
        if v6only.bitfield_size != 1 {
            return Err(unsupported("skc_ipv6only is not a one-bit field"));
        }
        // BTF counts a bitfield's bits from the byte's low bit on a little-endian kernel and
        // from its high bit on a big-endian one.
        let bit = v6only.bit_offset % 8;
        let mask = if cfg!(target_endian = "big") {
            0x80u8 >> bit
        } else {
            1u8 << bit
        };
        let ipv6only = (v6only.bit_offset / 8, mask);
        let common_len = [
            family + 2,
            state + 1,
            num + 2,
            dport + 2,
            bound_dev_if + 4,
            rcv_saddr + 4,
            daddr + 4,
            v6_rcv_saddr + 16,
            v6_daddr + 16,
            net + 8,
            ipv6only.0 + 1,
            nulls_node + 8,
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
        .next_multiple_of(8);
        if common_len > 256 {
            return Err(unsupported(format!(
                "sock_common fields reach {common_len}"
            )));
        }
        let mut extras = [0u32; EXTRAS];
        extras[TW_SUBSTATE] = at("inet_timewait_sock", "tw_substate")?;
        extras[RCV_NXT] = at("tcp_sock", "rcv_nxt")?;
        extras[COPIED_SEQ] = at("tcp_sock", "copied_seq")?;
        extras[WRITE_SEQ] = at("tcp_sock", "write_seq")?;
        extras[SND_UNA] = at("tcp_sock", "snd_una")?;
        extras[ACK_BACKLOG] = at("sock", "sk_ack_backlog")?;
        extras[MAX_ACK_BACKLOG] = at("sock", "sk_max_ack_backlog")?;
        Ok(Layout {
            task_nsproxy: at("task_struct", "nsproxy")?,
            nsproxy_net: at("nsproxy", "net_ns")?,
            net_hashinfo: at("net", "ipv4.tcp_death_row.hashinfo")?,
            net_inum: at("net", "ns.inum")?,
            ehash: at("inet_hashinfo", "ehash")?,
            ehash_mask: at("inet_hashinfo", "ehash_mask")?,
            lhash2: at("inet_hashinfo", "lhash2")?,
            lhash2_mask: at("inet_hashinfo", "lhash2_mask")?,
            ehash_bucket: bucket("inet_ehash_bucket", "chain")?,
            lhash2_bucket: bucket("inet_listen_hashbucket", "nulls_head")?,
            nulls_node,
            common_len,
            family,
            state,
            num,
            dport,
            bound_dev_if,
            rcv_saddr,
            daddr,
            v6_rcv_saddr,
            v6_daddr,
            net,
            ipv6only,
            extras,
        })
    }

    /// The size of one walk record: sock_common's first [`Layout::common_len`] bytes, the
    /// [`EXTRAS`] (4 bytes each), then the socket's address (8).
    pub fn record_len(&self) -> u32 {
        self.common_len + 4 * EXTRAS as u32 + 8
    }
}

/// An example layout for tests and fuzzing: x86-64 Linux 6.x's sock_common offsets, made-up
/// ones for the fields past it.
pub fn example() -> Layout {
    Layout {
        task_nsproxy: 0,
        nsproxy_net: 0,
        net_hashinfo: 0,
        net_inum: 0,
        ehash: 0,
        ehash_mask: 0,
        lhash2: 0,
        lhash2_mask: 0,
        ehash_bucket: Buckets { size: 8, head: 0 },
        lhash2_bucket: Buckets { size: 16, head: 8 },
        nulls_node: 104,
        common_len: 136,
        family: 16,
        state: 18,
        num: 14,
        dport: 12,
        bound_dev_if: 20,
        rcv_saddr: 4,
        daddr: 0,
        v6_rcv_saddr: 72,
        v6_daddr: 56,
        net: 48,
        ipv6only: (19, 0x20),
        extras: [80, 1600, 1650, 1700, 1750, 400, 404],
    }
}
