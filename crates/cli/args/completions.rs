//! The shell completions shipped in `completions/` (bash, zsh, fish) are what clap_complete
//! makes of [`super::command`] for Linux (the flags `rnetstat --help` lists there), so they
//! cannot drift from the flags: this test fails when they differ and, with
//! `RNETSTAT_REGENERATE_COMPLETIONS=1`, writes them anew:
//!
//! ```text
//! RNETSTAT_REGENERATE_COMPLETIONS=1 cargo test --bin rnetstat completions
//! ```

use clap_complete::Shell;
use rnetstat_core::Platform;
use std::path::PathBuf;

/// Each shell and the file of `completions/` that holds its completions.
const FILES: &[(Shell, &str)] = &[
    (Shell::Bash, "rnetstat.bash"),
    (Shell::Zsh, "_rnetstat"),
    (Shell::Fish, "rnetstat.fish"),
];

/// The completions of `shell` for the current flags.
fn generated(shell: Shell) -> String {
    let mut cmd = super::command(Platform::Linux);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "rnetstat", &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn shipped_completions_match_the_flags() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions");
    let regenerate = std::env::var_os("RNETSTAT_REGENERATE_COMPLETIONS").is_some();
    for (shell, file) in FILES {
        let path = dir.join(file);
        let now = generated(*shell);
        if regenerate {
            std::fs::write(&path, &now).unwrap();
            continue;
        }
        let shipped = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            shipped == now,
            "completions/{file} is not what the current flags give: regenerate with \
             RNETSTAT_REGENERATE_COMPLETIONS=1 cargo test --bin rnetstat completions"
        );
    }
}
