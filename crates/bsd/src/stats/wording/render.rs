//! [`render`]: a wording table and the decoded [`Values`] into the counters of one
//! [`StatGroup`], as one system's netstat prints them.

use super::entries::entry_text;
use super::row::{Line, What, F, M};
use crate::os::Os;
use crate::stats::values::Values;
use rnetstat_core::{Counter, CounterName, Plural, Shown, StatGroup};

/// The counters of section `protocol` as `os`'s netstat prints them from `values`. Rows whose
/// counter the values lack (an optional sysctl that was absent, such as macOS's pcbcount) are
/// left out; `ifname` names interface indexes.
pub fn render(
    os: Os,
    protocol: &str,
    table: &[Line],
    values: &Values,
    ifname: &dyn Fn(u32) -> Option<String>,
) -> StatGroup {
    let (mask, plural) = match os {
        Os::FreeBsd => (F, Plural::NotOne),
        Os::MacOs => (M, Plural::AboveOne),
    };
    let mut counters = Vec::with_capacity(table.len());
    let mut open: Vec<String> = Vec::new();
    for line in table.iter().filter(|l| l.on & mask != 0) {
        let one = |name: &str, value: u64, text: &str, shown: Shown, open: &[String]| Counter {
            name: CounterName::new(name),
            value,
            description: text.to_string().into(),
            indent: Some(line.tabs(os)),
            headings: open.to_vec(),
            shown,
            plural,
            ..Counter::default()
        };
        match line.what {
            What::Counter(f, text) | What::Fixed(f, text) => {
                let (f, text) = (f.as_str(), text.as_str());
                let Some(v) = values.get(f) else { continue };
                let shown = if matches!(line.what, What::Fixed(..)) {
                    Shown::Always
                } else {
                    Shown::Normal
                };
                counters.push(one(f, v, text, shown, &open));
            }
            What::Pair(f1, f2, text) => {
                let (f1, f2) = (f1.as_str(), f2.as_str());
                let (Some(v1), Some(v2)) = (values.get(f1), values.get(f2)) else {
                    continue;
                };
                let mut c = one(f1, v1, text.as_str(), Shown::Normal, &open);
                c.second = Some(Box::new((f2.to_string(), v2)));
                counters.push(c);
            }
            What::Histogram(array, names, shown, heading) => {
                let array = array.as_str();
                let Some(entries) = values.array(array) else {
                    continue;
                };
                let mut headings = open.clone();
                headings.push(heading.as_str().to_string());
                for (i, &v) in entries.iter().enumerate() {
                    let Some((text, own)) = entry_text(names, i, ifname) else {
                        continue;
                    };
                    let name = format!("{array}[{i}]");
                    counters.push(one(&name, v, &text, own.unwrap_or(shown), &headings));
                }
            }
            What::Heading(heading) => open.push(heading.as_str().to_string()),
            What::EndHeading => {
                open.pop();
            }
        }
    }
    StatGroup {
        protocol: protocol.to_string(),
        counters,
    }
}
