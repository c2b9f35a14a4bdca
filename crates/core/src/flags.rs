//! The route flag letters of netstat(1) (`RTF_*`), independent of any kernel's bit values.
//!
//! Each backend maps its native flags and route types onto [`RouteFlags`] and documents the
//! mapping; the displays print them with [`RouteFlags::letters`] in the order netstat prints them.

/// One entry of the letter table: the bit in [`RouteFlags`], its letter, its `RTF_` name and
/// the meaning netstat(1) gives it.
#[derive(Debug, Clone, Copy)]
pub struct FlagInfo {
    /// Bit in [`RouteFlags`].
    pub bit: u32,
    /// Letter printed in the Flags column.
    pub letter: char,
    /// The BSD constant's name, e.g. `RTF_UP`.
    pub rtf_name: &'static str,
    /// snake_case name used in JSON, e.g. `up`.
    pub json_name: &'static str,
    /// Meaning, as netstat(1) words it.
    pub meaning: &'static str,
}

macro_rules! route_flags {
    ($($konst:ident = $bit:expr, $letter:expr, $rtf:expr, $json:expr, $meaning:expr;)*) => {
        impl RouteFlags {
            $(
                #[doc = $meaning]
                pub const $konst: RouteFlags = RouteFlags(1 << $bit);
            )*
        }

        /// The letter table in the order netstat prints the letters.
        pub const FLAG_TABLE: &[FlagInfo] = &[
            $(FlagInfo { bit: 1 << $bit, letter: $letter, rtf_name: $rtf, json_name: $json, meaning: $meaning },)*
        ];
    };
}

/// A set of netstat(1) route flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RouteFlags(pub u32);

// Print order follows macOS netstat: U G H R D M m b C X L S 1 2 W c 3 B I i Y r g.
route_flags! {
    UP = 0, 'U', "RTF_UP", "up", "Route usable";
    GATEWAY = 1, 'G', "RTF_GATEWAY", "gateway", "Destination requires forwarding by intermediary";
    HOST = 2, 'H', "RTF_HOST", "host", "Host entry (net otherwise)";
    REJECT = 3, 'R', "RTF_REJECT", "reject", "Host or net unreachable";
    DYNAMIC = 4, 'D', "RTF_DYNAMIC", "dynamic", "Created dynamically (by redirect)";
    MODIFIED = 5, 'M', "RTF_MODIFIED", "modified", "Modified dynamically (by redirect)";
    MULTICAST = 6, 'm', "RTF_MULTICAST", "multicast", "The route represents a multicast address";
    BROADCAST = 7, 'b', "RTF_BROADCAST", "broadcast", "The route represents a broadcast address";
    CLONING = 8, 'C', "RTF_CLONING", "cloning", "Generate new routes on use";
    XRESOLVE = 9, 'X', "RTF_XRESOLVE", "xresolve", "External daemon translates proto to link address";
    LLINFO = 10, 'L', "RTF_LLINFO", "llinfo", "Valid protocol to link address translation";
    STATIC = 11, 'S', "RTF_STATIC", "static", "Manually added";
    PROTO1 = 12, '1', "RTF_PROTO1", "proto1", "Protocol specific routing flag #1";
    PROTO2 = 13, '2', "RTF_PROTO2", "proto2", "Protocol specific routing flag #2";
    WASCLONED = 14, 'W', "RTF_WASCLONED", "was_cloned", "Route was generated as a result of cloning";
    PRCLONING = 15, 'c', "RTF_PRCLONING", "prcloning", "Protocol-specified generate new routes on use";
    PROTO3 = 16, '3', "RTF_PROTO3", "proto3", "Protocol specific routing flag #3";
    BLACKHOLE = 17, 'B', "RTF_BLACKHOLE", "blackhole", "Just discard packets (during updates)";
    IFSCOPE = 18, 'I', "RTF_IFSCOPE", "ifscope", "Route is associated with an interface scope";
    IFREF = 19, 'i', "RTF_IFREF", "ifref", "Route is holding a reference to the interface";
    PROXY = 20, 'Y', "RTF_PROXY", "proxy", "Proxying; cloned routes will not be scoped";
    ROUTER = 21, 'r', "RTF_ROUTER", "router", "Host is a default router";
    GLOBAL = 22, 'g', "RTF_GLOBAL", "global", "Route to a destination of the global internet (policy hint)";
}

impl RouteFlags {
    /// The empty set.
    pub const fn empty() -> Self {
        RouteFlags(0)
    }

    /// True when every flag of `other` is set.
    pub const fn contains(self, other: RouteFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Set the flags of `other`.
    pub fn insert(&mut self, other: RouteFlags) {
        self.0 |= other.0;
    }

    /// Clear the flags of `other`.
    pub fn remove(&mut self, other: RouteFlags) {
        self.0 &= !other.0;
    }

    /// Write the letters, in netstat's order, into `out` (no allocation).
    pub fn write_letters(self, out: &mut String) {
        for f in FLAG_TABLE {
            if self.0 & f.bit != 0 {
                out.push(f.letter);
            }
        }
    }

    /// The letters, in netstat's order, e.g. `"UGS"`.
    pub fn letters(self) -> String {
        let mut s = String::with_capacity(8);
        self.write_letters(&mut s);
        s
    }

    /// The JSON names of the flags that are set, in letter order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        FLAG_TABLE
            .iter()
            .filter(move |f| self.0 & f.bit != 0)
            .map(|f| f.json_name)
    }

    /// Parse letters back into flags (used by tests and snapshots); unknown letters are an error.
    pub fn from_letters(s: &str) -> Result<Self, char> {
        let mut flags = RouteFlags::empty();
        for c in s.chars() {
            let f = FLAG_TABLE.iter().find(|f| f.letter == c).ok_or(c)?;
            flags.0 |= f.bit;
        }
        Ok(flags)
    }
}

impl std::ops::BitOr for RouteFlags {
    type Output = RouteFlags;
    fn bitor(self, rhs: RouteFlags) -> RouteFlags {
        RouteFlags(self.0 | rhs.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_netstat_order() {
        let f = RouteFlags::STATIC | RouteFlags::GATEWAY | RouteFlags::UP;
        assert_eq!(f.letters(), "UGS");
        let f = RouteFlags::UP | RouteFlags::HOST | RouteFlags::LLINFO | RouteFlags::WASCLONED;
        assert_eq!(f.letters(), "UHLW");
        assert_eq!(f.names().collect::<Vec<_>>(), ["up", "host", "llinfo", "was_cloned"]);
    }

    #[test]
    fn table_is_complete_and_unique() {
        let letters: String = FLAG_TABLE.iter().map(|f| f.letter).collect();
        assert_eq!(letters, "UGHRDMmbCXLS12Wc3BIiYrg");
        let mut seen = 0u32;
        for f in FLAG_TABLE {
            assert_eq!(seen & f.bit, 0, "duplicate bit for {}", f.letter);
            seen |= f.bit;
        }
        assert_eq!(RouteFlags::from_letters("UGS").unwrap().letters(), "UGS");
        assert_eq!(RouteFlags::from_letters("Uz"), Err('z'));
    }
}
