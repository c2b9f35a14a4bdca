//! Network namespaces made per scenario, the commands run in them, and the checks.

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a scenario returns: Err says what differed.
pub type Check = Result<(), String>;

/// Fail the scenario with a message unless `cond` holds.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// Fail unless the two are equal, showing both and the context.
#[macro_export]
macro_rules! ensure_eq {
    ($left:expr, $right:expr, $($msg:tt)+) => {
        let (l, r) = (&$left, &$right);
        if l != r {
            return Err(format!("{:?} != {:?}: {}", l, r, format!($($msg)+)));
        }
    };
}

/// The rnetstat under test: `RNETSTAT`, or the one beside this binary.
pub fn rnetstat_path() -> String {
    std::env::var("RNETSTAT").unwrap_or_else(|_| {
        let me = std::env::current_exe().expect("own path");
        me.with_file_name("rnetstat").to_string_lossy().into_owned()
    })
}

/// Run a command; Err with its stderr when it fails.
pub fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{program} {args:?}: {} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A network namespace that exists for the life of this value.
pub struct Ns {
    /// Its name, unique in this run.
    pub name: String,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Ns {
    /// A new namespace with loopback up and no IPv6 address autoconfiguration traffic (no DAD,
    /// no router solicitations), so tables and counters hold still.
    pub fn new(tag: &str) -> Result<Ns, String> {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let name = format!("kd-{tag}-{}-{n}", std::process::id());
        run("ip", &["netns", "add", &name])?;
        let ns = Ns { name };
        ns.ip("link set lo up")?;
        for key in ["accept_dad=0", "dad_transmits=0", "router_solicitations=0"] {
            for scope in ["all", "default"] {
                ns.exec(&["sysctl", "-qw", &format!("net.ipv6.conf.{scope}.{key}")])?;
            }
        }
        Ok(ns)
    }

    /// `ip -n NS ARGS` (words split on blanks).
    pub fn ip(&self, args: &str) -> Result<String, String> {
        let mut all = vec!["-n", &self.name];
        all.extend(args.split_whitespace());
        run("ip", &all)
    }

    /// `ip -n NS -j ARGS`, parsed.
    pub fn ip_json(&self, args: &str) -> Result<Value, String> {
        parse(&self.ip(&format!("-j {args}"))?)
    }

    /// Run a program inside the namespace.
    pub fn exec(&self, cmd: &[&str]) -> Result<String, String> {
        let mut all = vec!["netns", "exec", &self.name];
        all.extend(cmd);
        run("ip", &all)
    }

    /// Run rnetstat here; Err unless it exits 0 with nothing on stderr.
    pub fn rn(&self, args: &[&str]) -> Result<String, String> {
        let bin = rnetstat_path();
        let out = Command::new("ip")
            .args(["netns", "exec", &self.name, &bin])
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("rnetstat: {e}"))?;
        let err = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || !err.is_empty() {
            return Err(format!("rnetstat {args:?}: {} {}", out.status, err.trim()));
        }
        String::from_utf8(out.stdout).map_err(|e| format!("rnetstat {args:?}: {e}"))
    }

    /// rnetstat's JSON for these arguments (--json added), parsed and checked against its
    /// display's schema.
    pub fn rn_json(&self, args: &[&str]) -> Result<Value, String> {
        let mut all = args.to_vec();
        all.push("--json");
        let doc = parse(&self.rn(&all)?)?;
        crate::schema::check(&doc).map_err(|e| format!("rnetstat {all:?}: {e}"))?;
        Ok(doc)
    }

    /// Start this binary's `helper ARGS` here; it holds its sockets until dropped.
    pub fn helper(&self, args: &[&str]) -> Result<Helper, String> {
        let me = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new("ip")
            .args(["netns", "exec", &self.name])
            .arg(me)
            .arg("helper")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("helper {args:?}: {e}"))?;
        let mut line = String::new();
        let _ = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
        let mut h = Helper { child };
        if !line.starts_with("ready") {
            let _ = h.child.wait();
            return Err(format!("helper {args:?} did not start: {line:?}"));
        }
        h.child.stdin.as_mut().unwrap().flush().ok();
        Ok(h)
    }

    /// Ping `addr` `count` times from here (busybox's or iputils' ping).
    pub fn ping(&self, addr: &str, count: u32) -> Result<String, String> {
        self.exec(&["ping", "-c", &count.to_string(), "-W", "2", addr])
    }
}

impl Drop for Ns {
    fn drop(&mut self) {
        let _ = run("ip", &["netns", "del", &self.name]);
    }
}

/// A helper process; closing its stdin ends it.
pub struct Helper {
    child: Child,
}

impl Helper {
    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// Parse JSON, saying where it came from when it is not.
pub fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("not JSON ({e}): {text}"))
}

/// Lines of `text` after the heading `title` and its column line, up to a blank line.
pub fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != title)
        .skip(2)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// The blank-separated cells of the first row whose first cell is `first`.
pub fn row<'a>(rows: &[&'a str], first: &str) -> Result<Vec<&'a str>, String> {
    rows.iter()
        .map(|r| r.split_whitespace().collect::<Vec<_>>())
        .find(|c| c.first() == Some(&first))
        .ok_or_else(|| format!("no row {first:?} in {rows:#?}"))
}

/// The first element of a JSON array for which `pred` holds.
pub fn find<'a>(
    array: &'a Value,
    what: &str,
    pred: impl Fn(&Value) -> bool,
) -> Result<&'a Value, String> {
    array
        .as_array()
        .and_then(|a| a.iter().find(|v| pred(v)))
        .ok_or_else(|| format!("no {what} in {array}"))
}

/// Whether this kernel routes multicast for IPv4 / IPv6 (its procfs table exists).
pub fn kernel_routes_multicast(v6: bool) -> bool {
    let f = if v6 {
        "/proc/net/ip6_mr_vif"
    } else {
        "/proc/net/ip_mr_vif"
    };
    std::path::Path::new(f).exists()
}

/// Poll `f` every 100 ms for up to `tries` times until it says done.
pub fn wait_for(tries: u32, mut f: impl FnMut() -> Result<bool, String>) -> Result<(), String> {
    for _ in 0..tries {
        if f()? {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Err("timed out waiting".into())
}
