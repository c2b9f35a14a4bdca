//! `--prometheus[=FILE]`: the display's measurements in the Prometheus text exposition format,
//! an output form beside the table and JSON. [`collect`] turns the backend's model into
//! samples of the metrics in [`catalog`] (the stable list, also `schema/prometheus.txt`),
//! [`exposition`] writes them, [`file`] replaces FILE atomically for node_exporter's textfile
//! collector; with `-w N` the file is rewritten every N seconds until SIGINT or SIGTERM.

pub mod catalog;
mod collect;
mod exposition;
mod file;

use crate::args::{Options, PrometheusTarget};
use crate::display::interval;
use rnetstat_core::{Backend, Result};
use std::io::Write;

/// Print (or write to the file) one reading, or with `-w` one every wait seconds.
pub fn run(
    opts: &Options,
    target: &PrometheusTarget,
    backend: &mut dyn Backend,
    out: &mut dyn Write,
) -> Result<()> {
    let once = |backend: &mut dyn Backend, out: &mut dyn Write| -> Result<()> {
        let text = collect::reading(opts, backend)?.render();
        match target {
            PrometheusTarget::Stdout => Ok(out.write_all(text.as_bytes())?),
            PrometheusTarget::File(path) => file::replace(path, &text),
        }
    };
    match opts.wait {
        // The argument check gave -w only with a file.
        Some(wait) => interval::every(wait, out, &mut |_, out| once(backend, out)),
        None => once(backend, out),
    }
}
