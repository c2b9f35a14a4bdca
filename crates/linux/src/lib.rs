//! rnetstat-linux: the Linux backend of rnetstat.
//!
//! Network state comes from two kinds of kernel source, each a folder of decoders that turn
//! the kernel's answers into the core model and never panic on bad input:
//! - [`netlink`]: rtnetlink and sock_diag dumps (links, addresses, routes, neighbours, queues,
//!   multicast forwarding entries, sockets), with their framing and dump loop;
//! - [`procfs`]: the text tables and counters of /proc/net (sockets where sock_diag is
//!   missing, socket owners, multicast memberships and router tables, the statistics
//!   displays' counters and their netstat-style wording).
//!
//! [`tcp_walk`] reads every namespace's TCP sockets in one walk for `-j all` (a BPF program
//! placed by the kernel's [`btf`]).
//!
//! [`netns`] finds the host's network namespaces and labels them (names, processes,
//! containers) for `-j`.
//!
//! Every read goes through a [`source::Source`]: the live kernel ([`source::Live`], Linux
//! only), a snapshot directory of captured answers ([`source::Snapshot`], any platform), or the
//! live kernel while capturing its answers ([`source::Capture`]). [`backend::LinuxBackend`]
//! answers the display's questions from them. Module imports run one way: backend -> source
//! and the decoders; procfs -> netlink (shared socket decoding), never back.

pub mod backend;
pub mod btf;
pub mod netlink;
#[cfg(target_os = "linux")]
pub mod netns;
pub mod procfs;
pub mod source;
pub mod tcp_states;
pub mod tcp_walk;

pub use backend::LinuxBackend;
