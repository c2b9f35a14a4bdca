//! rtnetlink and sock_diag: the framing of netlink messages ([`nlmsg`]), a dump's message loop
//! ([`dump`]), and one decoder per message kind: links, addresses, routes, neighbours, queueing
//! disciplines and classes, multicast forwarding entries, and sockets ([`diag`]).

pub mod addr;
pub mod diag;
pub mod dump;
pub mod link;
pub mod mroute;
pub mod neigh;
pub mod nlmsg;
pub mod qdisc;
pub mod route;
