//! RTM_NEWQDISC / RTM_NEWTCLASS decoder: any payload decodes or errors.
#![no_main]
use rnetstat_core::QueueType;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for t in [QueueType::Qdisc, QueueType::Class] {
        let _ = rnetstat_linux::netlink::qdisc::decode(data, t, &|i| Some(format!("if{i}")));
    }
});
