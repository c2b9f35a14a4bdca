//! The FreeBSD and macOS binaries that the README's test command links with cargo-zigbuild are
//! what they claim to be: a FreeBSD x86-64 ELF executable and a Mach-O arm64 executable. A
//! missing one is built here with the same command.

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
