//! Which container a process belongs to, read from the path of its cgroup in /proc/PID/cgroup
//! (one `HIERARCHY:CONTROLLERS:PATH` line per hierarchy; cgroup v2 is the `0::PATH` line).
//!
//! The runtimes name their cgroups so (systemd driver first, cgroupfs driver second):
//! - docker: `/system.slice/docker-<id>.scope`, `/docker/<id>`;
//! - containerd: `cri-containerd-<id>.scope` (Kubernetes), `nerdctl-<id>.scope`, and its
//!   cgroupfs layout `/<namespace>/<id>` (nerdctl's `default`, the CRI's `k8s.io`);
//! - CRI-O: `crio-<id>.scope` (`crio-conmon-<id>.scope` is its monitor, not a container);
//! - podman: `libpod-<id>.scope`, `/libpod_parent/libpod-<id>` (`libpod-conmon-` is the
//!   monitor);
//! - Kubernetes puts the container's cgroup under its pod's:
//!   `/kubepods.slice/kubepods-<qos>.slice/kubepods-<qos>-pod<uid with _>.slice/...` or
//!   `/kubepods/<qos>/pod<uid>/<id>` (the guaranteed class has no `<qos>` level), also below
//!   another cgroup (a kind node's `kubelet-kubepods-...`). Under the cgroupfs driver the path
//!   does not name the runtime: it is then reported as `cri`.
//! - any other bare 64-hex directory below another is taken as containerd's (its namespace's
//!   directory, then the id).
//!
//! The id is the runtime's 64-hex container id. The container's name is not in the path.

use rnetstat_core::{Error, Result};

/// A container as its cgroup path tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    /// `docker`, `containerd`, `cri-o`, `podman`, or `cri` (a Kubernetes container whose
    /// runtime the path does not name).
    pub runtime: &'static str,
    /// The 64-hex container id.
    pub id: String,
    /// The Kubernetes pod's uid (with dashes), when the path is under kubepods.
    pub pod_uid: Option<String>,
    /// The pod's QoS class (`guaranteed`, `burstable`, `besteffort`), under kubepods.
    pub qos: Option<&'static str>,
}

const WHAT: &str = "/proc/PID/cgroup";

/// The container of a process from the text of its /proc/PID/cgroup: the cgroup v2 line
/// (`0::`) first, else the first v1 line whose path names one. `Ok(None)` when no line does;
/// an error when a line is not `HIERARCHY:CONTROLLERS:PATH`.
pub fn parse(text: &str) -> Result<Option<Container>> {
    let mut v2 = None;
    let mut v1 = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut parts = line.splitn(3, ':');
        let (Some(hierarchy), Some(controllers), Some(path)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(Error::decode(WHAT, format!("line {line:?}")));
        };
        if hierarchy.is_empty() || !hierarchy.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::decode(WHAT, format!("hierarchy {hierarchy:?}")));
        }
        if !path.starts_with('/') {
            return Err(Error::decode(WHAT, format!("path {path:?}")));
        }
        if hierarchy == "0" && controllers.is_empty() {
            v2 = Some(path);
        } else {
            v1.push(path);
        }
    }
    Ok(v2.into_iter().chain(v1).find_map(container_of_path))
}

/// The container a cgroup path names, if any (see the module's list of layouts).
pub fn container_of_path(path: &str) -> Option<Container> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let (pod_uid, qos) = pod_of(&parts);
    // The deepest component that names a container: a container's own sub-cgroups
    // (`.../docker-<id>.scope/init.scope`) belong to it.
    for (i, part) in parts.iter().enumerate().rev() {
        let parent = i.checked_sub(1).map(|p| parts[p]);
        if let Some((runtime, id)) = scope_unit(part) {
            return Some(Container {
                runtime,
                id: id.to_string(),
                pod_uid,
                qos,
            });
        }
        if is_container_id(part) {
            let runtime = match parent {
                _ if pod_uid.is_some() => "cri",
                Some("docker") => "docker",
                Some(p) if p.starts_with("libpod") => "podman",
                // containerd's cgroupfs layout: the id under its namespace's directory.
                Some(_) => "containerd",
                None => continue,
            };
            return Some(Container {
                runtime,
                id: part.to_string(),
                pod_uid,
                qos,
            });
        }
    }
    None
}

/// `docker-<id>.scope` and the other systemd scope names a runtime gives its containers; the
/// monitors' scopes (`libpod-conmon-`, `crio-conmon-`) are not containers.
fn scope_unit(part: &str) -> Option<(&'static str, &str)> {
    let base = part.strip_suffix(".scope").unwrap_or(part);
    const PREFIXES: &[(&str, &str)] = &[
        ("docker-", "docker"),
        ("cri-containerd-", "containerd"),
        ("nerdctl-", "containerd"),
        ("crio-", "cri-o"),
        ("libpod-", "podman"),
    ];
    PREFIXES.iter().find_map(|(prefix, runtime)| {
        let id = base.strip_prefix(prefix)?;
        // Without .scope only podman's cgroupfs layout (`libpod-<id>`) names a container.
        (is_container_id(id) && (base.len() < part.len() || *runtime == "podman"))
            .then_some((*runtime, id))
    })
}

/// A runtime's container id: 64 lowercase hex digits.
fn is_container_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The pod uid and QoS class of a path under kubepods.
fn pod_of(parts: &[&str]) -> (Option<String>, Option<&'static str>) {
    // Kubernetes' tree may itself sit under another cgroup (a kind node's container).
    let Some(top) = parts.iter().position(|p| p.contains("kubepods")) else {
        return (None, None);
    };
    let parts = &parts[top..];
    let qos_of = |s: &str| match s {
        "burstable" => Some("burstable"),
        "besteffort" => Some("besteffort"),
        _ => None,
    };
    let mut qos = None;
    let mut uid = None;
    for part in parts {
        // systemd driver: kubepods-burstable.slice, kubepods-burstable-pod<uid>.slice,
        // kubepods-pod<uid>.slice (guaranteed).
        if let Some(rest) = part
            .find("kubepods-")
            .and_then(|at| part[at + "kubepods-".len()..].strip_suffix(".slice"))
        {
            let (class, pod) = match rest.split_once("pod") {
                Some((class, pod)) => (class.trim_end_matches('-'), Some(pod)),
                None => (rest, None),
            };
            qos = qos.or_else(|| qos_of(class));
            if let Some(pod) = pod {
                uid = uid.or_else(|| pod_uid(&pod.replace('_', "-")));
            }
        } else if let Some(q) = qos_of(part) {
            qos = qos.or(Some(q));
        } else if let Some(pod) = part.strip_prefix("pod") {
            uid = uid.or_else(|| pod_uid(pod));
        }
    }
    let qos = uid.as_ref().map(|_| qos.unwrap_or("guaranteed"));
    (uid, qos)
}

/// A pod uid: a UUID (8-4-4-4-12 hex digits with dashes).
fn pod_uid(s: &str) -> Option<String> {
    let groups: Vec<&str> = s.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    (groups.len() == 5
        && groups
            .iter()
            .zip(lens)
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit())))
    .then(|| s.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ID: &str = "3f2a9c1b7d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    const UID: &str = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";

    fn one(path: &str) -> Option<Container> {
        parse(&format!("0::{path}\n")).unwrap()
    }

    #[test]
    fn docker_systemd_and_cgroupfs() {
        for path in [
            format!("/system.slice/docker-{ID}.scope"),
            format!("/system.slice/docker-{ID}.scope/init.scope"),
            format!("/docker/{ID}"),
        ] {
            let c = one(&path).unwrap_or_else(|| panic!("{path}"));
            assert_eq!((c.runtime, c.id.as_str(), c.pod_uid), ("docker", ID, None));
        }
    }

    #[test]
    fn kubepods_with_pod_uid_and_qos() {
        let under = UID.replace('-', "_");
        let c = one(&format!(
            "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{under}.slice/cri-containerd-{ID}.scope"
        ))
        .unwrap();
        assert_eq!(c.runtime, "containerd");
        assert_eq!(c.pod_uid.as_deref(), Some(UID));
        assert_eq!(c.qos, Some("burstable"));
        let c = one(&format!("/kubepods/besteffort/pod{UID}/{ID}")).unwrap();
        assert_eq!((c.runtime, c.qos), ("cri", Some("besteffort")));
        assert_eq!(c.pod_uid.as_deref(), Some(UID));
        let c = one(&format!(
            "/kubepods.slice/kubepods-pod{under}.slice/crio-{ID}.scope"
        ))
        .unwrap();
        assert_eq!((c.runtime, c.qos), ("cri-o", Some("guaranteed")));
        let c = one(&format!("/kubepods/pod{UID}/{ID}")).unwrap();
        assert_eq!(c.qos, Some("guaranteed"));
        // A kind node: Kubernetes' tree inside the node's own container.
        let c = one(&format!(
            "/system.slice/docker-{ID}.scope/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/kubelet-kubepods-besteffort-pod{under}.slice/cri-containerd-{ID}.scope"
        ))
        .unwrap();
        assert_eq!((c.runtime, c.qos), ("containerd", Some("besteffort")));
        assert_eq!(c.pod_uid.as_deref(), Some(UID));
    }

    #[test]
    fn podman_containerd_and_monitors() {
        let c = one(&format!("/machine.slice/libpod-{ID}.scope/container")).unwrap();
        assert_eq!((c.runtime, c.id.as_str()), ("podman", ID));
        let c = one(&format!("/libpod_parent/libpod-{ID}")).unwrap();
        assert_eq!(c.runtime, "podman");
        assert_eq!(
            one(&format!("/machine.slice/libpod-conmon-{ID}.scope")),
            None
        );
        assert_eq!(one(&format!("/system.slice/crio-conmon-{ID}.scope")), None);
        let c = one(&format!("/default/{ID}")).unwrap();
        assert_eq!(c.runtime, "containerd");
        let c = one(&format!("/system.slice/nerdctl-{ID}.scope")).unwrap();
        assert_eq!(c.runtime, "containerd");
    }

    #[test]
    fn not_containers() {
        for path in [
            "/",
            "/user.slice/user-1000.slice/session-2.scope",
            "/system.slice/ssh.service",
            "/docker/abc",
            "/system.slice/docker.service",
            "/3f2a9c1b7d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8",
        ] {
            assert_eq!(one(path), None, "{path}");
        }
    }

    #[test]
    fn v2_line_first_then_v1() {
        let text = format!(
            "12:pids:/docker/{ID}\n1:name=systemd:/docker/{ID}\n0::/system.slice/containerd.service\n"
        );
        // The v2 path names none; a v1 path does.
        assert_eq!(parse(&text).unwrap().unwrap().runtime, "docker");
        let v2 = format!("5:cpu:/\n0::/machine.slice/libpod-{ID}.scope\n");
        assert_eq!(parse(&v2).unwrap().unwrap().runtime, "podman");
        assert_eq!(parse("").unwrap(), None);
    }

    #[test]
    fn malformed_lines_are_errors() {
        for bad in ["0:/x", "x::/a", "0::relative", ":cpu:/", "garbage"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn random_text_never_panics(s in "\\PC*") {
            let _ = parse(&s);
        }

        #[test]
        fn truncated_real_text_never_panics(cut in 0usize..200) {
            let text = format!("12:pids:/docker/{ID}\n0::/kubepods/besteffort/pod{UID}/{ID}\n");
            let cut = cut.min(text.len());
            let _ = parse(&text[..cut]);
        }

        #[test]
        fn lines_without_a_path_are_errors(s in "[^:\n]+") {
            prop_assert!(parse(&s).is_err());
        }
    }
}
