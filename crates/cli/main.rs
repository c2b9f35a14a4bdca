//! rnetstat: show network status the way BSD netstat(1) does, on Linux, FreeBSD and macOS, as
//! classic tables or as JSON.
//!
//! Data flows one way: backend (live kernel or snapshot) -> core model -> display -> table or
//! JSON. Each display lives in its own module under `display/`.
//!
//! The binary starts through std's `main` on every target: std's start-up gives the arguments
//! (on FreeBSD, macOS and musl only through it), ignores SIGPIPE (so a closed pipe is a write
//! error that ends the display quietly, not a kill) and opens /dev/null on any of descriptors
//! 0-2 that is closed (so a file or socket never becomes "stdout"). An exported C `main` once
//! saved 0.1 ms here and left the FreeBSD and musl binaries without arguments.

mod args;
mod capture;
mod display;
mod format;
mod json;
#[cfg(target_os = "linux")]
mod netns;
mod prometheus;
mod resolve;
mod source;
mod sys;
mod table;

use rnetstat_core::Error;
use std::io::Write;

/// Exit with 0, or with 1 after a one-line message on stderr. Everything rnetstat prints is
/// flushed before `run` returns.
fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) | Err(Error::BrokenPipe) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // A message that cannot be written has nowhere else to go.
            let _ = writeln!(std::io::stderr(), "rnetstat: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Error> {
    let Some(opts) = args::parse(std::env::args_os().collect())? else {
        return Ok(());
    };
    // Linux -j: the network namespace(s) to show, entered before the backend opens.
    #[cfg(target_os = "linux")]
    if let Some(arg) = &opts.jail {
        // A filter's `netns host` is the namespace rnetstat starts in: noted before -j leaves it.
        display::sockets::note_start_netns(&opts);
        return netns::run(&opts, arg);
    }
    let mut backend = source::open(&opts, false)?;
    show(&opts, backend.as_mut(), None)
}

/// Print `heading` (a line) and the display `opts` ask for from `backend` on stdout, flushed,
/// then the backend's warnings on stderr.
fn show(
    opts: &args::Options,
    backend: &mut dyn rnetstat_core::Backend,
    heading: Option<&str>,
) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = match heading {
        Some(h) => writeln!(out, "{h}").map_err(Error::from),
        None => Ok(()),
    }
    .and_then(|()| match &opts.prometheus {
        // --prometheus is an output form over the displays' backend calls (it uses display/).
        Some(target) => prometheus::run(opts, target, backend, &mut out),
        None => display::run(opts, backend, &mut out),
    });
    let flushed = out.flush().map_err(Error::from);
    for w in backend.take_warnings() {
        let _ = writeln!(std::io::stderr(), "rnetstat: warning: {w}");
    }
    result.and(flushed)
}
