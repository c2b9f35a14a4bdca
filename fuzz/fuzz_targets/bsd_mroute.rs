//! FreeBSD multicast router and source-filter decoders (struct vif, mfc, mif6_sctl, the
//! mf6c bucket table, mrtstat, mcast.filters answers): any bytes decode or error.
#![no_main]
use rnetstat_bsd::freebsd::{mcast_filters, mroute};
use rnetstat_core::Family;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = mroute::vifs(data);
    let _ = mroute::mfcs(data);
    let _ = mroute::mifs(data);
    let _ = mroute::mf6c_buckets(data);
    let _ = mroute::mrtstat(data, Family::Inet);
    let _ = mroute::mrtstat(data, Family::Inet6);
    let _ = mcast_filters::decode(data, false);
    let _ = mcast_filters::decode(data, true);
});
