//! Fixed-width columns in the classic netstat layout.
//!
//! Classic netstat tables are not boxed tables: each column has a fixed width, text is
//! left-aligned and numbers right-aligned, and a text longer than its column is cut unless `-W`
//! is given. Fixed widths are what lets routes and sockets stream row by row, which is why this
//! module, not comfy-table (which sizes columns from all rows first), renders them.

use std::fmt::Write as _;

/// How a cell sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text: left-aligned, padded on the right.
    Left,
    /// Numbers and interface names: right-aligned.
    Right,
}

/// Append `text` to `line` in a column of `width` characters. With `cut`, longer text is cut to
/// the width (netstat's `%-18.18s`); without, it overflows.
pub fn cell(line: &mut String, text: &str, width: usize, align: Align, cut: bool) {
    let len = text.chars().count();
    let shown: &str = if cut && len > width {
        match text.char_indices().nth(width) {
            Some((i, _)) => &text[..i],
            None => text,
        }
    } else {
        text
    };
    let pad = width.saturating_sub(shown.chars().count());
    if align == Align::Right {
        line.push_str(spaces(pad));
        line.push_str(shown);
    } else {
        line.push_str(shown);
        line.push_str(spaces(pad));
    }
}

/// Append to `line`, through `write`, a cell of `width` characters: the text `write` produces,
/// aligned, and cut to the width when `cut` is set. Writing in place spares the temporary
/// string per cell that [`cell`] needs, which counts when a table has a million rows.
pub fn cell_with(
    line: &mut String,
    width: usize,
    align: Align,
    cut: bool,
    write: impl FnOnce(&mut String),
) {
    let start = line.len();
    write(line);
    let text = &line[start..];
    let len = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    if len > width {
        if cut {
            let end = text
                .char_indices()
                .nth(width)
                .map_or(line.len(), |(i, _)| start + i);
            line.truncate(end);
        }
        return;
    }
    let pad = width - len;
    if align == Align::Right {
        line.insert_str(start, spaces(pad));
    } else {
        line.push_str(spaces(pad));
    }
}

/// `n` blanks (at most 64; netstat's columns are narrower).
fn spaces(n: usize) -> &'static str {
    const SPACES: &str = "                                                                ";
    &SPACES[..n.min(SPACES.len())]
}

/// Append a counter that may be unknown: the number, or `-`, right-aligned in `width`.
pub fn num_cell(line: &mut String, v: Option<u64>, width: usize) {
    cell_with(line, width, Align::Right, false, |s| match v {
        Some(n) => {
            let _ = write!(s, "{n}");
        }
        None => s.push('-'),
    });
}

/// A counter that may be unknown: the number, or `-`.
pub fn opt_num(v: Option<u64>) -> String {
    v.map_or_else(|| "-".to_string(), |n| n.to_string())
}

/// Remove trailing blanks before the newline, as netstat's last column leaves none.
pub fn finish(line: &mut String) {
    let trimmed = line.trim_end().len();
    line.truncate(trimmed);
    line.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_pads_and_overflows() {
        let mut l = String::new();
        cell(&mut l, "2001:db8:1234:5678::1", 10, Align::Left, true);
        assert_eq!(l, "2001:db8:1");
        l.clear();
        cell(&mut l, "42", 5, Align::Right, true);
        assert_eq!(l, "   42");
        l.clear();
        cell(&mut l, "verylongname", 4, Align::Left, false);
        assert_eq!(l, "verylongname");
        l.clear();
        cell_with(&mut l, 6, Align::Right, false, |s| s.push_str("lo"));
        cell_with(&mut l, 4, Align::Left, true, |s| s.push_str("fe80::1"));
        num_cell(&mut l, None, 3);
        num_cell(&mut l, Some(1234), 3);
        assert_eq!(l, "    lofe80  -1234");
    }
}
