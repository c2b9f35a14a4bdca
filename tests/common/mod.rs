//! Test support: network namespaces built by each test and removed on drop (also when the test
//! fails), the rnetstat binary, and the topology the route and interface tests share.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Start `cmd` with its stdin and stdout piped (the helpers hold what they made until their
/// stdin closes) and wait for the first line it prints: the child, and that line without its
/// newline. `what` names the command in a panic.
pub fn start_until_line(cmd: &mut Command, what: &str) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start {what}: {e}"));
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    if line.ends_with('\n') {
        line.pop();
    }
    (child, line)
}

/// The element of the JSON array `list` whose `key` is `value`.
pub fn item<'a>(list: &'a serde_json::Value, key: &str, value: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"))
        .iter()
        .find(|e| e[key] == value)
        .unwrap_or_else(|| panic!("no {key} {value} in {list}"))
}

/// The rnetstat binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_rnetstat")
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run a command, panic with its stderr if it fails.
pub fn run(cmd: &[&str]) -> Output {
    let out = Command::new(cmd[0])
        .args(&cmd[1..])
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Run rnetstat with `args` (outside any namespace) and return its output.
pub fn rnetstat(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("run rnetstat")
}

/// `rnetstat -M DIR args` (DIR relative to the repository, or absolute); panics unless it
/// succeeds, returns stdout.
pub fn render_from(dir: &str, args: &[&str]) -> String {
    let dir = root().join(dir);
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

/// stdout as text.
pub fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A network namespace that exists for the life of this value.
pub struct Netns {
    /// Its name, unique per test process and call.
    pub name: String,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Netns {
    /// Create a namespace named after `tag`, with loopback up.
    pub fn new(tag: &str) -> Netns {
        Netns::with_prefix("rnt", tag)
    }

    /// [`Netns::new`] with a name that starts with `prefix` (each area's tests their own).
    pub fn with_prefix(prefix: &str, tag: &str) -> Netns {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let name = format!("{prefix}-{tag}-{}-{n}", std::process::id());
        run(&["ip", "netns", "add", &name]);
        let ns = Netns { name };
        ns.ip("link set lo up");
        // No duplicate-address detection or router solicitation: addresses are usable at once
        // and no packet appears later on its own, so tables and counters hold still.
        for key in ["accept_dad=0", "dad_transmits=0", "router_solicitations=0"] {
            for scope in ["all", "default"] {
                ns.exec(&["sysctl", "-qw", &format!("net.ipv6.conf.{scope}.{key}")]);
            }
        }
        ns
    }

    /// Run `ip -n NS <args>` (words split on blanks).
    pub fn ip(&self, args: &str) -> Output {
        let mut cmd = vec!["ip", "-n", &self.name];
        cmd.extend(args.split_whitespace());
        run(&cmd)
    }

    /// Run `ip -n NS -batch -` with these lines.
    pub fn ip_batch(&self, lines: &str) {
        use std::io::Write;
        let mut child = Command::new("ip")
            .args(["-n", &self.name, "-batch", "-"])
            .stdin(Stdio::piped())
            .spawn()
            .expect("ip -batch");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(lines.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success(), "ip -batch failed");
    }

    /// Give the namespace its own /etc/`file` (ip netns exec mounts /etc/netns/NAME/FILE).
    /// The first call also pins name lookups to `files dns`, whatever the host's nsswitch says.
    pub fn etc(&self, file: &str, contents: &str) {
        let dir = Path::new("/etc/netns").join(&self.name);
        std::fs::create_dir_all(&dir).unwrap();
        if !dir.join("nsswitch.conf").exists() {
            std::fs::write(dir.join("nsswitch.conf"), "hosts: files dns\n").unwrap();
        }
        std::fs::write(dir.join(file), contents).unwrap();
    }

    /// Run the inline python3 `script` in the namespace, its stdin kept open (scripts hold
    /// their sockets until it closes), and wait for the first line it prints once ready.
    pub fn python_inline(&self, script: &str) -> (std::process::Child, String) {
        let (child, line) =
            start_until_line(self.command("python3").args(["-c", script]), "python3");
        (child, line.trim().to_string())
    }

    /// Start `tests/helpers/<script>` with `args` in the namespace, its stdin kept open (the
    /// helpers run until it closes) and wait for the one JSON line it prints once it is ready.
    pub fn python_helper(
        &self,
        script: &str,
        args: &[&str],
    ) -> (std::process::Child, serde_json::Value) {
        let (child, line) = start_until_line(
            self.command("python3")
                .arg(root().join("tests/helpers").join(script))
                .args(args),
            script,
        );
        let info =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("{script} said {line:?}: {e}"));
        (child, info)
    }

    /// Turn IPv6 off here, for the links that exist and those made later: its router
    /// solicitations and MLD reports would be traffic a test did not send.
    pub fn without_ipv6(&self) {
        for scope in ["all", "default"] {
            self.exec(&[
                "sysctl",
                "-qw",
                &format!("net.ipv6.conf.{scope}.disable_ipv6=1"),
            ]);
        }
    }

    /// A command run inside the namespace.
    pub fn command(&self, program: &str) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.name, program]);
        c
    }

    /// Run a command inside the namespace; panic if it fails.
    pub fn exec(&self, cmd: &[&str]) -> Output {
        let out = self
            .command(cmd[0])
            .args(&cmd[1..])
            .output()
            .expect("ip netns exec");
        assert!(
            out.status.success(),
            "{cmd:?} in {} failed: {}",
            self.name,
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Run rnetstat inside the namespace.
    pub fn rnetstat(&self, args: &[&str]) -> Output {
        self.command(bin())
            .args(args)
            .output()
            .expect("run rnetstat")
    }

    /// Run rnetstat inside the namespace, assert success, return stdout.
    pub fn rnetstat_ok(&self, args: &[&str]) -> String {
        let out = self.rnetstat(args);
        assert!(
            out.status.success(),
            "rnetstat {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "rnetstat {args:?} wrote to stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        text(&out)
    }

    /// Run `rnetstat --capture DIR args` here and `rnetstat -M DIR args` anywhere: both must
    /// print the same, byte for byte. Returns the output.
    pub fn assert_capture_round_trip(&self, args: &[&str]) -> String {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("rnt-cap-{}-{}-{n}", self.name, std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let d = dir.to_str().unwrap();
        let mut capture = vec!["--capture", d];
        capture.extend(args);
        let live = self.rnetstat_ok(&capture);
        let mut render = vec!["-M", d];
        render.extend(args);
        let out = rnetstat(&render);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(text(&out), live, "{args:?}");
        live
    }

    /// `ip -j ...` inside the namespace, parsed.
    pub fn ip_json(&self, args: &str) -> serde_json::Value {
        let out = self.ip(&format!("-j {args}"));
        serde_json::from_slice(&out.stdout).expect("ip -j output is JSON")
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip")
            .args(["netns", "del", &self.name])
            .status();
        let _ = std::fs::remove_dir_all(Path::new("/etc/netns").join(&self.name));
    }
}

/// Two namespaces joined by a veth pair, with the routes every route test looks for.
///
/// host (va0: 198.51.100.2/24, 2001:db8:1::2/64)  <->  router (vb0: 198.51.100.1/24, 2001:db8:1::1/64)
///
/// Routes in host: default via 198.51.100.1 and 2001:db8:1::1; host routes 203.0.113.7 and
/// 2001:db8:2::7; blackhole 203.0.113.64/26 and 2001:db8:dead::/48; unreachable
/// 203.0.113.128/26; prohibit 203.0.113.192/26; multipath 192.0.2.0/24 via .1 (weight 1) and
/// .3 (weight 2); 198.18.0.0/15 via .1 in table 100; and five pings to the router.
pub struct Topology {
    /// The host whose tables the tests read.
    pub host: Netns,
    /// The peer that answers pings.
    pub router: Netns,
}

/// Number of echo requests the topology sends from host to router.
pub const PINGS: u64 = 5;

impl Topology {
    /// Build it.
    pub fn new(tag: &str) -> Topology {
        let host = Netns::new(&format!("{tag}h"));
        let router = Netns::new(&format!("{tag}r"));
        host.ip(&format!(
            "link add va0 type veth peer name vb0 netns {}",
            router.name
        ));
        host.ip("link set va0 address 02:00:00:00:0a:02");
        router.ip("link set vb0 address 02:00:00:00:0b:01");
        host.ip_batch(
            "addr add 198.51.100.2/24 dev va0\n\
             addr add 2001:db8:1::2/64 dev va0 nodad\n\
             link set va0 up\n",
        );
        router.ip_batch(
            "addr add 198.51.100.1/24 dev vb0\n\
             addr add 2001:db8:1::1/64 dev vb0 nodad\n\
             link set vb0 up\n",
        );
        host.ip_batch(
            "route add default via 198.51.100.1\n\
             route add 203.0.113.7/32 via 198.51.100.1\n\
             route add blackhole 203.0.113.64/26\n\
             route add unreachable 203.0.113.128/26\n\
             route add prohibit 203.0.113.192/26\n\
             route add 192.0.2.0/24 nexthop via 198.51.100.1 weight 1 nexthop via 198.51.100.3 weight 2\n\
             route add 198.18.0.0/15 via 198.51.100.1 table 100\n\
             route add default via 2001:db8:1::1\n\
             route add 2001:db8:2::7/128 via 2001:db8:1::1\n\
             route add blackhole 2001:db8:dead::/48\n",
        );
        host.exec(&[
            "ping",
            "-c",
            &PINGS.to_string(),
            "-i",
            "0.05",
            "-W",
            "2",
            "198.51.100.1",
        ]);
        Topology { host, router }
    }
}

/// Lines of `text` between the section header `title` and the next blank line.
pub fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != title)
        .skip(2)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// The row of `rows` whose first column is `first`, split into columns.
pub fn row<'a>(rows: &[&'a str], first: &str) -> Vec<&'a str> {
    rows.iter()
        .map(|r| r.split_whitespace().collect::<Vec<_>>())
        .find(|c| c.first() == Some(&first))
        .unwrap_or_else(|| panic!("no row {first} in {rows:#?}"))
}

/// Parse one JSON document.
pub fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// Validate `doc` against `schema/<name>.json`.
pub fn assert_schema(name: &str, doc: &serde_json::Value) {
    let path = root().join("schema").join(format!("{name}.json"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("schema file"))
            .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{} does not match {}: {errors:#?}",
        name,
        Path::new(&path).display()
    );
}

/// Peak RSS in KiB of `rnetstat args` in the namespace, output thrown away. bench/maxrss.py
/// reads the command's own high-water mark (VmHWM) as it exits; getrusage would include the
/// memory of the Python process that forked it.
pub fn peak_rss_kib(ns: &Netns, args: &[&str]) -> u64 {
    let tool = root().join("bench/maxrss.py");
    let mut cmd = vec![
        "ip",
        "netns",
        "exec",
        &ns.name,
        "python3",
        tool.to_str().unwrap(),
        bin(),
    ];
    cmd.extend(args);
    text(&run(&cmd)).trim().parse().unwrap()
}

/// A shell loop run beside a test (churn), stopped when this value is dropped, even when an
/// assertion fails first.
pub struct Background(std::process::Child);

impl Background {
    /// Start `sh -c script`, its output thrown away.
    pub fn shell(script: &str) -> Background {
        Background(
            Command::new("sh")
                .args(["-c", script])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start sh"),
        )
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
