//! JSON output: every display prints one object `{"schema": N, "display": ..., "platform": ...,
//! <key>: [...]}`. Streaming displays write the array one element at a time, so memory stays
//! flat. The schemas live in `schema/<display>.json` and are checked against real output by
//! the tests.
//!
//! With `-j` every document and every record in it also carries a `netns` object naming the
//! network namespace it was read from: set once per namespace with [`set_netns`], so the
//! displays need not know about it.

use rnetstat_core::{Platform, Result};
use serde_json::Value;
use std::cell::RefCell;
use std::io::Write;

/// What every document of the current namespace carries (see [`set_netns`]).
#[derive(Default)]
struct Context {
    /// The `netns` object, serialized once.
    netns: Option<std::rc::Rc<str>>,
    /// Each document on one line (NDJSON, one document per namespace).
    one_line: bool,
}

thread_local! {
    static CONTEXT: RefCell<Context> = RefCell::default();
}

/// From now on every document, and every record of its top-level arrays, carries
/// `"netns": netns`; `one_line` prints each document on a single line. `None` clears it.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub fn set_netns(netns: Option<&Value>, one_line: bool) {
    CONTEXT.with(|c| {
        *c.borrow_mut() = Context {
            netns: netns.map(|v| v.to_string().into()),
            one_line,
        }
    });
}

fn context() -> (Option<std::rc::Rc<str>>, bool) {
    CONTEXT.with(|c| {
        let c = c.borrow();
        (c.netns.clone(), c.one_line)
    })
}

/// Write a display's whole document (one line), with the `netns` object of [`set_netns`] on
/// it and on each object of its top-level arrays.
pub fn document(out: &mut dyn Write, mut doc: Value) -> Result<()> {
    if let (Some(netns), _) = context() {
        let netns: Value = serde_json::from_str(&netns).map_err(std::io::Error::from)?;
        if let Value::Object(top) = &mut doc {
            for value in top.values_mut() {
                if let Value::Array(items) = value {
                    for item in items {
                        if let Value::Object(record) = item {
                            record.insert("netns".into(), netns.clone());
                        }
                    }
                }
            }
            top.insert("netns".into(), netns);
        }
    }
    writeln!(out, "{doc}")?;
    Ok(())
}

/// The schema version of every display's JSON. Bump on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// A JSON array that is being streamed inside the display's top-level object.
pub struct Stream<'a> {
    out: &'a mut dyn Write,
    first: bool,
    /// The serialized `netns` object each element carries (`-j`), and a buffer to add it.
    netns: Option<(std::rc::Rc<str>, Vec<u8>)>,
    /// No newline between elements: the document is one line.
    one_line: bool,
}

impl<'a> Stream<'a> {
    /// Write the object's head and open the array `key`.
    pub fn begin(
        out: &'a mut dyn Write,
        display: &str,
        platform: Platform,
        key: &str,
    ) -> Result<Self> {
        let (netns, one_line) = context();
        write!(
            out,
            "{{\"schema\":{SCHEMA_VERSION},\"display\":{},\"platform\":{},",
            Value::from(display),
            Value::from(platform.name()),
        )?;
        if let Some(netns) = &netns {
            write!(out, "\"netns\":{netns},")?;
        }
        write!(out, "{}:[", Value::from(key))?;
        Ok(Stream {
            out,
            first: true,
            netns: netns.map(|n| (n, Vec::new())),
            one_line,
        })
    }

    /// Append one element.
    pub fn item<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        if !self.one_line {
            self.out.write_all(b"\n")?;
        }
        let Some((netns, buf)) = &mut self.netns else {
            serde_json::to_writer(&mut *self.out, v).map_err(std::io::Error::from)?;
            return Ok(());
        };
        buf.clear();
        serde_json::to_writer(&mut *buf, v).map_err(std::io::Error::from)?;
        match buf.as_slice() {
            // An object: the netns object goes in before its closing brace.
            [b'{', .., b'}'] => {
                self.out.write_all(&buf[..buf.len() - 1])?;
                if buf.len() > 2 {
                    self.out.write_all(b",")?;
                }
                write!(self.out, "\"netns\":{netns}}}")?;
            }
            _ => self.out.write_all(buf)?,
        }
        Ok(())
    }

    /// Close the array and the object.
    pub fn end(self) -> Result<()> {
        let close: &[u8] = if self.one_line { b"]}\n" } else { b"\n]}\n" };
        self.out.write_all(close)?;
        Ok(())
    }
}

/// `Some(v)` as a JSON value, `None` as null.
pub fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}
