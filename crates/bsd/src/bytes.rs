//! Byte helpers every decoder shares.

/// The bytes of a C string up to its first NUL (all of `b` when it has none).
pub fn c_str(b: &[u8]) -> &[u8] {
    b.split(|&c| c == 0).next().unwrap_or_default()
}
