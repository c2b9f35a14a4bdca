//! [`LinuxBackend`]: the [`Backend`] of Linux over any [`Source`].

use crate::dump::{self, DumpOutcome};
use crate::nlmsg;
use crate::source::{Dump, Source};
use crate::{addr, link, route};
use rnetstat_core::{Backend, Family, Interface, Result, Route, RouteQuery};
use std::collections::HashMap;

/// Times a small dump is retried when the kernel flags it interrupted (NLM_F_DUMP_INTR).
const DUMP_RETRIES: usize = 5;
/// The table of local, broadcast and IPv6 multicast routes, shown only with `-a`.
pub const RT_TABLE_LOCAL: u32 = 255;

/// The Linux backend.
pub struct LinuxBackend {
    source: Box<dyn Source>,
    names: Option<HashMap<u32, String>>,
    warnings: Vec<String>,
}

impl LinuxBackend {
    /// A backend reading from `source`.
    pub fn new(source: Box<dyn Source>) -> Self {
        LinuxBackend { source, names: None, warnings: Vec::new() }
    }

    /// The live kernel of the current network namespace.
    #[cfg(target_os = "linux")]
    pub fn live() -> Result<Self> {
        Ok(Self::new(Box::new(crate::source::Live::open()?)))
    }

    /// Run a dump that is collected whole, retrying while the kernel says it was interrupted.
    fn collect<T>(&mut self, dump: Dump, want: u16, decode: fn(&[u8]) -> Result<T>) -> Result<Vec<T>> {
        let mut items = Vec::new();
        for attempt in 0..=DUMP_RETRIES {
            items.clear();
            let outcome: DumpOutcome = dump::run(self.source.as_mut(), dump, want, &mut |m| {
                items.push(decode(m.payload)?);
                Ok(())
            })?;
            if !outcome.interrupted {
                break;
            }
            if attempt == DUMP_RETRIES {
                self.warnings
                    .push(format!("{dump:?} kept changing during the dump; the listing may be inconsistent"));
            }
        }
        Ok(items)
    }

    /// Index to name of every interface (dumped once, then kept).
    fn names(&mut self) -> Result<&HashMap<u32, String>> {
        if self.names.is_none() {
            let links = self.collect(Dump::Links, nlmsg::RTM_NEWLINK, link::decode)?;
            self.names = Some(links.into_iter().map(|l| (l.index, l.name)).collect());
        }
        Ok(self.names.as_ref().expect("filled above"))
    }
}

impl Backend for LinuxBackend {
    fn platform(&self) -> &'static str {
        "linux"
    }

    fn routes(&mut self, query: &RouteQuery, sink: &mut dyn FnMut(Route) -> Result<()>) -> Result<()> {
        let names = self.names()?.clone();
        let ifname = |i: u32| names.get(&i).cloned();
        let families: &[Family] = match query.family {
            Some(Family::Inet) => &[Family::Inet],
            Some(Family::Inet6) => &[Family::Inet6],
            _ => &[Family::Inet, Family::Inet6],
        };
        for &family in families {
            // Routes stream straight to the sink, so an interrupted dump can be retried only
            // while nothing has been handed on yet; later it is reported instead.
            for attempt in 0..=DUMP_RETRIES {
                let mut emitted = false;
                let outcome = dump::run(self.source.as_mut(), Dump::Routes(family), nlmsg::RTM_NEWROUTE, &mut |m| {
                    let Some(r) = route::decode(m.payload, &ifname)? else { return Ok(()) };
                    if r.family != family || !query.wants(&r, Some(RT_TABLE_LOCAL)) {
                        return Ok(());
                    }
                    emitted = true;
                    sink(r)
                })?;
                if !outcome.interrupted {
                    break;
                }
                if emitted || attempt == DUMP_RETRIES {
                    self.warnings.push(format!(
                        "the {family} routing table changed during the dump; the listing may be inconsistent"
                    ));
                    break;
                }
            }
        }
        Ok(())
    }

    fn interfaces(&mut self) -> Result<Vec<Interface>> {
        let mut links = self.collect(Dump::Links, nlmsg::RTM_NEWLINK, link::decode)?;
        let addrs = self.collect(Dump::Addresses, nlmsg::RTM_NEWADDR, addr::decode)?;
        let pos: HashMap<u32, usize> = links.iter().enumerate().map(|(i, l)| (l.index, i)).collect();
        for (index, a) in addrs {
            if let Some(&i) = pos.get(&index) {
                links[i].addresses.push(a);
            }
        }
        self.names = Some(links.iter().map(|l| (l.index, l.name.clone())).collect());
        Ok(links)
    }

    fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}
