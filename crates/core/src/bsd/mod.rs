//! Models only the BSD systems have, kept apart from the neutral model: the mbuf allocator
//! statistics of `-m` ([`mbuf`]: FreeBSD's UMA zones, macOS's mbuf classes), FreeBSD's and
//! macOS's socket detail ([`freebsd_socket`], [`xnu_socket`]) and the bpf(4) peers of `-B`
//! ([`bpf`]).

pub mod bpf;
pub mod freebsd_socket;
pub mod mbuf;
pub mod xnu_socket;
