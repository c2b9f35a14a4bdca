//! The directory of `--capture DIR`, made so that nobody else can have rnetstat (often run as
//! root) write through a link planted in it: a new directory is created private (0700); an
//! existing one must be a real directory (not a symbolic link) owned by the user running
//! rnetstat, is made private before anything is written, and must then be empty. Captures hold
//! socket owners, addresses and paths, so private is also the right mode for what they hold.

use rnetstat_core::{Error, Result};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::Path;

/// Make `dir` ready to receive a capture, or say in one line why it cannot.
pub fn prepare(dir: &Path) -> Result<()> {
    let refuse = |why: &str| {
        let why = format!("{why}; capture into a new or empty directory of your own");
        Err(Error::io(
            format!("--capture {}", dir.display()),
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, why),
        ))
    };
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
            }
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(dir)
                .map_err(|e| Error::io(format!("creating {}", dir.display()), e))
        }
        Err(e) => Err(Error::io(format!("reading {}", dir.display()), e)),
        Ok(m) if m.file_type().is_symlink() => refuse("is a symbolic link"),
        Ok(m) if !m.is_dir() => refuse("is not a directory"),
        Ok(m) if m.uid() != crate::sys::euid() => {
            refuse(&format!("belongs to uid {}, not to this user", m.uid()))
        }
        Ok(_) => {
            // Private first: from here on nobody else can add an entry.
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| Error::io(format!("making {} private", dir.display()), e))?;
            let mut entries = std::fs::read_dir(dir)
                .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
            if entries.next().is_some() {
                return refuse("is not empty");
            }
            Ok(())
        }
    }
}
