//! `--capture DIR` cannot be turned against its user: rnetstat (often root) writes only into a
//! new directory it makes private, or an empty one of its user's that it makes private first;
//! a planted link, a foreign directory or a link as the directory are refused before anything
//! is written.

use crate::common::*;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::PathBuf;

fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rnt-capsec-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// Run `rnetstat --capture DIR -rn` in a fresh namespace; (status code, stderr).
fn capture(ns: &Netns, dir: &std::path::Path) -> (Option<i32>, String) {
    let out = ns.rnetstat(&["--capture", dir.to_str().unwrap(), "-rn"]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_planted_link_cannot_redirect_the_capture() {
    let ns = Netns::new("capsec");
    let base = scratch("link");
    let dir = base.join("cap");
    std::fs::create_dir_all(&dir).unwrap();
    let victim = base.join("victim");
    std::fs::write(&victim, "precious\n").unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("route-inet.nl")).unwrap();
    let (code, err) = capture(&ns, &dir);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("is not empty") && err.lines().count() == 1,
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");

    // The directory itself a link: refused, nothing written where it points.
    let target = base.join("elsewhere");
    std::fs::create_dir(&target).unwrap();
    let link = base.join("linkdir");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let (code, err) = capture(&ns, &link);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);

    // Someone else's (empty) directory: refused.
    let foreign = base.join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::os::unix::fs::chown(&foreign, Some(65534), Some(65534)).unwrap();
    let (code, err) = capture(&ns, &foreign);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("belongs to uid 65534"), "{err}");
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 0);
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn a_capture_directory_is_private() {
    let ns = Netns::new("cappriv");
    ns.ip("route add blackhole 203.0.113.0/24");
    let base = scratch("priv");
    // New (with a missing parent): made 0700, and renders as the live display did.
    let dir = base.join("new/cap");
    let live = ns.rnetstat_ok(&["--capture", dir.to_str().unwrap(), "-rn"]);
    let mode = std::fs::metadata(&dir).unwrap().mode() & 0o777;
    assert_eq!(mode, 0o700, "{mode:o}");
    let rendered = rnetstat(&["-M", dir.to_str().unwrap(), "-rn"]);
    assert_eq!(text(&rendered), live);
    assert!(live.contains("203.0.113.0/24"), "{live}");
    // Every file of it is private too (created new, mode 0600), whatever the umask.
    let mut files = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let m = e.unwrap().metadata().unwrap();
        if m.is_file() {
            files += 1;
            assert_eq!(m.mode() & 0o777, 0o600, "{:o}", m.mode());
        }
    }
    assert!(files >= 2, "{files}");
    // Existing, empty and open to all: made private, then used.
    let open = base.join("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    ns.rnetstat_ok(&["--capture", open.to_str().unwrap(), "-rn"]);
    assert_eq!(std::fs::metadata(&open).unwrap().mode() & 0o777, 0o700);
    // Used once, it is not empty: a second capture into it is refused.
    let (code, err) = capture(&ns, &open);
    assert_eq!(code, Some(1), "{err}");
    let _ = std::fs::remove_dir_all(&base);
}
