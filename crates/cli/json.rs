//! JSON output: every display prints one object `{"schema": N, "display": ..., "platform": ...,
//! <key>: [...]}`. Streaming displays write the array one element at a time, so memory stays
//! flat. The schemas live in `schema/<display>.json` and are checked against real output by
//! the tests.

use rnetstat_core::{Platform, Result};
use serde_json::Value;
use std::io::Write;

/// The schema version of every display's JSON. Bump on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// A JSON array that is being streamed inside the display's top-level object.
pub struct Stream<'a> {
    out: &'a mut dyn Write,
    first: bool,
}

impl<'a> Stream<'a> {
    /// Write the object's head and open the array `key`.
    pub fn begin(
        out: &'a mut dyn Write,
        display: &str,
        platform: Platform,
        key: &str,
    ) -> Result<Self> {
        write!(
            out,
            "{{\"schema\":{SCHEMA_VERSION},\"display\":{},\"platform\":{},{}:[",
            Value::from(display),
            Value::from(platform.name()),
            Value::from(key)
        )?;
        Ok(Stream { out, first: true })
    }

    /// Append one element.
    pub fn item<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        serde_json::to_writer(&mut *self.out, v).map_err(std::io::Error::from)?;
        Ok(())
    }

    /// Close the array and the object.
    pub fn end(self) -> Result<()> {
        self.out.write_all(b"\n]}\n")?;
        Ok(())
    }
}

/// `Some(v)` as a JSON value, `None` as null.
pub fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}
