//! The filter language: words, grammar, errors and evaluation on made-up sockets.

use super::*;
use crate::{Owner, SockType};
use proptest::prelude::*;

/// Names as a test host has them.
struct TestNames;

impl Names for TestNames {
    fn service(&self, name: &str) -> Option<u16> {
        match name {
            "https" => Some(443),
            "ssh" => Some(22),
            _ => None,
        }
    }
    fn user(&self, name: &str) -> Option<u32> {
        (name == "nobody").then_some(65534)
    }
}

fn parse(text: &str) -> Result<Filter, ParseError> {
    super::parse::parse(text, &TestNames)
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

fn tcp(local: &str, lport: u16, remote: &str, rport: u16, state: State) -> Socket {
    let end = |a: &str, port| Endpoint::Inet {
        addr: a.parse().unwrap(),
        port,
    };
    let family = if local.contains(':') {
        Family::Inet6
    } else {
        Family::Inet
    };
    Socket {
        state: Some(state),
        uid: Some(1000),
        owners: vec![Owner {
            pid: 42,
            command: Some("sshd".into()),
            fd: Some(3),
        }],
        ..Socket::new(
            Proto::Tcp,
            family,
            SockType::Stream,
            end(local, lport),
            end(remote, rport),
        )
    }
}

fn hits(text: &str, s: &Socket) -> bool {
    let ctx = FilterContext {
        netns: Some("rnf-x"),
    };
    parse(text).unwrap().matches(s, &ctx)
}

#[test]
fn states_and_groups() {
    let est = tcp("192.0.2.1", 22, "198.51.100.7", 50000, State::Established);
    let lis = tcp("0.0.0.0", 22, "0.0.0.0", 0, State::Listen);
    let syn = tcp("192.0.2.1", 40000, "198.51.100.7", 80, State::SynSent);
    assert!(hits("state established", &est) && !hits("state established", &lis));
    assert!(hits("state LISTEN", &lis) && hits("state Syn-Sent", &syn));
    assert!(hits("state connected", &est) && hits("state connected", &syn));
    assert!(!hits("state connected", &lis));
    assert!(hits("state synchronized", &est) && !hits("state synchronized", &syn));
    let udp = Socket::new(
        Proto::Udp,
        Family::Inet,
        SockType::Dgram,
        Endpoint::None,
        Endpoint::None,
    );
    assert!(!hits("state closed", &udp) && hits("not state listen", &udp));
}

#[test]
fn ports_compare_and_name_services() {
    let est = tcp("192.0.2.1", 22, "198.51.100.7", 50000, State::Established);
    assert!(hits("port 22", &est) && hits("port 50000", &est) && hits("sport ssh", &est));
    assert!(!hits("dport 22", &est) && hits("dport >= 1024", &est));
    assert!(hits("dport>1024", &est) && !hits("sport > 22", &est));
    assert!(hits("lport<=22", &est) && hits("fport != 443", &est));
    assert!(!hits("rport == 22", &est) && hits("rport = 50000", &est));
    // The wildcard port is never less or greater than a port.
    let lis = tcp("0.0.0.0", 22, "0.0.0.0", 0, State::Listen);
    assert!(!hits("dport < 1024", &lis) && hits("dport = 0", &lis));
    assert!(parse("port https").is_ok());
}

#[test]
fn addresses_prefixes_and_mapped_forms() {
    let est = tcp("192.0.2.1", 22, "198.51.100.7", 50000, State::Established);
    assert!(hits("src 192.0.2.1", &est) && hits("dst 198.51.100.0/24", &est));
    assert!(!hits("dst 192.0.2.0/24", &est) && hits("host 192.0.2.0/24", &est));
    assert!(hits("foreign ::ffff:198.51.100.7", &est));
    assert!(hits("remote ::ffff:198.51.100.0/120", &est));
    let mapped = tcp(
        "::ffff:192.0.2.1",
        22,
        "::ffff:198.51.100.7",
        1,
        State::Established,
    );
    assert!(hits("src 192.0.2.1", &mapped) && hits("dst 198.51.100.0/25", &mapped));
    let v6 = tcp("2001:db8::1", 443, "2001:db8:1::2", 1, State::Established);
    assert!(hits("src 2001:db8::/32", &v6) && !hits("dst 2001:db8::/48", &v6));
    assert!(!hits("host 192.0.2.0/24", &v6) && hits("addr 0.0.0.0/0", &est));
}

#[test]
fn owners_protocols_families_and_namespace() {
    let s = tcp("192.0.2.1", 22, "198.51.100.7", 50000, State::Established);
    assert!(hits("pid 42", &s) && !hits("pid 43", &s) && hits("pid != 43", &s));
    assert!(hits("user 1000", &s) && !hits("user nobody", &s));
    assert!(hits("command sshd", &s) && hits("comm ss*", &s));
    assert!(hits("cmd s?hd", &s) && !hits("command ssh", &s));
    assert!(hits("tcp", &s) && hits("proto TCP", &s) && !hits("udp", &s));
    assert!(hits("family inet", &s) && !hits("family inet6", &s));
    assert!(hits("netns rnf-x", &s) && !hits("netns host", &s));
    let f = parse("pid 1 or netns host").unwrap();
    assert!(f.needs_owners() && f.needs_netns());
    assert!(!parse("port 1").unwrap().needs_owners());
    assert!(parse("port 1 and not uid 0").unwrap().needs_uid());
    assert!(!f.needs_uid());
}

#[test]
fn grammar_precedence_parentheses_and_not() {
    let s = tcp("192.0.2.1", 22, "198.51.100.7", 50000, State::Established);
    assert!(hits("port 22 or port 23 and port 24", &s)); // and binds tighter
    assert!(!hits("(port 22 or port 23) and port 24", &s));
    assert!(hits("( port 22 or port 23 ) port 50000", &s)); // juxtaposition is and
    assert!(hits("!(sport 80)", &s) && hits("not not port 22", &s));
    assert!(hits("port 22 && !port 80 || port 1", &s));
    assert!(hits("STATE established AND sport 22", &s));
}

#[test]
fn errors_name_the_offending_word() {
    assert_eq!(
        error("stat established"),
        "filter: 'stat' at word 1 is not a filter word (state, port, sport, dport, host, src, dst, pid, user, command, proto, family, netns, tcp, udp, unix, and, or, not)"
    );
    assert_eq!(
        error("state established and port"),
        "filter: 'port' at word 4 needs a port number or service name"
    );
    assert_eq!(
        error("port nosuch"),
        "filter: 'nosuch' at word 2 is not a port number or service name (after 'port')"
    );
    assert_eq!(
        error("(port 22 or port 80"),
        "filter: unbalanced '(' at word 1: no ')' closes it"
    );
    assert_eq!(
        error("port 22 )"),
        "filter: ')' at word 3 has no '(' before it"
    );
    assert_eq!(
        error("port 22 and"),
        "filter: 'and' at word 3 has nothing after it"
    );
    assert_eq!(
        error("or port 22"),
        "filter: 'or' at word 1 has nothing before it"
    );
    assert_eq!(error(""), "filter: the expression is empty");
    assert!(error("state bogus").contains("'bogus' at word 2 is not a TCP state"));
    assert!(error("dst 192.0.2.0/33").contains("'192.0.2.0/33' at word 2"));
    assert!(error("pid < 3").contains("'<' at word 2: 'pid' (word 1) takes = or !="));
    assert!(error("user nosuchuser").contains("is not a user name or uid"));
    assert!(error("port and").contains("'port' at word 1 needs"));
    assert!(error("()").contains("')' at word 2"));
    assert!(error(&"(".repeat(200)).contains("nested too deep"));
}

#[test]
fn words_split_around_punctuation() {
    assert_eq!(
        super::parse::split("!(dport>=1024)&&x||y"),
        ["!", "(", "dport", ">=", "1024", ")", "&&", "x", "||", "y"]
    );
    assert_eq!(super::parse::split(" a  b\tc"), ["a", "b", "c"]);
}

#[test]
fn glob_patterns() {
    assert!(glob("*", "") && glob("a*c", "abbbc") && glob("?b*", "abc"));
    assert!(!glob("a*d", "abc") && !glob("", "a") && glob("*a*a*a*", "aaaa"));
}

/// What a soup has beside the language's own words (`VOCABULARY`): the symbol operators,
/// comparisons, values good and bad, and the empty word.
const SOUP_EXTRAS: &[&str] = &[
    "!",
    "(",
    ")",
    "&&",
    "||",
    "=",
    "!=",
    "<",
    ">=",
    "22",
    "https",
    "192.0.2.0/24",
    "2001:db8::/32",
    "x",
    "65536",
    "",
];

/// Words a filter is made of, for the random soups below.
fn soup() -> Vec<&'static str> {
    VOCABULARY.iter().chain(SOUP_EXTRAS).copied().collect()
}

proptest! {
    /// Any soup of filter words, and any text at all, parses or errors with one line; what
    /// parses evaluates without a panic.
    #[test]
    fn token_soup_never_panics(words in proptest::collection::vec(0..soup().len(), 0..24)) {
        let soup = soup();
        let text: Vec<&str> = words.iter().map(|i| soup[*i]).collect();
        match parse(&text.join(" ")) {
            Ok(f) => {
                let s = tcp("192.0.2.1", 22, "198.51.100.7", 50000, State::Established);
                let _ = f.matches(&s, &FilterContext::default());
            }
            Err(e) => prop_assert!(!e.to_string().contains('\n')),
        }
    }

    #[test]
    fn random_text_never_panics(text in ".{0,80}") {
        if let Err(e) = parse(&text) {
            prop_assert!(!e.to_string().contains('\n'));
        }
    }
}

/// Every word a shell completes is a word of the language: a term, an operator or a value.
#[test]
fn vocabulary_words_are_known() {
    for w in VOCABULARY {
        let as_term = parse(w);
        let as_value = ["state", "proto", "family", "netns"]
            .iter()
            .any(|k| parse(&format!("{k} {w}")).is_ok());
        let operator = ["and", "or", "not"].contains(w);
        assert!(as_term.is_ok() || as_value || operator, "{w}");
    }
}
