//! [`CounterName`]: a statistics counter's name without a heap allocation in the usual cases.
//!
//! A `-s` display has hundreds of counters. Those rnetstat has wording for are named by static
//! words; the others by the kernel's name as read (procfs text, a BSD structure's field), which
//! would otherwise be one small `String` each: on Linux about 330 allocations per run, a tenth of
//! `rnetstat -s`'s time. Kernel counter names are short (the longest in Linux 6.x,
//! `Icmp6OutNeighborAdvertisements`, has 30 bytes), so they are kept inline in the value.

use crate::lit::Lit;
use std::fmt;
use std::ops::Deref;

/// Bytes kept inline: the value is then 32 bytes, as large as a `String` plus its tag.
const INLINE: usize = 30;

/// A counter's name: a static word, a short name kept inline, or a longer one owned.
/// Reads as a `&str` (it derefs to one) and compares as one.
#[derive(Clone)]
pub struct CounterName(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Inline(Lit<INLINE>),
    Owned(Box<str>),
}

impl CounterName {
    /// A static word (no copy).
    pub const fn fixed(name: &'static str) -> CounterName {
        CounterName(Repr::Static(name))
    }

    /// A copy of `name`: inline when it is short, else on the heap.
    pub fn new(name: &str) -> CounterName {
        if Lit::<INLINE>::fits(name) {
            CounterName(Repr::Inline(Lit::new(name)))
        } else {
            CounterName(Repr::Owned(name.into()))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Inline(s) => s.as_str(),
            Repr::Owned(s) => s,
        }
    }
}

impl Default for CounterName {
    fn default() -> CounterName {
        CounterName::fixed("")
    }
}

impl Deref for CounterName {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for CounterName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for CounterName {
    fn from(name: String) -> CounterName {
        CounterName::new(&name)
    }
}

impl PartialEq for CounterName {
    fn eq(&self, other: &CounterName) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for CounterName {}

impl PartialEq<str> for CounterName {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CounterName {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for CounterName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for CounterName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_back() {
        let long = "Icmp6OutNeighborAdvertisementsAndMore";
        for (name, text) in [
            (CounterName::fixed("InReceives"), "InReceives"),
            (CounterName::new("TCPAckCompressed"), "TCPAckCompressed"),
            (
                CounterName::new("Icmp6OutNeighborAdvertisements"),
                "Icmp6OutNeighborAdvertisements",
            ),
            (CounterName::new(long), long),
            (CounterName::new("é✓"), "é✓"),
            (CounterName::default(), ""),
        ] {
            assert_eq!(name.as_str(), text);
            assert_eq!(name, text);
            assert_eq!(name, CounterName::new(text));
            assert_eq!(format!("{name:?}"), format!("{text:?}"));
        }
        assert!(matches!(
            CounterName::new("Icmp6OutNeighborAdvertisements").0,
            Repr::Inline(_)
        ));
        assert!(matches!(CounterName::new(long).0, Repr::Owned(_)));
        assert_eq!(std::mem::size_of::<CounterName>(), 32);
    }
}
