//! Every size, offset and constant the decoders assume, against the real FreeBSD and macOS
//! headers: `fixtures/<os>/host1/layout.txt` is what zig's compile of those headers says
//! (`fixtures/bsd/gen.py`, checked to be up to date by `tests/bsd_fixtures.rs` at the root).

use rnetstat_bsd::layout_check::assumptions;
use rnetstat_bsd::os::Os;
use std::collections::HashMap;

fn layout(os: Os) -> HashMap<String, u64> {
    let path = format!(
        "{}/../../fixtures/{}/host1/layout.txt",
        env!("CARGO_MANIFEST_DIR"),
        os.name()
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (key, value) = l
                .rsplit_once(' ')
                .unwrap_or_else(|| panic!("bad line {l:?}"));
            (
                key.to_string(),
                value
                    .parse()
                    .unwrap_or_else(|_| panic!("bad value in {l:?}")),
            )
        })
        .collect()
}

fn check(os: Os) {
    let headers = layout(os);
    let mut wrong = Vec::new();
    for (keys, value) in assumptions(os) {
        let mut sum = 0;
        for k in &keys {
            match headers.get(k) {
                Some(v) => sum += v,
                None => {
                    wrong.push(format!("{k}: not in layout.txt"));
                    continue;
                }
            }
        }
        if sum != value {
            wrong.push(format!(
                "{}: headers say {sum}, decoder assumes {value}",
                keys.join(" + ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}:\n{}", os.name(), wrong.join("\n"));
}

#[test]
fn freebsd_layouts_match_the_headers() {
    check(Os::FreeBsd);
}

#[test]
fn macos_layouts_match_the_headers() {
    check(Os::MacOs);
}
