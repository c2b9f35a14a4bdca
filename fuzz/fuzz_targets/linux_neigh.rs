//! RTM_NEWNEIGH decoder: any payload decodes or errors.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = rnetstat_linux::netlink::neigh::decode(data, &|i| Some(format!("if{i}")));
});
