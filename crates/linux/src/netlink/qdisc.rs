//! RTM_NEWQDISC and RTM_NEWTCLASS (struct tcmsg + TCA_* attributes) into [`Queue`]: one
//! traffic-control queueing discipline or class of an interface with its counters, for
//! netstat -q and -qq. These are the answers to RTM_GETQDISC and RTM_GETTCLASS dumps, the
//! same that `tc -s qdisc show` and `tc -s class show` read.
//!
//! Layout (include/uapi/linux/rtnetlink.h, pkt_sched.h, gen_stats.h), in host byte order:
//!
//! | offset | size | struct tcmsg field | meaning                                           |
//! |--------|------|--------------------|---------------------------------------------------|
//! | 0      | 1    | tcm_family         | AF_UNSPEC                                         |
//! | 1      | 3    | padding            |                                                   |
//! | 4      | 4    | tcm_ifindex        | interface index (signed int)                      |
//! | 8      | 4    | tcm_handle         | major:minor, 16 bits each (qdisc: minor 0)        |
//! | 12     | 4    | tcm_parent         | the parent's handle; TC_H_ROOT 0xffffffff at the root |
//! | 16     | 4    | tcm_info           | qdisc: reference count; class: the leaf qdisc's handle |
//!
//! then struct rtattr TLVs (u16 length, u16 type, value, padded to 4 bytes):
//!
//! | type | name       | value                                                            |
//! |------|------------|------------------------------------------------------------------|
//! | 1    | TCA_KIND   | the algorithm's name, NUL-terminated ("htb", "tbf", "pfifo_fast") |
//! | 3    | TCA_STATS  | struct tc_stats, the old statistics (read only without TCA_STATS2) |
//! | 7    | TCA_STATS2 | nested TCA_STATS_* attributes, below                             |
//!
//! TCA_STATS2 nests (type, value):
//!
//! | type | name                | value                                                     |
//! |------|---------------------|-----------------------------------------------------------|
//! | 1    | TCA_STATS_BASIC     | struct gnet_stats_basic: bytes (u64), packets (u32), padded to 16 |
//! | 2    | TCA_STATS_RATE_EST  | struct gnet_stats_rate_est: bps, pps (u32 each)           |
//! | 3    | TCA_STATS_QUEUE     | struct gnet_stats_queue: qlen, backlog, drops, requeues, overlimits (u32 each) |
//! | 5    | TCA_STATS_RATE_EST64| struct gnet_stats_rate_est64: bps, pps (u64 each); sent when bps does not fit 32 bits |
//! | 7    | TCA_STATS_BASIC_HW  | struct gnet_stats_basic of what hardware offload sent     |
//! | 8    | TCA_STATS_PKT64     | packets (u64), when they do not fit the u32 of TCA_STATS_BASIC |
//!
//! struct tc_stats: bytes (u64), then packets, drops, overlimits, bps, pps, qlen, backlog
//! (u32 each), 40 bytes with padding; it has no requeues.
//!
//! As `tc` does, the counters come from TCA_STATS2 when the message has it and from
//! TCA_STATS otherwise; a nest without TCA_STATS_BASIC (a class of tbf, say) leaves the sent
//! counters unknown. The rate estimate is present only when an estimator is attached to the
//! queue (`tc qdisc add ... estimator 1sec 8sec`). Backlog packets are the queue length
//! (qlen), backlog bytes its byte backlog, as `tc` prints "backlog 0b 0p".
//!
//! Handles are printed as `tc` prints them: a qdisc's as its major number with a colon
//! (`1:`), a class's as major:minor in hexadecimal (`1:10`), TC_H_ROOT as `root`, 0 as
//! `none`, a handle with major 0 as `:minor`.

use crate::netlink::nlmsg::{self, attributes};
use rnetstat_core::queue::{Queue, QueueType, RateEstimate};
use rnetstat_core::{Error, Result};

/// Message type of a qdisc.
pub const RTM_NEWQDISC: u16 = 36;
/// Message type of a qdisc dump request.
pub const RTM_GETQDISC: u16 = 38;
/// Message type of a class.
pub const RTM_NEWTCLASS: u16 = 40;
/// Message type of a class dump request.
pub const RTM_GETTCLASS: u16 = 42;
/// sizeof(struct tcmsg).
pub const TCMSG_LEN: usize = 20;
/// The parent of a root qdisc or a top-level class.
pub const TC_H_ROOT: u32 = 0xffff_ffff;

const TCA_KIND: u16 = 1;
const TCA_STATS: u16 = 3;
const TCA_STATS2: u16 = 7;

const TCA_STATS_BASIC: u16 = 1;
const TCA_STATS_RATE_EST: u16 = 2;
const TCA_STATS_QUEUE: u16 = 3;
const TCA_STATS_RATE_EST64: u16 = 5;
const TCA_STATS_BASIC_HW: u16 = 7;
const TCA_STATS_PKT64: u16 = 8;

/// Bytes of struct gnet_stats_basic that carry values (bytes and packets; the rest is padding).
const BASIC_LEN: usize = 12;
/// sizeof(struct gnet_stats_queue).
const QUEUE_LEN: usize = 20;
/// Bytes of struct tc_stats that carry values (it is padded to 40).
const TC_STATS_LEN: usize = 36;

/// The struct tcmsg of a dump request: every qdisc or class of interface `ifindex` (0: all
/// interfaces, which only the qdisc dump accepts).
pub fn dump_header(ifindex: u32) -> [u8; TCMSG_LEN] {
    let mut h = [0u8; TCMSG_LEN];
    h[4..8].copy_from_slice(&ifindex.to_ne_bytes());
    h
}

fn bad(detail: impl Into<String>) -> Error {
    Error::decode(WHAT, detail)
}

const WHAT: &str = "RTM_NEWQDISC/RTM_NEWTCLASS message";

fn u32_at(v: &[u8], at: usize) -> Result<u64> {
    nlmsg::u32_at(v, at, WHAT).map(u64::from)
}

fn u64_at(v: &[u8], at: usize) -> Result<u64> {
    nlmsg::u64_at(v, at, WHAT)
}

fn need(v: &[u8], len: usize, what: &str) -> Result<()> {
    if v.len() < len {
        return Err(bad(format!("{what} of {} bytes, needs {len}", v.len())));
    }
    Ok(())
}

/// A handle as `tc` prints a class id: `root`, `none`, `:minor`, `major:` or `major:minor`.
pub fn classid(h: u32) -> String {
    let (maj, min) = (h >> 16, h & 0xffff);
    match h {
        TC_H_ROOT => "root".into(),
        0 => "none".into(),
        _ if maj == 0 => format!(":{min:x}"),
        _ if min == 0 => format!("{maj:x}:"),
        _ => format!("{maj:x}:{min:x}"),
    }
}

/// Decode one RTM_NEWQDISC (`queue_type` qdisc) or RTM_NEWTCLASS (class) payload. `ifname`
/// maps an interface index to its name.
pub fn decode(
    payload: &[u8],
    queue_type: QueueType,
    ifname: &dyn Fn(u32) -> Option<String>,
) -> Result<Queue> {
    let Some(h) = payload.get(..TCMSG_LEN) else {
        return Err(bad(format!(
            "{} bytes, struct tcmsg needs {TCMSG_LEN}",
            payload.len()
        )));
    };
    let word = |at: usize| u32::from_ne_bytes([h[at], h[at + 1], h[at + 2], h[at + 3]]);
    let ifindex = word(4) as i32;
    let ifindex = u32::try_from(ifindex).map_err(|_| bad(format!("interface index {ifindex}")))?;
    let (handle, parent) = (word(8), word(12));
    let mut kind = None;
    let mut stats2 = None;
    let mut stats = None;
    for attr in attributes(&payload[TCMSG_LEN..]) {
        let (t, v) = attr?;
        match t {
            TCA_KIND => {
                let end = v.iter().position(|&b| b == 0).unwrap_or(v.len());
                kind = Some(String::from_utf8_lossy(&v[..end]).into_owned());
            }
            TCA_STATS2 => stats2 = Some(v),
            TCA_STATS => stats = Some(v),
            _ => {}
        }
    }
    let kind = kind.ok_or_else(|| bad(format!("queue on interface {ifindex} has no TCA_KIND")))?;
    let mut q = Queue::new(queue_type, ifindex, kind);
    q.handle = match queue_type {
        QueueType::Qdisc => format!("{:x}:", handle >> 16),
        QueueType::Class => classid(handle),
    };
    q.parent = classid(parent);
    q.netif = ifname(ifindex);
    match (stats2, stats) {
        (Some(v), _) => stats2_into(v, &mut q)?,
        (None, Some(v)) => legacy_into(v, &mut q)?,
        (None, None) => {}
    }
    Ok(q)
}

/// The nested TCA_STATS2 attributes.
fn stats2_into(nest: &[u8], q: &mut Queue) -> Result<()> {
    let mut pkt64 = None;
    let mut rate32 = None;
    let mut rate64 = None;
    for attr in attributes(nest) {
        let (t, v) = attr?;
        match t {
            TCA_STATS_BASIC => {
                need(v, BASIC_LEN, "TCA_STATS_BASIC")?;
                q.bytes = Some(u64_at(v, 0)?);
                q.packets = Some(u32_at(v, 8)?);
            }
            TCA_STATS_BASIC_HW => {
                need(v, BASIC_LEN, "TCA_STATS_BASIC_HW")?;
                q.hw_bytes = Some(u64_at(v, 0)?);
                q.hw_packets = Some(u32_at(v, 8)?);
            }
            TCA_STATS_PKT64 => pkt64 = Some(u64_at(v, 0)?),
            TCA_STATS_QUEUE => {
                need(v, QUEUE_LEN, "TCA_STATS_QUEUE")?;
                q.backlog_packets = Some(u32_at(v, 0)?);
                q.backlog_bytes = Some(u32_at(v, 4)?);
                q.drops = Some(u32_at(v, 8)?);
                q.requeues = Some(u32_at(v, 12)?);
                q.overlimits = Some(u32_at(v, 16)?);
            }
            TCA_STATS_RATE_EST => {
                rate32 = Some(RateEstimate {
                    bps: u32_at(v, 0)?,
                    pps: u32_at(v, 4)?,
                })
            }
            TCA_STATS_RATE_EST64 => {
                rate64 = Some(RateEstimate {
                    bps: u64_at(v, 0)?,
                    pps: u64_at(v, 8)?,
                })
            }
            _ => {}
        }
    }
    if let Some(p) = pkt64 {
        q.packets = Some(p);
    }
    q.rate = rate64.or(rate32);
    Ok(())
}

/// struct tc_stats, for kernels (or qdiscs) that send no TCA_STATS2.
fn legacy_into(v: &[u8], q: &mut Queue) -> Result<()> {
    need(v, TC_STATS_LEN, "TCA_STATS")?;
    q.bytes = Some(u64_at(v, 0)?);
    q.packets = Some(u32_at(v, 8)?);
    q.drops = Some(u32_at(v, 12)?);
    q.overlimits = Some(u32_at(v, 16)?);
    let (bps, pps) = (u32_at(v, 20)?, u32_at(v, 24)?);
    q.backlog_packets = Some(u32_at(v, 28)?);
    q.backlog_bytes = Some(u32_at(v, 32)?);
    // The old struct has no way to say "no estimator": zero rates mean none.
    q.rate = (bps != 0 || pps != 0).then_some(RateEstimate { bps, pps });
    Ok(())
}
