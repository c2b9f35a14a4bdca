//! The one error type of rnetstat. Every variant renders as one line for `rnetstat: ...`.

use std::fmt;

/// Result with the rnetstat [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong between the kernel (or a snapshot) and the display.
#[derive(Debug)]
pub enum Error {
    /// The backend has no source for this display on this platform.
    NotSupported(String),
    /// `-I name` named an interface the host does not have.
    UnknownInterface(String),
    /// A kernel answer (or snapshot file) that the decoder does not understand.
    Decode {
        /// Which source was being decoded, e.g. "netlink route dump".
        what: &'static str,
        /// What was wrong with it.
        detail: String,
    },
    /// The kernel answered a request with an error number.
    Kernel {
        /// What was asked, e.g. "RTM_GETROUTE dump".
        what: &'static str,
        /// The positive errno value.
        errno: i32,
    },
    /// An I/O error, with what was being done.
    Io {
        /// What was being done, e.g. "reading snapshot dir/link.nl".
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The reader of our output went away (closed pipe): end quietly.
    BrokenPipe,
    /// Bad command-line usage (conflicting or missing flags, a value of the wrong form),
    /// raised only by the CLI's argument module.
    Usage(String),
    /// What was asked for is not there: a snapshot without the answer a display needs, a
    /// queue selector that matches no queue. The message says which.
    NotFound(String),
}

impl Error {
    /// Decode error helper.
    pub fn decode(what: &'static str, detail: impl Into<String>) -> Self {
        Error::Decode {
            what,
            detail: detail.into(),
        }
    }

    /// I/O error with context; a closed pipe becomes [`Error::BrokenPipe`].
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Io {
                context: context.into(),
                source,
            }
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::io("writing output", e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotSupported(what) => write!(f, "{what} is not supported on this platform"),
            Error::UnknownInterface(name) => write!(f, "{name}: no such interface"),
            Error::Decode { what, detail } => write!(f, "cannot decode {what}: {detail}"),
            Error::Kernel { what, errno } => {
                write!(f, "{what}: {}", std::io::Error::from_raw_os_error(*errno))
            }
            Error::Io { context, source } => write!(f, "{context}: {source}"),
            Error::BrokenPipe => write!(f, "output pipe closed"),
            Error::Usage(msg) | Error::NotFound(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {}
