//! Running one dump: walk the answer's messages, stop at NLMSG_DONE, turn NLMSG_ERROR into an
//! error, note NLM_F_DUMP_INTR, and hand each data message to the caller.

use crate::netlink::nlmsg::{self, NlMsg};
use crate::source::{Dump, Source};
use rnetstat_core::{Error, Result};

/// What a completed dump reports besides its messages.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DumpOutcome {
    /// The kernel flagged the dump as interrupted by a concurrent change (NLM_F_DUMP_INTR).
    pub interrupted: bool,
}

/// Run `dump` on `source`, calling `on_message` for each message that is neither control
/// (NOOP, DONE, ERROR, OVERRUN) nor of another type than `want`.
pub fn run(
    source: &mut dyn Source,
    dump: Dump,
    want: u16,
    on_message: &mut dyn FnMut(NlMsg<'_>) -> Result<()>,
) -> Result<DumpOutcome> {
    let mut outcome = DumpOutcome::default();
    let what = dump_name(dump);
    source.dump(dump, &mut |bytes: &[u8]| {
        for msg in nlmsg::messages(bytes) {
            let msg = msg?;
            if msg.flags & nlmsg::NLM_F_DUMP_INTR != 0 {
                outcome.interrupted = true;
            }
            match msg.kind {
                nlmsg::NLMSG_NOOP => {}
                nlmsg::NLMSG_DONE => {
                    // Since Linux 4.x NLMSG_DONE carries an int: 0 or a negative errno.
                    if let Some(code) = read_i32(msg.payload) {
                        if code < 0 {
                            return Err(Error::Kernel { what, errno: -code });
                        }
                    }
                    return Ok(true);
                }
                nlmsg::NLMSG_ERROR => {
                    let code = read_i32(msg.payload).ok_or_else(|| {
                        Error::decode("netlink error message", "shorter than its error code")
                    })?;
                    if code < 0 {
                        return Err(Error::Kernel { what, errno: -code });
                    }
                    return Ok(true);
                }
                nlmsg::NLMSG_OVERRUN => {
                    return Err(Error::decode(
                        "netlink answer",
                        "the kernel reports data lost (overrun)",
                    ))
                }
                kind if kind == want => on_message(msg)?,
                _ => {}
            }
        }
        Ok(false)
    })?;
    Ok(outcome)
}

fn read_i32(b: &[u8]) -> Option<i32> {
    Some(i32::from_ne_bytes(b.get(..4)?.try_into().ok()?))
}

fn dump_name(dump: Dump) -> &'static str {
    match dump {
        Dump::Links => "RTM_GETLINK dump",
        Dump::Addresses => "RTM_GETADDR dump",
        Dump::Routes(..) => "RTM_GETROUTE dump",
        Dump::Inet { .. } | Dump::TcpStates(_) => "inet_diag dump",
        Dump::TcpBoth { .. } | Dump::TcpStatesBoth => "inet_diag dump (TCPDIAG_GETSOCK)",
        Dump::Unix { .. } => "unix_diag dump",
        Dump::Packet => "packet_diag dump",
        Dump::Neighbors => "RTM_GETNEIGH dump",
        Dump::Qdiscs(_) => "RTM_GETQDISC dump",
        Dump::Classes(_) => "RTM_GETTCLASS dump",
        Dump::Mroutes(_) => "RTM_GETROUTE (multicast) dump",
        Dump::Vsock { .. } => "vsock_diag dump",
    }
}
