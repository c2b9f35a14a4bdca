//! The multicast router's tables as FreeBSD 14's netstat -g prints them (usr.bin/netstat
//! mroute.c, mroute6.c): per family the interface table and the forwarding table (or the line
//! saying one is empty), then a blank line. IPv4 vifs ` %2u    %6u   %-15.15s %-15.15s %9lu
//! %9lu`, the remote address only for a tunnel; forwarding entries with `vif:ttl` pairs. IPv6
//! mifs with their interface (`reg0` for the register mif); forwarding entries with origin and
//! group columns 29 and 16 wide (39 and 18 with -W), the packets waiting for an upcall, `---`
//! for an entry without input mif. FreeBSD exports only pointers to its IPv6 cache entries: a
//! cache that has entries nobody can read says so instead.

use rnetstat_core::{Family, Mfc, MulticastRouting, Vif};
use std::fmt::Write as _;

/// Append the tables of one `family` the kernel routes multicast for.
pub fn router_tables(text: &mut String, r: &MulticastRouting, family: Family, wide: bool) {
    match family {
        Family::Inet => inet(text, r),
        _ => inet6(text, r, wide),
    }
}

fn of(r: &MulticastRouting, family: Family) -> (Vec<&Vif>, Vec<&Mfc>) {
    (
        r.vifs.iter().filter(|v| v.family == family).collect(),
        r.mfc.iter().filter(|m| m.family == family).collect(),
    )
}

fn inet(text: &mut String, r: &MulticastRouting) {
    let (vifs, mfc) = of(r, Family::Inet);
    if vifs.is_empty() {
        text.push_str("\nIPv4 Virtual Interface Table is empty\n");
    } else {
        text.push_str("\nIPv4 Virtual Interface Table\n Vif   Thresh   Local-Address   Remote-Address    Pkts-In   Pkts-Out\n");
        for v in vifs {
            let local = v.local.map(|a| a.to_string()).unwrap_or_default();
            let remote = v.remote.map(|a| a.to_string()).unwrap_or_default();
            let _ = writeln!(
                text,
                " {:>2}    {:>6}   {:<15.15} {:<15.15} {:>9}  {:>9}",
                v.index,
                v.threshold.unwrap_or(0),
                local,
                remote,
                v.pkts_in,
                v.pkts_out
            );
        }
    }
    super::mfc4_table(text, &mfc, "0");
    text.push('\n');
}

fn inet6(text: &mut String, r: &MulticastRouting, wide: bool) {
    let (mifs, mfc) = of(r, Family::Inet6);
    super::mif_table(text, &mifs, "");
    let hidden = r
        .mfc_unexported
        .iter()
        .find(|(f, _)| *f == Family::Inet6)
        .map(|(_, n)| *n);
    let (org, grp) = if wide { (39, 18) } else { (29, 16) };
    if !mfc.is_empty() {
        text.push_str("\nIPv6 Multicast Forwarding Cache\n");
        let _ = writeln!(
            text,
            " {:<org$.org$} {:<grp$.grp$}   Packets Waits In-Mif  Out-Mifs",
            "Origin", "Group"
        );
        for m in mfc {
            let _ = write!(
                text,
                " {:<org$.org$} {:<grp$.grp$} {:>9}   {:>3}",
                m.origin.to_string(),
                m.group.to_string(),
                m.packets,
                0
            );
            match m.iif {
                Some(i) => {
                    let _ = write!(text, "  {i:>3}   ");
                }
                None => text.push_str(" ---   "),
            }
            for (mif, _) in &m.oifs {
                let _ = write!(text, " {mif}");
            }
            text.push('\n');
        }
    } else if let Some(n) = hidden {
        let _ = writeln!(
            text,
            "\nIPv6 Multicast Forwarding Cache\n {n} hash bucket{} in use; the kernel does not export the entries (netstat reads them from kernel memory)",
            if n == 1 { "" } else { "s" }
        );
    } else {
        text.push_str("\nIPv6 Multicast Forwarding Table is empty\n");
    }
    text.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(iif: Option<u32>) -> Mfc {
        Mfc {
            family: Family::Inet6,
            origin: "2001:db8:1::20".parse().unwrap(),
            group: "ff15::123".parse().unwrap(),
            iif,
            packets: 520,
            bytes: 0,
            wrong_if: 0,
            oifs: vec![(1, 0)],
            table: None,
            idle: None,
        }
    }

    /// An IPv6 cache entry as FreeBSD netstat prints it (the line of mroute.c's comment).
    #[test]
    fn ipv6_cache_entries_in_netstat_columns() {
        let r = MulticastRouting {
            mfc: vec![entry(Some(0)), entry(None)],
            families: vec![Family::Inet6],
            ..Default::default()
        };
        let mut text = String::new();
        router_tables(&mut text, &r, Family::Inet6, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "IPv6 Multicast Interface Table is empty");
        assert_eq!(lines[3], "IPv6 Multicast Forwarding Cache");
        assert_eq!(
            lines[4],
            " Origin                        Group              Packets Waits In-Mif  Out-Mifs"
        );
        assert_eq!(
            lines[5],
            " 2001:db8:1::20                ff15::123              520     0    0    1"
        );
        assert_eq!(
            lines[6],
            " 2001:db8:1::20                ff15::123              520     0 ---    1"
        );
        let mut wide = String::new();
        router_tables(&mut wide, &r, Family::Inet6, true);
        assert!(wide.contains(&format!(" {:<39} {:<18}   Packets", "Origin", "Group")));
    }

    #[test]
    fn empty_tables_say_so_in_freebsd_words() {
        let r = MulticastRouting {
            families: vec![Family::Inet, Family::Inet6],
            ..Default::default()
        };
        let mut text = String::new();
        router_tables(&mut text, &r, Family::Inet, false);
        router_tables(&mut text, &r, Family::Inet6, false);
        assert_eq!(
            text,
            "\nIPv4 Virtual Interface Table is empty\n\nIPv4 Multicast Forwarding Table is empty\n\n\
             \nIPv6 Multicast Interface Table is empty\n\nIPv6 Multicast Forwarding Table is empty\n\n"
        );
    }
}
