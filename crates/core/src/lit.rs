//! [`Lit`]: a short string stored inline. The large constant tables (the BSD statistics wording
//! and layouts) use it: a `&'static str` in a table is a pointer, which a position-independent
//! binary relocates at start-up, copying every page of the table; inline bytes need no
//! relocation, so the tables stay in read-only data that is only read when a display uses them.
//! [`crate::CounterName`] keeps short counter names in one, without an allocation.

/// A string of at most `N` bytes, stored inline.
#[derive(Clone, Copy)]
pub struct Lit<const N: usize> {
    len: u8,
    bytes: [u8; N],
}

impl<const N: usize> Lit<N> {
    /// `s` inline; a string longer than `N` bytes (or 255) does not compile in a constant
    /// (and panics elsewhere: see [`Lit::fits`]).
    pub const fn new(s: &str) -> Self {
        let b = s.as_bytes();
        assert!(Self::fits(s), "string too long for Lit");
        let mut bytes = [0u8; N];
        bytes.split_at_mut(b.len()).0.copy_from_slice(b);
        Lit {
            len: b.len() as u8,
            bytes,
        }
    }

    /// Whether `s` fits in a `Lit<N>`.
    pub const fn fits(s: &str) -> bool {
        s.len() <= N && s.len() <= u8::MAX as usize
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        // Made from a &str whole, so always valid UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl<const N: usize> std::fmt::Debug for Lit<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl<const N: usize> std::fmt::Display for Lit<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<const N: usize> PartialEq<str> for Lit<N> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_its_string() {
        const L: Lit<8> = Lit::new("tcp");
        assert_eq!(L.as_str(), "tcp");
        assert_eq!(Lit::<4>::new("").as_str(), "");
        assert_eq!(Lit::<4>::new("abcd").as_str(), "abcd");
        assert!(Lit::<4>::fits("abcd") && !Lit::<4>::fits("abcde"));
    }
}
