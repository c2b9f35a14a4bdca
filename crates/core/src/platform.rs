//! The system a backend reads: each prints its own netstat form and takes its own netstat's
//! flag meanings, so displays match on it exhaustively.

/// A system rnetstat knows the network state of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Linux: rtnetlink, sock_diag and procfs; macOS netstat(1)'s forms.
    Linux,
    /// FreeBSD: routing-socket and pcb-list sysctls; FreeBSD netstat's forms.
    FreeBsd,
    /// macOS: routing-socket and pcb-list sysctls; macOS netstat's forms.
    MacOs,
}

impl Platform {
    /// Every platform.
    pub const ALL: [Platform; 3] = [Platform::Linux, Platform::FreeBsd, Platform::MacOs];

    /// Its name in JSON (`"platform"`) and in snapshot metadata.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Linux => "linux",
            Platform::FreeBsd => "freebsd",
            Platform::MacOs => "macos",
        }
    }

    /// The platform of a name, as [`Platform::name`] writes it.
    pub fn from_name(name: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Platform::ALL {
            assert_eq!(Platform::from_name(p.name()), Some(p));
        }
        assert_eq!(Platform::from_name("netbsd"), None);
    }
}
