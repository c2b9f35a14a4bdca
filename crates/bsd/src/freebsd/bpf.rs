//! `net.bpf.stats` (FreeBSD, netstat -B): an array of `struct xbpf_d` (net/bpfdesc.h, 168
//! bytes on amd64 and arm64), one per bpf descriptor attached to an interface, each carrying
//! its own size in `bd_structsize`:
//!
//! | offset | field                                                           |
//! |--------|-----------------------------------------------------------------|
//! | 0      | `bd_structsize` (u32)                                           |
//! | 4, 5   | `bd_promisc`, `bd_immediate` (u8)                               |
//! | 12     | `bd_hdrcmplt`, 16 `bd_direction`, 20 `bd_feedback`, 24 `bd_async` (int) |
//! | 32     | `bd_rcount`, 40 `bd_dcount`, 48 `bd_fcount` (u64)               |
//! | 60     | `bd_slen`, 64 `bd_hlen`, 68 `bd_bufsize`, 72 `bd_pid` (int)     |
//! | 76     | `bd_ifname` (IFNAMSIZ 16), 92 `bd_locked` (int)                 |
//!
//! Checked against `fixtures/freebsd/host1/layout.txt` by `tests/layout.rs`.

use crate::os::{Assumption, Os};
use crate::wire::bytes::Rec;
use rnetstat_core::bsd::bpf::{BpfDirection, BpfPeer};
use rnetstat_core::{Error, Result};
use std::collections::HashMap;

/// The sysctl netstat -B reads.
pub const SYSCTL: &str = "net.bpf.stats";
/// sizeof(struct xbpf_d).
pub const XBPF_D_LEN: usize = 168;

const BD_PROMISC: usize = 4;
const BD_IMMEDIATE: usize = 5;
const BD_HDRCMPLT: usize = 12;
const BD_DIRECTION: usize = 16;
const BD_FEEDBACK: usize = 20;
const BD_ASYNC: usize = 24;
const BD_RCOUNT: usize = 32;
const BD_DCOUNT: usize = 40;
const BD_FCOUNT: usize = 48;
const BD_SLEN: usize = 60;
const BD_HLEN: usize = 64;
const BD_BUFSIZE: usize = 68;
const BD_PID: usize = 72;
const BD_IFNAME: usize = 76;
const IFNAMSIZ: usize = 16;
const BD_LOCKED: usize = 92;

/// Decode a `net.bpf.stats` answer; `names` names processes by pid (`kern.proc.proc`).
/// A record whose size is not this system's is an error, as netstat's "version mismatch".
pub fn decode(buf: &[u8], names: &HashMap<u32, String>) -> Result<Vec<BpfPeer>> {
    if !buf.len().is_multiple_of(XBPF_D_LEN) {
        return Err(Error::decode(
            SYSCTL,
            format!(
                "{} bytes, not a whole number of {XBPF_D_LEN}-byte xbpf_d",
                buf.len()
            ),
        ));
    }
    buf.chunks_exact(XBPF_D_LEN)
        .map(|chunk| {
            let r = Rec::new(chunk, SYSCTL);
            let size = r.u32(0)?;
            if size as usize != XBPF_D_LEN {
                return Err(Error::decode(
                    SYSCTL,
                    format!("xbpf_d of {size} bytes, this system's are {XBPF_D_LEN}"),
                ));
            }
            let pid = r.u32(BD_PID)?;
            Ok(BpfPeer {
                pid,
                command: names.get(&pid).cloned(),
                ifname: r.c_string(BD_IFNAME, IFNAMSIZ)?,
                promiscuous: r.u8(BD_PROMISC)? != 0,
                immediate: r.u8(BD_IMMEDIATE)? != 0,
                header_complete: r.i32(BD_HDRCMPLT)? != 0,
                direction: BpfDirection::from_raw(r.i32(BD_DIRECTION)?),
                feedback: r.i32(BD_FEEDBACK)? != 0,
                async_io: r.i32(BD_ASYNC)? != 0,
                locked: r.i32(BD_LOCKED)? != 0,
                received: r.u64(BD_RCOUNT)?,
                dropped: r.u64(BD_DCOUNT)?,
                matched: r.u64(BD_FCOUNT)?,
                store_len: r.u32(BD_SLEN)?,
                hold_len: r.u32(BD_HLEN)?,
                buffer_size: r.u32(BD_BUFSIZE)?,
            })
        })
        .collect()
}

/// Layout assumptions of this module, in `layout.txt`'s keys.
pub fn assumptions(os: Os) -> Vec<Assumption> {
    if os != Os::FreeBsd {
        return Vec::new();
    }
    let one = |k: &str, v: usize| (vec![k.to_string()], v as u64);
    vec![
        one("sizeof xbpf_d", XBPF_D_LEN),
        one("offsetof xbpf_d bd_structsize", 0),
        one("offsetof xbpf_d bd_promisc", BD_PROMISC),
        one("offsetof xbpf_d bd_immediate", BD_IMMEDIATE),
        one("offsetof xbpf_d bd_hdrcmplt", BD_HDRCMPLT),
        one("offsetof xbpf_d bd_direction", BD_DIRECTION),
        one("offsetof xbpf_d bd_feedback", BD_FEEDBACK),
        one("offsetof xbpf_d bd_async", BD_ASYNC),
        one("offsetof xbpf_d bd_rcount", BD_RCOUNT),
        one("offsetof xbpf_d bd_dcount", BD_DCOUNT),
        one("offsetof xbpf_d bd_fcount", BD_FCOUNT),
        one("offsetof xbpf_d bd_slen", BD_SLEN),
        one("offsetof xbpf_d bd_hlen", BD_HLEN),
        one("offsetof xbpf_d bd_bufsize", BD_BUFSIZE),
        one("offsetof xbpf_d bd_pid", BD_PID),
        one("offsetof xbpf_d bd_ifname", BD_IFNAME),
        one("offsetof xbpf_d bd_locked", BD_LOCKED),
        one("const BPF_D_IN", 0),
        one("const BPF_D_INOUT", 1),
        one("const BPF_D_OUT", 2),
    ]
}
