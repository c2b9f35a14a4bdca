//! The wording of BSD `netstat -s`, shared by FreeBSD and macOS: one table per section, one
//! row per printed line, in print order. Both netstats descend from 4.4BSD's and print most
//! lines alike; a row says on which system it is printed ([`F`], [`M`] or both, [`B`]) and
//! after how many tabs on each.
//!
//! A row names the kernel counter(s) it prints (as the statistics structure names its fields,
//! or a value the decoder derives, such as UDP's `delivered`) and its text in
//! [`rnetstat_core::Counter`]'s template language: `{}` for a number, `{s}`, `{es}`, `{ies}`
//! or `{singular|plural}` for the word forms that follow the number before them (netstat's
//! `plural()`, `plurales()`, `pluralies()`: singular for 1 on FreeBSD, for 0 and 1 on macOS,
//! see [`rnetstat_core::Plural`]), `{?yes|no}` for a word chosen by whether the number is
//! zero. The printed text is a fact about the real tools: FreeBSD 15's usr.bin/netstat
//! (inet.c, inet6.c, route.c) and macOS's network_cmds-741.100.2 netstat.tproj (inet.c,
//! inet6.c, route.c).
//!
//! - `row`: [`Line`], [`What`] and [`Names`], and the constructors the tables are written with.
//! - `tables`: the tables, [`TCP`] to [`ROUTING`].
//! - `render`: [`render()`] turns a table and the
//!   [`Values`](crate::stats::values::Values) that `stats::layout` decodes into the counters
//!   of one [`StatGroup`](rnetstat_core::StatGroup).
//! - `entries`: the names of histogram entries (ICMP types, IPv6 next headers, ...).

mod entries;
mod render;
mod row;
mod tables;

pub use entries::ICMP_TYPES;
pub use render::render;
pub use row::{Always, Close, FieldName, Hist, Line, Names, One, Open, Text, Two, What, B, F, M};
pub use tables::{ARP, ICMP, ICMP6, IGMP, IP, IP6, PIM, RIP6, ROUTING, TCP, UDP};
