//! [`LinuxBackend`]: the [`Backend`] of Linux over any [`Source`].

use crate::dump::{self, DumpOutcome};
use crate::nlmsg;
use crate::source::{Dump, Source};
use crate::{addr, link, route};
use rnetstat_core::Error;
use rnetstat_core::{Backend, Family, Interface, Result, Route, RouteQuery};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::sync::Arc;

/// Times a small dump is retried when the kernel flags it interrupted (NLM_F_DUMP_INTR).
const DUMP_RETRIES: usize = 5;
/// The table of local, broadcast and IPv6 multicast routes, shown only with `-a`.
pub const RT_TABLE_LOCAL: u32 = 255;
/// The main table, listed first.
pub const RT_TABLE_MAIN: u32 = 254;

/// The Linux backend.
pub struct LinuxBackend {
    source: Box<dyn Source>,
    names: Option<HashMap<u32, Arc<str>>>,
    warnings: Vec<String>,
}

impl LinuxBackend {
    /// A backend reading from `source`.
    pub fn new(source: Box<dyn Source>) -> Self {
        LinuxBackend {
            source,
            names: None,
            warnings: Vec::new(),
        }
    }

    /// The live kernel of the current network namespace.
    #[cfg(target_os = "linux")]
    pub fn live() -> Result<Self> {
        Ok(Self::new(Box::new(crate::source::Live::open()?)))
    }

    /// Run a dump that is collected whole, retrying while the kernel says it was interrupted.
    fn collect<T>(
        &mut self,
        dump: Dump,
        want: u16,
        decode: fn(&[u8]) -> Result<T>,
    ) -> Result<Vec<T>> {
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
                self.warnings.push(format!(
                    "{dump:?} kept changing during the dump; the listing may be inconsistent"
                ));
            }
        }
        Ok(items)
    }

    /// Index to name of every interface (dumped once, then kept).
    fn names(&mut self) -> Result<&HashMap<u32, Arc<str>>> {
        if self.names.is_none() {
            let links = self.collect(Dump::Links, nlmsg::RTM_NEWLINK, link::decode)?;
            self.names = Some(
                links
                    .into_iter()
                    .map(|l| (l.index, Arc::from(l.name)))
                    .collect(),
            );
        }
        Ok(self.names.as_ref().expect("filled above"))
    }
}

impl Backend for LinuxBackend {
    fn platform(&self) -> &'static str {
        "linux"
    }

    /// Routes stream straight to the sink in kernel order, except that the main table comes
    /// first: routes of other tables are spooled, as raw messages, to an unnamed temporary
    /// file and replayed after it, so memory stays flat whatever the tables hold. An
    /// interrupted dump is retried only while nothing has been handed on yet; later it is
    /// reported as a warning instead.
    fn routes(
        &mut self,
        query: &RouteQuery,
        sink: &mut dyn FnMut(&Route) -> Result<()>,
    ) -> Result<()> {
        let names = self.names()?.clone();
        let ifname = |i: u32| names.get(&i).cloned();
        let families: &[Family] = match query.family {
            Some(Family::Inet) => &[Family::Inet],
            Some(Family::Inet6) => &[Family::Inet6],
            _ => &[Family::Inet, Family::Inet6],
        };
        for &family in families {
            for attempt in 0..=DUMP_RETRIES {
                let mut emitted = false;
                let mut spool = Spool::default();
                let mut r = route::blank(family);
                let outcome = dump::run(
                    self.source.as_mut(),
                    Dump::Routes(family),
                    nlmsg::RTM_NEWROUTE,
                    &mut |m| {
                        if !route::decode_into(m.payload, &ifname, &mut r)? {
                            return Ok(());
                        }
                        if r.family != family || !query.wants(&r, Some(RT_TABLE_LOCAL)) {
                            return Ok(());
                        }
                        if r.table != RT_TABLE_MAIN {
                            return spool.push(m.payload);
                        }
                        emitted = true;
                        sink(&r)
                    },
                )?;
                if outcome.interrupted && !emitted && attempt < DUMP_RETRIES {
                    continue;
                }
                spool.replay(&mut |payload| {
                    if route::decode_into(payload, &ifname, &mut r)? {
                        sink(&r)?;
                    }
                    Ok(())
                })?;
                if outcome.interrupted {
                    self.warnings.push(format!(
                        "the {family} routing table changed during the dump; the listing may be inconsistent"
                    ));
                }
                break;
            }
        }
        Ok(())
    }

    fn interfaces(&mut self) -> Result<Vec<Interface>> {
        let mut links = self.collect(Dump::Links, nlmsg::RTM_NEWLINK, link::decode)?;
        let addrs = self.collect(Dump::Addresses, nlmsg::RTM_NEWADDR, addr::decode)?;
        let pos: HashMap<u32, usize> = links
            .iter()
            .enumerate()
            .map(|(i, l)| (l.index, i))
            .collect();
        for (index, a) in addrs {
            if let Some(&i) = pos.get(&index) {
                links[i].addresses.push(a);
            }
        }
        self.names = Some(
            links
                .iter()
                .map(|l| (l.index, Arc::from(l.name.as_str())))
                .collect(),
        );
        Ok(links)
    }

    fn memberships(&mut self) -> Result<Vec<rnetstat_core::Membership>> {
        Err(Error::Usage(
            "the multicast display (-g) is not built for Linux yet; it renders FreeBSD and macOS snapshots (-M)".into(),
        ))
    }

    fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

/// Raw route messages set aside until the main table has been listed: length-prefixed
/// payloads in an unnamed temporary file, created on first use.
#[derive(Default)]
struct Spool {
    file: Option<BufWriter<File>>,
}

impl Spool {
    fn push(&mut self, payload: &[u8]) -> Result<()> {
        let err = |e| Error::io("spooling routes of other tables to a temporary file", e);
        if self.file.is_none() {
            self.file = Some(BufWriter::new(tempfile::tempfile().map_err(err)?));
        }
        let f = self.file.as_mut().expect("created above");
        f.write_all(&(payload.len() as u32).to_ne_bytes())
            .map_err(err)?;
        f.write_all(payload).map_err(err)
    }

    fn replay(self, each: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        let Some(w) = self.file else { return Ok(()) };
        let err = |e| Error::io("reading back spooled routes", e);
        let mut file = w.into_inner().map_err(|e| err(e.into_error()))?;
        file.rewind().map_err(err)?;
        let mut r = BufReader::with_capacity(64 * 1024, file);
        let mut buf = Vec::new();
        loop {
            let mut len = [0u8; 4];
            match r.read_exact(&mut len) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
                Err(e) => return Err(err(e)),
            }
            buf.resize(u32::from_ne_bytes(len) as usize, 0);
            r.read_exact(&mut buf).map_err(err)?;
            each(&buf)?;
        }
    }
}
