//! `-w wait [-I interface] [-d]`: the running traffic display of netstat(1). Two header lines
//! (`input (Total) output`, or the interface's name in brackets, then the column names), the
//! first row the totals since boot, then one row of changes per interval; the header again
//! after every 21 rows, as BSD netstat does. `--json` writes one object per line per reading.

use super::interval::{self, Tick};
use crate::args::Options;
use rnetstat_core::{Backend, Error, IfCounters, Platform, Result};
use serde_json::json;
use std::collections::HashMap;
use std::io::Write;

/// Rows between two headers.
const ROWS_PER_HEADER: u32 = 21;

/// The counters of one reading: of one interface, or the sum over all of them.
#[derive(Debug, Clone, Copy, Default)]
struct Traffic {
    ipackets: Option<u64>,
    ierrors: Option<u64>,
    idrops: Option<u64>,
    ibytes: Option<u64>,
    opackets: Option<u64>,
    oerrors: Option<u64>,
    obytes: Option<u64>,
    collisions: Option<u64>,
    odrops: Option<u64>,
}

/// Apply `f` field by field to two readings.
fn zip(a: &Traffic, b: &Traffic, f: impl Fn(Option<u64>, Option<u64>) -> Option<u64>) -> Traffic {
    Traffic {
        ipackets: f(a.ipackets, b.ipackets),
        ierrors: f(a.ierrors, b.ierrors),
        idrops: f(a.idrops, b.idrops),
        ibytes: f(a.ibytes, b.ibytes),
        opackets: f(a.opackets, b.opackets),
        oerrors: f(a.oerrors, b.oerrors),
        obytes: f(a.obytes, b.obytes),
        collisions: f(a.collisions, b.collisions),
        odrops: f(a.odrops, b.odrops),
    }
}

impl Traffic {
    fn of(c: &IfCounters) -> Traffic {
        Traffic {
            ipackets: c.ipackets,
            ierrors: c.ierrors,
            idrops: c.iqdrops,
            ibytes: c.ibytes,
            opackets: c.opackets,
            oerrors: c.oerrors,
            obytes: c.obytes,
            collisions: c.collisions,
            odrops: c.oqdrops,
        }
    }

    /// The sum of two readings; a counter neither has stays unknown.
    fn plus(&self, other: &Traffic) -> Traffic {
        zip(self, other, |a, b| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0).wrapping_add(b.unwrap_or(0))),
        })
    }

    /// The change from `before` to this reading.
    fn since(&self, before: &Traffic) -> Traffic {
        zip(self, before, |now, then| {
            now.map(|n| interval::delta(n, then.unwrap_or(0)))
        })
    }
}

/// Read the counters of `name`, or of every interface, by index.
fn read(backend: &mut dyn Backend, name: Option<&str>) -> Result<HashMap<u32, Traffic>> {
    let ifs = backend.interfaces()?;
    let all = ifs
        .iter()
        .filter(|i| name.is_none_or(|n| i.name == n))
        .map(|i| (i.index, Traffic::of(&i.counters)))
        .collect::<HashMap<_, _>>();
    match name {
        Some(name) if all.is_empty() => Err(Error::UnknownInterface(name.to_string())),
        _ => Ok(all),
    }
}

/// The sum over the interfaces of `now`: of their totals on the first reading, then of each
/// one's change since `before`. An interface that appeared since counts from its first
/// reading (nothing yet); one that went away no longer counts, so that neither shows as a burst.
fn row(now: &HashMap<u32, Traffic>, before: Option<&HashMap<u32, Traffic>>) -> Traffic {
    now.iter()
        .fold(Traffic::default(), |sum, (index, t)| match before {
            None => sum.plus(t),
            Some(b) => match b.get(index) {
                Some(then) => sum.plus(&t.since(then)),
                None => sum.plus(&t.since(t)),
            },
        })
}

/// Show the traffic every `-w` seconds until stopped.
pub fn show(opts: &Options, backend: &mut dyn Backend, out: &mut dyn Write) -> Result<()> {
    let wait = opts.wait.unwrap_or(1);
    let name = opts.interface.as_deref();
    let platform = backend.platform();
    let mut before: Option<HashMap<u32, Traffic>> = None;
    let mut rows = 0u32;
    interval::every(wait, out, &mut |tick: &Tick, out: &mut dyn Write| {
        let now = read(backend, name)?;
        let shown = row(&now, before.as_ref());
        before = Some(now);
        if opts.json {
            return write_json(out, platform, wait, name, tick, &shown);
        }
        if rows.is_multiple_of(ROWS_PER_HEADER) {
            write_header(out, name, opts.drops)?;
        }
        rows += 1;
        write_row(out, &shown, opts.drops, opts.human)
    })
}

fn write_header(out: &mut dyn Write, name: Option<&str>, drops: bool) -> Result<()> {
    let label = format!("({})", name.unwrap_or("Total"));
    let pad = if drops { 6 } else { 0 };
    writeln!(
        out,
        "{:>w1$} {:>14} {:>16}",
        "input",
        label,
        "output",
        w1 = 17 + pad
    )?;
    if drops {
        writeln!(
            out,
            "{:>10} {:>5} {:>6} {:>10} {:>10} {:>5} {:>10} {:>5} {:>5}",
            "packets", "errs", "idrops", "bytes", "packets", "errs", "bytes", "colls", "drops"
        )?;
    } else {
        writeln!(
            out,
            "{:>10} {:>5} {:>10} {:>10} {:>5} {:>10} {:>5}",
            "packets", "errs", "bytes", "packets", "errs", "bytes", "colls"
        )?;
    }
    Ok(())
}

fn write_row(out: &mut dyn Write, t: &Traffic, drops: bool, human: bool) -> Result<()> {
    let count = |v: Option<u64>, bytes: bool| match v {
        None => "-".to_string(),
        Some(v) if human => crate::format::human(v, bytes),
        Some(v) => v.to_string(),
    };
    let n = |v: Option<u64>| count(v, false);
    let b = |v: Option<u64>| count(v, true);
    if drops {
        writeln!(
            out,
            "{:>10} {:>5} {:>6} {:>10} {:>10} {:>5} {:>10} {:>5} {:>5}",
            n(t.ipackets),
            n(t.ierrors),
            n(t.idrops),
            b(t.ibytes),
            n(t.opackets),
            n(t.oerrors),
            b(t.obytes),
            n(t.collisions),
            n(t.odrops)
        )?;
    } else {
        writeln!(
            out,
            "{:>10} {:>5} {:>10} {:>10} {:>5} {:>10} {:>5}",
            n(t.ipackets),
            n(t.ierrors),
            b(t.ibytes),
            n(t.opackets),
            n(t.oerrors),
            b(t.obytes),
            n(t.collisions)
        )?;
    }
    Ok(())
}

fn write_json(
    out: &mut dyn Write,
    platform: Platform,
    wait: u32,
    name: Option<&str>,
    tick: &Tick,
    t: &Traffic,
) -> Result<()> {
    let doc = json!({
        "schema": crate::json::SCHEMA_VERSION,
        "display": "traffic",
        "platform": platform.name(),
        "time": tick.time,
        "interval": wait,
        "since_boot": tick.first,
        "interface": name,
        "input": {
            "packets": t.ipackets,
            "errors": t.ierrors,
            "drops": t.idrops,
            "bytes": t.ibytes,
        },
        "output": {
            "packets": t.opackets,
            "errors": t.oerrors,
            "bytes": t.obytes,
            "collisions": t.collisions,
            "drops": t.odrops,
        },
    });
    crate::json::document(out, doc)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(packets: u64) -> Traffic {
        Traffic {
            ipackets: Some(packets),
            ..Traffic::default()
        }
    }

    #[test]
    fn interfaces_coming_and_going_are_no_bursts() {
        let first = HashMap::from([(1, t(100)), (2, t(40))]);
        assert_eq!(row(&first, None).ipackets, Some(140));
        // 2 went away, 3 appeared with a history of its own, 1 received 5.
        let second = HashMap::from([(1, t(105)), (3, t(1000))]);
        assert_eq!(row(&second, Some(&first)).ipackets, Some(5));
        let third = HashMap::from([(1, t(105)), (3, t(1007))]);
        assert_eq!(row(&third, Some(&second)).ipackets, Some(7));
    }
}
