//! FreeBSD multicast router and source-filter decoders (struct vif, mfc, mif6_sctl, the
//! mf6c bucket table, mrtstat, mcast.filters answers): any bytes decode or error.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::bsd_mroute::run(data));
