//! The Prometheus text exposition format (version 0.0.4, which node_exporter's textfile
//! collector and `promtool check metrics` read): each metric family once, with its `# HELP`
//! and `# TYPE` lines and then its samples, label values escaped. No timestamps (the textfile
//! collector refuses them): the scrape's time is the sample's.

use super::catalog::{Kind, Metric};
use std::fmt::Write as _;

/// The samples of one reading, kept per family in the order the families were first used.
#[derive(Default)]
pub struct Exposition {
    families: Vec<(&'static Metric, Vec<String>)>,
    /// Each sample's name and labels, so that a series given twice is written once (the first).
    seen: std::collections::HashSet<String>,
}

impl Exposition {
    /// Add a sample of `metric` with `labels` (one value per [`Metric::labels`], in that
    /// order). A series already added is left as it was.
    pub fn sample(&mut self, metric: &'static Metric, labels: &[&str], value: u64) {
        debug_assert_eq!(labels.len(), metric.labels.len(), "{}", metric.name);
        let mut line = String::with_capacity(64);
        line.push_str(metric.name);
        if !metric.labels.is_empty() {
            line.push('{');
            for (i, (name, value)) in metric.labels.iter().zip(labels).enumerate() {
                if i > 0 {
                    line.push(',');
                }
                line.push_str(name);
                line.push_str("=\"");
                escape_label_value(value, &mut line);
                line.push('"');
            }
            line.push('}');
        }
        if !self.seen.insert(line.clone()) {
            return;
        }
        let _ = write!(line, " {value}");
        match self
            .families
            .iter_mut()
            .find(|(m, _)| m.name == metric.name)
        {
            Some((_, samples)) => samples.push(line),
            None => self.families.push((metric, vec![line])),
        }
    }

    /// Add a sample when the value is known: an unknown value is left out, never a made-up 0.
    pub fn known(&mut self, metric: &'static Metric, labels: &[&str], value: Option<u64>) {
        if let Some(v) = value {
            self.sample(metric, labels, v);
        }
    }

    /// The exposition text: each family's HELP and TYPE lines, then its samples.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (metric, samples) in &self.families {
            let kind = match metric.kind {
                Kind::Counter => "counter",
                Kind::Gauge => "gauge",
            };
            let _ = writeln!(out, "# HELP {} {}", metric.name, escape_help(metric.help));
            let _ = writeln!(out, "# TYPE {} {kind}", metric.name);
            for s in samples {
                out.push_str(s);
                out.push('\n');
            }
        }
        out
    }
}

/// A label value as the format wants it: backslash, double quote and newline escaped.
fn escape_label_value(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

/// HELP text: backslash and newline escaped.
fn escape_help(help: &str) -> String {
    help.replace('\\', "\\\\").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prometheus::catalog;

    #[test]
    fn label_values_are_escaped_and_series_written_once() {
        let mut e = Exposition::default();
        let m = catalog::get("rnetstat_sockets_by_command");
        e.sample(m, &["a\"b\\c\nd"], 3);
        e.sample(m, &["a\"b\\c\nd"], 4);
        let text = e.render();
        assert!(
            text.contains("rnetstat_sockets_by_command{command=\"a\\\"b\\\\c\\nd\"} 3\n"),
            "{text}"
        );
        assert_eq!(text.matches("rnetstat_sockets_by_command{").count(), 1);
        assert!(text.starts_with("# HELP rnetstat_sockets_by_command "));
        assert!(text.contains("# TYPE rnetstat_sockets_by_command gauge\n"));
    }

    #[test]
    fn unknown_values_are_left_out() {
        let mut e = Exposition::default();
        e.known(catalog::get("rnetstat_interface_up"), &["lo"], None);
        assert_eq!(e.render(), "");
    }
}
