//! `--prometheus=FILE`: the exposition replaces FILE atomically, so that node_exporter's
//! textfile collector (or anyone reading FILE) sees the old reading or the new one whole, never
//! half of one. The new text goes to a temporary file created beside FILE (same directory, so
//! same file system) with `O_CREAT|O_EXCL` (never through a file or link someone planted) and
//! mode 0644 (the collector may run as another user), is synced, and renamed over FILE.

use rnetstat_core::{Error, Result};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Replace `path` with `text`.
pub fn replace(path: &Path, text: &str) -> Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::Usage(format!("--prometheus={}: not a file name", path.display())))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // The collector reads only files ending in .prom: a temporary name that does not.
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let context = |what: &str| format!("{what} {}", tmp.display());
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .open(&tmp)
        .map_err(|e| Error::io(context("creating"), e))?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(context("writing"), e))
        .and_then(|()| {
            std::fs::rename(&tmp, path)
                .map_err(|e| Error::io(format!("renaming onto {}", path.display()), e))
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("rnp-file-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_the_file_whole_with_mode_0644_and_leaves_no_temporary() {
        let dir = scratch("replace");
        let path = dir.join("rnetstat.prom");
        std::fs::write(&path, "old\n").unwrap();
        replace(&path, "new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("rnetstat.prom")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_planted_temporary_is_not_written_through() {
        let dir = scratch("planted");
        let path = dir.join("rnetstat.prom");
        let target = dir.join("target");
        let tmp = dir.join(format!(".rnetstat.prom.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&target, &tmp).unwrap();
        let e = replace(&path, "x\n").unwrap_err().to_string();
        assert!(e.contains("creating"), "{e}");
        assert!(!target.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_directory_is_one_line() {
        let e = replace(Path::new("/nonexistent-rnp/x.prom"), "x\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("/nonexistent-rnp/"), "{e}");
    }
}
