//! `-m` / `-mm` on Linux: socket memory per protocol against its limits, from
//! `/proc/net/sockstat` and `sockstat6` (`PROTO: key value key value ...` lines: inuse, orphan,
//! tw, alloc, mem in pages, memory in bytes for fragments), the limits `tcp_mem` and `udp_mem`
//! (three page counts: below, pressure, maximum); with `-mm` also each protocol's per-socket
//! size and memory from `/proc/net/protocols` and the per-CPU packet counters of
//! `/proc/net/softnet_stat` (one line per CPU, hex words: processed, dropped, time squeeze, ...).

use crate::procfs::rows;
use rnetstat_core::{Counter, CounterName, Error, Result, StatGroup};

fn bad(file: &str, line: usize, what: &str) -> Error {
    Error::decode(
        "/proc/net memory table",
        format!("{file} line {}: {what}", line + 1),
    )
}

/// Wording of the sockstat keys.
fn wording(key: &str) -> &'static str {
    match key {
        "used" => "{} sockets in use",
        "inuse" => "{} sockets in use",
        "orphan" => "{} orphaned sockets",
        "tw" => "{} sockets in TIME_WAIT",
        "alloc" => "{} sockets allocated",
        "mem" => "{} pages of buffer memory in use",
        "memory" => "{} bytes of reassembly memory in use",
        _ => "{} (unknown)",
    }
}

/// Parse sockstat or sockstat6 into one section per protocol (`sockets`, `tcp`, `udp`, ...).
pub fn parse_sockstat(text: &str, file: &str) -> Result<Vec<StatGroup>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (proto, rest) = line
            .split_once(':')
            .ok_or_else(|| bad(file, n, "expected PROTO: key value ..."))?;
        let words: Vec<&str> = rest.split_whitespace().collect();
        if !words.len().is_multiple_of(2) {
            return Err(bad(file, n, "a key without its value"));
        }
        let mut counters = Vec::new();
        for pair in words.chunks(2) {
            let value = pair[1]
                .parse::<u64>()
                .map_err(|_| bad(file, n, "bad value"))?;
            let w = wording(pair[0]);
            let description = if w.ends_with("(unknown)") {
                format!("{{}} {}", pair[0])
            } else {
                w.to_string()
            };
            counters.push(Counter {
                name: CounterName::new(pair[0]),
                value,
                description: description.into(),
                ..Counter::default()
            });
        }
        out.push(StatGroup {
            protocol: proto.to_ascii_lowercase(),
            counters,
        });
    }
    Ok(out)
}

/// Add a memory limit (`tcp_mem`, `udp_mem`: three page counts) to `section`'s counters.
pub fn add_limits(groups: &mut [StatGroup], section: &str, text: &str, file: &str) -> Result<()> {
    let v: Vec<u64> = text
        .split_whitespace()
        .map(|w| w.parse::<u64>().map_err(|_| bad(file, 0, "bad page count")))
        .collect::<Result<_>>()?;
    let [low, pressure, max] = v[..] else {
        return Err(bad(file, 0, "expected three page counts"));
    };
    if let Some(g) = groups.iter_mut().find(|g| g.protocol == section) {
        g.counters.push(Counter::new(
            "mem_low",
            low,
            "{} pages below which memory is not limited",
        ));
        g.counters.push(Counter::new(
            "mem_pressure",
            pressure,
            "{} pages at which memory pressure starts",
        ));
        g.counters.push(Counter::new(
            "mem_max",
            max,
            "{} pages of buffer memory at most",
        ));
    }
    Ok(())
}

/// `/proc/net/protocols`: per protocol its socket size and memory (`-mm`), one section.
pub fn parse_protocols(text: &str) -> Result<StatGroup> {
    let mut counters = Vec::new();
    for (n, _, f) in rows::after_header(text) {
        if f.len() < 4 {
            return Err(bad("protocols", n, "expected protocol size sockets memory"));
        }
        let num = |i: usize| {
            f[i].parse::<i64>()
                .map_err(|_| bad("protocols", n, "bad number"))
        };
        let name = f[0].to_ascii_lowercase();
        counters.push(Counter::new(
            &format!("{name}_size"),
            num(1)?.max(0) as u64,
            &format!("{{}} bytes per {name} socket"),
        ));
        counters.push(Counter::new(
            &format!("{name}_sockets"),
            num(2)?.max(0) as u64,
            &format!("{{}} {name} sockets"),
        ));
        let memory = num(3)?;
        if memory >= 0 {
            counters.push(Counter::new(
                &format!("{name}_memory"),
                memory as u64,
                &format!("{{}} pages used by {name} sockets"),
            ));
        }
    }
    Ok(StatGroup {
        protocol: "protocols".into(),
        counters,
    })
}

/// `/proc/net/softnet_stat`: one section per CPU (`-mm`).
pub fn parse_softnet(text: &str) -> Result<Vec<StatGroup>> {
    let mut out = Vec::new();
    for (cpu, line) in text.lines().enumerate() {
        let f: Vec<u64> = line
            .split_whitespace()
            .map(|w| {
                u64::from_str_radix(w, 16).map_err(|_| bad("softnet_stat", cpu, "bad hex word"))
            })
            .collect::<Result<_>>()?;
        if f.len() < 3 {
            return Err(bad("softnet_stat", cpu, "fewer than 3 columns"));
        }
        out.push(StatGroup {
            protocol: format!("softnet cpu{cpu}"),
            counters: vec![
                Counter::new("processed", f[0], "{} packets processed"),
                Counter::new("dropped", f[1], "{} packets dropped (backlog full)"),
                Counter::new("time_squeeze", f[2], "{} times the budget or time ran out"),
            ],
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sockstat_and_limits() {
        let mut g = parse_sockstat(
            "sockets: used 10\nTCP: inuse 1 orphan 0 tw 2 alloc 1 mem 3\nFRAG: inuse 0 memory 0\n",
            "sockstat",
        )
        .unwrap();
        assert_eq!(g[1].protocol, "tcp");
        assert_eq!(g[1].counters[2].text(), "2 sockets in TIME_WAIT");
        add_limits(&mut g, "tcp", "287898\t383866\t575796\n", "tcp_mem").unwrap();
        assert_eq!(g[1].counters.last().unwrap().value, 575796);
        assert!(parse_sockstat("TCP: inuse\n", "sockstat").is_err());
        let s = parse_softnet("000b4d82 00000001 00000002\n").unwrap();
        assert_eq!(
            (s[0].counters[0].value, s[0].counters[2].value),
            (0xb4d82, 2)
        );
        let p = parse_protocols("protocol size sockets memory\nTCP 2432 3 1\nPACKET 1600 0 -1\n")
            .unwrap();
        assert_eq!(p.counters.len(), 5);
    }
}
