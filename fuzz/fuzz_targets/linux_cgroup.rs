//! /proc/PID/cgroup text and cgroup paths: the container labels of -j.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rnetstat_fuzz::linux_cgroup::run(data));
