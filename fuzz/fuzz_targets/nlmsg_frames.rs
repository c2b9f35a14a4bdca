//! Netlink framing: any bytes walk to messages or an error.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for m in rnetstat_linux::netlink::nlmsg::messages(data).flatten() {
        assert!(m.payload.len() <= data.len());
    }
});
