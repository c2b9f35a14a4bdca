//! One module per netstat display; [`run`] picks the one the options ask for.

pub mod interfaces;
pub mod interval;
pub mod linkstatus;
pub mod mbufs;
pub mod multicast;
pub mod neighbors;
pub mod queues;
pub mod routes;
pub mod sockets;
pub mod stats;
pub mod taps;
pub mod traffic;

use crate::args::{Display, Options};
use rnetstat_core::{Backend, Result};
use std::io::Write;

/// Render the display chosen by `opts` from `backend` into `out`.
pub fn run(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let stats = opts.stats > 0;
    match opts.display {
        Display::Sockets if stats => stats::protocols(opts, backend, out),
        Display::Multicast if stats => stats::multicast(opts, backend, out),
        Display::Routes if stats => stats::routing(opts, backend, out),
        Display::Interfaces if stats => stats::interfaces(opts, backend, out),
        Display::Routes => routes::show(opts, backend, out),
        Display::Interfaces => interfaces::show(opts, backend, out),
        Display::Multicast => multicast::show(opts, backend, out),
        Display::Sockets => sockets::show(opts, backend, out),
        Display::Memory if mbufs::applies(backend) => mbufs::show(opts, backend, out),
        Display::Memory => stats::memory(opts, backend, out),
        Display::Reachability => neighbors::show(opts, backend, out),
        Display::LinkStatus => linkstatus::show(opts, backend, out),
        Display::Traffic => traffic::show(opts, backend, out),
        Display::Taps => taps::show(opts, backend, out),
        Display::Queues => queues::show(opts, backend, out),
    }
}
