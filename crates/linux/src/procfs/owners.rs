//! Which processes hold which sockets (`-v`): every /proc/PID/fd/N that links to
//! `socket:[INODE]`, scanned once per run and only when asked, plus /proc/PID/comm of the
//! processes that hold any socket.
//!
//! A process whose fd directory cannot be read (another user's, for an unprivileged run) is
//! left out, and the scan says so, so the caller can print a note instead of failing.
//! In a snapshot the map is the text file `proc-net/socket-owners`: one `INODE PID FD COMMAND`
//! line per open socket descriptor.

use rnetstat_core::{Error, Owner, Result};
use std::collections::HashMap;

/// Socket inode to the processes holding it, kept compact: a table with 100,000 sockets
/// holds one (pid, fd) per socket and each command name once.
#[derive(Debug, Default)]
pub struct OwnerMap {
    /// Command name of each process that holds a socket.
    commands: HashMap<u32, String>,
    /// The first holder of each socket: (pid, fd).
    first: HashMap<u64, (u32, u32)>,
    /// Further holders of shared sockets (after fork, or passed over a unix socket).
    more: HashMap<u64, Vec<(u32, u32)>>,
    /// Processes whose descriptors could not be read.
    pub hidden: usize,
}

impl OwnerMap {
    /// Record that `pid` holds socket `inode` as descriptor `fd`.
    pub fn add(&mut self, inode: u64, pid: u32, fd: u32, command: impl FnOnce() -> String) {
        self.commands.entry(pid).or_insert_with(command);
        match self.first.entry(inode) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((pid, fd));
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.more.entry(inode).or_default().push((pid, fd))
            }
        }
    }

    /// The processes holding socket `inode`.
    pub fn owners(&self, inode: u64) -> Vec<Owner> {
        let Some(first) = self.first.get(&inode) else {
            return Vec::new();
        };
        let more = self.more.get(&inode).map_or(&[][..], Vec::as_slice);
        std::iter::once(first)
            .chain(more)
            .map(|&(pid, fd)| Owner {
                pid,
                command: self.commands.get(&pid).cloned(),
                fd: Some(fd),
            })
            .collect()
    }

    /// The text form kept in snapshots.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<(u64, u32, u32)> = Vec::with_capacity(self.first.len());
        for (&inode, &(pid, fd)) in &self.first {
            lines.push((inode, pid, fd));
        }
        for (&inode, list) in &self.more {
            lines.extend(list.iter().map(|&(pid, fd)| (inode, pid, fd)));
        }
        lines.sort_unstable();
        let mut text = format!("# hidden {}\n", self.hidden);
        for (inode, pid, fd) in lines {
            let command = self.commands.get(&pid).map_or("", String::as_str);
            text.push_str(&format!("{inode} {pid} {fd} {command}\n"));
        }
        text
    }

    /// Parse the text form.
    pub fn from_text(text: &str) -> Result<OwnerMap> {
        let mut map = OwnerMap::default();
        for (n, line) in text.lines().enumerate() {
            if let Some(h) = line.strip_prefix("# hidden ") {
                map.hidden = h.trim().parse().map_err(|_| bad(n, "bad hidden count"))?;
                continue;
            }
            let mut f = line.splitn(4, ' ');
            let (Some(inode), Some(pid), Some(fd), Some(command)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                return Err(bad(n, "expected INODE PID FD COMMAND"));
            };
            let inode = inode.parse().map_err(|_| bad(n, "bad inode"))?;
            let pid = pid.parse().map_err(|_| bad(n, "bad pid"))?;
            let fd = fd.parse().map_err(|_| bad(n, "bad fd"))?;
            map.add(inode, pid, fd, || command.to_string());
        }
        Ok(map)
    }
}

fn bad(line: usize, detail: &str) -> Error {
    Error::decode("socket owner list", format!("line {}: {detail}", line + 1))
}

/// Scan /proc of the running system.
pub fn scan() -> OwnerMap {
    let mut map = OwnerMap::default();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return map;
    };
    let mut fd_path = String::with_capacity(64);
    for entry in procs.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let dir = format!("/proc/{pid}/fd");
        let fds = match std::fs::read_dir(&dir) {
            Ok(fds) => fds,
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                map.hidden += 1;
                continue;
            }
            // The process ended meanwhile.
            Err(_) => continue,
        };
        for fd in fds.flatten() {
            let fd_name = fd.file_name();
            let Some(fd_num) = fd_name.to_str().and_then(|n| n.parse::<u32>().ok()) else {
                continue;
            };
            fd_path.clear();
            fd_path.push_str(&dir);
            fd_path.push('/');
            fd_path.push_str(fd_name.to_str().unwrap_or_default());
            let Ok(target) = std::fs::read_link(&fd_path) else {
                continue;
            };
            let Some(inode) = target
                .to_str()
                .and_then(|t| t.strip_prefix("socket:["))
                .and_then(|t| t.strip_suffix(']'))
                .and_then(|t| t.parse::<u64>().ok())
            else {
                continue;
            };
            map.add(inode, pid, fd_num, || {
                std::fs::read_to_string(format!("/proc/{pid}/comm"))
                    .map(|c| c.trim_end().to_string())
                    .unwrap_or_default()
            });
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip() {
        let mut m = OwnerMap {
            hidden: 2,
            ..OwnerMap::default()
        };
        m.add(77, 10, 3, || "my daemon".into());
        m.add(77, 11, 4, || "child".into());
        let back = OwnerMap::from_text(&m.to_text()).unwrap();
        assert_eq!(back.hidden, 2);
        let owners = back.owners(77);
        assert_eq!((owners[0].command_or(""), owners[1].pid), ("my daemon", 11));
        assert!(back.owners(78).is_empty());
        assert!(OwnerMap::from_text("12 x 3 sh\n").is_err());
    }
}
