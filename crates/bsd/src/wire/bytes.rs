//! Reading kernel structures out of sysctl answers, for every decoder of the crate: [`Rec`]
//! reads little-endian fields of one record (or header) without ever indexing out of bounds,
//! [`records`] cuts an array of fixed-size records, [`Fields`] names a struct's offsets, and
//! [`c_str`] ends a C string at its NUL.

use rnetstat_core::{Error, Result};
use std::net::{Ipv4Addr, Ipv6Addr};

/// One record (or header) of an answer: bounds-checked little-endian field reads.
#[derive(Debug, Clone, Copy)]
pub struct Rec<'a> {
    /// The record's bytes.
    pub bytes: &'a [u8],
    /// What it is (the sysctl, or the structure), for error messages.
    pub what: &'static str,
}

impl<'a> Rec<'a> {
    /// The record `bytes`, named `what` in errors.
    pub fn new(bytes: &'a [u8], what: &'static str) -> Rec<'a> {
        Rec { bytes, what }
    }

    fn field<const N: usize>(&self, at: usize) -> Result<[u8; N]> {
        self.bytes
            .get(at..at.saturating_add(N))
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| {
                Error::decode(
                    self.what,
                    format!("record of {} bytes has no field at {at}", self.bytes.len()),
                )
            })
    }

    /// u8 at `at`.
    pub fn u8(&self, at: usize) -> Result<u8> {
        Ok(self.field::<1>(at)?[0])
    }

    /// u16 at `at` in host (little-endian) order.
    pub fn u16(&self, at: usize) -> Result<u16> {
        Ok(u16::from_le_bytes(self.field(at)?))
    }

    /// u16 at `at` in network order (ports).
    pub fn u16_be(&self, at: usize) -> Result<u16> {
        Ok(u16::from_be_bytes(self.field(at)?))
    }

    /// i16 at `at`.
    pub fn i16(&self, at: usize) -> Result<i16> {
        Ok(i16::from_le_bytes(self.field(at)?))
    }

    /// u32 at `at`.
    pub fn u32(&self, at: usize) -> Result<u32> {
        Ok(u32::from_le_bytes(self.field(at)?))
    }

    /// i32 at `at`.
    pub fn i32(&self, at: usize) -> Result<i32> {
        Ok(i32::from_le_bytes(self.field(at)?))
    }

    /// u64 at `at`.
    pub fn u64(&self, at: usize) -> Result<u64> {
        Ok(u64::from_le_bytes(self.field(at)?))
    }

    /// An IPv4 address (network order) at `at`.
    pub fn ip4(&self, at: usize) -> Result<Ipv4Addr> {
        Ok(Ipv4Addr::from(self.field::<4>(at)?))
    }

    /// An IPv6 address at `at`.
    pub fn ip6(&self, at: usize) -> Result<Ipv6Addr> {
        Ok(Ipv6Addr::from(self.array16(at)?))
    }

    /// `n` bytes at `at`.
    pub fn bytes(&self, at: usize, n: usize) -> Result<&'a [u8]> {
        self.bytes.get(at..at.saturating_add(n)).ok_or_else(|| {
            Error::decode(
                self.what,
                format!(
                    "record of {} bytes has no {n} bytes at {at}",
                    self.bytes.len()
                ),
            )
        })
    }

    /// The 16 bytes at `at`.
    pub fn array16(&self, at: usize) -> Result<[u8; 16]> {
        self.field(at)
    }

    /// The C string in the `n` bytes at `at` (up to its NUL), as text.
    pub fn c_string(&self, at: usize, n: usize) -> Result<String> {
        Ok(String::from_utf8_lossy(c_str(self.bytes(at, n)?)).into_owned())
    }

    /// The record that starts at `at` (a struct embedded in this one).
    pub fn sub(&self, at: usize, what: &'static str) -> Result<Rec<'a>> {
        Ok(Rec {
            bytes: self
                .bytes
                .get(at..)
                .ok_or_else(|| Error::decode(self.what, format!("no embedded {what} at {at}")))?,
            what,
        })
    }

    /// An error unless the record has at least `size` bytes (its struct).
    pub fn at_least(&self, size: usize) -> Result<()> {
        if self.bytes.len() < size {
            return Err(Error::decode(
                self.what,
                format!("record of {} bytes, expected {size}", self.bytes.len()),
            ));
        }
        Ok(())
    }
}

/// The fixed-size records of `buf`, `len` bytes each; an answer that is not a whole number
/// of them is damaged (an error).
pub fn records<'a>(
    buf: &'a [u8],
    len: usize,
    what: &'static str,
) -> Result<impl Iterator<Item = Rec<'a>>> {
    if len == 0 || !buf.len().is_multiple_of(len) {
        return Err(Error::decode(
            what,
            format!(
                "{} bytes is not a whole number of {len}-byte records",
                buf.len()
            ),
        ));
    }
    Ok(buf.chunks_exact(len).map(move |bytes| Rec { bytes, what }))
}

/// The little-endian unsigned value of `width` (up to 8) bytes at `at`, if `buf` has them.
pub fn le(buf: &[u8], at: usize, width: usize) -> Option<u64> {
    let bytes = buf.get(at..at.checked_add(width)?)?;
    Some(
        bytes
            .iter()
            .rev()
            .fold(0u64, |v, &b| (v << 8) | u64::from(b)),
    )
}

/// A struct's field offsets by the names its header gives them (the names of layout.txt's
/// `offsetof` lines, which [`Fields::all`] feeds).
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The struct's name, for errors.
    pub name: &'static str,
    /// (field, offset) pairs.
    pub all: &'static [(&'static str, usize)],
}

impl Fields {
    /// The offset of `field`; an error for a name the table lacks.
    pub fn at(&self, field: &str) -> Result<usize> {
        self.all
            .iter()
            .find(|(n, _)| *n == field)
            .map(|(_, o)| *o)
            .ok_or_else(|| Error::decode(self.name, format!("no field {field} in the layout")))
    }
}

/// The bytes of a C string up to its first NUL (all of `b` when it has none).
pub fn c_str(b: &[u8]) -> &[u8] {
    b.split(|&c| c == 0).next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_bounds_checked() {
        let r = Rec::new(&[1, 2, 3, 4, b'a', b'b', 0, b'c'], "test");
        assert_eq!(r.u32(0).unwrap(), 0x0403_0201);
        assert_eq!(r.u16_be(0).unwrap(), 0x0102);
        assert!(r.u64(1).is_err());
        assert!(r.u8(usize::MAX).is_err());
        assert_eq!(r.c_string(4, 4).unwrap(), "ab");
        assert_eq!(le(r.bytes, 0, 3), Some(0x03_0201));
        assert_eq!(le(r.bytes, 6, 3), None);
    }

    #[test]
    fn records_and_fields() {
        assert_eq!(records(&[0; 12], 4, "test").unwrap().count(), 3);
        assert!(records(&[0; 13], 4, "test").is_err());
        assert!(records(&[], 0, "test").is_err());
        let f = Fields {
            name: "struct test",
            all: &[("a", 0), ("b", 4)],
        };
        assert_eq!(f.at("b").unwrap(), 4);
        assert!(f.at("c").is_err());
    }
}
