//! One module per netstat display; [`run`] picks the one the options ask for.

pub mod interfaces;
pub mod multicast;
pub mod routes;
pub mod sockets;
pub mod stats;

use crate::args::{Display, Options};
use rnetstat_core::{Backend, Result};
use std::io::Write;

/// Render the display chosen by `opts` from `backend` into `out`.
pub fn run(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    match opts.display {
        Display::Routes => routes::show(opts, backend, out),
        Display::Interfaces => interfaces::show(opts, backend, out),
        Display::Multicast if opts.stats > 0 => stats::multicast(opts, backend, out),
        Display::Multicast => multicast::show(opts, backend, out),
        _ if opts.stats > 0 => Err(rnetstat_core::Error::Usage(
            "the protocol and routing statistics (-s, -rs) are not built yet; -gs shows multicast statistics".into(),
        )),
        Display::Sockets => sockets::show(opts, backend, out),
    }
}
