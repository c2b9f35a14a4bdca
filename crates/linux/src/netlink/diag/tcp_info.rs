//! The TCP internals sock_diag adds to an inet socket when asked (idiag_ext): struct tcp_info
//! (INET_DIAG_INFO), the congestion control name (INET_DIAG_CONG), the socket memory array
//! (INET_DIAG_SKMEMINFO), and the pending timer of the fixed struct inet_diag_msg.
//!
//! struct tcp_info (include/uapi/linux/tcp.h) grows with the kernel: 104 bytes up to
//! tcpi_total_retrans (2.6), 232 up to tcpi_snd_wnd (5.4 to 6.1), longer since. A kernel
//! copies its own length; a field the given length does not reach is None. The array of
//! SK_MEMINFO_* u32s grew too (backlog in 4.x, drops after): each index past the end is None.

use super::u32_ne;
use rnetstat_core::{Error, Result, SocketMemory, TcpInfo, TcpOptions, TcpTimer, TimerKind};

/// INET_DIAG_MEMINFO's, INET_DIAG_INFO's, INET_DIAG_CONG's and INET_DIAG_SKMEMINFO's bits
/// of idiag_ext: bit (attribute - 1).
pub const EXT_INTERNALS: u8 =
    (1 << (INET_DIAG_INFO - 1)) | (1 << (INET_DIAG_CONG - 1)) | (1 << (INET_DIAG_SKMEMINFO - 1));
/// INET_DIAG_INFO: struct tcp_info.
pub const INET_DIAG_INFO: u16 = 2;
/// INET_DIAG_CONG: the congestion control algorithm's name, NUL-terminated.
pub const INET_DIAG_CONG: u16 = 4;
/// INET_DIAG_SKMEMINFO: u32 SK_MEMINFO_* values.
pub const INET_DIAG_SKMEMINFO: u16 = 7;
/// tcpi_snd_ssthresh while no loss has set it (TCP_INFINITE_SSTHRESH).
const INFINITE_SSTHRESH: u32 = 0x7fff_ffff;
/// The shortest struct tcp_info of any kernel: up to tcpi_total_retrans (2.6.x).
pub const TCP_INFO_MIN_LEN: usize = 104;
/// tcpi_options bits.
const TCPI_OPT_TIMESTAMPS: u8 = 1;
const TCPI_OPT_SACK: u8 = 2;
const TCPI_OPT_WSCALE: u8 = 4;
const TCPI_OPT_ECN: u8 = 8;
/// tcpi_state of a listening socket (TCP_LISTEN).
const TCP_LISTEN_STATE: u8 = 10;

fn bad(detail: String) -> Error {
    Error::decode("tcp_info", detail)
}

/// Read struct tcp_info of whatever length the kernel gave into `t`. Shorter than the
/// oldest layout is an error; every field past the end is left None.
pub fn decode_tcp_info(v: &[u8], t: &mut TcpInfo) -> Result<()> {
    if v.len() < TCP_INFO_MIN_LEN {
        return Err(bad(format!(
            "{} bytes, struct tcp_info has at least {TCP_INFO_MIN_LEN}",
            v.len()
        )));
    }
    let u32_at = |at: usize| (v.len() >= at + 4).then(|| u32_ne(v, at));
    let u64_at = |at: usize| {
        v.get(at..at + 8)
            .map(|b| u64::from_ne_bytes(b.try_into().expect("8 bytes")))
    };
    let options = v[5];
    t.retransmits = Some(u32::from(v[2]));
    t.options = Some(TcpOptions {
        sack: options & TCPI_OPT_SACK != 0,
        timestamps: options & TCPI_OPT_TIMESTAMPS != 0,
        wscale: (options & TCPI_OPT_WSCALE != 0).then_some((v[6] & 0x0f, v[6] >> 4)),
    });
    t.ecn = Some(options & TCPI_OPT_ECN != 0);
    t.rto_us = u32_at(8);
    t.mss = u32_at(16);
    t.rcv_mss = u32_at(20);
    // A listener's tcpi_unacked and tcpi_sacked hold its accept queue and backlog (the
    // listen queue's qlen and maxqlen), not segments: not reported as segments.
    let listening = v[0] == TCP_LISTEN_STATE;
    t.unacked = u32_at(24).filter(|_| !listening);
    t.sacked = u32_at(28).filter(|_| !listening);
    t.lost = u32_at(32);
    t.idle_ms = u32_at(56);
    t.rtt_us = u32_at(68);
    t.rttvar_us = u32_at(72);
    t.ssthresh = u32_at(76).filter(|s| *s < INFINITE_SSTHRESH);
    t.cwnd = u32_at(80);
    t.reordering = u32_at(88);
    t.total_retrans = u32_at(100);
    // ~0 means "no pacing" (sk_pacing_rate unset).
    t.pacing_rate = u64_at(104).filter(|r| *r != u64::MAX);
    t.bytes_acked = u64_at(120);
    t.bytes_received = u64_at(128);
    t.segs_out = u32_at(136);
    t.segs_in = u32_at(140);
    t.min_rtt_us = u32_at(148).filter(|r| *r != u32::MAX);
    t.delivery_rate = u64_at(160);
    t.bytes_sent = u64_at(200);
    t.bytes_retrans = u64_at(208);
    t.rcv_ooopack = u32_at(224);
    let mss = t.mss.map(u64::from);
    t.cwnd_bytes = t.cwnd.map(u64::from).zip(mss).map(|(c, m)| c * m);
    t.ssthresh_bytes = t.ssthresh.map(u64::from).zip(mss).map(|(c, m)| c * m);
    Ok(())
}

/// The congestion control name of INET_DIAG_CONG (NUL-terminated; a name without its NUL is
/// taken whole). Not UTF-8 is an error.
pub fn decode_cong(v: &[u8]) -> Result<String> {
    let name = v.split(|b| *b == 0).next().unwrap_or_default();
    std::str::from_utf8(name)
        .map(str::to_string)
        .map_err(|_| bad("congestion control name is not UTF-8".into()))
}

/// The SK_MEMINFO_* array of INET_DIAG_SKMEMINFO: a whole number of u32s, each index past
/// the end None.
pub fn decode_skmem(v: &[u8]) -> Result<SocketMemory> {
    if !v.len().is_multiple_of(4) {
        return Err(Error::decode(
            "skmeminfo",
            format!("{} bytes, not a whole number of u32", v.len()),
        ));
    }
    let at = |i: usize| (v.len() >= i * 4 + 4).then(|| u32_ne(v, i * 4));
    Ok(SocketMemory {
        rmem_alloc: at(0),
        rcvbuf: at(1),
        wmem_alloc: at(2),
        sndbuf: at(3),
        fwd_alloc: at(4),
        wmem_queued: at(5),
        optmem: at(6),
        backlog: at(7),
        drops: at(8),
    })
}

/// The pending timer of struct inet_diag_msg: idiag_timer (1 retransmit, 2 keepalive,
/// 3 TIME_WAIT, 4 zero-window probe; 0 none), idiag_retrans and idiag_expires (ms).
pub fn timer(kind: u8, retrans: u8, expires_ms: u32) -> Option<TcpTimer> {
    let kind = match kind {
        1 => TimerKind::Retransmit,
        2 => TimerKind::Keepalive,
        3 => TimerKind::TimeWait,
        4 => TimerKind::Persist,
        _ => return None,
    };
    Some(TcpTimer {
        kind,
        expires_ms,
        retransmits: retrans,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A struct tcp_info of `len` bytes with known values at their offsets.
    fn info(len: usize) -> Vec<u8> {
        let mut b = vec![0u8; 256];
        b[2] = 1; // retransmits
        b[5] = TCPI_OPT_SACK | TCPI_OPT_TIMESTAMPS | TCPI_OPT_WSCALE;
        b[6] = 7 | (9 << 4);
        let mut put32 = |at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_ne_bytes());
        put32(16, 1448); // snd_mss
        put32(68, 2500); // rtt
        put32(72, 800); // rttvar
        put32(76, INFINITE_SSTHRESH);
        put32(80, 10); // cwnd
        put32(100, 3); // total_retrans
        put32(148, 2100); // min_rtt
        put32(224, 4); // rcv_ooopack
        b[120..128].copy_from_slice(&12345u64.to_ne_bytes());
        b[200..208].copy_from_slice(&99999u64.to_ne_bytes());
        b.truncate(len);
        b
    }

    #[test]
    fn each_kernel_length_gives_the_fields_it_has() {
        // 2.6's, 4.9's (up to min_rtt and delivery_rate: 168), 5.10's and 6.1's (232), 6.18's
        // (longer: the rest is ignored).
        for len in [104, 168, 232, 248, 256] {
            let mut t = TcpInfo::default();
            decode_tcp_info(&info(len), &mut t).unwrap();
            assert_eq!(t.rtt_us, Some(2500), "{len}");
            assert_eq!(t.cwnd, Some(10));
            assert_eq!(t.cwnd_bytes, Some(14480));
            assert_eq!(t.ssthresh, None, "infinite ssthresh is unknown");
            assert_eq!(t.total_retrans, Some(3));
            assert_eq!(t.retransmits, Some(1));
            let o = t.options.unwrap();
            assert!(o.sack && o.timestamps);
            assert_eq!(o.wscale, Some((7, 9)));
            assert_eq!(t.bytes_acked.is_some(), len >= 128);
            assert_eq!(t.min_rtt_us, (len >= 152).then_some(2100));
            assert_eq!(t.bytes_sent, (len >= 208).then_some(99999));
            assert_eq!(t.rcv_ooopack, (len >= 228).then_some(4));
        }
    }

    #[test]
    fn a_field_cut_in_the_middle_is_unknown() {
        let mut t = TcpInfo::default();
        decode_tcp_info(&info(226), &mut t).unwrap();
        assert_eq!(t.rcv_ooopack, None);
        assert_eq!(t.bytes_retrans, Some(0));
    }

    #[test]
    fn shorter_than_any_kernel_is_an_error() {
        for len in [0, 1, 8, 103] {
            assert!(decode_tcp_info(&info(len), &mut TcpInfo::default()).is_err());
        }
    }

    #[test]
    fn skmem_of_any_length() {
        let words: Vec<u8> = (1..=9u32).flat_map(|w| w.to_ne_bytes()).collect();
        let all = decode_skmem(&words).unwrap();
        assert_eq!((all.rcvbuf, all.drops), (Some(2), Some(9)));
        let old = decode_skmem(&words[..28]).unwrap();
        assert_eq!((old.optmem, old.backlog, old.drops), (Some(7), None, None));
        assert!(decode_skmem(&words[..5]).is_err());
    }

    #[test]
    fn congestion_names_and_timers() {
        assert_eq!(decode_cong(b"cubic\0").unwrap(), "cubic");
        assert_eq!(decode_cong(b"reno").unwrap(), "reno");
        assert!(decode_cong(&[0xff, 0xfe]).is_err());
        assert_eq!(timer(2, 0, 7000).unwrap().kind, TimerKind::Keepalive);
        assert_eq!(timer(0, 0, 0), None);
        assert_eq!(timer(9, 0, 0), None);
    }

    proptest::proptest! {
        /// Random bytes of any length are decoded or refused, never a panic.
        #[test]
        fn random_bytes_never_panic(b in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let _ = decode_tcp_info(&b, &mut TcpInfo::default());
            let _ = decode_skmem(&b);
            let _ = decode_cong(&b);
        }
    }
}
