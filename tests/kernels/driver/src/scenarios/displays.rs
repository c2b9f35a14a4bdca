//! Every display, as text and JSON, in a namespace holding a bit of everything: exit 0,
//! nothing on stderr, JSON that parses with the display's name. Where this kernel lacks an
//! answer, rnetstat must print `-` or null, never fail. Numeric (-n) throughout: a guest has
//! no name server, and a static (musl) resolver waits out its timeout for each name.

use super::Pair;
use crate::ensure_eq;
use crate::ns::Check;

/// The display flags and their JSON `display` names.
const DISPLAYS: &[(&[&str], &str)] = &[
    (&["-an"], "sockets"),
    (&["-anv"], "sockets"),
    (&["-aLn"], "sockets"),
    (&["-an", "-f", "unix"], "sockets"),
    (&["-rn"], "routes"),
    (&["-rna"], "routes"),
    (&["-rs"], "routing_statistics"),
    (&["-in"], "interfaces"),
    (&["-ian"], "interfaces"),
    (&["-ibn"], "interfaces"),
    (&["-idn"], "interfaces"),
    (&["-I", "va0", "-s"], "interface_statistics"),
    (&["-gn"], "multicast"),
    (&["-gvvn"], "multicast"),
    (&["-gs"], "multicast_statistics"),
    (&["-s"], "statistics"),
    (&["-ss"], "statistics"),
    (&["-m"], "memory_statistics"),
    (&["-q", "-I", "va0"], "queues"),
    (&["-Rn"], "neighbors"),
    (&["-B"], "taps"),
    (&["-S", "-I", "va0"], "link_status"),
];

pub fn run() -> Check {
    let p = Pair::new("all")?;
    let _tcp = p.a.helper(&["tcp", "198.51.100.2:7002", "4", "1"])?;
    let _join = p.a.helper(&["join", "va0"])?;
    let _tap = p.a.helper(&["packet", "va0"])?;
    p.a.ping("198.51.100.1", 1)?;
    for (args, display) in DISPLAYS {
        p.a.rn(args)?;
        let doc = p.a.rn_json(args)?;
        ensure_eq!(doc["display"], *display, "{args:?}");
        ensure_eq!(doc["schema"], 1, "{args:?}");
    }
    Ok(())
}
