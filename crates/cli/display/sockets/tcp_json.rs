//! The JSON `tcp` and `buffers` objects of a socket (schema/sockets.json): the TCP internals
//! and the socket memory, in one shape for every system; a value the system does not give is
//! null.

use rnetstat_core::{SocketMemory, TcpInfo};
use serde_json::{json, Value};

/// The `tcp` object.
pub fn tcp(t: &TcpInfo) -> Value {
    let options = t.options.map(|o| {
        json!({
            "sack": o.sack,
            "timestamps": o.timestamps,
            "wscale": o.wscale.map(|(snd, rcv)| json!({"snd": snd, "rcv": rcv})),
        })
    });
    let timer = t.timer.map(|x| {
        json!({"kind": x.kind.name(), "expires_ms": x.expires_ms, "retransmits": x.retransmits})
    });
    let timers = t.timers_ms.map(|[rexmt, persist, keep, msl2, delack]| {
        json!({"rexmt": rexmt, "persist": persist, "keep": keep, "2msl": msl2, "delack": delack})
    });
    json!({
        "rtt_us": t.rtt_us,
        "rttvar_us": t.rttvar_us,
        "min_rtt_us": t.min_rtt_us,
        "rto_us": t.rto_us,
        "cwnd": t.cwnd,
        "ssthresh": t.ssthresh,
        "cwnd_bytes": t.cwnd_bytes,
        "ssthresh_bytes": t.ssthresh_bytes,
        "mss": t.mss,
        "rcv_mss": t.rcv_mss,
        "retransmits": t.retransmits,
        "total_retrans": t.total_retrans,
        "lost": t.lost,
        "unacked": t.unacked,
        "sacked": t.sacked,
        "reordering": t.reordering,
        "delivery_rate": t.delivery_rate,
        "pacing_rate": t.pacing_rate,
        "bytes_acked": t.bytes_acked,
        "bytes_received": t.bytes_received,
        "bytes_sent": t.bytes_sent,
        "bytes_retrans": t.bytes_retrans,
        "segs_in": t.segs_in,
        "segs_out": t.segs_out,
        "rcv_ooopack": t.rcv_ooopack,
        "zero_windows": t.zero_windows,
        "idle_ms": t.idle_ms,
        "congestion": t.congestion,
        "ecn": t.ecn,
        "options": options,
        "timer": timer,
        "timers_ms": timers,
    })
}

/// The `buffers` object.
pub fn buffers(m: &SocketMemory) -> Value {
    json!({
        "rmem_alloc": m.rmem_alloc,
        "rcvbuf": m.rcvbuf,
        "wmem_alloc": m.wmem_alloc,
        "sndbuf": m.sndbuf,
        "fwd_alloc": m.fwd_alloc,
        "wmem_queued": m.wmem_queued,
        "optmem": m.optmem,
        "backlog": m.backlog,
        "drops": m.drops,
    })
}
