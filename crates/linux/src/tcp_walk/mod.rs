//! One walk of the kernel's TCP tables for every network namespace at once (`-j all`).
//!
//! A sock_diag dump lists the sockets of the dumping socket's namespace, but walks the whole
//! hash table to find them: on a host where the namespaces share the kernel's tables (the
//! default), a dump per namespace walks every socket of the host once per namespace. The
//! walker instead runs a small BPF program ([`program`]) that copies every socket of the
//! listener table and of each established table into records, once, and hands each
//! namespace its own, in the kernel's order (listeners, then the established table), framed as
//! the answer its sock_diag dump would have given ([`record`]).
//!
//! It needs root (CAP_BPF and CAP_PERFMON), the kernel's BTF, and the tables of Linux 6.1 and
//! later (bpf_loop came in 5.17); [`Walker::open`] says why it cannot run and the
//! caller then dumps each namespace with sock_diag, as it does for a single namespace.
//! RNETSTAT_TCP_WALK=off forces that, and RNETSTAT_TCP_WALK=require makes a walk that cannot
//! run an error that says why (the tests compare the two).

pub mod layout;
pub mod program;
pub mod record;
#[cfg(target_os = "linux")]
mod sys;

#[cfg(target_os = "linux")]
pub use live::Walker;

#[cfg(target_os = "linux")]
mod live {
    use super::layout::Layout;
    use super::program::{self, control, Args};
    use super::record::{self, Walked};
    use super::sys;
    use crate::btf::Btf;
    use rnetstat_core::{Error, Result};
    use std::collections::{HashMap, HashSet};
    use std::os::fd::OwnedFd;

    /// Records per walk run; a larger table takes several runs.
    const CAPACITY: u32 = 16384;
    /// Buckets per run, so that no run keeps the CPU long.
    const BUCKETS_PER_RUN: u64 = 65536;

    /// The loaded program and what its walks found, per namespace, until handed out.
    pub struct Walker {
        layout: Layout,
        prog: OwnedFd,
        control: sys::Mapped,
        records: sys::Mapped,
        _maps: (OwnedFd, OwnedFd),
        listeners_walked: HashSet<u64>,
        tables_walked: HashSet<u64>,
        /// Per namespace (struct net address): its listeners, then its other sockets.
        found: HashMap<u64, (Vec<Walked>, Vec<Walked>)>,
    }

    fn failed(what: &str, e: std::io::Error) -> Error {
        Error::io(format!("the TCP walk: {what}"), e)
    }

    /// The running kernel's layout, from its BTF: mapped where the kernel allows (6.16 and
    /// later), else read (5.5 MB on Debian's 6.12).
    fn kernel_layout() -> Result<Layout> {
        const VMLINUX: &str = "/sys/kernel/btf/vmlinux";
        let file =
            std::fs::File::open(VMLINUX).map_err(|e| failed("opening the kernel's BTF", e))?;
        if let Ok(mapped) = sys::Mapped::file(&file) {
            return Layout::from_btf(&Btf::parse(mapped.bytes())?);
        }
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut &file, &mut data)
            .map_err(|e| failed("reading the kernel's BTF", e))?;
        Layout::from_btf(&Btf::parse(&data)?)
    }

    impl Walker {
        /// Load the walk for the running kernel; an error says why it cannot run here.
        pub fn open() -> Result<Walker> {
            if std::env::var_os("RNETSTAT_TCP_WALK").is_some_and(|v| v == "off") {
                return Err(Error::NotFound("RNETSTAT_TCP_WALK=off".into()));
            }
            let layout = kernel_layout()?;
            let record_len = layout.record_len();
            let control_map =
                sys::array_map(control::LEN, 1).map_err(|e| failed("the control map", e))?;
            let records_map =
                sys::array_map(record_len, CAPACITY).map_err(|e| failed("the record map", e))?;
            use std::os::fd::AsRawFd;
            let (insns, callback) = program::assemble(
                &layout,
                control_map.as_raw_fd(),
                records_map.as_raw_fd(),
                CAPACITY,
            );
            let btf = sys::load_btf(&program::program_btf())
                .map_err(|e| failed("loading the program's BTF", e))?;
            let prog = sys::load_program(&insns, &btf, &[(0, 3), (callback as u32, 4)])
                .map_err(|e| failed("loading the program", e))?;
            let control = sys::Mapped::new(&control_map, control::LEN as usize)
                .map_err(|e| failed("mapping the control map", e))?;
            let stride = (record_len as usize).next_multiple_of(8);
            let records = sys::Mapped::new(&records_map, stride * CAPACITY as usize)
                .map_err(|e| failed("mapping the record map", e))?;
            Ok(Walker {
                layout,
                prog,
                control,
                records,
                _maps: (control_map, records_map),
                listeners_walked: HashSet::new(),
                tables_walked: HashSet::new(),
                found: HashMap::new(),
            })
        }

        fn run(&self, args: &Args) -> Result<()> {
            sys::test_run(&self.prog, args)
                .map(|_| ())
                .map_err(|e| failed("running the program", e))
        }

        fn control_u64(&self, at: usize) -> u64 {
            let b = &self.control.bytes()[at..at + 8];
            u64::from_ne_bytes(b.try_into().expect("8 bytes"))
        }

        /// The kernel's u64 at `addr` (a pointer or a field), read by the program.
        fn peek(&self, addr: u64) -> Result<u64> {
            self.run(&[program::PEEK_MODE, addr, 0, 0, 0, 0, 0])?;
            if (self.control_u64(control::PEEK_RESULT) as i64) < 0 {
                return Err(Error::decode(
                    "the TCP walk",
                    format!("kernel memory at {addr:#x} cannot be read"),
                ));
            }
            Ok(self.control_u64(control::PEEK))
        }

        /// The kernel's u32 at `addr`.
        fn peek_u32(&self, addr: u64) -> Result<u32> {
            self.peek(addr)?;
            let b = &self.control.bytes()[control::PEEK..control::PEEK + 4];
            Ok(u32::from_ne_bytes(b.try_into().expect("4 bytes")))
        }

        /// Every TCP socket of the current network namespace, in the order its sock_diag
        /// dump gives them (listeners, then the established table). The first call walks
        /// the listener table, and each call the namespace's established table if no
        /// earlier call walked it (namespaces share it unless made with
        /// net.ipv4.tcp_child_ehash_entries).
        pub fn current_namespace(&mut self) -> Result<Vec<Walked>> {
            let l = &self.layout;
            self.run(&[program::PEEK_MODE, 0, 0, 0, 0, 0, 0])?;
            let task = self.control_u64(control::TASK);
            let nsproxy = self.peek(task + u64::from(l.task_nsproxy))?;
            let net = self.peek(nsproxy + u64::from(l.nsproxy_net))?;
            let hashinfo = self.peek(net + u64::from(l.net_hashinfo))?;
            let at = |off: u32| hashinfo + u64::from(off);
            let lhash2 = self.peek(at(l.lhash2))?;
            let lhash2_buckets = u64::from(self.peek_u32(at(l.lhash2_mask))?) + 1;
            let ehash = self.peek(at(l.ehash))?;
            let ehash_buckets = u64::from(self.peek_u32(at(l.ehash_mask))?) + 1;
            if self.listeners_walked.insert(lhash2) {
                self.walk(program::LISTENER_TABLE, lhash2, lhash2_buckets)?;
            }
            if self.tables_walked.insert(ehash) {
                self.walk(program::ESTABLISHED_TABLE, ehash, ehash_buckets)?;
            }
            let (mut listeners, others) = self.found.remove(&net).unwrap_or_default();
            listeners.extend(others);
            Ok(listeners)
        }

        /// Walk `table` (an established table or the listener table) of `buckets` buckets at
        /// `base`, keeping what it finds per namespace.
        fn walk(&mut self, table: u64, base: u64, buckets: u64) -> Result<()> {
            let listeners = table == program::LISTENER_TABLE;
            let record_len = self.layout.record_len() as usize;
            let stride_records = record_len.next_multiple_of(8);
            let mut next = 0u64;
            while next < buckets {
                let end = buckets.min(next + BUCKETS_PER_RUN);
                let loops = (end - next) + u64::from(CAPACITY) + 1;
                self.run(&[table, base, 0, 0, next, end, loops])?;
                if self.control_u64(control::FAILED) != 0 {
                    return Err(Error::decode(
                        "the TCP walk",
                        format!("the bucket heads at {base:#x} cannot be read"),
                    ));
                }
                if (self.control_u64(control::STEPS) as i64) < 0 {
                    return Err(Error::decode(
                        "the TCP walk",
                        format!(
                            "bpf_loop refused the walk ({})",
                            self.control_u64(control::STEPS) as i64
                        ),
                    ));
                }
                let written = self.control_u64(control::RECORDS) as usize;
                let reached = self.control_u64(control::NEXT);
                if reached <= next && written == 0 {
                    return Err(Error::decode(
                        "the TCP walk",
                        format!(
                            "bucket {next} could not be walked whole (more than {CAPACITY} sockets, or a list that kept changing)"
                        ),
                    ));
                }
                let bytes = self.records.bytes();
                for i in 0..written.min(CAPACITY as usize) {
                    let r = &bytes[i * stride_records..][..record_len];
                    if let Some(w) = record::decode(&self.layout, r)? {
                        let entry = self.found.entry(w.net).or_default();
                        if listeners {
                            entry.0.push(w);
                        } else {
                            entry.1.push(w);
                        }
                    }
                }
                next = reached;
            }
            Ok(())
        }
    }
}
