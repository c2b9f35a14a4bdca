//! Protocol counters from procfs: `/proc/net/snmp` and `/proc/net/netstat` hold pairs of lines,
//! `Proto: Name1 Name2 ...` then `Proto: value1 value2 ...`; `/proc/net/snmp6` (and
//! `/proc/net/dev_snmp6/IF`, `/proc/net/sctp/snmp`) one `Name value` per line.

use rnetstat_core::{Error, Result};

/// One counter: (group, counter name, value), borrowed from the file's text.
pub type Entry<'a> = (&'a str, &'a str, u64);

/// Counters in file order.
pub type Counters<'a> = Vec<Entry<'a>>;

/// Parse the paired-line format of `/proc/net/snmp` and `/proc/net/netstat`.
pub fn parse_paired<'a>(text: &'a str, file: &str) -> Result<Counters<'a>> {
    // About one counter per 10 bytes of text.
    let mut out = Vec::with_capacity(text.len() / 10);
    parse_paired_into(text, file, &mut out)?;
    Ok(out)
}

/// [`parse_paired`], appending to `out` (`-s` gathers several files in one list).
pub fn parse_paired_into<'a>(text: &'a str, file: &str, out: &mut Counters<'a>) -> Result<()> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    while let Some(names) = lines.next() {
        let values = lines.next().ok_or_else(|| {
            Error::decode(
                "/proc/net counters",
                format!("{file}: a name line without values"),
            )
        })?;
        let (g1, names) = names.split_once(':').ok_or_else(|| bad(file, names))?;
        let (g2, values) = values.split_once(':').ok_or_else(|| bad(file, values))?;
        if g1 != g2 {
            return Err(Error::decode(
                "/proc/net counters",
                format!("{file}: {g1} names followed by {g2} values"),
            ));
        }
        // Names and values are paired as they come: no list per line.
        let mut names = fields(names);
        let mut values = fields(values);
        loop {
            match (names.next(), values.next()) {
                (Some(n), Some(v)) => out.push((g1, n, counter(v, file)?)),
                (None, None) => break,
                _ => {
                    return Err(Error::decode(
                        "/proc/net counters",
                        format!("{file}: {g1} has a different number of names and values"),
                    ))
                }
            }
        }
    }
    Ok(())
}

/// Parse the `Name value` format of `/proc/net/snmp6`.
pub fn parse_snmp6(text: &str) -> Result<Counters<'_>> {
    let mut out = Vec::with_capacity(text.len() / 32);
    parse_snmp6_into(text, &mut out)?;
    Ok(out)
}

/// [`parse_snmp6`], appending to `out`.
pub fn parse_snmp6_into<'a>(text: &'a str, out: &mut Counters<'a>) -> Result<()> {
    for line in text.lines() {
        let mut f = fields(line);
        let (Some(name), Some(value)) = (f.next(), f.next()) else {
            continue;
        };
        let value = value.parse::<u64>().map_err(|_| bad("snmp6", line))?;
        let group = ["Ip6", "Icmp6", "UdpLite6", "Udp6", "Sctp"]
            .into_iter()
            .find(|g| name.starts_with(g))
            .unwrap_or("Ip6");
        out.push((group, name, value));
    }
    Ok(())
}

/// The whitespace-separated fields of `line` (procfs writes ASCII only).
fn fields(line: &str) -> impl Iterator<Item = &str> {
    line.split_ascii_whitespace()
}

/// A counter's value: a few (Tcp MaxConn) are signed, and -1 means "no limit" (0 here).
fn counter(v: &str, file: &str) -> Result<u64> {
    v.parse::<u64>()
        .or_else(|_| v.parse::<i64>().map(|x| x.max(0) as u64))
        .map_err(|_| bad(file, v))
}

fn bad(file: &str, what: &str) -> Error {
    Error::decode(
        "/proc/net counters",
        format!("{file}: cannot read {what:?}"),
    )
}

/// The value of `group`'s counter `name`, if present.
pub fn get(counters: &Counters<'_>, group: &str, name: &str) -> Option<u64> {
    counters
        .iter()
        .find(|(g, n, _)| *g == group && *n == name)
        .map(|(_, _, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats() {
        let c = parse_paired(
            "IpExt: InMcastPkts OutMcastPkts\nIpExt: 5 7\nTcp: MaxConn\nTcp: -1\n",
            "netstat",
        )
        .unwrap();
        assert_eq!(get(&c, "IpExt", "OutMcastPkts"), Some(7));
        assert_eq!(get(&c, "Tcp", "MaxConn"), Some(0));
        assert!(parse_paired("Ip: A B\nIp: 1\n", "snmp").is_err());
        assert!(parse_paired("Ip: A\nIcmp: 1\n", "snmp").is_err());
        let sctp =
            parse_snmp6("SctpCurrEstab                   \t2\nSctpActiveEstabs 7\n").unwrap();
        assert_eq!(
            sctp,
            [
                ("Sctp", "SctpCurrEstab", 2),
                ("Sctp", "SctpActiveEstabs", 7)
            ]
        );
        let s = parse_snmp6("Ip6InMcastPkts 12\nIcmp6InGroupMembQueries   3\n").unwrap();
        assert_eq!(get(&s, "Icmp6", "Icmp6InGroupMembQueries"), Some(3));
    }
}
