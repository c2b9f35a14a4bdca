//! NLM_F_DUMP_INTR: the kernel's word that a dump raced with a change. Small dumps are retried
//! until clean; a route dump is retried while nothing of it has been printed, and otherwise
//! reported; a capture keeps only the attempt that was used.

use rnetstat_core::{Backend, Family, RouteQuery, Tables};
use rnetstat_linux::netlink::nlmsg::{self, NLM_F_DUMP_INTR};
use rnetstat_linux::source::{Capture, Dump, Handler, Source};
use rnetstat_linux::LinuxBackend;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

const LINKS: &[u8] = include_bytes!("../../../fixtures/linux/basic/link.nl");
const ROUTES4: &[u8] = include_bytes!("../../../fixtures/linux/basic/route-inet.nl");

/// Answers each dump from a queue of canned answers (the last one repeats) and records what
/// was asked.
#[derive(Clone, Default)]
struct Fake {
    answers: Arc<Mutex<HashMap<String, VecDeque<Vec<u8>>>>>,
    asked: Arc<Mutex<Vec<String>>>,
}

impl Fake {
    fn answer(&self, file: &str, answers: Vec<Vec<u8>>) {
        self.answers
            .lock()
            .unwrap()
            .insert(file.to_string(), answers.into());
    }

    fn asked(&self, file: &str) -> usize {
        self.asked
            .lock()
            .unwrap()
            .iter()
            .filter(|a| *a == file)
            .count()
    }
}

impl Source for Fake {
    fn dump(&mut self, dump: Dump, handler: &mut Handler<'_>) -> rnetstat_core::Result<()> {
        let name = dump.file_name();
        self.asked.lock().unwrap().push(name.clone());
        let bytes = {
            let mut answers = self.answers.lock().unwrap();
            let q = answers
                .get_mut(&name)
                .unwrap_or_else(|| panic!("no answer for {name}"));
            if q.len() > 1 {
                q.pop_front().unwrap()
            } else {
                q.front().unwrap().clone()
            }
        };
        handler(&bytes)?;
        Ok(())
    }

    fn proc_net(&mut self, name: &str) -> rnetstat_core::Result<String> {
        panic!("no /proc/net/{name} in this test")
    }
}

/// The same messages with NLM_F_DUMP_INTR set on each (or only on the last, NLMSG_DONE).
fn interrupted(dump: &[u8], only_done: bool) -> Vec<u8> {
    let mut out = dump.to_vec();
    let mut at = 0;
    for m in nlmsg::messages(dump) {
        let m = m.unwrap();
        let len = nlmsg::NLMSG_HDRLEN + m.payload.len();
        if !only_done || m.kind == nlmsg::NLMSG_DONE {
            let flags = u16::from_ne_bytes([out[at + 6], out[at + 7]]) | NLM_F_DUMP_INTR;
            out[at + 6..at + 8].copy_from_slice(&flags.to_ne_bytes());
        }
        at += nlmsg::align(len);
    }
    out
}

/// Just the NLMSG_DONE of a dump, flagged interrupted: an answer that emitted nothing.
fn empty_interrupted(dump: &[u8]) -> Vec<u8> {
    let done = nlmsg::messages(dump)
        .map(|m| m.unwrap())
        .find(|m| m.kind == nlmsg::NLMSG_DONE)
        .unwrap();
    let mut out = Vec::new();
    out.extend_from_slice(&((nlmsg::NLMSG_HDRLEN + done.payload.len()) as u32).to_ne_bytes());
    out.extend_from_slice(&nlmsg::NLMSG_DONE.to_ne_bytes());
    out.extend_from_slice(&(nlmsg::NLM_F_MULTI | NLM_F_DUMP_INTR).to_ne_bytes());
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(done.payload);
    out
}

#[test]
fn an_interrupted_interface_dump_is_retried_silently() {
    let fake = Fake::default();
    fake.answer("link.nl", vec![interrupted(LINKS, false), LINKS.to_vec()]);
    fake.answer(
        "addr.nl",
        vec![include_bytes!("../../../fixtures/linux/basic/addr.nl").to_vec()],
    );
    let mut b = LinuxBackend::new(Box::new(fake.clone()));
    let ifs = b.interfaces().unwrap();
    assert!(ifs.iter().any(|i| i.name == "va0"));
    assert_eq!(fake.asked("link.nl"), 2);
    assert!(b.take_warnings().is_empty());
}

#[test]
fn a_route_dump_is_retried_while_nothing_was_printed() {
    let fake = Fake::default();
    fake.answer("link.nl", vec![LINKS.to_vec()]);
    fake.answer(
        "route-inet.nl",
        vec![empty_interrupted(ROUTES4), ROUTES4.to_vec()],
    );
    fake.answer("route-inet-table-100.nl", vec![ROUTES4.to_vec()]);
    let mut b = LinuxBackend::new(Box::new(fake.clone()));
    let mut seen = Vec::new();
    let q = RouteQuery {
        family: Some(Family::Inet),
        tables: Tables::All,
        ..RouteQuery::default()
    };
    b.routes(&q, &mut |r| {
        seen.push((r.table, r.destination.addr.to_string()));
        Ok(())
    })
    .unwrap();
    assert_eq!(fake.asked("route-inet.nl"), 2);
    assert!(b.take_warnings().is_empty());
    // -F all: main table first, then table 100 from its own dump, each route once.
    assert_eq!(seen.first(), Some(&(254, "0.0.0.0".to_string())));
    assert_eq!(seen.last(), Some(&(100, "198.18.0.0".to_string())));
    assert_eq!(seen.iter().filter(|(t, _)| *t == 100).count(), 1);
}

#[test]
fn a_route_dump_interrupted_after_printing_is_reported_not_repeated() {
    let fake = Fake::default();
    fake.answer("link.nl", vec![LINKS.to_vec()]);
    fake.answer(
        "route-inet.nl",
        vec![interrupted(ROUTES4, false), ROUTES4.to_vec()],
    );
    fake.answer("route-inet-table-100.nl", vec![ROUTES4.to_vec()]);
    let mut b = LinuxBackend::new(Box::new(fake.clone()));
    let mut main = 0;
    let q = RouteQuery {
        family: Some(Family::Inet),
        ..RouteQuery::default()
    };
    b.routes(&q, &mut |r| {
        main += usize::from(r.table == 254);
        Ok(())
    })
    .unwrap();
    assert_eq!(fake.asked("route-inet.nl"), 1);
    assert_eq!(
        main, 7,
        "each main-table route once (the multipath route is one)"
    );
    let w = b.take_warnings();
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("inet routing table changed"), "{w:?}");
}

#[test]
fn a_capture_keeps_only_the_attempt_that_was_used() {
    let fake = Fake::default();
    fake.answer("link.nl", vec![interrupted(LINKS, true), LINKS.to_vec()]);
    fake.answer(
        "addr.nl",
        vec![include_bytes!("../../../fixtures/linux/basic/addr.nl").to_vec()],
    );
    let dir = std::env::temp_dir().join(format!("rnt-intr-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let capture = Capture::new(fake, &dir).unwrap();
    LinuxBackend::new(Box::new(capture)).interfaces().unwrap();
    let kept = std::fs::read(dir.join("link.nl")).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(kept, LINKS);
}
