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
            // An optional value: `--prometheus[=<file>]`.
            let word = word.split('[').next().unwrap_or(word);
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

/// The manual as mandoc prints it, without the overstrikes of bold and underline, one
/// paragraph per line.
fn manual_text() -> String {
    let out = std::process::Command::new("mandoc")
        .args(["-Tutf8", "-O", "width=1000"])
        .arg(root().join("man/rnetstat.1"))
        .output()
        .expect("mandoc is installed by README's test command");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut plain = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    plain
}

/// Section `name` of the printed manual, up to the next section heading.
fn manual_section(text: &str, name: &str) -> String {
    text.lines()
        .skip_while(|l| *l != name)
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `display` values of the schemas: a `const` or an `enum` each.
fn schema_displays() -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(root().join("schema")).unwrap() {
        let path = entry.unwrap().path();
        // The JSON Schemas; schema/prometheus.txt lists metrics (tests/prometheus.rs).
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let s: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let d = &s["properties"]["display"];
        let values = d["enum"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| vec![d["const"].clone()]);
        names.extend(values.iter().map(|v| v.as_str().unwrap().to_string()));
    }
    names
}

/// The string literals that follow `before` in `text`.
fn literals_after<'a>(text: &'a str, before: &str) -> Vec<&'a str> {
    text.split(before)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn manual_names_every_json_display_and_the_program_no_other() {
    let schemas = schema_displays();
    assert!(schemas.len() >= 12, "{schemas:?}");
    // JSON OUTPUT: `.It Li display` lists them as `.Qq name`.
    let man = read("man/rnetstat.1");
    let item = man.split("\n.It Li display\n").nth(1).unwrap();
    let item = item.split("\n.It ").next().unwrap();
    let listed: std::collections::BTreeSet<String> = item
        .lines()
        .filter_map(|l| l.strip_prefix(".Qq "))
        .map(|l| l.trim_end_matches([' ', ',', '.']).to_string())
        .collect();
    assert_eq!(
        listed, schemas,
        "JSON OUTPUT's display list against schema/*.json"
    );
    // Every name the displays write has a schema.
    let dir = root().join("crates/cli/display");
    let mut files = vec![dir.clone()];
    let mut written = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for before in ["Stream::begin(out, \"", "\"display\": \""] {
            written.extend(literals_after(&src, before).into_iter().map(str::to_string));
        }
        written.extend(
            literals_after(&src, "\"")
                .into_iter()
                .filter(|l| l.ends_with("_statistics"))
                .map(str::to_string),
        );
    }
    assert!(written.len() >= 12, "{written:?}");
    for name in written {
        assert!(
            schemas.contains(&name),
            "{name} is written but has no schema"
        );
    }
}

#[test]
fn snapshots_section_names_every_file_a_linux_capture_holds() {
    let man = manual_section(&manual_text(), "SNAPSHOTS");
    let dir = std::env::temp_dir().join(format!("rnetstat-meta-{}", std::process::id()));
    let displays: &[&[&str]] = &[
        &["-rn"],
        &["-i"],
        &["-anv"],
        &["-g"],
        &["-s"],
        &["-gs"],
        &["-rs"],
        &["-mm"],
        &["-R"],
        &["-B"],
        &["-qq", "-I", "lo"],
        &["-S", "-I", "lo"],
        &["-I", "lo", "-s"],
    ];
    let mut missing = Vec::new();
    for (i, args) in displays.iter().enumerate() {
        let to = dir.join(i.to_string());
        let mut full = vec!["--capture", to.to_str().unwrap()];
        full.extend(*args);
        let out = rnetstat(&full);
        assert!(out.status.success(), "{full:?}: {}", text(&out));
        let mut files = vec![to.clone()];
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let name = path
                .strip_prefix(&to)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            // A table or interface index reads `N`, an interface name `IF`.
            let mut general = String::new();
            let mut digits = false;
            for c in name.chars() {
                if c.is_ascii_digit() && (digits || general.ends_with('-')) {
                    digits = true;
                    continue;
                }
                if digits {
                    general.push('N');
                    digits = false;
                }
                general.push(c);
            }
            if digits {
                general.push('N');
            }
            let general = general.replace("dev_snmp6/lo", "dev_snmp6/IF");
            if general != "rnetstat-snapshot.json" && !man.contains(&general) {
                missing.push(format!("{general} ({args:?})"));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(missing.is_empty(), "SNAPSHOTS does not name {missing:#?}");
}

#[test]
fn exit_status_names_as_unbuilt_exactly_the_displays_a_bsd_backend_lacks() {
    let section = manual_section(&manual_text(), "EXIT STATUS").replace('\n', " ");
    let named = |platform: &str| -> Vec<String> {
        let at = section.find(&format!("on {platform}: ")).unwrap() + platform.len() + 5;
        let list = section[at..].split([';', ')']).next().unwrap();
        let mut flags: Vec<String> = list
            .split([' ', ','])
            .filter(|w| w.starts_with('-'))
            .map(str::to_string)
            .collect();
        flags.sort();
        flags
    };
    let candidates: &[(&str, &[&str])] = &[
        ("-a", &["-a"]),
        ("-r", &["-r"]),
        ("-i", &["-i"]),
        ("-g", &["-g"]),
        ("-m", &["-m"]),
        ("-s", &["-s"]),
        ("-rs", &["-rs"]),
        ("-gs", &["-gs"]),
        ("-is", &["-is"]),
        ("-q", &["-q", "-I", "lo0"]),
        ("-S", &["-S", "-I", "lo0"]),
        ("-B", &["-B"]),
        ("-R", &["-R"]),
        ("-x", &["-x"]),
    ];
    for (platform, dir) in [
        ("FreeBSD", "fixtures/freebsd/host1"),
        ("macOS", "fixtures/macos/host1"),
    ] {
        let mut unbuilt: Vec<String> = Vec::new();
        for (flag, args) in candidates {
            let mut full = vec!["-M", dir];
            full.extend(*args);
            let out = rnetstat(&full);
            let err = String::from_utf8_lossy(&out.stderr);
            if err.contains("is not supported on this platform") {
                unbuilt.push(flag.to_string());
            } else {
                assert!(out.status.success(), "{full:?}: {err}");
            }
        }
        unbuilt.sort();
        assert_eq!(named(platform), unbuilt, "EXIT STATUS on {platform}");
    }
}
