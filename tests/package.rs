//! The Debian package: `pkg/deb.sh` builds rnetstat_VERSION_ARCH.deb, and what `dpkg -x`
//! unpacks into a fresh directory is exactly the binary (which runs), the manual and the
//! completions in their Debian places, owned by root. It packages the static binary that
//! README's test command builds (target/x86_64-unknown-linux-musl/release/rnetstat) when it is
//! there, else the binary under test.

use crate::common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The static release binary if it was built, else the binary under test.
fn binary_to_package() -> PathBuf {
    let bin = PathBuf::from(bin());
    let target = bin.parent().and_then(|p| p.parent()).unwrap();
    let musl = target.join("x86_64-unknown-linux-musl/release/rnetstat");
    if musl.exists() {
        musl
    } else {
        bin
    }
}

/// Every file under `dir`, relative to it.
fn files(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                out.insert(format!("/{}", rel.display()));
            }
        }
    }
    out
}

#[test]
fn deb_unpacks_the_binary_manual_and_completions_in_their_places() {
    let scratch = std::env::temp_dir().join(format!("rnp-deb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let out_dir = scratch.join("out");
    let binary = binary_to_package();
    let built = run(&[
        root().join("pkg/deb.sh").to_str().unwrap(),
        binary.to_str().unwrap(),
        out_dir.to_str().unwrap(),
    ]);
    let deb = PathBuf::from(text(&built).trim());
    let arch = text(&run(&["dpkg", "--print-architecture"]));
    let name = format!("rnetstat_{}_{}.deb", env!("CARGO_PKG_VERSION"), arch.trim());
    assert_eq!(deb.file_name().unwrap().to_str(), Some(name.as_str()));
    let field = |f: &str| text(&run(&["dpkg-deb", "-f", deb.to_str().unwrap(), f]));
    assert_eq!(field("Package").trim(), "rnetstat");
    assert_eq!(field("Version").trim(), env!("CARGO_PKG_VERSION"));
    let dynamic = text(&run(&["readelf", "-d", binary.to_str().unwrap()])).contains("libc.so.6");
    assert_eq!(field("Depends").trim(), if dynamic { "libc6" } else { "" });
    let listing = text(&run(&["dpkg-deb", "-c", deb.to_str().unwrap()]));
    assert!(
        listing
            .lines()
            .all(|l| l.split_whitespace().nth(1) == Some("root/root")),
        "{listing}"
    );

    let unpacked = scratch.join("unpacked");
    run(&[
        "dpkg",
        "-x",
        deb.to_str().unwrap(),
        unpacked.to_str().unwrap(),
    ]);
    let want: BTreeSet<String> = [
        "/usr/bin/rnetstat",
        "/usr/share/man/man1/rnetstat.1.gz",
        "/usr/share/bash-completion/completions/rnetstat",
        "/usr/share/zsh/vendor-completions/_rnetstat",
        "/usr/share/fish/vendor_completions.d/rnetstat.fish",
        "/usr/share/doc/rnetstat/copyright",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(files(&unpacked), want);

    let installed = unpacked.join("usr/bin/rnetstat");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&installed).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o755);
    let version = text(&run(&[installed.to_str().unwrap(), "--version"]));
    assert_eq!(
        version.trim(),
        format!("rnetstat {}", env!("CARGO_PKG_VERSION"))
    );
    let man = run(&[
        "gzip",
        "-dc",
        unpacked
            .join("usr/share/man/man1/rnetstat.1.gz")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(
        man.stdout,
        std::fs::read(root().join("man/rnetstat.1")).unwrap()
    );
    for (shipped, placed) in [
        (
            "rnetstat.bash",
            "usr/share/bash-completion/completions/rnetstat",
        ),
        ("_rnetstat", "usr/share/zsh/vendor-completions/_rnetstat"),
        (
            "rnetstat.fish",
            "usr/share/fish/vendor_completions.d/rnetstat.fish",
        ),
    ] {
        let a = std::fs::read(root().join("completions").join(shipped)).unwrap();
        assert_eq!(a, std::fs::read(unpacked.join(placed)).unwrap(), "{placed}");
    }
    let copyright =
        std::fs::read_to_string(unpacked.join("usr/share/doc/rnetstat/copyright")).unwrap();
    assert!(
        copyright.contains("License: MIT or Apache-2.0"),
        "{copyright}"
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
