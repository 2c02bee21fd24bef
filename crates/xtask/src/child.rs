//! Long-running children (the server, cargo test) run in a process group of their own. Then
//! Ctrl-C or SIGTERM reaches them exactly once, through us, and whatever they leave behind
//! (a WebDriver, a browser) can be ended with the group once they exit.

use std::os::unix::process::CommandExt;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

const FORWARDED: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// The child's process group while one runs; 0 before it is known.
static GROUP: AtomicI32 = AtomicI32::new(0);
/// Set once any signal was forwarded: the user wants to stop, not to go on to the next step.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// A signal that arrived before the group was known, passed on as soon as it is.
static PENDING: AtomicI32 = AtomicI32::new(0);

pub fn own_group(cmd: &mut Command) -> &mut Command {
    cmd.process_group(0)
}

extern "C" fn forward(signal: libc::c_int) {
    // Only async-signal-safe work here: atomics and kill(2).
    INTERRUPTED.store(true, Ordering::SeqCst);
    match GROUP.load(Ordering::SeqCst) {
        0 => PENDING.store(signal, Ordering::SeqCst),
        group => signal_group(group, signal),
    }
}

/// While this lives, SIGINT, SIGTERM and SIGHUP go to the child's group instead of ending us;
/// dropping it restores the default handling.
pub struct Forwarding(());

impl Forwarding {
    /// Install before spawning, so that no signal can slip between spawn and `to`.
    pub fn install() -> Forwarding {
        GROUP.store(0, Ordering::SeqCst);
        PENDING.store(0, Ordering::SeqCst);
        for signal in FORWARDED {
            // SAFETY: `forward` is async-signal-safe; glibc's signal() restarts interrupted
            // calls, so reads and waits in progress carry on.
            unsafe {
                libc::signal(
                    signal,
                    forward as extern "C" fn(libc::c_int) as libc::sighandler_t,
                );
            }
        }
        Forwarding(())
    }

    /// The child started with `own_group` has this pid, which is also its group id.
    pub fn to(&self, pid: u32) {
        let group = pid as i32;
        GROUP.store(group, Ordering::SeqCst);
        let pending = PENDING.swap(0, Ordering::SeqCst);
        if pending != 0 {
            signal_group(group, pending);
        }
    }
}

impl Drop for Forwarding {
    fn drop(&mut self) {
        GROUP.store(0, Ordering::SeqCst);
        for signal in FORWARDED {
            // SAFETY: restoring the default disposition has no preconditions.
            unsafe {
                libc::signal(signal, libc::SIG_DFL);
            }
        }
        // Asked to stop before the child existed (spawn failed): stop now.
        let pending = PENDING.swap(0, Ordering::SeqCst);
        if pending != 0 {
            // SAFETY: raising a signal at ourselves with its default disposition.
            unsafe {
                libc::raise(pending);
            }
        }
    }
}

pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Sends `signal` to every process of group `group`; a group already gone is fine.
pub fn signal_group(group: i32, signal: libc::c_int) {
    if group > 0 {
        // SAFETY: kill(2) with a negative pid addresses a process group; no memory involved.
        unsafe {
            libc::kill(-group, signal);
        }
    }
}
