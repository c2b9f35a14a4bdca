//! Process start without std's runtime start-up.
//!
//! std's `main` wrapper installs a stack-overflow handler for the main thread, and to find that
//! thread's stack glibc parses /proc/self/maps: with the signal handler set-up and the check
//! that fds 0-2 are open, that is about a tenth of a millisecond, as long as a whole `-s`
//! display takes. rnetstat therefore exports the C `main` itself and keeps of std's start-up
//! what it relies on: SIGPIPE ignored, so that writing to a closed pipe is an error (ending the
//! display quietly with status 0) rather than a kill, and descriptors 0-2 open (on /dev/null
//! when closed), so that a file or netlink socket never becomes "stdout". Arguments still come from
//! `std::env::args_os`, which glibc's start-up code fills in before `main`. A stack overflow on
//! the main thread is then a plain SIGSEGV instead of std's message: rnetstat has no deep
//! recursion.

/// The C entry point: ignore SIGPIPE, run, return the exit status. (Unit-test builds keep
/// the test harness's own `main`.)
#[cfg(not(test))]
#[no_mangle]
pub extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    open_standard_fds();
    ignore_sigpipe();
    // Everything rnetstat prints is flushed before exit_status returns.
    crate::exit_status()
}

#[cfg_attr(test, allow(dead_code))]
/// Open /dev/null on any of descriptors 0-2 that is closed (one poll(2) to find out).
fn open_standard_fds() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: `fds` is a valid array of 3 pollfd structures and the length says so.
    let ready = unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) };
    if ready <= 0 {
        return;
    }
    for p in fds.iter().filter(|p| p.revents & libc::POLLNVAL != 0) {
        // SAFETY: a NUL-terminated path; open(2) takes the lowest free descriptor, which is
        // the closed one (lower ones are open or opened just before).
        let fd = unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
        if fd != p.fd {
            // No /dev/null: go on as std would; writes to a closed stdout fail cleanly.
            return;
        }
    }
}

#[cfg_attr(test, allow(dead_code))]
/// Ignore SIGPIPE, as std's start-up does.
fn ignore_sigpipe() {
    // SAFETY: setting SIGPIPE's disposition before any thread exists touches no Rust state.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}
