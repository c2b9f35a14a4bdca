//! `-rs` on Linux: routing statistics from `/proc/net/fib_triestat` (per IPv4 table of the FIB
//! trie: a `Name:` line, then `Key: value` lines such as `Leaves:` and `Prefixes:`; `Null
//! ptrs` and `Total size` come unindented after each table) and `/proc/net/rt6_stats` (seven
//! hex words: fib nodes, route nodes, route entries allocated, route entries, cached routes,
//! dst entries, discarded routes) and `/proc/net/stat/rt_cache` (route lookups per CPU).

use rnetstat_core::{Counter, Error, Result, StatGroup};

/// Counters of a trie table, by the file's key: (name, wording).
const TRIE_KEYS: &[(&str, &str, &str)] = &[
    ("Max depth", "max_depth", "{} levels deep at most"),
    ("Leaves", "leaves", "{} leaves"),
    ("Prefixes", "prefixes", "{} prefixes"),
    ("Internal nodes", "internal_nodes", "{} internal nodes"),
    ("Pointers", "pointers", "{} pointers"),
    ("Null ptrs", "null_pointers", "{} null pointers"),
    ("Total size", "total_size_kb", "{} kB of memory"),
];

/// Parse `/proc/net/fib_triestat` into one section per IPv4 table.
pub fn parse_triestat(text: &str) -> Result<Vec<StatGroup>> {
    let mut out: Vec<StatGroup> = Vec::new();
    for line in text.lines() {
        if line.starts_with("Basic info") || line.trim().is_empty() {
            continue;
        }
        let trimmed = line.trim();
        // A table starts with `Main:`, `Local:` or `Id N:`; kernels built with
        // CONFIG_IP_FIB_TRIE_STATS add a `Counters:` block of `name = value` lines, left out.
        let is_table = trimmed == "Main:" || trimmed == "Local:" || trimmed.starts_with("Id ");
        if !line.starts_with(char::is_whitespace) && trimmed.ends_with(':') && is_table {
            let table = trimmed.trim_end_matches(':').to_ascii_lowercase();
            out.push(StatGroup {
                protocol: format!("ip routing ({table})"),
                counters: Vec::new(),
            });
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let Some((_, name, wording)) = TRIE_KEYS.iter().find(|(k, _, _)| *k == key.trim()) else {
            continue;
        };
        let value: u64 = value
            .split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| {
                Error::decode("/proc/net/fib_triestat", format!("bad value in {line:?}"))
            })?;
        let section = out
            .last_mut()
            .ok_or_else(|| Error::decode("/proc/net/fib_triestat", "a counter before any table"))?;
        section.counters.push(Counter::new(name, value, wording));
    }
    Ok(out)
}

/// Parse `/proc/net/rt6_stats`.
pub fn parse_rt6_stats(text: &str) -> Result<StatGroup> {
    const NAMES: [(&str, &str); 7] = [
        ("fib_nodes", "{} fib nodes"),
        ("route_nodes", "{} route nodes"),
        ("route_alloc", "{} route entries allocated"),
        ("route_entries", "{} route entries"),
        ("cached_routes", "{} cached routes"),
        ("dst_entries", "{} dst entries"),
        ("discarded_routes", "{} discarded routes"),
    ];
    let words: Vec<u64> = text
        .split_whitespace()
        .map(|w| {
            u64::from_str_radix(w, 16)
                .map_err(|_| Error::decode("/proc/net/rt6_stats", format!("bad word {w:?}")))
        })
        .collect::<Result<_>>()?;
    if words.len() < NAMES.len() {
        return Err(Error::decode(
            "/proc/net/rt6_stats",
            format!("{} words, expected 7", words.len()),
        ));
    }
    Ok(StatGroup {
        protocol: "ip6 routing".into(),
        counters: NAMES
            .iter()
            .zip(words)
            .map(|((n, w), v)| Counter::new(n, v, w))
            .collect(),
    })
}

/// Parse `/proc/net/stat/rt_cache`: a header of counter names, then one row of hex words per
/// CPU. The counters are summed over the CPUs, except `entries`, which every row repeats.
pub fn parse_rt_cache(text: &str) -> Result<StatGroup> {
    const WHAT: &str = "/proc/net/stat/rt_cache";
    const WORDING: &[(&str, &str)] = &[
        ("entries", "{} routing cache entries"),
        ("in_slow_tot", "{} input routes looked up in the FIB"),
        ("in_slow_mc", "{} multicast input routes looked up"),
        ("in_no_route", "{} input packets without a route"),
        ("in_brd", "{} broadcast input packets"),
        (
            "in_martian_dst",
            "{} input packets with a martian destination",
        ),
        ("in_martian_src", "{} input packets with a martian source"),
        ("out_slow_tot", "{} output routes looked up in the FIB"),
        ("out_slow_mc", "{} multicast output routes looked up"),
    ];
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let names: Vec<&str> = lines
        .next()
        .ok_or_else(|| Error::decode(WHAT, "no header"))?
        .split_whitespace()
        .collect();
    let mut sums = vec![0u64; names.len()];
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() != names.len() {
            return Err(Error::decode(
                WHAT,
                format!("{} words under {} names", words.len(), names.len()),
            ));
        }
        for (i, w) in words.iter().enumerate() {
            let v = u64::from_str_radix(w, 16)
                .map_err(|_| Error::decode(WHAT, format!("bad word {w:?}")))?;
            sums[i] = if names[i] == "entries" {
                v
            } else {
                sums[i].wrapping_add(v)
            };
        }
    }
    Ok(StatGroup {
        protocol: "ip routing cache".into(),
        counters: WORDING
            .iter()
            .filter_map(|(n, w)| {
                let i = names.iter().position(|x| x == n)?;
                Some(Counter::new(n, sums[i], w))
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_files() {
        let t = "Basic info: size of leaf: 48 bytes, size of tnode: 40 bytes.\nMain:\n\tAver depth:     2.42\n\tMax depth:      3\n\tLeaves:         7\n\tPrefixes:       7\n\tInternal nodes: 5\n\t  1: 1  2: 3  3: 1\n\tPointers: 22\nNull ptrs: 11\nTotal size: 2  kB\nCounters:\n---------\ngets = 5\nId 100:\n\tLeaves:         1\n";
        let g = parse_triestat(t).unwrap();
        assert_eq!(g[0].protocol, "ip routing (main)");
        assert_eq!(
            g[0].counters
                .iter()
                .find(|c| c.name == "prefixes")
                .unwrap()
                .value,
            7
        );
        assert_eq!(
            g[0].counters
                .iter()
                .find(|c| c.name == "null_pointers")
                .unwrap()
                .value,
            11
        );
        assert_eq!(g[1].protocol, "ip routing (id 100)");
        assert_eq!(g.len(), 2, "no section for the Counters: block");
        let r = parse_rt6_stats("0009 0006 000a 0007 0000 0000 0000\n").unwrap();
        assert_eq!(r.counters[3].value, 7);
        assert!(parse_rt6_stats("0009 zz").is_err());
        let c = parse_rt_cache(
            "entries  in_slow_tot in_no_route out_slow_tot\n00000005 00000181 00000004 000004e5\n00000005 000001b5 00000005 00000539\n",
        )
        .unwrap();
        let v: Vec<(&str, u64)> = c
            .counters
            .iter()
            .map(|c| (c.name.as_ref(), c.value))
            .collect();
        assert_eq!(
            v,
            [
                ("entries", 5),
                ("in_slow_tot", 0x181 + 0x1b5),
                ("in_no_route", 9),
                ("out_slow_tot", 0x4e5 + 0x539)
            ]
        );
        assert!(parse_rt_cache("entries in_hit\n00000005\n").is_err());
    }
}
