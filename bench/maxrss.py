#!/usr/bin/env python3
"""Run a command with stdout to /dev/null and print its peak resident set size in KiB.

usage: maxrss.py [--rusage] COMMAND [ARG...]

Why not simply getrusage(RUSAGE_CHILDREN).ru_maxrss or os.wait4: on Linux a process's
ru_maxrss also keeps the high-water mark of the memory image it had *before* execve, and a
child forked (or vforked, as subprocess does) from Python starts with Python's pages, so
both report at least this interpreter's own RSS (about 10-14 MiB here, even for `true`). That
floor would hide a target like "<= 16 MiB".

So by default the child is traced (PTRACE_TRACEME, PTRACE_O_TRACEEXIT): it stops once when it
is about to exit, with its address space still intact, and VmHWM is read from
/proc/PID/status then. VmHWM is the peak RSS of the command's own image only. The wait4 figure
is used when ptrace is not available, or with --rusage, and is then flagged as an upper bound.
Exit status: the command's (128+signal if killed).
"""

import ctypes
import os
import signal
import sys

PTRACE_TRACEME = 0
PTRACE_CONT = 7
PTRACE_SETOPTIONS = 0x4200
PTRACE_O_TRACEEXIT = 0x40
PTRACE_O_EXITKILL = 0x100000
PTRACE_EVENT_EXIT = 6

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]


def ptrace(req: int, pid: int, data: int = 0) -> None:
    if libc.ptrace(req, pid, None, ctypes.c_void_p(data)) == -1:
        err = ctypes.get_errno()
        raise OSError(err, f"ptrace({req}): {os.strerror(err)}")


def vmhwm_kib(pid: int):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def exit_code(status: int) -> int:
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    return 128 + os.WTERMSIG(status)


def spawn(argv, trace: bool) -> int:
    devnull = os.open(os.devnull, os.O_WRONLY)
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(devnull, 1)
            if trace and libc.ptrace(PTRACE_TRACEME, 0, None, None) == -1:
                os._exit(126)
            os.execvp(argv[0], argv)
        except OSError as e:
            os.write(2, f"maxrss.py: {argv[0]}: {e.strerror}\n".encode())
        os._exit(127)
    os.close(devnull)
    return pid


def run_traced(argv):
    """(peak KiB from VmHWM at exit, exit code), or None if tracing did not work."""
    pid = spawn(argv, trace=True)
    _, status = os.waitpid(pid, 0)
    if not (os.WIFSTOPPED(status) and os.WSTOPSIG(status) == signal.SIGTRAP):
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 126:
            return None  # PTRACE_TRACEME refused
        return (None, exit_code(status) if not os.WIFSTOPPED(status) else 1)
    ptrace(PTRACE_SETOPTIONS, pid, PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL)
    ptrace(PTRACE_CONT, pid)
    peak = None
    while True:
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status) or os.WIFSIGNALED(status):
            return (peak, exit_code(status))
        sig = os.WSTOPSIG(status)
        if sig == signal.SIGTRAP and (status >> 16) == PTRACE_EVENT_EXIT:
            peak = vmhwm_kib(pid)
            sig = 0
        ptrace(PTRACE_CONT, pid, sig)  # pass any other signal on


def run_rusage(argv):
    pid = spawn(argv, trace=False)
    _, status, ru = os.wait4(pid, 0)
    return (ru.ru_maxrss, exit_code(status))


def main() -> int:
    args = sys.argv[1:]
    force_rusage = bool(args) and args[0] == "--rusage"
    if force_rusage:
        args = args[1:]
    if not args:
        print("usage: maxrss.py [--rusage] COMMAND [ARG...]", file=sys.stderr)
        return 2
    result = None if force_rusage else run_traced(args)
    note = ""
    if result is None:
        result = run_rusage(args)
        note = " (wait4 ru_maxrss: includes Python's own RSS, an upper bound)"
        if not force_rusage:
            print("maxrss.py: ptrace unavailable, falling back to wait4", file=sys.stderr)
    peak, code = result
    if peak is None:
        print(f"maxrss.py: no peak RSS for {args[0]} (exit {code})", file=sys.stderr)
        return code or 1
    print(f"{peak}{note}")
    return code


if __name__ == "__main__":
    sys.exit(main())
