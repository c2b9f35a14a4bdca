//! Renderer snapshots from real captures under fixtures/linux/, and the capture that makes them.
//!
//! The fixtures are what `rnetstat --capture` wrote in the namespaces of [`common::Topology`];
//! regenerate them with `cargo test --test snapshots -- --ignored capture_fixtures`, then
//! review the snapshot changes with `cargo insta review` (or INSTA_UPDATE=always).

mod common;
use common::*;

const BASIC: &str = "fixtures/linux/basic";
const FREEBSD: &str = "fixtures/freebsd/host1";
const MACOS: &str = "fixtures/macos/host1";

fn render(args: &[&str]) -> String {
    render_from(BASIC, args)
}

fn render_from(fixture: &str, args: &[&str]) -> String {
    let dir = root().join(fixture);
    let mut full = vec!["-M", dir.to_str().unwrap()];
    full.extend(args);
    let out = rnetstat(&full);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    text(&out)
}

macro_rules! snap {
    ($name:ident, $($arg:expr),+) => {
        #[test]
        fn $name() {
            let args = [$($arg),+];
            insta::assert_snapshot!(stringify!($name), render(&args), &args.join(" "));
        }
    };
}

snap!(routes_numeric, "-rn");
snap!(routes_all, "-rna");
snap!(routes_long_inet6, "-rnl", "-f", "inet6");
snap!(routes_wide, "-rnW");
snap!(routes_table_100, "-rn", "-F", "100");
snap!(interfaces, "-in");
snap!(interfaces_bytes_drops, "-inbd");
snap!(interfaces_inet6_wide, "-inW", "-f", "inet6");
snap!(interfaces_one, "-in", "-I", "va0");

macro_rules! bsd_snap {
    ($name:ident, $fixture:expr, $($arg:expr),+) => {
        #[test]
        fn $name() {
            let args = [$($arg),+];
            insta::assert_snapshot!(stringify!($name), render_from($fixture, &args), &args.join(" "));
        }
    };
}

bsd_snap!(freebsd_routes, FREEBSD, "-rn");
bsd_snap!(freebsd_routes_wide_long, FREEBSD, "-rnWl");
bsd_snap!(freebsd_interfaces, FREEBSD, "-inbd");
bsd_snap!(freebsd_groups, FREEBSD, "-g", "-v");
bsd_snap!(macos_routes, MACOS, "-rn");
bsd_snap!(macos_routes_inet6_long, MACOS, "-rnl", "-f", "inet6");
bsd_snap!(macos_interfaces, MACOS, "-inb");
bsd_snap!(macos_groups, MACOS, "-g", "-v");
bsd_snap!(
    macos_groups_en0_inet6,
    MACOS,
    "-g",
    "-f",
    "inet6",
    "-I",
    "en0"
);

#[test]
fn bsd_json_validates_and_matches() {
    for (name, fixture) in [("freebsd", FREEBSD), ("macos", MACOS)] {
        for (display, args) in [
            ("routes", &["-rn", "--json"][..]),
            ("interfaces", &["-in", "--json"]),
            ("multicast", &["-gv", "--json"]),
        ] {
            let doc = json(&render_from(fixture, args));
            assert_schema(display, &doc);
            assert_eq!(doc["platform"], name);
            insta::assert_snapshot!(
                format!("{name}_{display}_json"),
                serde_json::to_string_pretty(&doc).unwrap()
            );
        }
    }
}

#[test]
fn json_snapshots_validate_and_match() {
    let routes = json(&render(&["-rna", "--json"]));
    assert_schema("routes", &routes);
    insta::assert_snapshot!(
        "routes_json",
        serde_json::to_string_pretty(&routes).unwrap()
    );
    let ifs = json(&render(&["-in", "--json"]));
    assert_schema("interfaces", &ifs);
    insta::assert_snapshot!(
        "interfaces_json",
        serde_json::to_string_pretty(&ifs).unwrap()
    );
}

/// What `--capture` saves renders, through `-M`, exactly as the live run that saved it.
#[test]
fn capture_then_render_gives_the_same_output() {
    let t = Topology::new("cr");
    for args in [
        &["-rna"][..],
        &["-inbd"],
        &["-rn", "--json"],
        &["-in", "--json"],
        &["-rn", "-F", "100"],
    ] {
        t.host.assert_capture_round_trip(args);
    }
}

/// Rebuild fixtures/linux/basic from a fresh topology (run on purpose, not in CI).
#[test]
#[ignore]
fn capture_fixtures() {
    let t = Topology::new("fx");
    t.host
        .ip("-6 route add 2001:db8:5::/64 via 2001:db8:1::1 expires 300");
    t.host
        .ip("route add 2001:db8:4444:5555:6666:7777:8888:0/112 via 2001:db8:1::1 mtu 1400");
    let dir = root().join(BASIC);
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    t.host.rnetstat_ok(&["--capture", d, "-in"]);
    t.host.rnetstat_ok(&["--capture", d, "-rn", "-F", "100"]);
    // Routes last: their capture's link dump is the one kept, and it matches the addresses'.
    t.host.rnetstat_ok(&["--capture", d, "-rna"]);
}

// Protocol and routing statistics (-s, -ss, -s -p, -s -f, -rs) of the BSD fixture hosts.
bsd_snap!(freebsd_stats, FREEBSD, "-s");
bsd_snap!(freebsd_stats_nonzero, FREEBSD, "-ss");
bsd_snap!(freebsd_stats_tcp, FREEBSD, "-s", "-p", "tcp");
bsd_snap!(freebsd_stats_inet6, FREEBSD, "-s", "-f", "inet6");
bsd_snap!(freebsd_routing_stats, FREEBSD, "-rs");
bsd_snap!(macos_stats, MACOS, "-s");
bsd_snap!(macos_stats_nonzero, MACOS, "-ss");
bsd_snap!(macos_stats_tcp, MACOS, "-s", "-p", "tcp");
bsd_snap!(macos_stats_inet6, MACOS, "-s", "-f", "inet6");
bsd_snap!(macos_routing_stats, MACOS, "-rs");

#[test]
fn bsd_stats_json_validates_and_matches() {
    for (name, fixture) in [("freebsd", FREEBSD), ("macos", MACOS)] {
        for (tag, args) in [
            ("stats", &["-s", "--json"][..]),
            ("stats_nonzero", &["-ss", "--json"]),
            ("stats_tcp", &["-s", "-p", "tcp", "--json"]),
            ("stats_inet6", &["-s", "-f", "inet6", "--json"]),
            ("routing_stats", &["-rs", "--json"]),
        ] {
            let doc = json(&render_from(fixture, args));
            assert_schema("statistics", &doc);
            assert_eq!(doc["platform"], name);
            insta::assert_snapshot!(
                format!("{name}_{tag}_json"),
                serde_json::to_string_pretty(&doc).unwrap()
            );
        }
    }
}

/// What rnetstat prints for -s and -rs is what the fixture's stats.c says the real netstat
/// prints for its counters.
#[test]
fn bsd_stats_match_the_expected_output_in_stats_c() {
    for fixture in [FREEBSD, MACOS] {
        let c = std::fs::read_to_string(root().join(fixture).join("stats.c")).unwrap();
        for args in [&["-s"][..], &["-rs"]] {
            let prompt = format!(" * $ netstat {}\n", args.join(" "));
            let start = c.find(&prompt).expect("expected output in stats.c") + prompt.len();
            let expected: String = c[start..]
                .lines()
                .take_while(|l| *l != " *" && *l != " */")
                .map(|l| format!("{}\n", l.strip_prefix(" * ").unwrap_or(l)))
                .collect();
            assert_eq!(render_from(fixture, args), expected, "{fixture} {args:?}");
        }
    }
}
