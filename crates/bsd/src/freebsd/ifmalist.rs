//! Multicast memberships from FreeBSD's NET_RT_IFMALIST: a struct ifma_msghdr (RTM_NEWMADDR)
//! per membership, with RTA_IFA (the group), RTA_GATEWAY (its link-layer group) and RTA_IFP.
//! macOS sends its memberships inside NET_RT_IFLIST2 instead (see [`crate::rtsock::iflist`]).

use crate::os::Os;
use crate::rtsock::iflist::membership;
use crate::wire::msg::messages;
use rnetstat_core::{Membership, Result};

/// Decode a whole NET_RT_IFMALIST answer. Interface names are filled in by the caller.
pub fn decode(os: Os, buf: &[u8]) -> Result<Vec<Membership>> {
    let l = os.if_layout();
    let mut out = Vec::new();
    for msg in messages(buf, "multicast list (NET_RT_IFMALIST)") {
        let msg = msg?;
        if msg.kind != l.ifma_type {
            continue;
        }
        if let Some(m) = membership(os, &msg, l.ifma_header_len, l.ifma_refcount)? {
            out.push(m);
        }
    }
    Ok(out)
}
