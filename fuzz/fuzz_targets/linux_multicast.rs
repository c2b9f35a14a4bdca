//! procfs multicast decoders (igmp, igmp6, mcfilter, dev_mcast, ip(6)_mr_vif, ip(6)_mr_cache).
#![no_main]
use rnetstat_core::Family;
use rnetstat_linux::mcast;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = mcast::parse_igmp(&text);
    let _ = mcast::parse_igmp6(&text);
    let _ = mcast::parse_mcfilter(&text, Family::Inet);
    let _ = mcast::parse_mcfilter(&text, Family::Inet6);
    let _ = mcast::parse_dev_mcast(&text);
    let _ = mcast::parse_mr_vif(&text, Family::Inet);
    let _ = mcast::parse_mr_cache(&text, Family::Inet6);
    let _ = mcast::decode_mroute(data);
});
