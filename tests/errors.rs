//! Bad input: one line `rnetstat: ...` on stderr and exit status 1, never a panic.

use crate::common::*;

/// Run rnetstat, expect exit 1 and a single stderr line containing `needle`.
fn fails_with(args: &[&str], needle: &str) {
    let out = rnetstat(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(
        err.starts_with("rnetstat: ") && err.ends_with('\n') && err.lines().count() == 1,
        "{args:?}: {err:?}"
    );
    assert!(err.contains(needle), "{args:?}: {err:?} lacks {needle:?}");
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
}

#[test]
fn bad_flags_and_values() {
    fails_with(&["-rn", "-f", "foo"], "foo: unknown address family");
    fails_with(&["--bogus"], "unknown option '--bogus'");
    fails_with(&["-rnk"], "unknown option '-k'");
    fails_with(&["-rn", "-F", "nosuch"], "nosuch: not a routing table");
    fails_with(&["-r", "-i"], "different displays");
    for pair in [
        ["-R", "-B"],
        ["-S", "-B"],
        ["-x", "-q"],
        ["-S", "-q"],
        ["-B", "-r"],
    ] {
        fails_with(&[pair[0], pair[1], "-I", "lo"], "different displays");
    }
    fails_with(&["-q", "-s", "-I", "lo"], "-s does not go with");
    fails_with(&["-rn", "-f", "unix"], "-f unix has none");
    fails_with(&["-rn", "-f"], "needs a value");
    fails_with(
        &["-M", "/x", "--capture", "/y", "-rn"],
        "cannot be used with",
    );
}

#[test]
fn linux_habits_say_what_to_type() {
    fails_with(&["-tulpn"], "try 'rnetstat -anv'");
    fails_with(&["-tlnp"], "try 'rnetstat -anv -p tcp'");
    fails_with(&["-unp"], "try 'rnetstat -nv -p udp'");
    fails_with(&["-lnp"], "-p names a protocol");
    fails_with(&["--listening"], "Linux netstat syntax");
}

#[test]
fn bad_snapshots() {
    fails_with(
        &["-M", "/nonexistent/snap", "-rn"],
        "not an rnetstat snapshot",
    );
    let dir = std::env::temp_dir().join(format!("rnt-badsnap-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("rnetstat-snapshot.json"),
        r#"{"os":"plan9","format":1}"#,
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    fails_with(&["-M", d, "-rn"], "unknown os plan9");
    // A real capture, cut in the middle of a message: a decode error, not a panic.
    let fixture = root().join("fixtures/linux/basic");
    for f in std::fs::read_dir(&fixture).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let routes = std::fs::read(fixture.join("route-inet.nl")).unwrap();
    std::fs::write(dir.join("route-inet.nl"), &routes[..routes.len() / 2 + 3]).unwrap();
    let out = rnetstat(&["-M", d, "-rn", "-f", "inet"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("rnetstat: ") && err.contains("snapshot"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // A snapshot of -r lacks the address dump that -i needs.
    std::fs::remove_file(dir.join("addr.nl")).unwrap();
    fails_with(
        &["-M", d, "-in"],
        "has no addr.nl: capture it with the display",
    );
    // Garbage where a message header belongs.
    std::fs::write(dir.join("link.nl"), [0xffu8; 40]).unwrap();
    fails_with(&["-M", d, "-in"], "bad message length");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_and_version_exit_0() {
    let out = rnetstat(&["--help"]);
    assert!(out.status.success());
    assert!(text(&out).contains("-r") && text(&out).contains("--json"));
    let out = rnetstat(&["--version"]);
    assert_eq!(
        text(&out),
        format!("rnetstat {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// A reader that went away ends the display quietly with status 0: std's start-up ignores
/// SIGPIPE, so the write fails (EPIPE) instead of killing the process.
#[test]
fn closed_pipe_is_quiet() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(bin())
        .args(["-M", "fixtures/linux/basic", "-rn"])
        .current_dir(root())
        .stdout(writer)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
}

/// A closed standard descriptor is reopened on /dev/null before anything runs, so output to a
/// closed stdout goes nowhere (status 0) rather than into whatever file takes descriptor 1.
#[test]
fn closed_stdout_is_not_reused() {
    let out = std::process::Command::new("sh")
        .args(["-c", "exec \"$0\" -M fixtures/linux/basic -rn >&-", bin()])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
}

/// A snapshot file larger than any kernel answer (here 300 MiB, sparse: nothing is read) is
/// refused in one line before it is read, on BSD snapshots and for Linux /proc/net tables.
#[test]
fn huge_snapshot_files_are_refused_before_they_are_read() {
    let dir = std::env::temp_dir().join(format!("rnt-hugesnap-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let huge = |path: &std::path::Path| {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let f = std::fs::File::create(path).unwrap();
        f.set_len(300 << 20).unwrap();
    };
    let bsd = dir.join("bsd");
    std::fs::create_dir_all(&bsd).unwrap();
    for f in std::fs::read_dir(root().join("fixtures/freebsd/host1")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, bsd.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::remove_file(bsd.join("NET_RT_DUMP.bin")).unwrap();
    huge(&bsd.join("NET_RT_DUMP.bin"));
    let linux = dir.join("linux");
    std::fs::create_dir_all(&linux).unwrap();
    std::fs::copy(
        root().join("fixtures/linux/basic/rnetstat-snapshot.json"),
        linux.join("rnetstat-snapshot.json"),
    )
    .unwrap();
    huge(&linux.join("proc-net/snmp"));
    for (d, args) in [(&bsd, &["-rn"][..]), (&linux, &["-s"])] {
        let mut all = vec!["-M", d.to_str().unwrap()];
        all.extend(args);
        let out = rnetstat(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.starts_with("rnetstat: ")
                && err.contains("larger than 256 MiB")
                && err.lines().count() == 1,
            "{err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
