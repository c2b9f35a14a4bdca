//! Which options go with which display: every combination a display cannot show is refused
//! here, once, so that displays never raise usage errors.

use super::{Display, Options};
use rnetstat_core::{Error, Family, Platform, Result};

/// Err with the usage line for the first option the chosen display cannot take.
pub fn combinations(opts: &Options, platform: Platform) -> Result<()> {
    freebsd_flags(opts, platform)?;
    prometheus_flags(opts, platform)?;
    filter_display(opts)?;
    display_flags(opts, platform)
}

/// `--prometheus` goes with the displays that measure something (-s, -gs, -i, -m, -q, -g and
/// the socket display); `-w` with it rewrites a file, so it needs one.
fn prometheus_flags(opts: &Options, platform: Platform) -> Result<()> {
    let Some(target) = &opts.prometheus else {
        return Ok(());
    };
    let stats = opts.stats > 0;
    let measured = match opts.display {
        Display::Sockets | Display::Multicast => true,
        Display::Interfaces | Display::Queues => !stats,
        // BSD's -m is the mbuf display, not the counters the metrics are made of.
        Display::Memory => platform == Platform::Linux,
        _ => false,
    };
    if !measured {
        return Err(Error::Usage(
            "--prometheus goes with -s, -gs, -i, -m (Linux), -q, -g and the socket display (-a)"
                .into(),
        ));
    }
    if opts.jail.as_deref() == Some("all") {
        return Err(Error::Usage(
            "--prometheus shows one network namespace: give -j a name, pid or path, not all".into(),
        ));
    }
    if opts.wait.is_some() && *target == super::PrometheusTarget::Stdout {
        return Err(Error::Usage(
            "--prometheus -w rewrites a file every wait seconds: give it one (--prometheus=file)"
                .into(),
        ));
    }
    Ok(())
}

/// A filter expression selects rows of the socket display's table or JSON: not of another
/// display, nor the socket counts of --prometheus.
fn filter_display(opts: &Options) -> Result<()> {
    if opts.filter.is_none() {
        return Ok(());
    }
    if opts.display != Display::Sockets || opts.stats > 0 {
        return Err(Error::Usage(
            "a filter expression goes with the socket display (rnetstat -an state established); not with another display".into(),
        ));
    }
    if opts.prometheus.is_some() {
        return Err(Error::Usage(
            "a filter expression selects rows of the socket table or JSON; --prometheus counts every socket: give one of them".into(),
        ));
    }
    Ok(())
}

/// FreeBSD's socket columns (-R -x -T -c -C -P) go with the socket display, -h with the
/// interface displays, -j (a jail, or a Linux network namespace) with the live kernel.
fn freebsd_flags(opts: &Options, platform: Platform) -> Result<()> {
    let columns = [
        ("-R", opts.flows),
        ("-x", opts.buffers),
        ("-T", opts.tcp_counters),
        ("-c", opts.tcp_stack),
        ("-C", opts.tcp_cc),
        ("-P", opts.log_ids),
    ];
    if let Some((flag, _)) = columns.iter().find(|(_, on)| *on) {
        if opts.display != Display::Sockets || opts.stats > 0 {
            return Err(Error::Usage(format!(
                "{flag} adds columns to the socket display (rnetstat -a {flag}); it does not go with another display"
            )));
        }
        if opts.listen_queues {
            return Err(Error::Usage(format!(
                "{flag} adds columns to the connection list; -L lists listen queues instead"
            )));
        }
    }
    if opts.human && !matches!(opts.display, Display::Interfaces | Display::Traffic) {
        return Err(Error::Usage(
            "-h shows interface counts in human-readable units: rnetstat -i -h, -I interface -h or -w wait -h (--help prints the help)".into(),
        ));
    }
    if let Some(jail) = &opts.jail {
        if opts.snapshot.is_some() {
            return Err(Error::Usage(match platform {
                Platform::Linux => format!(
                    "-j {jail}: a snapshot holds one namespace's state; capture it (rnetstat -j NAME --capture dir) and read that"
                ),
                _ => format!(
                    "-j {jail}: a snapshot holds one host's state; capture inside the jail (jexec {jail} rnetstat --capture dir) and read that"
                ),
            }));
        }
        netns_all(jail, opts, platform)?;
    }
    Ok(())
}

/// Linux `-j all` shows one reading of each namespace in turn: not a capture (which holds one
/// namespace) nor a running display (-w).
fn netns_all(jail: &str, opts: &Options, platform: Platform) -> Result<()> {
    if platform != Platform::Linux || jail != "all" {
        return Ok(());
    }
    if opts.capture.is_some() {
        return Err(Error::Usage(
            "-j all: a capture holds one namespace; capture each with -j NAME --capture dir".into(),
        ));
    }
    if opts.wait.is_some() {
        return Err(Error::Usage(
            "-j all shows each namespace once; -w repeats one display: give -j NAME with -w".into(),
        ));
    }
    Ok(())
}

fn display_flags(opts: &Options, platform: Platform) -> Result<()> {
    let usage = |msg: String| Err(Error::Usage(msg));
    let stats = opts.stats > 0;
    let family = opts.family;
    match opts.display {
        Display::Memory
        | Display::Reachability
        | Display::LinkStatus
        | Display::Queues
        | Display::Taps
            if stats =>
        {
            usage(
                "-s does not go with -m, -R, -x, -S, -q or -B: they show their own counters".into(),
            )
        }
        Display::Sockets if !stats => {
            if let Some(p) = opts.protocol.as_ref().filter(|p| p.socket.is_none()) {
                return usage(format!(
                    "-p {0}: the socket display has no {0} sockets",
                    p.name
                ));
            }
            // Linux lists its packet sockets under -f link; the BSDs have none.
            if family == Some(Family::Link) && platform != Platform::Linux {
                return usage(
                    "the socket display has no link sockets; -f takes inet, inet6, unix or vsock"
                        .into(),
                );
            }
            Ok(())
        }
        Display::Multicast if !stats => match family {
            Some(f @ (Family::Unix | Family::Vsock)) => usage(format!(
                "-g shows link, inet and inet6 groups; -f {f} has none"
            )),
            _ => Ok(()),
        },
        Display::Routes if !stats => match family {
            Some(f @ (Family::Unix | Family::Vsock | Family::Link)) => {
                usage(format!("-r shows inet and inet6 routes; -f {f} has none"))
            }
            _ => Ok(()),
        },
        Display::Interfaces if !stats => match family {
            Some(f @ (Family::Unix | Family::Vsock)) => usage(format!(
                "-i shows link, inet and inet6 addresses; -f {f} has none"
            )),
            _ => Ok(()),
        },
        Display::Reachability => match family {
            Some(f @ (Family::Unix | Family::Vsock | Family::Link)) => usage(format!(
                "-R shows inet and inet6 neighbours; -f {f} has none"
            )),
            _ => Ok(()),
        },
        Display::Taps => match family {
            Some(f) => usage(format!(
                "-B lists link-layer taps of every family; -f {f} does not apply"
            )),
            None => Ok(()),
        },
        // --prometheus -q measures every interface's queues.
        Display::Queues if opts.interface.is_none() && opts.prometheus.is_none() => {
            usage("-q needs -I interface".into())
        }
        Display::LinkStatus if opts.interface.is_none() => {
            usage("-S needs an interface: rnetstat -S -I interface".into())
        }
        _ => Ok(()),
    }
}
