//! rnetstat's integration tests, linked into one test binary (`cargo test --test integration`):
//! each module below was once a test binary of its own, and [`common`] is the support they
//! share. Cargo.toml sets `autotests = false`, so a new file in tests/ runs only once it is
//! declared here.

mod common;

mod bsd_fixtures;
mod capture;
mod completions;
mod cross_builds;
mod errors;
mod filters;
mod freebsd_real;
mod interfaces;
mod meta;
mod modules;
mod multicast;
mod neighbors;
mod netns;
mod netns_walk;
mod package;
mod prometheus;
mod queues;
mod routes;
mod snapshots;
mod sockets;
mod statistics;
mod taps;
mod tcp_internals;
mod tcp_walk;
mod traffic;
mod unprivileged;
