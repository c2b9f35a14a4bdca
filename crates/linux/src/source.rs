//! Where netlink answers come from: the live kernel, a snapshot directory, or the live kernel
//! while its answers are written to a snapshot directory (`--capture`).
//!
//! A snapshot holds, per dump, one file of the raw datagrams the kernel sent, concatenated
//! (native byte order, exactly as received, NLMSG_DONE included). Netlink messages are
//! self-delimiting, so the snapshot reader frames the file message by message and the decoders
//! see the same bytes as from the live kernel.

use crate::nlmsg::{self, NLMSG_HDRLEN};
use rnetstat_core::{Error, Family, Result};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// One rtnetlink dump that a display needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dump {
    /// RTM_GETLINK: every interface with its statistics.
    Links,
    /// RTM_GETADDR: every interface address.
    Addresses,
    /// RTM_GETROUTE for one family: every route of every table (`None`), or of one table,
    /// which the kernel filters when the socket has NETLINK_GET_STRICT_CHK.
    Routes(Family, Option<u32>),
}

impl Dump {
    /// File name of this dump in a snapshot directory.
    pub fn file_name(self) -> String {
        match self {
            Dump::Links => "link.nl".into(),
            Dump::Addresses => "addr.nl".into(),
            Dump::Routes(f, None) => format!("route-{}.nl", f.name()),
            Dump::Routes(f, Some(t)) => format!("route-{}-table-{t}.nl", f.name()),
        }
    }

    /// The request message (without the netlink header): type and family header.
    pub fn request(self) -> (u16, Vec<u8>) {
        match self {
            // struct ifinfomsg, family AF_UNSPEC.
            Dump::Links => (nlmsg::RTM_GETLINK, vec![0; 16]),
            // struct ifaddrmsg, family AF_UNSPEC.
            Dump::Addresses => (nlmsg::RTM_GETADDR, vec![0; 8]),
            // struct rtmsg with rtm_family set.
            Dump::Routes(f, table) => {
                let mut rtmsg = vec![0; 12];
                rtmsg[0] = if f == Family::Inet6 { 10 } else { 2 };
                if let Some(t) = table {
                    // rtm_table for small ids, and RTA_TABLE (15, u32) for every id.
                    rtmsg[4] = u8::try_from(t).unwrap_or(0);
                    rtmsg.extend_from_slice(&8u16.to_ne_bytes());
                    rtmsg.extend_from_slice(&15u16.to_ne_bytes());
                    rtmsg.extend_from_slice(&t.to_ne_bytes());
                }
                (nlmsg::RTM_GETROUTE, rtmsg)
            }
        }
    }
}

/// A handler of received bytes: a whole number of netlink messages. It answers `true` once it has
/// seen the end of the dump (NLMSG_DONE or an error), after which the source stops reading.
pub type Handler<'a> = dyn FnMut(&[u8]) -> Result<bool> + 'a;

/// A source of rtnetlink dumps.
pub trait Source {
    /// Run `dump`, handing the answer to `handler` until it says the dump is complete.
    fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> Result<()>;
}

/// Reads dumps from a snapshot directory written by [`Capture`].
pub struct Snapshot {
    dir: PathBuf,
}

impl Snapshot {
    /// A snapshot source over `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Snapshot { dir: dir.into() }
    }
}

impl Source for Snapshot {
    fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> Result<()> {
        let path = self.dir.join(dump.file_name());
        let file = File::open(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::Usage(format!(
                    "snapshot {} has no {}: capture it with the display you want to render",
                    self.dir.display(),
                    dump.file_name()
                ))
            } else {
                Error::io(format!("reading snapshot {}", path.display()), e)
            }
        })?;
        let mut reader = BufReader::with_capacity(64 * 1024, file);
        let mut msg = Vec::with_capacity(4096);
        loop {
            let mut hdr = [0u8; NLMSG_HDRLEN];
            match read_full(&mut reader, &mut hdr) {
                Ok(0) => break,
                Ok(n) if n < NLMSG_HDRLEN => {
                    return Err(Error::decode(
                        "snapshot",
                        format!("{}: truncated header", path.display()),
                    ))
                }
                Ok(_) => {}
                Err(e) => return Err(Error::io(format!("reading snapshot {}", path.display()), e)),
            }
            let len = nlmsg::header_len(&hdr);
            if !(NLMSG_HDRLEN..=1 << 24).contains(&len) {
                return Err(Error::decode(
                    "snapshot",
                    format!("{}: bad message length {len}", path.display()),
                ));
            }
            let padded = nlmsg::align(len);
            msg.clear();
            msg.extend_from_slice(&hdr);
            msg.resize(padded, 0);
            let got = read_full(&mut reader, &mut msg[NLMSG_HDRLEN..])
                .map_err(|e| Error::io(format!("reading snapshot {}", path.display()), e))?;
            // The last message of a datagram may lack its padding; anything shorter is truncation.
            if NLMSG_HDRLEN + got < len {
                return Err(Error::decode(
                    "snapshot",
                    format!("{}: truncated message", path.display()),
                ));
            }
            if handler(&msg[..len])? {
                return Ok(());
            }
        }
        Err(Error::decode(
            "snapshot",
            format!("{}: ends before the end of the dump", path.display()),
        ))
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Wraps another source and writes every answer into a snapshot directory.
pub struct Capture<S> {
    inner: S,
    dir: PathBuf,
}

impl<S: Source> Capture<S> {
    /// Capture the answers of `inner` into `dir` (created if missing).
    pub fn new(inner: S, dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        Ok(Capture {
            inner,
            dir: dir.to_path_buf(),
        })
    }
}

impl<S: Source> Source for Capture<S> {
    fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> Result<()> {
        let path = self.dir.join(dump.file_name());
        let ctx = || format!("writing capture {}", path.display());
        // Truncate: a retried dump replaces the interrupted one.
        let file = File::create(&path).map_err(|e| Error::io(ctx(), e))?;
        let mut out = BufWriter::new(file);
        let mut io_err = None;
        self.inner.dump(dump, &mut |bytes: &[u8]| {
            if io_err.is_none() {
                if let Err(e) = out.write_all(bytes) {
                    io_err = Some(e);
                }
            }
            handler(bytes)
        })?;
        if let Some(e) = io_err {
            return Err(Error::io(ctx(), e));
        }
        out.flush().map_err(|e| Error::io(ctx(), e))
    }
}

#[cfg(target_os = "linux")]
pub use live::Live;

#[cfg(target_os = "linux")]
mod live {
    use super::{Dump, Handler, Source};
    use crate::nlmsg;
    use netlink_sys::{protocols::NETLINK_ROUTE, Socket, SocketAddr};
    use rnetstat_core::{Error, Result};

    /// The live kernel, over one NETLINK_ROUTE socket.
    pub struct Live {
        socket: Socket,
        seq: u32,
        buf: Vec<u8>,
    }

    impl Live {
        /// Open a NETLINK_ROUTE socket in the current network namespace.
        pub fn open() -> Result<Self> {
            let mut socket = Socket::new(NETLINK_ROUTE)
                .map_err(|e| Error::io("opening a NETLINK_ROUTE socket", e))?;
            socket
                .bind_auto()
                .map_err(|e| Error::io("binding a NETLINK_ROUTE socket", e))?;
            socket
                .connect(&SocketAddr::new(0, 0))
                .map_err(|e| Error::io("connecting a NETLINK_ROUTE socket", e))?;
            // Let the kernel filter dumps by the header and attributes of the request (a
            // route dump of one table); kernels before 4.20 lack it and answer everything,
            // which the decoders filter again.
            let _ = socket.set_netlink_get_strict_chk(true);
            // The kernel fills at most 32 KiB per datagram once we offer that much; 64 KiB
            // leaves room and keeps memory flat however large the table is.
            Ok(Live {
                socket,
                seq: 0,
                buf: Vec::with_capacity(64 * 1024),
            })
        }
    }

    impl Source for Live {
        fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> Result<()> {
            self.seq = self.seq.wrapping_add(1);
            let (kind, payload) = dump.request();
            let req = nlmsg::dump_request(kind, self.seq, &payload);
            self.socket
                .send(&req, 0)
                .map_err(|e| Error::io("sending a netlink dump request", e))?;
            loop {
                self.buf.clear();
                let n = match self.socket.recv(&mut self.buf, 0) {
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(Error::io("receiving a netlink answer", e)),
                };
                if n > self.buf.len() {
                    return Err(Error::decode(
                        "netlink answer",
                        "datagram larger than the buffer",
                    ));
                }
                if handler(&self.buf[..n])? {
                    return Ok(());
                }
            }
        }
    }
}
