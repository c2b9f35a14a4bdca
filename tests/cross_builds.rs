//! The binaries the README's test command builds for other systems are what they claim to be,
//! and start through std's `main`, which alone hands them their arguments: a FreeBSD x86-64 ELF
//! executable and a Mach-O arm64 executable (linked with cargo-zigbuild; a missing one is built
//! here with the same command), and a static x86-64 Linux executable (musl), which runs here.

use std::path::PathBuf;
use std::process::Command;

/// The target directory of this build (the parent of the directory holding the test binary's
/// rnetstat), so that CARGO_TARGET_DIR is honoured.
fn target_dir() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_rnetstat"));
    bin.parent().and_then(|p| p.parent()).unwrap().to_path_buf()
}

/// The release binary for `triple`, linked with cargo-zigbuild if it is not there yet.
fn binary(triple: &str) -> Vec<u8> {
    let path = target_dir().join(triple).join("release/rnetstat");
    if !path.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["zigbuild", "--locked", "--release", "--target", triple])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("CARGO_TARGET_DIR", target_dir())
            .status()
            .expect("run cargo zigbuild (cargo install --locked cargo-zigbuild)");
        assert!(status.success(), "cargo zigbuild --target {triple} failed");
    }
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn freebsd_binary_is_a_freebsd_x86_64_elf_executable() {
    let b = binary("x86_64-unknown-freebsd");
    assert_eq!(&b[..4], b"\x7fELF");
    assert_eq!(b[4], 2, "64-bit");
    let e_type = u16::from_le_bytes([b[16], b[17]]);
    assert!(
        e_type == 2 || e_type == 3,
        "an executable (ET_EXEC or PIE), not {e_type}"
    );
    assert_eq!(u16::from_le_bytes([b[18], b[19]]), 62, "EM_X86_64");
    // FreeBSD's marks (EI_OSABI stays SYSV): its run-time linker as interpreter and the ABI
    // note (.note.tag, owner "FreeBSD").
    let has = |needle: &[u8]| b.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/libexec/ld-elf.so.1\0"), "no FreeBSD interpreter");
    assert!(has(b"FreeBSD\0"), "no FreeBSD ABI note");
}

#[test]
fn macos_binary_is_a_mach_o_arm64_executable() {
    let b = binary("aarch64-apple-darwin");
    let word = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    assert_eq!(word(0), 0xfeed_facf, "MH_MAGIC_64");
    assert_eq!(word(4), 0x0100_000c, "CPU_TYPE_ARM64");
    assert_eq!(word(12), 2, "MH_EXECUTE");
}

/// std's start-up (`lang_start`) sets up the main thread's stack-overflow handler, whose message
/// is linked in only when that start-up is: a binary with its own C `main` lacks it, and on
/// FreeBSD and macOS (as with musl) such a binary saw no arguments at all.
#[test]
fn freebsd_and_macos_binaries_start_through_std_main() {
    for triple in ["x86_64-unknown-freebsd", "aarch64-apple-darwin"] {
        let b = binary(triple);
        let marker = b"has overflowed its stack";
        assert!(
            b.windows(marker.len()).any(|w| w == marker),
            "{triple}: the binary does not start through std's main"
        );
    }
}

/// The static Linux binary that README's test command builds (and tests/kernels/run boots).
fn musl_binary() -> PathBuf {
    let path = target_dir().join("x86_64-unknown-linux-musl/release/rnetstat");
    assert!(
        path.exists(),
        "{} is missing: cargo build --locked --release --target x86_64-unknown-linux-musl",
        path.display()
    );
    path
}

#[test]
fn musl_binary_is_static_and_takes_its_arguments() {
    let path = musl_binary();
    let out = Command::new("readelf")
        .arg("-ld")
        .arg(&path)
        .output()
        .expect("readelf (binutils)");
    let elf = String::from_utf8_lossy(&out.stdout);
    assert!(!elf.contains("INTERP"), "no dynamic loader: {elf}");
    assert!(!elf.contains("(NEEDED)"), "no shared library: {elf}");

    let run = |args: &[&str]| {
        let out = Command::new(&path)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        run(&["--version"]),
        format!("rnetstat {}\n", env!("CARGO_PKG_VERSION"))
    );
    // The same rendering of a capture as the glibc binary's, so the arguments got through.
    let args = ["-M", "fixtures/linux/basic", "-rn"];
    let routes = run(&args);
    assert!(routes.starts_with("Routing tables\n"), "{routes}");
    let glibc = Command::new(env!("CARGO_BIN_EXE_rnetstat"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(routes, String::from_utf8_lossy(&glibc.stdout));
}
