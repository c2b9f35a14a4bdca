//! packet_diag (sock_diag of AF_PACKET) into [`PacketTap`]s, and from those the packet rows of
//! the socket display.
//!
//! Layouts (include/uapi/linux/packet_diag.h, sock_diag.h, filter.h):
//! - request struct packet_diag_req (20 bytes): family, protocol, pad, ino, show (which
//!   attributes: PACKET_SHOW_INFO 0x1, RING_CFG 0x4, FANOUT 0x8, MEMINFO 0x10, FILTER 0x20),
//!   cookie;
//! - answer struct packet_diag_msg (16 bytes): family, type, num (the EtherType, host order),
//!   ino, cookie; then attributes:
//!   - PACKET_DIAG_INFO (0), struct packet_diag_info: ifindex, version, reserve, copy_thresh,
//!     tstamp, flags (PDI_RUNNING 0x1, AUXDATA 0x2, ORIGDEV 0x4, VNETHDR 0x8, LOSS 0x10);
//!   - PACKET_DIAG_RX_RING (2), TX_RING (3), struct packet_diag_ring: block size, block count,
//!     frame size, frame count, retire timeout, private size, features (seven u32);
//!   - PACKET_DIAG_FANOUT (4), u32: group id in the low 16 bits, mode (and flags) above;
//!   - PACKET_DIAG_UID (5), u32;
//!   - PACKET_DIAG_MEMINFO (6), u32 array SK_MEMINFO_*: rmem_alloc (0), rcvbuf (1), wmem_alloc,
//!     sndbuf, fwd_alloc, wmem_queued, optmem, backlog, drops (8) — older kernels send fewer;
//!   - PACKET_DIAG_FILTER (7), array of struct sock_filter (code u16, jt u8, jf u8, k u32:
//!     8 bytes each): the classic program; empty when the caller may not see it; absent when
//!     the socket has none.

use super::{header, u32_ne, AF_PACKET};
use crate::netlink::nlmsg::attributes;
use rnetstat_core::{
    Endpoint, Error, Family, PacketTap, Proto, Result, SockType, Socket, TapFanout, TapFilter,
    TapFlags, TapRing,
};

const PACKET_DIAG_MSG_LEN: usize = 16;
/// PACKET_SHOW_INFO | RING_CFG | FANOUT | MEMINFO | FILTER (not MCLIST).
const PACKET_SHOW: u32 = 0x1 | 0x4 | 0x8 | 0x10 | 0x20;
const PACKET_DIAG_INFO: u16 = 0;
const PACKET_DIAG_RX_RING: u16 = 2;
const PACKET_DIAG_TX_RING: u16 = 3;
const PACKET_DIAG_FANOUT: u16 = 4;
const PACKET_DIAG_UID: u16 = 5;
const PACKET_DIAG_MEMINFO: u16 = 6;
const PACKET_DIAG_FILTER: u16 = 7;
/// Size of struct sock_filter.
const SOCK_FILTER_LEN: usize = 8;
/// Index of SK_MEMINFO_DROPS in the meminfo array.
const SK_MEMINFO_DROPS: usize = 8;

/// The request payload (struct packet_diag_req, 20 bytes) of a packet dump: info, rings,
/// fanout, memory and filter.
pub fn packet_request() -> Vec<u8> {
    let mut r = vec![0u8; 20];
    r[0] = AF_PACKET;
    r[8..12].copy_from_slice(&PACKET_SHOW.to_ne_bytes());
    r
}

fn bad(detail: String) -> Error {
    Error::decode("packet_diag message", detail)
}

/// A packet socket's type: SOCK_DGRAM (2) or SOCK_RAW (3; SOCK_PACKET too).
pub fn packet_type(t: u64) -> SockType {
    if t == 2 {
        SockType::Dgram
    } else {
        SockType::Raw
    }
}

/// Decode one struct packet_diag_msg and its attributes into a tap (no interface name, no
/// owners: the caller adds them).
pub fn decode_tap(payload: &[u8]) -> Result<PacketTap> {
    const WHAT: &str = "packet_diag message";
    let m = header(payload, PACKET_DIAG_MSG_LEN, AF_PACKET, WHAT)?;
    let mut tap = PacketTap::new(
        0,
        u16::from_ne_bytes([m[2], m[3]]),
        packet_type(u64::from(m[1])),
    );
    tap.inode = Some(u64::from(u32_ne(m, 4)));
    tap.cookie = Some(u64::from(u32_ne(m, 8)) | (u64::from(u32_ne(m, 12)) << 32));
    // Asked for: absent means the socket has no filter.
    tap.filter = Some(TapFilter::None);
    for attr in attributes(&payload[PACKET_DIAG_MSG_LEN..]) {
        let (t, v) = attr?;
        let short = |need: usize| -> Result<()> {
            if v.len() < need {
                return Err(bad(format!(
                    "attribute {t} of {} bytes, needs {need}",
                    v.len()
                )));
            }
            Ok(())
        };
        match t {
            PACKET_DIAG_INFO => {
                // pdi_index is all the oldest kernels' socket display needed; the rest is 24.
                short(4)?;
                tap.ifindex = u32_ne(v, 0);
                if v.len() >= 24 {
                    tap.version = Some(u32_ne(v, 4));
                    tap.reserve = Some(u32_ne(v, 8));
                    tap.copy_thresh = Some(u32_ne(v, 12));
                    tap.tstamp = Some(u32_ne(v, 16));
                    let f = u32_ne(v, 20);
                    tap.flags = Some(TapFlags {
                        running: f & 0x1 != 0,
                        auxdata: f & 0x2 != 0,
                        origdev: f & 0x4 != 0,
                        vnet_hdr: f & 0x8 != 0,
                        loss: f & 0x10 != 0,
                        complete: true,
                    });
                }
            }
            PACKET_DIAG_RX_RING | PACKET_DIAG_TX_RING => {
                short(16)?;
                let opt = |at: usize| if v.len() >= at + 4 { u32_ne(v, at) } else { 0 };
                let ring = TapRing {
                    block_size: u32_ne(v, 0),
                    block_count: u32_ne(v, 4),
                    frame_size: u32_ne(v, 8),
                    frame_count: u32_ne(v, 12),
                    retire_timeout: opt(16),
                    private_size: opt(20),
                    features: opt(24),
                };
                if t == PACKET_DIAG_RX_RING {
                    tap.rx_ring = Some(ring);
                } else {
                    tap.tx_ring = Some(ring);
                }
            }
            PACKET_DIAG_FANOUT => {
                short(4)?;
                let f = u32_ne(v, 0);
                tap.fanout = Some(TapFanout {
                    id: (f & 0xffff) as u16,
                    mode: ((f >> 16) & 0xff) as u8,
                    flags: (f >> 24) as u8,
                });
            }
            PACKET_DIAG_UID => {
                short(4)?;
                tap.uid = Some(u32_ne(v, 0));
            }
            PACKET_DIAG_MEMINFO => {
                short(8)?;
                tap.recv_q = Some(u64::from(u32_ne(v, 0)));
                tap.rcvbuf = Some(u64::from(u32_ne(v, 4)));
                let at = SK_MEMINFO_DROPS * 4;
                if v.len() >= at + 4 {
                    tap.drops = Some(u64::from(u32_ne(v, at)));
                }
            }
            PACKET_DIAG_FILTER => {
                tap.filter = Some(if v.is_empty() {
                    TapFilter::Hidden
                } else if !v.len().is_multiple_of(SOCK_FILTER_LEN) {
                    return Err(bad(format!(
                        "filter of {} bytes, not whole instructions",
                        v.len()
                    )));
                } else {
                    TapFilter::Classic((v.len() / SOCK_FILTER_LEN) as u32)
                });
            }
            _ => {}
        }
    }
    Ok(tap)
}

/// The socket-display view of a tap: a link-layer socket bound to an interface and EtherType.
pub fn tap_socket(tap: &PacketTap) -> Socket {
    Socket {
        recv_q: tap.recv_q,
        inode: tap.inode,
        cookie: tap.cookie,
        uid: tap.uid,
        ..Socket::new(
            Proto::Packet,
            Family::Link,
            tap.kind,
            Endpoint::Packet {
                ifindex: tap.ifindex,
                protocol: tap.protocol,
            },
            Endpoint::None,
        )
    }
}

/// Decode one struct packet_diag_msg as a socket of the socket display.
pub fn decode_packet(payload: &[u8]) -> Result<Socket> {
    decode_tap(payload).map(|t| tap_socket(&t))
}
