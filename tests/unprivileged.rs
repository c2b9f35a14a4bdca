//! Every display as an unprivileged user (nobody, through setpriv): each works, or its table
//! is whole and one line on stderr says what only root sees, never a partial table that looks
//! complete.

use crate::common::*;
use std::process::Output;

/// The binary, copied where nobody may run it (the build directory may be closed to others).
fn public_binary() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rnt-nobody-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = dir.join("rnetstat");
    if !bin.exists() {
        std::fs::copy(crate::common::bin(), &bin).unwrap();
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

fn as_nobody(ns: &Netns, bin: &std::path::Path, args: &[&str]) -> Output {
    ns.command("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_display_works_or_says_what_needs_root() {
    let t = Topology::new("np");
    // Sockets with owners (held by root), a packet tap with a filter, a neighbour.
    let (mut zoo, _) = t
        .host
        .python_helper("sockets.py", &["--host", "198.51.100.2"]);
    let (mut tap, _) = t.host.python_helper("tap.py", &["--ifname", "va0"]);
    let bin = public_binary();
    let displays: &[&[&str]] = &[
        &["-rn"],
        &["-rnl"],
        &["-in"],
        &["-inbd"],
        &["-an"],
        &["-anv"],
        &["-aL"],
        &["-s"],
        &["-ss"],
        &["-g"],
        &["-gv"],
        &["-gs"],
        &["-m"],
        &["-R"],
        &["-B"],
        &["-Bv"],
        &["-q", "-I", "va0"],
        &["--link-status", "-I", "va0"],
        &["-i", "-I", "va0", "-s"],
        &["-rn", "--json"],
        &["-anv", "--json"],
    ];
    for args in displays {
        let root = t.host.rnetstat(args);
        assert!(root.status.success(), "root {args:?}");
        let nobody = as_nobody(&t.host, &bin, args);
        let err = String::from_utf8_lossy(&nobody.stderr);
        assert_eq!(nobody.status.code(), Some(0), "nobody {args:?}: {err}");
        // Whole tables: as many lines as root's (counters may move between the two runs).
        assert_eq!(
            text(&nobody).lines().count(),
            text(&root).lines().count(),
            "{args:?}: {}",
            text(&nobody)
        );
        // Less shown is said in one line that names root; nothing else goes to stderr.
        if !err.is_empty() {
            assert_eq!(err.lines().count(), 1, "nobody {args:?}: {err}");
            assert!(
                err.starts_with("rnetstat: warning: ") && err.contains("root"),
                "{args:?}: {err}"
            );
        }
        // The owners root sees are missing for nobody, and said to be.
        if args.contains(&"-anv") {
            assert!(text(&root).contains("python3"), "{}", text(&root));
            assert!(!text(&nobody).contains("python3"));
            assert!(err.contains("owners of sockets"), "{err}");
        }
    }
    drop(zoo.stdin.take());
    drop(tap.stdin.take());
    let _ = zoo.wait();
    let _ = tap.wait();
}
