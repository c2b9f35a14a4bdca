//! The rows of the whitespace-separated tables in procfs (/proc/net/tcp, unix, packet, mcfilter,
//! ip_mr_vif, ip_mr_cache, protocols, ...): a header line, then one row per line.

/// The rows after the header line, as (line index, line, fields split at whitespace); blank
/// lines are skipped. Each parser checks the number of fields itself, with its own message.
pub fn after_header(text: &str) -> impl Iterator<Item = (usize, &str, Vec<&str>)> {
    text.lines()
        .enumerate()
        .skip(1)
        .map(|(n, line)| (n, line, line.split_whitespace().collect::<Vec<_>>()))
        .filter(|(_, _, fields)| !fields.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_the_header_and_blank_lines() {
        let rows: Vec<_> = after_header("sl local remote\n 0: a b\n\n  \n 1: c\n").collect();
        assert_eq!(
            rows,
            [
                (1, " 0: a b", vec!["0:", "a", "b"]),
                (4, " 1: c", vec!["1:", "c"])
            ]
        );
        assert_eq!(after_header("header only\n").count(), 0);
    }
}
