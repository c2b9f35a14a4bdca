//! How `--capture` files are opened, the same for every backend.

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
