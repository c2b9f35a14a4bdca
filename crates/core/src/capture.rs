//! How `--capture` files are opened and snapshot files read, the same for every backend.

use std::os::unix::fs::OpenOptionsExt;

/// Options that create a capture file new and private: `O_CREAT|O_EXCL` (an existing file, or
/// a symbolic link planted where the file goes, dangling or not, is an error rather than
/// something written through) and mode 0600 (captures hold socket owners, addresses and
/// paths). Opening is the caller's I/O; this only says how.
pub fn new_file_options() -> std::fs::OpenOptions {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true).mode(0o600);
    o
}

/// The largest snapshot file rnetstat reads whole (a BSD sysctl answer, a /proc/net table):
/// 256 MiB, ten times the largest real answer seen (FreeBSD's kern.malloc_stats sized for 1024
/// CPUs, 21 MB). A larger file is refused in one line, so a damaged or hostile snapshot cannot
/// make memory grow without bound. (Netlink dumps are read message by message, each at most
/// 16 MiB.)
pub const MAX_SNAPSHOT_FILE: u64 = 256 << 20;

/// Read the snapshot file `path` whole, refusing one larger than [`MAX_SNAPSHOT_FILE`] (the
/// error's kind is `InvalidData`, its message says why).
pub fn read_snapshot_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let too_big = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "larger than {} MiB, more than any kernel answer",
                MAX_SNAPSHOT_FILE >> 20
            ),
        )
    };
    if file.metadata()?.len() > MAX_SNAPSHOT_FILE {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_SNAPSHOT_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SNAPSHOT_FILE {
        return Err(too_big());
    }
    Ok(bytes)
}
