//! [`MacOsBackend`]: the [`Backend`] of macOS over any [`Source`]. What macOS has no sysctl
//! for (the multicast router's tables and statistics among them) is left to the trait's
//! defaults: an empty router table, "not supported" for the rest.

use crate::common;
use crate::macos::{mbuf, sockets};
use crate::os::Os;
use crate::source::Source;
use rnetstat_core::bsd::mbuf::MbufStats;
use rnetstat_core::{
    Backend, Interface, Membership, Platform, Result, Route, RouteQuery, Socket, SocketQuery,
    StatGroup,
};

/// The kernel ABI this backend decodes.
const OS: Os = Os::MacOs;

/// The macOS backend.
pub struct MacOsBackend {
    source: Box<dyn Source>,
    /// Warnings for stderr (a list that changed while it was read).
    warnings: Vec<String>,
}

impl MacOsBackend {
    /// A backend decoding macOS's layouts from `source`.
    pub fn new(source: Box<dyn Source>) -> Self {
        MacOsBackend {
            source,
            warnings: Vec::new(),
        }
    }
}

impl Backend for MacOsBackend {
    fn platform(&self) -> Platform {
        OS.platform()
    }

    fn routes(
        &mut self,
        query: &RouteQuery,
        sink: &mut dyn FnMut(&Route) -> Result<()>,
    ) -> Result<()> {
        common::routes(OS, self.source.as_mut(), query, sink)
    }

    fn interfaces(&mut self) -> Result<Vec<Interface>> {
        Ok(common::interface_list(OS, self.source.as_mut())?.interfaces)
    }

    fn sockets(
        &mut self,
        query: &SocketQuery,
        sink: &mut dyn FnMut(&Socket) -> Result<()>,
    ) -> Result<()> {
        let warnings = sockets::sockets(self.source.as_mut(), query, sink)?;
        self.warnings.extend(warnings);
        Ok(())
    }

    /// The socket lists that changed while they were copied out.
    fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The memberships NET_RT_IFLIST2 carries, named by its interfaces.
    fn memberships(&mut self) -> Result<Vec<Membership>> {
        Ok(common::interface_list(OS, self.source.as_mut())?.memberships)
    }

    fn mbuf_stats(&mut self) -> Result<MbufStats> {
        mbuf::read(self.source.as_mut())
    }

    fn protocol_stats(&mut self, wanted: &dyn Fn(&str, &str) -> bool) -> Result<Vec<StatGroup>> {
        common::protocol_stats(OS, self.source.as_mut(), wanted)
    }

    fn routing_stats(&mut self) -> Result<Vec<StatGroup>> {
        common::routing_stats(OS, self.source.as_mut())
    }
}
