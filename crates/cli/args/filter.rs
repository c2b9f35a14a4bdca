//! The filter expression after the options (`rnetstat -an state established and dport 443`):
//! parsed here with the names of this host (services from /etc/services, users from
//! /etc/passwd), read only when the expression names one.

use rnetstat_core::filter::Names;
use rnetstat_core::{Error, Filter, Result};
use std::cell::OnceCell;
use std::collections::HashMap;

/// The filter the words say, or None for no words.
pub fn parse(words: &[String]) -> Result<Option<Filter>> {
    if words.is_empty() {
        return Ok(None);
    }
    Filter::parse(words, &SystemNames::default())
        .map(Some)
        .map_err(|e| Error::Usage(e.to_string()))
}

/// The parser of the filter's words: any text (the expression is parsed whole, later), with
/// the language's words as the possible values shells complete.
#[derive(Clone, Copy)]
pub struct Words;

impl clap::builder::TypedValueParser for Words {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_string)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            rnetstat_core::filter::VOCABULARY
                .iter()
                .map(|w| clap::builder::PossibleValue::new(*w)),
        ))
    }
}

/// Service and user names from /etc, each file read once and only when first asked.
#[derive(Default)]
struct SystemNames {
    services: OnceCell<HashMap<String, u16>>,
    users: OnceCell<HashMap<String, u32>>,
}

impl Names for SystemNames {
    fn service(&self, name: &str) -> Option<u16> {
        self.services
            .get_or_init(|| services(&read("/etc/services")))
            .get(name)
            .copied()
    }

    fn user(&self, name: &str) -> Option<u32> {
        self.users
            .get_or_init(|| users(&read("/etc/passwd")))
            .get(name)
            .copied()
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// /etc/services: `name port/proto [aliases] [# comment]`; every name and alias of a TCP or
/// UDP service to its port (the first line naming it wins).
fn services(text: &str) -> HashMap<String, u16> {
    let mut map = HashMap::new();
    for line in text.lines() {
        let mut words = line.split('#').next().unwrap_or("").split_whitespace();
        let (Some(name), Some(spec)) = (words.next(), words.next()) else {
            continue;
        };
        let Some((port, "tcp" | "udp")) = spec.split_once('/') else {
            continue;
        };
        let Ok(port) = port.parse::<u16>() else {
            continue;
        };
        for n in std::iter::once(name).chain(words) {
            map.entry(n.to_string()).or_insert(port);
        }
    }
    map
}

/// /etc/passwd: `name:password:uid:...`; each name to its uid.
fn users(text: &str) -> HashMap<String, u32> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            let uid = fields.nth(1)?.parse().ok()?;
            Some((name.to_string(), uid))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_and_users_files() {
        let s = services("ssh 22/tcp # SSH\nhttps 443/tcp www-s\nbad\nx 99/ddp\ndomain 53/udp\n");
        assert_eq!(
            (s["ssh"], s["https"], s["www-s"], s["domain"]),
            (22, 443, 443, 53)
        );
        assert!(!s.contains_key("x"));
        let u =
            users("root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/usr/sbin/nologin\nbad\n");
        assert_eq!((u["root"], u["nobody"], u.len()), (0, 65534, 2));
    }
}
