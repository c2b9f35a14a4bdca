//! The shape the code keeps: no module of a backend crate imports, directly or through others,
//! a module that imports it back, and every test file is part of the test binary.

use crate::common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`netlink::diag::sock`, "" for the crate root) of each source file under `src`.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            if path.extension().is_some_and(|e| e == "rs") {
                found.insert(parts.join("::"), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    found
}

/// The paths a source names after `prefix` (`crate::`, `super::`), brace groups expanded:
/// `crate::{a::{b, c}, d}` gives `a::b`, `a::c` and `d`. Comments and unit-test modules are
/// left out.
fn paths_after(text: &str, prefix: &str) -> Vec<String> {
    // A unit-test module (`#[cfg(test)]` then `mod ...`) ends the file's own code; a
    // test-only item elsewhere does not.
    let lines: Vec<&str> = text.lines().collect();
    let end = lines
        .windows(2)
        .position(|w| w[0].trim() == "#[cfg(test)]" && w[1].trim_start().starts_with("mod "))
        .unwrap_or(lines.len());
    let code: String = lines[..end]
        .iter()
        .filter(|l| !l.trim_start().starts_with("//"))
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find(prefix) {
        rest = &rest[at + prefix.len()..];
        expand("", rest, &mut out);
    }
    out
}

/// Append the path(s) at the start of `text` (after `base`) to `out`.
fn expand(base: &str, text: &str, out: &mut Vec<String>) {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let end = text.find(|c: char| !ident(c)).unwrap_or(text.len());
    let path = format!("{base}{}", &text[..end]);
    if !text[end..].starts_with('{') {
        out.push(path.trim_end_matches(':').to_string());
        return;
    }
    // A brace group: split its items at top-level commas.
    let (mut depth, mut start) = (0, end + 1);
    for (i, c) in text.char_indices().skip(end) {
        match c {
            '{' => depth += 1,
            '}' | ',' if depth == 1 => {
                let item = text[start..i].trim();
                if !item.is_empty() && item != "self" {
                    expand(&path, item, out);
                } else if item == "self" {
                    out.push(path.trim_end_matches(':').to_string());
                }
                start = i + 1;
                if c == '}' {
                    return;
                }
            }
            '}' => depth -= 1,
            _ => {}
        }
    }
}

/// The module a path names: its longest prefix that is a module.
fn resolve(mods: &BTreeMap<String, String>, path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|m| mods.contains_key(m))
}

/// The import graph of a crate: module -> the modules it names.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules(src);
    let mut g = BTreeMap::new();
    for (m, text) in &mods {
        let parent = m.rsplit_once("::").map_or("", |(p, _)| p);
        let mut to = BTreeSet::new();
        for p in paths_after(text, "crate::") {
            to.extend(resolve(&mods, &p));
        }
        for p in paths_after(text, "super::") {
            let full = if parent.is_empty() {
                p
            } else {
                format!("{parent}::{p}")
            };
            to.insert(resolve(&mods, &full).unwrap_or_else(|| parent.to_string()));
        }
        to.remove(m);
        to.remove("");
        g.insert(m.clone(), to);
    }
    g
}

/// A cycle of the graph, if it has one.
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        g: &BTreeMap<String, BTreeSet<String>>,
        m: &str,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|s| s == m) {
            let mut c = stack[at..].to_vec();
            c.push(m.to_string());
            return Some(c);
        }
        if done.contains(m) {
            return None;
        }
        stack.push(m.to_string());
        for next in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(g, next, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|m| visit(g, m, &mut Vec::new(), &mut done))
}

#[test]
fn backend_crates_have_no_import_cycles() {
    for krate in ["crates/linux/src", "crates/bsd/src", "crates/core/src"] {
        let g = graph(&root().join(krate));
        assert!(g.len() > 5, "{krate}: {g:?}");
        assert_eq!(cycle(&g), None, "{krate}");
    }
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b::c".to_string()]));
    g.insert("b::c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycle(&g).map(|c| c.len()), Some(3));
    let mut out = Vec::new();
    expand("", "{a::{b, c}, d, self};", &mut out);
    assert_eq!(out, ["a::b", "a::c", "d", ""]);
    // The Linux crate's sock_diag decoders share their header through diag/, not each other.
    let linux = graph(&root().join("crates/linux/src"));
    assert!(linux["netlink::diag::packet"].contains("netlink::diag"));
    assert!(!linux["netlink::diag::sock"].contains("netlink::diag::packet"));
}

#[test]
fn every_test_file_is_in_the_test_binary() {
    let main = std::fs::read_to_string(root().join("tests/main.rs")).unwrap();
    for entry in std::fs::read_dir(root().join("tests")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "main") {
            assert!(
                main.lines().any(|l| l == format!("mod {module};")),
                "tests/{name} is not declared in tests/main.rs: it would never run"
            );
        }
    }
}
