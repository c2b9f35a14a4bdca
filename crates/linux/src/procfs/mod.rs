//! procfs: what the kernel gives only as text under /proc/net (and /proc/PID/fd): the rows
//! of its tables ([`rows`]), sockets where sock_diag is missing ([`sockets`]), socket owners
//! ([`owners`]), multicast memberships and router tables ([`multicast`]), and the counters of
//! the statistics displays ([`snmp`] files, their [`protocol`] sections and [`wording`], [`routing`] and
//! [`memory`] statistics), and the container of a process from its cgroup path ([`cgroup`]).

pub mod cgroup;
pub mod memory;
pub mod multicast;
pub mod owners;
pub mod protocol;
pub mod routing;
pub mod rows;
pub mod snmp;
pub mod sockets;
pub mod wording;
