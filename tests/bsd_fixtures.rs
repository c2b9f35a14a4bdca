//! The BSD fixture hosts are what their C files say, compiled against the real FreeBSD and
//! macOS headers: regenerate them with zig (`fixtures/bsd/gen.py`, zig from the PyPI package
//! `ziglang`) and compare byte for byte. The layout checks themselves are in
//! crates/bsd/tests/layout.rs.

use crate::common::*;

#[test]
fn fixtures_regenerate_byte_for_byte() {
    let out = std::env::temp_dir().join(format!("rnt-bsdgen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let gen = root().join("fixtures/bsd/gen.py");
    run(&[
        "python3",
        gen.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let mut compared = 0;
    for os in ["freebsd", "macos"] {
        let committed = root().join("fixtures").join(os).join("host1");
        for entry in std::fs::read_dir(out.join(os).join("host1")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_owned();
            let fresh = std::fs::read(&path).unwrap();
            let kept = std::fs::read(committed.join(&name)).unwrap_or_default();
            assert!(
                fresh == kept,
                "fixtures/{os}/host1/{} differs from what gen.py makes of host.c",
                name.to_string_lossy()
            );
            compared += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    assert!(compared >= 9, "only {compared} files generated");
}
