//! The scenario driver of tests/kernels/run: booted as a static binary beside a static rnetstat
//! in each kernel, it sets up each scenario with real tools (ip, tc, ping, smcroute) and real
//! sockets, runs rnetstat and checks the values it set up, against those tools' own JSON where
//! they have it. One line per scenario (`ok NAME (T s)` or `FAIL NAME: why`), then
//! `kdriver: N passed, M failed`; exit status 1 when any failed.
//!
//! Each scenario builds its own network namespaces (removed when it ends), so the driver runs
//! the same in a guest's root namespace as on a development host: `kdriver [SCENARIO...]` as
//! root, with `rnetstat` beside it (or `RNETSTAT=path`). The socket holders the scenarios need
//! are this binary again (`kdriver helper ...`, see [`helpers`]), started inside a namespace.

#[cfg(target_os = "linux")]
mod helpers;
#[cfg(target_os = "linux")]
mod ns;
#[cfg(target_os = "linux")]
mod scenarios;
#[cfg(target_os = "linux")]
mod schema;
#[cfg(target_os = "linux")]
mod sys;

use std::process::ExitCode;

/// The scenarios are Linux's (the workspace also builds for FreeBSD and macOS).
#[cfg(not(target_os = "linux"))]
fn main() -> ExitCode {
    eprintln!("kdriver: Linux only");
    ExitCode::FAILURE
}

#[cfg(target_os = "linux")]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("helper") {
        return match helpers::run(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kdriver helper: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let (mut passed, mut failed) = (0, 0);
    for (name, scenario) in scenarios::ALL {
        if !args.is_empty() && !args.iter().any(|a| a == name) {
            continue;
        }
        let started = std::time::Instant::now();
        let outcome = std::panic::catch_unwind(scenario)
            .unwrap_or_else(|p| Err(format!("panic: {}", panic_text(&p))));
        match outcome {
            Ok(()) => {
                passed += 1;
                println!("ok {name} ({:.1} s)", started.elapsed().as_secs_f64());
            }
            Err(why) => {
                failed += 1;
                // One line per failure: the console log is read line by line.
                println!("FAIL {name}: {}", why.replace('\n', "\\n"));
            }
        }
    }
    println!("kdriver: {passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(target_os = "linux")]
fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}
