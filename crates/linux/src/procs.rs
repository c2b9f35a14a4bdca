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

/// Socket inode to the processes holding it.
#[derive(Debug, Default)]
pub struct OwnerMap {
    /// The owners of each socket inode.
    pub by_inode: HashMap<u64, Vec<Owner>>,
    /// Processes whose descriptors could not be read.
    pub hidden: usize,
}

impl OwnerMap {
    /// The text form kept in snapshots.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        for (inode, owners) in &self.by_inode {
            for o in owners {
                lines.push(format!(
                    "{inode} {} {} {}",
                    o.pid,
                    o.fd.unwrap_or(0),
                    o.command
                ));
            }
        }
        lines.sort();
        let mut text = format!("# hidden {}\n", self.hidden);
        for l in lines {
            text.push_str(&l);
            text.push('\n');
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
            let owner = Owner {
                pid: pid.parse().map_err(|_| bad(n, "bad pid"))?,
                fd: Some(fd.parse().map_err(|_| bad(n, "bad fd"))?),
                command: command.to_string(),
            };
            map.by_inode.entry(inode).or_default().push(owner);
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
        let mut command: Option<String> = None;
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
            let command = command.get_or_insert_with(|| {
                std::fs::read_to_string(format!("/proc/{pid}/comm"))
                    .map(|c| c.trim_end().to_string())
                    .unwrap_or_default()
            });
            map.by_inode.entry(inode).or_default().push(Owner {
                pid,
                command: command.clone(),
                fd: Some(fd_num),
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
        m.by_inode.entry(77).or_default().push(Owner {
            pid: 10,
            command: "my daemon".into(),
            fd: Some(3),
        });
        let back = OwnerMap::from_text(&m.to_text()).unwrap();
        assert_eq!(back.hidden, 2);
        assert_eq!(back.by_inode[&77][0].command, "my daemon");
        assert!(OwnerMap::from_text("12 x 3 sh\n").is_err());
    }
}
