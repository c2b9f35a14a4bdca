//! Protocol statistics: ordered, named counters grouped per protocol, as netstat -s prints them
//! ("tcp:" then one line per counter).
//!
//! BSD netstat's lines need more than "N description": an indent level (sub-counters), a second
//! value on the same line ("N data packets (M bytes)"), plural forms ("1 packet", "2 packets"),
//! lines printed only when not zero (histogram entries) or always, and headings such as
//! "Output histogram:" above a run of lines. These are the optional fields of [`Counter`]; a
//! counter made with [`Counter::new`] has none of them and reads "\tN description".

use crate::CounterName;
use std::borrow::Cow;

/// One counter. Descriptions are usually static words from a table, borrowed then, and names
/// static or kept inline ([`CounterName`]), so that a display of hundreds of counters allocates
/// little.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counter {
    /// The kernel's name for it (e.g. `InMcastPkts`, `tcps_connattempt`).
    pub name: CounterName,
    /// Its value.
    pub value: u64,
    /// What it counts, in netstat(1)'s manner, with `{}` where the number goes
    /// (e.g. `{} multicast packets received`); see [`Counter::write_text`] for the markers.
    /// Empty for a counter without wording: it reads "N name".
    pub description: Cow<'static, str>,
    /// Tabs before the line (None: one); BSD sub-counters have two or three.
    pub indent: Option<u8>,
    /// A second counter printed on the same line, by name and value (e.g. `tcps_sndbyte` in
    /// "N data packets (M bytes)"); it takes the description's second `{}`. Boxed: only BSD
    /// lines have one, and a smaller `Counter` is a cheaper list of hundreds.
    pub second: Option<Box<(String, u64)>>,
    /// Headings above this line, outermost first (e.g. `["Output histogram:"]`), each printed
    /// one tab less deep than the next, before the first shown line that has them.
    pub headings: Vec<String>,
    /// When the line is printed.
    pub shown: Shown,
    /// Which numbers take the singular form of a `{singular|plural}` marker.
    pub plural: Plural,
}

/// Which numbers read as singular: netstat's `plural()` differs between the systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Plural {
    /// Only 1 (FreeBSD, Linux): "0 packets", "1 packet".
    #[default]
    NotOne,
    /// Numbers up to 1 as a C `int` (macOS's `plural(int n)`: `n > 1 ? "s" : ""`): "0 packet",
    /// "1 packet", "2 packets".
    AboveOne,
}

impl Plural {
    /// Whether `v` takes the singular form.
    pub fn singular(self, v: u64) -> bool {
        match self {
            Plural::NotOne => v == 1,
            // The value converted to int, as netstat passes it.
            Plural::AboveOne => (v as u32 as i32) <= 1,
        }
    }
}

/// The counters of one protocol, in kernel order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatGroup {
    /// Section name as printed before the colon (e.g. `igmp`, `ip multicast`).
    pub protocol: String,
    /// Counters.
    pub counters: Vec<Counter>,
}

impl Counter {
    /// A counter with its description.
    pub fn new(name: &str, value: u64, description: &str) -> Counter {
        Counter {
            name: CounterName::new(name),
            value,
            description: Cow::Owned(description.to_string()),
            ..Counter::default()
        }
    }

    /// A counter whose name and description are static words (no allocation).
    pub fn fixed(name: &'static str, value: u64, description: &'static str) -> Counter {
        Counter {
            name: CounterName::fixed(name),
            value,
            description: Cow::Borrowed(description),
            ..Counter::default()
        }
    }

    /// A counter without wording, known by its kernel name only: it reads "N name".
    pub fn unworded(name: &str, value: u64) -> Counter {
        Counter {
            name: CounterName::new(name),
            value,
            ..Counter::default()
        }
    }

    /// The description with the value in place of `{}`.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.description.len() + 8);
        self.write_text(&mut out);
        out
    }
}

/// When a line is printed (BSD netstat's three kinds of counter line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shown {
    /// Always under `-s`; under `-ss` only when the value (or the second value) is not zero.
    #[default]
    Normal,
    /// Always, also under `-ss` (e.g. FreeBSD's ip6 "Mbuf statistics" lines).
    Always,
    /// Only when not zero, also under `-s` (histogram entries such as "echo reply: 5").
    NonZero,
}

impl Counter {
    /// Tabs before the line: [`Counter::indent`], or one.
    pub fn tabs(&self) -> u8 {
        self.indent.unwrap_or(1)
    }

    /// Whether the line is printed, with `-ss` (`skip_zero`) or without.
    pub fn shown(&self, skip_zero: bool) -> bool {
        let zero = self.value == 0 && self.second.as_ref().is_none_or(|s| s.1 == 0);
        match self.shown {
            Shown::Normal => !(skip_zero && zero),
            Shown::Always => true,
            Shown::NonZero => !zero,
        }
    }

    /// Append the line's text (without its tabs) to `out`: each `{}` of the description takes
    /// the next value (the counter's, then the second one); a marker `{singular|plural}` takes
    /// the form that suits the value placed last (see [`Plural`]), `{s}`, `{es}`, `{ies}` stand
    /// for `{|s}`, `{|es}`, `{y|ies}`, and `{?yes|no}` takes `yes` when that value is not zero.
    pub fn write_text(&self, out: &mut String) {
        self.expand(out, true);
    }

    /// The description as JSON gives it: the text without the numbers, plurals resolved
    /// (`{} datagrams received` gives `datagrams received`), and without the `: ` or `= `
    /// that ends it before its number (`echo reply`). A line without an [`Counter::indent`]
    /// (a Linux setting) also loses the `: ` before a number within it
    /// (`forwarding: {} (off)` gives `forwarding (off)`).
    pub fn bare_description(&self) -> String {
        let mut out = String::with_capacity(self.description.len());
        self.expand(&mut out, false);
        let kept = out.trim_end_matches([' ', ':', '=']).len();
        out.truncate(kept);
        out
    }

    fn expand(&self, out: &mut String, numbers: bool) {
        if self.description.is_empty() {
            if numbers {
                push_u64(out, self.value);
                out.push(' ');
            }
            out.push_str(&self.name);
            return;
        }
        let values = [Some(self.value), self.second.as_ref().map(|s| s.1)];
        let mut next = 0;
        let mut last = self.value;
        let mut rest = self.description.as_ref();
        // Templates are short: a plain scan for the braces beats a general string search.
        let at = |text: &str, from: usize, b: u8| text.bytes().skip(from).position(|x| x == b);
        while let Some(open) = at(rest, 0, b'{') {
            let Some(close) = at(rest, open, b'}').map(|c| open + c) else {
                break;
            };
            out.push_str(&rest[..open]);
            let marker = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if marker.is_empty() {
                let v = values.get(next).copied().flatten().unwrap_or(0);
                next += 1;
                last = v;
                if numbers {
                    push_u64(out, v);
                } else if self.indent.is_none() && out.ends_with(": ") {
                    out.truncate(out.len() - 2);
                } else if let Some(r) = rest.strip_prefix(' ') {
                    rest = r;
                }
                continue;
            }
            if let Some(choice) = marker.strip_prefix('?') {
                let (yes, no) = choice.split_once('|').unwrap_or((choice, ""));
                out.push_str(if last != 0 { yes } else { no });
                continue;
            }
            let (one, many) = match marker {
                "s" => ("", "s"),
                "es" => ("", "es"),
                "ies" => ("y", "ies"),
                m => m.split_once('|').unwrap_or((m, m)),
            };
            out.push_str(if self.plural.singular(last) {
                one
            } else {
                many
            });
        }
        out.push_str(rest);
    }
}

/// Append `v` in decimal (the -s display prints hundreds of numbers; no formatter needed).
pub fn push_u64(text: &mut String, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    text.extend(digits[i..].iter().map(|&d| char::from(d)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(c: &Counter) -> String {
        let mut s = String::new();
        c.write_text(&mut s);
        s
    }

    #[test]
    fn plain_descriptions_read_as_before() {
        let c = Counter::new("InSegs", 12, "{} segments received");
        assert_eq!(line(&c), "12 segments received");
        assert_eq!(c.bare_description(), "segments received");
        let tail = Counter::new("x", 3, "forwarded: {}");
        assert_eq!(line(&tail), "forwarded: 3");
        assert_eq!(tail.bare_description(), "forwarded");
        let setting = Counter::new("Forwarding", 2, "forwarding: {} (off)");
        assert_eq!(line(&setting), "forwarding: 2 (off)");
        assert_eq!(setting.bare_description(), "forwarding (off)");
    }

    #[test]
    fn plurals_follow_the_value_placed_last() {
        let mut c = Counter::new("tcps_sndpack", 1, "{} data packet{s} ({} byte{s})");
        c.second = Some(Box::new(("tcps_sndbyte".into(), 1448)));
        assert_eq!(line(&c), "1 data packet (1448 bytes)");
        assert_eq!(c.bare_description(), "data packet (bytes)");
        let q = Counter::new("q", 2, "{} membership quer{ies} received");
        assert_eq!(line(&q), "2 membership queries received");
        let one = Counter::new("q", 1, "{} syncache entr{y|ies} added");
        assert_eq!(line(&one), "1 syncache entry added");
        assert_eq!(
            line(&Counter::new("a", 1, "{} invalid return address{es}")),
            "1 invalid return address"
        );
    }

    #[test]
    fn macos_counts_zero_as_singular() {
        let mut c = Counter::new("ips_forward", 0, "{} packet{s} forwarded");
        c.plural = Plural::AboveOne;
        assert_eq!(line(&c), "0 packet forwarded");
        c.value = 2;
        assert_eq!(line(&c), "2 packets forwarded");
        c.value = 1 << 31;
        assert_eq!(line(&c), "2147483648 packet forwarded", "as a negative int");
        let m = Counter::new("maskrepl", 0, "responses are {?en|dis}abled");
        assert_eq!(line(&m), "responses are disabled");
    }

    #[test]
    fn shown_rules() {
        let mut c = Counter::new("a", 0, "{} x");
        assert!(c.shown(false) && !c.shown(true));
        c.second = Some(Box::new(("b".into(), 4)));
        assert!(
            c.shown(true),
            "a pair is shown when either value is not zero"
        );
        c.second = None;
        c.shown = Shown::NonZero;
        assert!(!c.shown(false));
        c.shown = Shown::Always;
        assert!(c.shown(true));
    }
}
