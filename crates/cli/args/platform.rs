//! Which system's flag meanings the command line is read with: FreeBSD's netstat gives `-S`,
//! `-R`, `-x`, `-c`, `-h` and `-u` other meanings than macOS's, which Linux takes. They are
//! the meanings of the system shown: the snapshot's (`-M dir`) or this host's.

use crate::source::META_FILE;
use rnetstat_core::Platform;
use std::ffi::OsString;
use std::path::PathBuf;

/// The platform whose netstat the flags of `args` (the whole command line) follow.
pub fn of_command_line(args: &[OsString]) -> Platform {
    snapshot_dir(args)
        .and_then(|dir| snapshot_platform(&dir))
        .unwrap_or_else(host)
}

/// The platform rnetstat was built for.
pub fn host() -> Platform {
    if cfg!(target_os = "freebsd") {
        Platform::FreeBsd
    } else if cfg!(target_os = "macos") {
        Platform::MacOs
    } else {
        Platform::Linux
    }
}

/// The snapshot's platform, as its description names it; None when it cannot be read (the
/// backend then says why, in one line).
fn snapshot_platform(dir: &std::path::Path) -> Option<Platform> {
    let text = std::fs::read_to_string(dir.join(META_FILE)).ok()?;
    let meta: serde_json::Value = serde_json::from_str(&text).ok()?;
    Platform::from_name(meta.get("os")?.as_str()?)
}

/// The directory of `-M`, found before the full parse: `-M dir`, `-Mdir` or a cluster ending
/// in M (`-anM dir`). Letters that take a value end a cluster (`-fM` is `-f M`); `-c` takes
/// one only where it is not FreeBSD's switch, which a value that is not an option tells.
fn snapshot_dir(args: &[OsString]) -> Option<PathBuf> {
    const VALUED: &[char] = &['f', 'I', 'F', 'p', 'w', 'j'];
    let mut iter = args.iter().skip(1).peekable();
    while let Some(arg) = iter.next() {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            return None;
        }
        if arg.starts_with("--") {
            continue;
        }
        let Some(cluster) = arg.strip_prefix('-') else {
            continue;
        };
        for (i, c) in cluster.char_indices() {
            let rest = &cluster[i + c.len_utf8()..];
            let valued = VALUED.contains(&c)
                || (c == 'c'
                    && rest.is_empty()
                    && iter
                        .peek()
                        .is_some_and(|n| !n.to_string_lossy().starts_with('-')));
            if c == 'M' {
                return if rest.is_empty() {
                    iter.next().map(PathBuf::from)
                } else {
                    Some(PathBuf::from(rest))
                };
            }
            if valued {
                if rest.is_empty() {
                    iter.next();
                }
                break;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(line: &str) -> Option<PathBuf> {
        let args: Vec<OsString> = std::iter::once("rnetstat")
            .chain(line.split_whitespace())
            .map(OsString::from)
            .collect();
        snapshot_dir(&args)
    }

    #[test]
    fn finds_the_snapshot_in_every_spelling() {
        for line in [
            "-M snap -an",
            "-an -M snap",
            "-anM snap",
            "-Msnap",
            "-f inet -M snap",
            "-I lo0 -iM snap",
            "-c -M snap",
            "-q -I lo -c 1:10 -M snap",
        ] {
            assert_eq!(dir(line), Some(PathBuf::from("snap")), "{line}");
        }
        for line in ["-an", "-fM snap", "-p M", "-- -M snap", "--capture snap"] {
            assert_eq!(dir(line), None, "{line}");
        }
    }
}
