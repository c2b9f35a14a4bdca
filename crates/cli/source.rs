//! Picking the backend: the live kernel of this platform, a snapshot directory (`-M`), or the
//! live kernel while capturing its answers (`--capture`).
//!
//! A snapshot directory holds `rnetstat-snapshot.json`, which names the platform the answers
//! came from and its byte order (`{"os": "linux", "format": 1, "byte_order": "little"}`), on BSD
//! the capture's `clock` that route expiry times count from, and the raw answers, one file per
//! kernel request, in the layout of that platform's backend.

use crate::args::Options;
use rnetstat_core::{Backend, Error, Platform, Result};
use std::path::Path;

/// File that marks and describes a snapshot directory.
pub const META_FILE: &str = "rnetstat-snapshot.json";

/// The backend the options ask for; `entered_netns` after Linux `-j` moved the process into
/// another network namespace.
pub fn open(opts: &Options, entered_netns: bool) -> Result<Box<dyn Backend>> {
    if let Some(dir) = &opts.snapshot {
        return open_snapshot(dir);
    }
    // -j: everything after this reads the jail's state (the argument check refused -M). On
    // Linux the caller entered the network namespace already (crate::netns).
    #[cfg(not(target_os = "linux"))]
    if let Some(jail) = &opts.jail {
        crate::sys::attach_jail(jail)?;
    }
    let entered = entered_netns;
    if let Some(dir) = &opts.capture {
        crate::capture::prepare(dir)?;
        return open_capture(dir, entered);
    }
    open_live(entered)
}

fn open_snapshot(dir: &Path) -> Result<Box<dyn Backend>> {
    let meta_path = dir.join(META_FILE);
    let text = std::fs::read_to_string(&meta_path).map_err(|e| {
        Error::io(
            format!(
                "{}: not an rnetstat snapshot ({})",
                dir.display(),
                META_FILE
            ),
            e,
        )
    })?;
    let meta: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::decode(
            "snapshot description",
            format!("{}: {e}", meta_path.display()),
        )
    })?;
    let native = native_byte_order();
    if let Some(order) = meta.get("byte_order").and_then(|o| o.as_str()) {
        if order != native {
            return Err(Error::NotSupported(format!(
                "reading a {order}-endian snapshot on this {native}-endian machine"
            )));
        }
    }
    let os = meta.get("os").and_then(|o| o.as_str());
    match os.and_then(Platform::from_name) {
        Some(Platform::Linux) => Ok(Box::new(rnetstat_linux::LinuxBackend::new(Box::new(
            rnetstat_linux::source::Snapshot::new(dir),
        )))),
        Some(platform @ (Platform::FreeBsd | Platform::MacOs)) => {
            let os = rnetstat_bsd::Os::of(platform).expect("a BSD platform");
            let clock = meta.get("clock").and_then(|c| c.as_i64());
            let source = rnetstat_bsd::source::Snapshot::new(dir, clock);
            Ok(rnetstat_bsd::backend(os, Box::new(source)))
        }
        None => Err(Error::decode(
            "snapshot description",
            format!(
                "{}: unknown os {}",
                meta_path.display(),
                os.unwrap_or("(none)")
            ),
        )),
    }
}

fn write_meta(dir: &Path, os: &str, clock: Option<i64>) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    let meta = serde_json::json!({
        "os": os,
        "format": 1,
        "byte_order": native_byte_order(),
        "clock": clock,
        "rnetstat": env!("CARGO_PKG_VERSION"),
    });
    let path = dir.join(META_FILE);
    let ctx = |e| Error::io(format!("writing {}", path.display()), e);
    let mut file = rnetstat_core::capture::new_file_options()
        .open(&path)
        .map_err(ctx)?;
    std::io::Write::write_all(&mut file, format!("{meta}\n").as_bytes()).map_err(ctx)
}

/// "little" or "big": kernel answers are stored in the byte order of the host that captured them.
fn native_byte_order() -> &'static str {
    if cfg!(target_endian = "big") {
        "big"
    } else {
        "little"
    }
}

cfg_if::cfg_if! {
    if #[cfg(target_os = "linux")] {
        /// The live kernel; `entered` after setns(2) into another network namespace (-j).
        fn live(entered: bool) -> Result<rnetstat_linux::source::Live> {
            let live = rnetstat_linux::source::Live::open()?;
            Ok(if entered { live.in_entered_namespace() } else { live })
        }

        fn open_live(entered: bool) -> Result<Box<dyn Backend>> {
            Ok(Box::new(rnetstat_linux::LinuxBackend::new(Box::new(live(entered)?))))
        }

        /// The live kernel of a namespace entered for `-j all`, with its TCP sockets from
        /// the one walk of every namespace's tables.
        pub fn open_live_with_tcp(
            entered: bool,
            tcp: Vec<rnetstat_linux::tcp_walk::record::Walked>,
        ) -> Result<Box<dyn Backend>> {
            let source = rnetstat_linux::source::WithTcp::new(Box::new(live(entered)?), tcp);
            Ok(Box::new(rnetstat_linux::LinuxBackend::new(Box::new(source))))
        }

        fn open_capture(dir: &Path, entered: bool) -> Result<Box<dyn Backend>> {
            write_meta(dir, Platform::Linux.name(), None)?;
            let live = live(entered)?;
            let capture = rnetstat_linux::source::Capture::new(live, dir)?;
            Ok(Box::new(rnetstat_linux::LinuxBackend::new(Box::new(capture))))
        }
    } else if #[cfg(any(target_os = "freebsd", target_os = "macos"))] {
        fn live_os() -> rnetstat_bsd::Os {
            if cfg!(target_os = "macos") { rnetstat_bsd::Os::MacOs } else { rnetstat_bsd::Os::FreeBsd }
        }

        fn open_live(_entered: bool) -> Result<Box<dyn Backend>> {
            Ok(rnetstat_bsd::backend(live_os(), Box::new(rnetstat_bsd::live::Live)))
        }

        fn open_capture(dir: &Path, _entered: bool) -> Result<Box<dyn Backend>> {
            use rnetstat_bsd::source::Source as _;
            let live = rnetstat_bsd::live::Live;
            write_meta(dir, live_os().name(), live.clock())?;
            let capture = rnetstat_bsd::source::Capture::new(live, dir)?;
            Ok(rnetstat_bsd::backend(live_os(), Box::new(capture)))
        }
    } else {
        fn open_live(_entered: bool) -> Result<Box<dyn Backend>> {
            Err(Error::NotSupported("reading the live kernel".into()))
        }

        fn open_capture(dir: &Path, _entered: bool) -> Result<Box<dyn Backend>> {
            let _ = write_meta;
            Err(Error::NotSupported(format!("capturing into {}", dir.display())))
        }
    }
}
