//! rnetstat: show network status the way BSD netstat(1) does, on Linux, FreeBSD and macOS, as
//! classic tables or as JSON.
//!
//! Data flows one way: backend (live kernel or snapshot) -> core model -> display -> table or
//! JSON. Each display lives in its own module under `display/`.
//!
//! The binary starts at [`startup`]'s C `main`, not std's: see there why.

#![cfg_attr(not(test), no_main)]

mod args;
mod display;
mod format;
mod json;
mod resolve;
mod source;
mod startup;
mod table;

use rnetstat_core::Error;
use std::io::Write;

#[cfg_attr(test, allow(dead_code))]
/// What the process exits with: 0, or 1 after a one-line message on stderr.
fn exit_status() -> i32 {
    match run() {
        Ok(()) | Err(Error::BrokenPipe) => 0,
        Err(e) => {
            // A message that cannot be written has nowhere else to go.
            let _ = writeln!(std::io::stderr(), "rnetstat: {e}");
            1
        }
    }
}

fn run() -> Result<(), Error> {
    let Some(opts) = args::parse(std::env::args_os().collect())? else {
        return Ok(());
    };
    let mut backend = source::open(&opts)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = display::run(&opts, backend.as_mut(), &mut out);
    let flushed = out.flush().map_err(Error::from);
    for w in backend.take_warnings() {
        let _ = writeln!(std::io::stderr(), "rnetstat: warning: {w}");
    }
    result.and(flushed)
}
