//! Protocol and routing statistics (`-s`, `-rs`) of FreeBSD and macOS:
//!
//! - [`sections`]: the sections in netstat's order, the sysctls each reads and the values
//!   netstat derives from them ([`protocol_stats`], [`routing_stats`]).
//! - [`layout`]: the kernel's statistics structures as byte layouts, per system, and their
//!   decoder.
//! - [`values`]: the decoded counters of one structure, by name.
//! - [`wording`]: netstat's wording of every line, shared by both systems, and its rendering.

pub mod layout;
pub mod sections;
pub mod values;
pub mod wording;

pub use sections::{protocol_stats, routing_stats};
