//! The shell completions in completions/ work in their shells: bash, having sourced
//! rnetstat.bash, completes `rnetstat -` to the flags of `rnetstat --help` and `rnetstat --pr`
//! to `--prometheus`; zsh and fish parse theirs. (That the files are what the current flags
//! give is a unit test of the binary: crates/cli/args/completions.rs.)

use crate::common::*;
use std::process::Command;

/// What bash's completion function offers for the command line `words` (the last word is
/// completed).
pub fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = format!(
        "source {}\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\n\
         _rnetstat rnetstat \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        root().join("completions/rnetstat.bash").display(),
        words.join(" "),
        words.len() - 1
    );
    let out = run(&["bash", "-c", &script]);
    text(&out).lines().map(String::from).collect()
}

#[test]
fn bash_completes_the_flags_of_help() {
    let offered = bash_completes(&["rnetstat", "-"]);
    for flag in [
        "-r",
        "-i",
        "-g",
        "-s",
        "-m",
        "-q",
        "--json",
        "--prometheus",
        "--capture",
    ] {
        assert!(
            offered.iter().any(|f| f == flag),
            "{flag} not in {offered:?}"
        );
    }
    // Every flag --help lists, and nothing else.
    let help = text(&rnetstat(&["--help"]));
    let mut listed: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Options:"))
        .flat_map(|l| {
            l.split_whitespace()
                .take(2)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.starts_with('-'))
        .map(|w| {
            let w = w.trim_end_matches(',').trim_end_matches("...");
            w.split('[').next().unwrap().to_string()
        })
        .collect();
    let mut offered = offered;
    listed.sort();
    offered.sort();
    assert_eq!(offered, listed);
    assert_eq!(bash_completes(&["rnetstat", "--pr"]), ["--prometheus"]);
}

#[test]
fn zsh_and_fish_parse_their_completions() {
    let zsh = Command::new("zsh")
        .arg("-n")
        .arg(root().join("completions/_rnetstat"))
        .output()
        .expect("zsh is installed by README's test command");
    assert!(
        zsh.status.success(),
        "{}",
        String::from_utf8_lossy(&zsh.stderr)
    );
    let fish = Command::new("fish")
        .arg("--no-execute")
        .arg(root().join("completions/rnetstat.fish"))
        .output()
        .expect("fish is installed by README's test command");
    assert!(
        fish.status.success(),
        "{}",
        String::from_utf8_lossy(&fish.stderr)
    );
}
