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
            .and_then(|_| own_netns_name());
        Selection { filter, netns }
    }

    /// Whether the filter asks about owners (`pid`, `command`), so they must be read even
    /// without -v.
    pub fn needs_owners(&self) -> bool {
        self.filter.is_some_and(Filter::needs_owners)
    }

    /// Whether the filter asks each socket's uid (the `-j all` walk reads none).
    #[cfg(target_os = "linux")]
    pub fn needs_uid(&self) -> bool {
        self.filter.is_some_and(Filter::needs_uid)
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

/// The network namespace rnetstat started in, noted by [`note_start_netns`] before `-j`
/// enters another: (device, inode) of its /proc/self/ns/net.
#[cfg(target_os = "linux")]
static START_NETNS: std::sync::OnceLock<Option<(u64, u64)>> = std::sync::OnceLock::new();

/// Note the namespace rnetstat starts in, when the filter asks for namespaces (`netns`): it is
/// the one `host` names. Called before `-j` enters another.
#[cfg(target_os = "linux")]
pub fn note_start_netns(opts: &Options) {
    if opts.filter.as_ref().is_some_and(Filter::needs_netns) {
        START_NETNS.get_or_init(|| netns_id("/proc/self/ns/net"));
    }
}

#[cfg(target_os = "linux")]
fn netns_id(path: impl AsRef<std::path::Path>) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The name of the network namespace this process is in (after `-j`, the one it entered): its
/// name under /run/netns (as `ip netns` names it) when it has one there, else `host` when it
/// is the namespace rnetstat started in; None for another unnamed one.
#[cfg(target_os = "linux")]
fn own_netns_name() -> Option<String> {
    let own = netns_id("/proc/self/ns/net");
    let named = std::fs::read_dir("/run/netns").ok().and_then(|dir| {
        dir.flatten()
            .find(|e| own.is_some() && netns_id(e.path()) == own)
            .map(|e| e.file_name().to_string_lossy().into_owned())
    });
    let start = START_NETNS.get().copied().flatten();
    named.or_else(|| (start.is_none() || start == own).then(|| "host".to_string()))
}

/// FreeBSD and macOS have no network namespaces: the stack shown is `host`.
#[cfg(not(target_os = "linux"))]
fn own_netns_name() -> Option<String> {
    Some("host".to_string())
}
