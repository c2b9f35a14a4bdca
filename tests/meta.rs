//! The project's own promises: README's test command is what CI runs, the manual is clean under
//! mandoc and documents every flag, every schema file is a JSON Schema.

use crate::common::*;

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The one command in the fenced block of README's "## Test" section.
fn readme_test_command() -> String {
    let readme = read("README.md");
    let section = readme
        .split("\n## Test\n")
        .nth(1)
        .expect("README has a ## Test section");
    let block = section
        .split("```")
        .nth(1)
        .expect("a fenced block in ## Test");
    let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "the test command is one line: {lines:?}");
    lines[0].to_string()
}

#[test]
fn ci_runs_exactly_the_readme_test_command() {
    let cmd = readme_test_command();
    let ci = read(".ci/run");
    let commands: Vec<&str> = ci
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(
        commands.last(),
        Some(&cmd.as_str()),
        ".ci/run must end with README's test command"
    );
    assert!(
        commands[..commands.len() - 1]
            .iter()
            .all(|l| l.starts_with("set ") || l.starts_with("cd ")),
        "{commands:?}"
    );
}

#[test]
fn manual_is_clean_under_mandoc_lint() {
    let out = std::process::Command::new("mandoc")
        .args(["-Tlint", "-Wwarning"])
        .arg(root().join("man/rnetstat.1"))
        .output()
        .expect("mandoc is installed by README's test command");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success() && report.is_empty(), "{report}");
}

#[test]
fn manual_documents_every_flag_of_help() {
    let help = text(&rnetstat(&["--help"]));
    let man = read("man/rnetstat.1");
    let mut flags = Vec::new();
    for line in help
        .lines()
        .skip_while(|l| !l.starts_with("Options:"))
        .skip(1)
    {
        for word in line.split_whitespace().take(2) {
            let word = word.trim_end_matches(',').trim_end_matches("...");
            if let Some(flag) = word.strip_prefix('-') {
                flags.push(flag.to_string());
            }
        }
    }
    assert!(flags.len() >= 15, "{flags:?}");
    // Each flag heads an item of the option list: `.It Fl r`, `.It Fl h , Fl -help`.
    let items: Vec<Vec<&str>> = man
        .lines()
        .filter(|l| l.starts_with(".It "))
        .map(|l| l.split_whitespace().collect())
        .collect();
    for f in flags {
        let documented = items
            .iter()
            .any(|w| w.windows(2).any(|p| p[0] == "Fl" && p[1] == f));
        assert!(documented, "man page has no `.It Fl {f}` item");
    }
}

#[test]
fn schemas_are_json_schemas() {
    let mut names: Vec<String> = std::fs::read_dir(root().join("schema"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".json").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    for name in names {
        let s: serde_json::Value =
            serde_json::from_str(&read(&format!("schema/{name}.json"))).unwrap();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(s["properties"]["schema"]["const"], 1, "{name}");
        jsonschema::validator_for(&s).unwrap();
    }
}

/// build.rs links the unwinder in (see there): the binary must not load libgcc_s, whose
/// start-up cost is most of what `-s` once lost to net-tools netstat.
#[test]
fn binary_does_not_load_libgcc_s() {
    let out = std::process::Command::new("readelf")
        .args(["-d", bin()])
        .output()
        .expect("readelf (binutils) is installed by README's test command");
    let dynamic = String::from_utf8_lossy(&out.stdout);
    assert!(dynamic.contains("[libc.so.6]"), "{dynamic}");
    assert!(!dynamic.contains("libgcc_s"), "{dynamic}");
}
