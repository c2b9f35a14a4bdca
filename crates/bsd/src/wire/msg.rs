//! Walking a sysctl answer of routing-socket messages: every message starts with
//! `u_short msglen; u_char version; u_char type;`, and messages follow each other back to back.
//! Reading helpers here never index out of bounds: a short message is an error.

use rnetstat_core::{Error, Result};

/// One message of a dump, borrowed from the sysctl answer.
#[derive(Debug, Clone, Copy)]
pub struct Msg<'a> {
    /// rtm_type / ifm_type.
    pub kind: u8,
    /// rtm_version.
    pub version: u8,
    /// The whole message, header included.
    pub bytes: &'a [u8],
}

impl<'a> Msg<'a> {
    /// A little-endian or native field of `N` bytes at `at`, or an error naming `what`.
    fn field<const N: usize>(&self, at: usize, what: &'static str) -> Result<[u8; N]> {
        self.bytes
            .get(at..at + N)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| {
                Error::decode(
                    what,
                    format!("message of {} bytes has no field at {at}", self.bytes.len()),
                )
            })
    }

    /// u8 at `at`.
    pub fn u8(&self, at: usize, what: &'static str) -> Result<u8> {
        Ok(self.field::<1>(at, what)?[0])
    }

    /// u16 at `at` (native order of the captured host: little-endian on every supported BSD).
    pub fn u16(&self, at: usize, what: &'static str) -> Result<u16> {
        Ok(u16::from_le_bytes(self.field(at, what)?))
    }

    /// u32 at `at`.
    pub fn u32(&self, at: usize, what: &'static str) -> Result<u32> {
        Ok(u32::from_le_bytes(self.field(at, what)?))
    }

    /// u64 at `at`.
    pub fn u64(&self, at: usize, what: &'static str) -> Result<u64> {
        Ok(u64::from_le_bytes(self.field(at, what)?))
    }

    /// An unsigned field of 4 or 8 bytes at `(offset, size)`.
    pub fn uint(&self, (at, size): (usize, usize), what: &'static str) -> Result<u64> {
        match size {
            8 => self.u64(at, what),
            _ => self.u32(at, what).map(u64::from),
        }
    }

    /// The bytes after a header of `header_len`, where the sockaddrs are.
    pub fn tail(&self, header_len: usize, what: &'static str) -> Result<&'a [u8]> {
        self.bytes.get(header_len..).ok_or_else(|| {
            Error::decode(
                what,
                format!(
                    "message of {} bytes is shorter than its {header_len}-byte header",
                    self.bytes.len()
                ),
            )
        })
    }
}

/// Iterate the messages of a sysctl answer.
pub fn messages<'a>(buf: &'a [u8], what: &'static str) -> Messages<'a> {
    Messages { buf, what }
}

/// Iterator returned by [`messages`].
pub struct Messages<'a> {
    buf: &'a [u8],
    what: &'static str,
}

impl<'a> Iterator for Messages<'a> {
    type Item = Result<Msg<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buf.is_empty() {
            return None;
        }
        let buf = self.buf;
        if buf.len() < 4 {
            self.buf = &[];
            return Some(Err(Error::decode(
                self.what,
                format!("{} stray bytes at the end", buf.len()),
            )));
        }
        let len = usize::from(u16::from_le_bytes([buf[0], buf[1]]));
        if len < 4 || len > buf.len() {
            self.buf = &[];
            return Some(Err(Error::decode(
                self.what,
                format!(
                    "message length {len} does not fit the {} bytes left",
                    buf.len()
                ),
            )));
        }
        self.buf = &buf[len..];
        Some(Ok(Msg {
            kind: buf[3],
            version: buf[2],
            bytes: &buf[..len],
        }))
    }
}
