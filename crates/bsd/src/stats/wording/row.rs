//! The rows of the wording tables: [`Line`] (on which systems, after how many tabs, what),
//! [`What`] a row prints, [`Names`] of histogram entries, and the short constructors the
//! tables are written with.

use crate::os::Os;
use rnetstat_core::lit::Lit;
use rnetstat_core::Shown;

/// Printed on FreeBSD only.
pub const F: u8 = 1;
/// Printed on macOS only.
pub const M: u8 = 2;
/// Printed on both.
pub const B: u8 = F | M;

/// One row of a section's table.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// The systems that print it ([`F`], [`M`], [`B`]).
    pub on: u8,
    /// Tabs before the line on FreeBSD (histogram entries: before each entry).
    pub freebsd_tabs: u8,
    /// Tabs before the line on macOS.
    pub macos_tabs: u8,
    /// What the line prints.
    pub what: What,
}

/// A counter's field name in a table (inline: see [`rnetstat_core::lit`]).
pub type FieldName = Lit<48>;
/// A line's text in a table.
pub type Text = Lit<80>;

/// What a row prints. The tables build rows with [`One`], [`Two`], [`Always`], [`Hist`],
/// [`Open`] and [`Close`].
#[derive(Debug, Clone, Copy)]
pub enum What {
    /// One counter: its field and text; left out under `-ss` when zero.
    Counter(FieldName, Text),
    /// Two counters on one line ("N data packets (M bytes)"); left out under `-ss` when both
    /// are zero.
    Pair(FieldName, FieldName, Text),
    /// One counter printed whatever `-ss` says.
    Fixed(FieldName, Text),
    /// One line per element of an array counter (a histogram), named by `Names`, printed as
    /// `Shown` says, under a heading printed before the first entry shown.
    Histogram(FieldName, Names, Shown, Text),
    /// A heading above the following rows, up to [`What::EndHeading`].
    Heading(Text),
    /// Ends the last [`What::Heading`].
    EndHeading,
}

/// A row of one counter.
#[allow(non_snake_case)]
pub const fn One(field: &str, text: &str) -> What {
    What::Counter(Lit::new(field), Lit::new(text))
}

/// A row of two counters.
#[allow(non_snake_case)]
pub const fn Two(field: &str, second: &str, text: &str) -> What {
    What::Pair(Lit::new(field), Lit::new(second), Lit::new(text))
}

/// A row printed whatever `-ss` says.
#[allow(non_snake_case)]
pub const fn Always(field: &str, text: &str) -> What {
    What::Fixed(Lit::new(field), Lit::new(text))
}

/// A histogram's rows.
#[allow(non_snake_case)]
pub const fn Hist(array: &str, names: Names, shown: Shown, heading: &str) -> What {
    What::Histogram(Lit::new(array), names, shown, Lit::new(heading))
}

/// A heading above the following rows.
#[allow(non_snake_case)]
pub const fn Open(heading: &str) -> What {
    What::Heading(Lit::new(heading))
}

/// The end of the last heading.
#[allow(non_upper_case_globals)]
pub const Close: What = What::EndHeading;

/// How the entries of a histogram are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// ICMP types: "echo reply: N".
    Icmp,
    /// ICMPv6 types: "echo: N".
    Icmp6,
    /// IPv6 next headers: "TCP: N".
    Ip6Next,
    /// Interfaces by index: "lo0= N".
    Ifnames,
    /// IPv6 address scopes: "N link-locals", "N addresses scope=3".
    Scope,
    /// Source address selection rules: "N longest match".
    SourceRules,
    /// TCP states: "N connections in ESTABLISHED state".
    TcpStates,
    /// macOS's IPv6 address scopes: every scope, the named ones as [`Names::Scope`] (left
    /// out under `-ss` when zero), the others "N addresses scope=3" always.
    MacScope,
    /// macOS's source address selection rules: "N rules prefer outgoing interface".
    MacSourceRules,
}

impl Line {
    /// Tabs before the line on `os`.
    pub fn tabs(&self, os: Os) -> u8 {
        match os {
            Os::FreeBsd => self.freebsd_tabs,
            Os::MacOs => self.macos_tabs,
        }
    }
}

/// A row printed on `on` ([`F`], [`M`], [`B`]) after `tabs` tabs.
pub(super) const fn l(on: u8, tabs: u8, what: What) -> Line {
    Line {
        on,
        freebsd_tabs: tabs,
        macos_tabs: tabs,
        what,
    }
}

/// A row printed on both systems, after `freebsd` tabs on FreeBSD and `macos` tabs on macOS.
pub(super) const fn fm(freebsd: u8, macos: u8, what: What) -> Line {
    Line {
        on: B,
        freebsd_tabs: freebsd,
        macos_tabs: macos,
        what,
    }
}
