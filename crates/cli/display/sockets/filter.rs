//! The filter expression applied to the socket display as the sockets stream: every form
//! (Linux's, FreeBSD's, macOS's, JSON) asks the backend through [`Selection::sockets`], which
//! hands on only the sockets the filter keeps. Nothing is collected.

use crate::args::Options;
use rnetstat_core::{Backend, Filter, FilterContext, Result, Socket, SocketQuery};

/// The filter of the command line with what it is evaluated against.
pub struct Selection<'a> {
    filter: Option<&'a Filter>,
    netns: Option<String>,
}

impl<'a> Selection<'a> {
    /// The selection `opts` asks for; the shown namespace is named only when the filter asks
    /// for it (`netns`): a snapshot has none, the live kernel's is this process's.
    pub fn of(opts: &'a Options) -> Selection<'a> {
        let filter = opts.filter.as_ref();
        let netns = filter
            .filter(|f| f.needs_netns() && opts.snapshot.is_none())
            .map(|_| own_netns_name());
        Selection { filter, netns }
    }

    /// Whether the filter asks about owners (`pid`, `command`), so they must be read even
    /// without -v.
    pub fn needs_owners(&self) -> bool {
        self.filter.is_some_and(Filter::needs_owners)
    }

    /// Whether `s` is shown.
    pub fn keeps(&self, s: &Socket) -> bool {
        let ctx = FilterContext {
            netns: self.netns.as_deref(),
        };
        self.filter.is_none_or(|f| f.matches(s, &ctx))
    }

    /// The sockets of `query` the filter keeps, handed to `sink` one at a time.
    pub fn sockets(
        &self,
        backend: &mut dyn Backend,
        query: &SocketQuery,
        sink: &mut dyn FnMut(&Socket) -> Result<()>,
    ) -> Result<()> {
        if self.filter.is_none() {
            return backend.sockets(query, sink);
        }
        backend.sockets(query, &mut |s| if self.keeps(s) { sink(s) } else { Ok(()) })
    }
}

/// The name of this process's network namespace: its name under /run/netns (as `ip netns`
/// names it) when it has one there, else `host`.
fn own_netns_name() -> String {
    named_netns().unwrap_or_else(|| "host".to_string())
}

#[cfg(target_os = "linux")]
fn named_netns() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let own = std::fs::metadata("/proc/self/ns/net").ok()?;
    std::fs::read_dir("/run/netns")
        .ok()?
        .flatten()
        .find_map(|e| {
            let m = std::fs::metadata(e.path()).ok()?;
            (m.dev() == own.dev() && m.ino() == own.ino())
                .then(|| e.file_name().to_string_lossy().into_owned())
        })
}

/// FreeBSD and macOS have no named network namespaces.
#[cfg(not(target_os = "linux"))]
fn named_netns() -> Option<String> {
    None
}
