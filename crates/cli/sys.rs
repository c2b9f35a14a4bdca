//! The system calls the CLI makes itself (the backends' live modules make the rest).

/// The effective user id of this process.
pub fn euid() -> u32 {
    // SAFETY: geteuid(2) takes no arguments, cannot fail and touches no memory of ours.
    unsafe { libc::geteuid() }
}

/// FreeBSD `-j jail`: move this process into the jail named or numbered `jail`, so that what
/// it reads next is the jail's network state (its own with a VNET jail).
#[cfg(target_os = "freebsd")]
pub fn attach_jail(jail: &str) -> rnetstat_core::Result<()> {
    use rnetstat_core::Error;
    let jid = match jail.parse::<libc::c_int>() {
        Ok(jid) => jid,
        Err(_) => {
            let mut key = *b"name\0";
            let mut value = std::ffi::CString::new(jail)
                .map_err(|_| Error::NotFound(format!("-j {jail:?}: no such jail")))?
                .into_bytes_with_nul();
            let mut iov = [
                libc::iovec {
                    iov_base: key.as_mut_ptr().cast(),
                    iov_len: key.len(),
                },
                libc::iovec {
                    iov_base: value.as_mut_ptr().cast(),
                    iov_len: value.len(),
                },
            ];
            // SAFETY: iov holds two valid (pointer, length) pairs into key and value, which
            // outlive the call; jail_get(2) only reads them (no output parameter is asked).
            unsafe { libc::jail_get(iov.as_mut_ptr(), iov.len() as libc::c_uint, 0) }
        }
    };
    if jid < 0 {
        return Err(Error::NotFound(format!("-j {jail}: no such jail")));
    }
    // SAFETY: jail_attach(2) takes a number and touches no memory of ours.
    if unsafe { libc::jail_attach(jid) } != 0 {
        return Err(Error::io(
            format!("-j {jail}: attaching to the jail"),
            std::io::Error::last_os_error(),
        ));
    }
    Ok(())
}

/// Linux `-j`: move this (single-threaded) process into the network namespace `ns` opens
/// (an nsfs file), so that the netlink sockets it opens next and /proc/net show that
/// namespace. EINVAL means the file is another kind of namespace or not one at all.
#[cfg(target_os = "linux")]
pub fn enter_netns(ns: &std::fs::File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: setns(2) takes a descriptor that `ns` keeps open for the call and a flag; it
    // touches no memory of ours.
    if unsafe { libc::setns(ns.as_raw_fd(), libc::CLONE_NEWNET) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// `-j` is FreeBSD's jails and Linux's network namespaces; elsewhere it is not taken live.
#[cfg(not(any(target_os = "freebsd", target_os = "linux")))]
pub fn attach_jail(jail: &str) -> rnetstat_core::Result<()> {
    Err(rnetstat_core::Error::NotSupported(format!(
        "-j {jail}: jails (on this system)"
    )))
}

/// Set by [`stop_on_interrupt`]'s handler when SIGINT or SIGTERM arrives.
static STOPPED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn on_stop_signal(_: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    STOPPED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// From now on SIGINT and SIGTERM do not kill the process but set a flag that [`stopped`]
/// reads, so that a running display (`-w`) can finish the line it is writing and exit 0.
pub fn stop_on_interrupt() {
    let handler = on_stop_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe; signal(3)
        // touches no memory of ours. Without SA_RESTART on some systems, an interrupted write
        // returns EINTR, which std's write_all retries.
        unsafe { libc::signal(sig, handler) };
    }
}

/// True once SIGINT or SIGTERM arrived after [`stop_on_interrupt`].
pub fn stopped() -> bool {
    STOPPED.load(std::sync::atomic::Ordering::Relaxed)
}
