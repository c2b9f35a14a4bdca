//! The `-w wait` loop shared by the running displays (interface traffic, `-s -w`): one reading
//! now, then one every `wait` seconds on a fixed schedule (a slow reading does not push the
//! later ones back), each written out and flushed before the sleep. It ends on an error,
//! including the closed pipe of `rnetstat -w 1 | head`, which `main` turns into a quiet exit,
//! and on SIGINT or SIGTERM, after the reading being written is complete: status 0.

use rnetstat_core::Result;
use std::io::Write;
use std::time::{Duration, Instant, SystemTime};

/// What one reading is told: whether it is the first (totals since boot) and when it was made.
#[derive(Debug, Clone)]
pub struct Tick {
    /// The first reading: its counters are totals, not changes.
    pub first: bool,
    /// The wall-clock time of the reading, RFC 3339 in UTC with milliseconds.
    pub time: String,
}

/// Call `reading` now and then every `wait` seconds, flushing `out` after each, until it fails.
pub fn every(
    wait: u32,
    out: &mut dyn Write,
    reading: &mut dyn FnMut(&Tick, &mut dyn Write) -> Result<()>,
) -> Result<()> {
    let period = Duration::from_secs(u64::from(wait));
    let start = Instant::now();
    crate::sys::stop_on_interrupt();
    for n in 1u32.. {
        let tick = Tick {
            first: n == 1,
            time: humantime::format_rfc3339_millis(SystemTime::now()).to_string(),
        };
        reading(&tick, out)?;
        out.flush()?;
        let next = start + period * n;
        // Sleep in short steps, so that an interrupt ends the display within a tenth of a
        // second (std's sleep resumes after a signal).
        while let Some(left) = next.checked_duration_since(Instant::now()) {
            if crate::sys::stopped() {
                return Ok(());
            }
            std::thread::sleep(left.min(Duration::from_millis(100)));
        }
        if crate::sys::stopped() {
            return Ok(());
        }
    }
    Ok(())
}

/// How much a counter moved: its change, or its value when it went back (a reset, or an
/// interface that was made anew).
pub fn delta(now: u64, before: u64) -> u64 {
    now.checked_sub(before).unwrap_or(now)
}
