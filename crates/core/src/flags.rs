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
    /// What the flag means, in a few words.
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

// Print order follows macOS netstat: U G H R D M m C X L S 1 2 W c 3 B b I i Y r g.
route_flags! {
    UP = 0, 'U', "RTF_UP", "up", "The route is up and may be used";
    GATEWAY = 1, 'G', "RTF_GATEWAY", "gateway", "Packets go through a gateway (router)";
    HOST = 2, 'H', "RTF_HOST", "host", "The destination is one host, not a network";
    REJECT = 3, 'R', "RTF_REJECT", "reject", "Packets are refused with an unreachable error";
    DYNAMIC = 4, 'D', "RTF_DYNAMIC", "dynamic", "Learned at run time, e.g. from an ICMP redirect";
    MODIFIED = 5, 'M', "RTF_MODIFIED", "modified", "Changed at run time, e.g. by an ICMP redirect";
    MULTICAST = 6, 'm', "RTF_MULTICAST", "multicast", "The destination is a multicast address";
    CLONING = 8, 'C', "RTF_CLONING", "cloning", "Clones host routes when used";
    XRESOLVE = 9, 'X', "RTF_XRESOLVE", "xresolve", "A user-space daemon resolves the link-layer address";
    LLINFO = 10, 'L', "RTF_LLINFO", "llinfo", "Holds a link-layer address (ARP/NDP entry, or an address of this host)";
    STATIC = 11, 'S', "RTF_STATIC", "static", "Added by an administrator or a program, not by the kernel";
    PROTO1 = 12, '1', "RTF_PROTO1", "proto1", "First flag left to routing protocols (set by routing daemons)";
    PROTO2 = 13, '2', "RTF_PROTO2", "proto2", "Second flag left to routing protocols";
    WASCLONED = 14, 'W', "RTF_WASCLONED", "was_cloned", "Cloned from another route";
    PRCLONING = 15, 'c', "RTF_PRCLONING", "prcloning", "Clones routes when used, as the protocol asks";
    PROTO3 = 16, '3', "RTF_PROTO3", "proto3", "Third flag left to routing protocols";
    BLACKHOLE = 17, 'B', "RTF_BLACKHOLE", "blackhole", "Packets are silently dropped";
    BROADCAST = 7, 'b', "RTF_BROADCAST", "broadcast", "The destination is a broadcast address";
    IFSCOPE = 18, 'I', "RTF_IFSCOPE", "ifscope", "Bound to one interface's scope";
    IFREF = 19, 'i', "RTF_IFREF", "ifref", "Keeps a reference on its interface";
    PROXY = 20, 'Y', "RTF_PROXY", "proxy", "Proxy entry; its clones are not interface-scoped";
    ROUTER = 21, 'r', "RTF_ROUTER", "router", "The destination is a default router";
    GLOBAL = 22, 'g', "RTF_GLOBAL", "global", "Reaches the global internet (a policy hint)";
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

    /// Write the letters that appear in `order`, in that order: each system's netstat prints
    /// its own subset in its own order (FreeBSD: `UGHRDMXS123BbL`).
    pub fn write_letters_in(self, order: &str, out: &mut String) {
        for c in order.chars() {
            if let Some(f) = FLAG_TABLE.iter().find(|f| f.letter == c) {
                if self.0 & f.bit != 0 {
                    out.push(c);
                }
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
        assert_eq!(
            f.names().collect::<Vec<_>>(),
            ["up", "host", "llinfo", "was_cloned"]
        );
    }

    #[test]
    fn table_is_complete_and_unique() {
        let letters: String = FLAG_TABLE.iter().map(|f| f.letter).collect();
        assert_eq!(letters, "UGHRDMmCXLS12Wc3BbIiYrg");
        let mut seen = 0u32;
        for f in FLAG_TABLE {
            assert_eq!(seen & f.bit, 0, "duplicate bit for {}", f.letter);
            seen |= f.bit;
        }
        assert_eq!(RouteFlags::from_letters("UGS").unwrap().letters(), "UGS");
        assert_eq!(RouteFlags::from_letters("Uz"), Err('z'));
        let mut s = String::new();
        let f = RouteFlags::from_letters("UbSBm").unwrap();
        f.write_letters_in("UGHRDMXS123BbL", &mut s);
        assert_eq!(s, "USBb");
    }
}
