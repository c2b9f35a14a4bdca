//! One module per netstat display; [`run`] picks the one the options ask for.

pub mod interfaces;
pub mod linkstatus;
pub mod multicast;
pub mod neighbors;
pub mod queues;
pub mod routes;
pub mod sockets;
pub mod stats;

use crate::args::{Display, Options};
use rnetstat_core::{Backend, Error, Result};
use std::io::Write;

/// Render the display chosen by `opts` from `backend` into `out`.
pub fn run(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let stats = opts.stats > 0;
    match opts.display {
        Display::Sockets if stats => stats::protocols(opts, backend, out),
        Display::Multicast if stats => stats::multicast(opts, backend, out),
        Display::Routes if stats => stats::routing(opts, backend, out),
        Display::Interfaces if stats => Err(Error::Usage(
            "the per-interface statistics (-i -s, -I if -s) are not built yet".into(),
        )),
        Display::Routes => routes::show(opts, backend, out),
        Display::Interfaces => interfaces::show(opts, backend, out),
        Display::Multicast => multicast::show(opts, backend, out),
        Display::Sockets => sockets::show(opts, backend, out),
        Display::Memory => stats::memory(opts, backend, out),
        Display::Reachability => neighbors::show(opts, backend, out),
        Display::LinkStatus => linkstatus::show(opts, backend, out),
        Display::Queues => queues::show(opts, backend, out),
    }
}
