//! procfs multicast decoders (igmp, igmp6, mcfilter, dev_mcast, ip(6)_mr_vif, ip(6)_mr_cache).
#![no_main]
use rnetstat_core::Family;
use rnetstat_linux::{netlink::mroute, procfs::multicast};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = multicast::parse_igmp(&text);
    let _ = multicast::parse_igmp6(&text);
    let _ = multicast::parse_mcfilter(&text, Family::Inet);
    let _ = multicast::parse_mcfilter(&text, Family::Inet6);
    let _ = multicast::parse_dev_mcast(&text);
    let _ = multicast::parse_mr_vif(&text, Family::Inet);
    let _ = multicast::parse_mr_cache(&text, Family::Inet6);
    let _ = mroute::decode_mroute(data);
});
