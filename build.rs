//! Links the unwinder into the binary on Linux (glibc), instead of loading `libgcc_s.so.1`.
//!
//! std needs `_Unwind_*` for panics and backtraces; rustc gets them from the shared
//! `libgcc_s.so.1`. Loading it costs every run about 70 µs on this project's machines: one more
//! object for the dynamic loader, and libgcc_s's constructor `__cpu_indicator_init`, whose CPUID
//! instructions are slow under a hypervisor. That is most of a `rnetstat -s` run's start-up over
//! net-tools `netstat -s` (README, Performance). `libgcc_eh.a` is the same unwinder as a static
//! archive (what rustc itself uses for `+crt-static` builds); linked whole ahead of the Rust
//! crates, it defines every `_Unwind_*` symbol before `-lgcc_s` is reached, so `--as-needed`
//! leaves libgcc_s out. The binary stays a PIE linked to the shared glibc.
//!
//! Only for a native build (target = host), where the host's C compiler can say where its
//! `libgcc_eh.a` is; cross builds and `+crt-static` builds are left as rustc makes them.

use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CC");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let native_glibc = var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && var("TARGET") == var("HOST")
        && !var("CARGO_CFG_TARGET_FEATURE")
            .split(',')
            .any(|f| f == "crt-static");
    if !native_glibc {
        return;
    }
    let cc = env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let Ok(out) = Command::new(&cc)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
    else {
        return;
    };
    let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let archive = Path::new(&path);
    // Without the archive (cc answers the bare name), keep libgcc_s.
    let Some(dir) = archive
        .parent()
        .filter(|_| archive.is_absolute() && archive.exists())
    else {
        return;
    };
    println!("cargo:rustc-link-search=native={}", dir.display());
    println!("cargo:rustc-link-lib=static:+whole-archive,-bundle=gcc_eh");
}
