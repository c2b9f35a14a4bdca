//! The BSD flavours whose kernel layouts this crate decodes.

/// A BSD kernel ABI: message layouts, RTF_* values and sockaddr padding differ between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// FreeBSD (sockaddrs padded to sizeof(long)).
    FreeBsd,
    /// macOS / Darwin (sockaddrs padded to 4 bytes).
    MacOs,
}

impl Os {
    /// The name used in snapshot descriptions and JSON (`freebsd`, `macos`).
    pub fn name(self) -> &'static str {
        match self {
            Os::FreeBsd => "freebsd",
            Os::MacOs => "macos",
        }
    }
}
