//! The fuzz smoke that runs on stable in the test suite (`cargo test --manifest-path
//! fuzz/Cargo.toml --no-default-features`): every target's body on every fixture file (BSD
//! answers, netlink dumps and their messages, /proc/net text), on cuts and bit flips of each,
//! and on every crash a fuzzing campaign ever found (`regressions/<target>/`, kept once fixed).
//! None may panic.

use rnetstat_fuzz::TARGETS;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Netlink messages' payloads of a dump (the Linux decoders' input).
fn payloads(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 16 <= data.len() {
        let len = u32::from_le_bytes(data[at..at + 4].try_into().unwrap()) as usize;
        if len < 16 || at + len > data.len() {
            break;
        }
        out.push(&data[at + 16..at + len]);
        at += (len + 3) & !3;
    }
    out
}

/// Inputs from one fixture file: itself, its messages, cuts and a few flipped bytes.
fn inputs(data: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![data.to_vec()];
    out.extend(payloads(data).into_iter().map(<[u8]>::to_vec));
    for cut in [1, 2, 3, 5, 8] {
        out.push(data[..data.len() * cut / 9].to_vec());
    }
    for seed in 0..4usize {
        let mut d = data.to_vec();
        for i in 0..8 {
            if d.is_empty() {
                break;
            }
            let at = (seed * 7919 + i * 104_729) % d.len();
            d[at] ^= 0x5a ^ (i as u8);
        }
        out.push(d);
    }
    out
}

#[test]
fn every_target_survives_the_fixtures_and_their_damage() {
    let mut fixtures = Vec::new();
    files(&root().join("fixtures"), &mut fixtures);
    fixtures.retain(|p| std::fs::metadata(p).is_ok_and(|m| m.len() <= 256 * 1024));
    assert!(fixtures.len() > 100, "{}", fixtures.len());
    let mut runs = 0;
    for path in &fixtures {
        let data = std::fs::read(path).unwrap();
        for input in inputs(&data) {
            for (_, run) in TARGETS {
                run(&input);
                runs += 1;
            }
        }
    }
    assert!(runs > 10_000, "{runs}");
}

/// The filter language's seeds (fuzz/filter_seeds.txt), each whole, cut at every byte and with
/// each word dropped: none may panic.
#[test]
fn filter_seeds_and_their_cuts() {
    let seeds = std::fs::read_to_string(root().join("fuzz/filter_seeds.txt")).unwrap();
    for line in seeds.lines() {
        for cut in 0..=line.len() {
            rnetstat_fuzz::filter::run(&line.as_bytes()[..cut]);
        }
        let words: Vec<&str> = line.split(' ').collect();
        for drop in 0..words.len() {
            let rest: Vec<&str> = (0..words.len())
                .filter(|i| *i != drop)
                .map(|i| words[i])
                .collect();
            rnetstat_fuzz::filter::run(rest.join(" ").as_bytes());
        }
    }
}

#[test]
fn every_crash_found_stays_fixed() {
    for (name, run) in TARGETS {
        let mut found = Vec::new();
        files(&root().join("fuzz/regressions").join(name), &mut found);
        for path in found {
            run(&std::fs::read(&path).unwrap());
        }
    }
}
