//! How much searching one session may do: a few searches at a time, and a steady rate with room
//! for a burst. A content search reads the full-text index and counts facets, so a session
//! searching in a loop would otherwise take the CPU and database connections that every other
//! partner's searches need.
//!
//! The budgets live in this process's memory, not in the database: they protect this
//! instance's CPU, not a business quota, so each instance behind a load balancer grants its own
//! (and a restart forgets them), which is all that protection needs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// What one session may do.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Searches running at the same time.
    pub at_once: u32,
    /// Searches a second, on average…
    pub per_second: u32,
    /// …and in a row after a quiet spell.
    pub burst: u32,
}

pub const RULES: Rules = Rules {
    at_once: 2,
    per_second: 10,
    burst: 20,
};

/// How often the budgets that are full and idle again are forgotten, so memory follows the
/// sessions searching now.
const SWEEP_EVERY_MS: i64 = 60_000;
/// Budgets count thousandths of a search, so refilling by the millisecond stays exact.
const ONE: i64 = 1_000;

/// Why a search was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `at_once` searches of the session are still running.
    Busy,
    /// The session has used its budget; the next search is allowed after this many seconds.
    TooFast { retry_after_secs: u64 },
}

pub struct SearchLimits {
    rules: Rules,
    sessions: Mutex<Sessions>,
}

#[derive(Default)]
struct Sessions {
    budgets: HashMap<String, Budget>,
    swept_at_ms: i64,
}

#[derive(Debug)]
struct Budget {
    available: i64,
    refilled_at_ms: i64,
    running: u32,
}

/// A search being run; the session's place frees when it is dropped.
pub struct Permit {
    limits: Arc<SearchLimits>,
    session: String,
}

impl Default for SearchLimits {
    fn default() -> Self {
        SearchLimits {
            rules: RULES,
            sessions: Mutex::default(),
        }
    }
}

impl SearchLimits {
    /// Lets the session (named by a key that is not a credential) start a search at `now_ms`,
    /// or says why not. A refused search costs nothing from the budget.
    pub fn admit(self: &Arc<Self>, session: &str, now_ms: i64) -> Result<Permit, Refusal> {
        let rules = self.rules;
        let mut sessions = self.lock();
        sessions.sweep(now_ms, rules);
        let budget = sessions
            .budgets
            .entry(session.to_owned())
            .or_insert(Budget {
                available: full(rules),
                refilled_at_ms: now_ms,
                running: 0,
            });
        budget.refill(now_ms, rules);
        if budget.running >= rules.at_once {
            return Err(Refusal::Busy);
        }
        if budget.available < ONE {
            let missing = (ONE - budget.available) as u64;
            let wait_ms = missing.div_ceil(u64::from(rules.per_second));
            return Err(Refusal::TooFast {
                retry_after_secs: wait_ms.div_ceil(1000).max(1),
            });
        }
        budget.available -= ONE;
        budget.running += 1;
        Ok(Permit {
            limits: Arc::clone(self),
            session: session.to_owned(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Sessions> {
        // Every update leaves the counts whole, so a panic elsewhere cannot break them.
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn full(rules: Rules) -> i64 {
    i64::from(rules.burst) * ONE
}

impl Sessions {
    /// Forgets the budgets that are full and idle: they would start out the same.
    fn sweep(&mut self, now_ms: i64, rules: Rules) {
        if now_ms - self.swept_at_ms < SWEEP_EVERY_MS {
            return;
        }
        self.swept_at_ms = now_ms;
        self.budgets.retain(|_, budget| {
            budget.refill(now_ms, rules);
            budget.running > 0 || budget.available < full(rules)
        });
    }
}

impl Budget {
    fn refill(&mut self, now_ms: i64, rules: Rules) {
        let elapsed = (now_ms - self.refilled_at_ms).max(0);
        self.available = (self.available + elapsed * i64::from(rules.per_second)).min(full(rules));
        self.refilled_at_ms = self.refilled_at_ms.max(now_ms);
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some(budget) = self.limits.lock().budgets.get_mut(&self.session) {
            budget.running -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Barrier;
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[test]
    fn a_burst_is_allowed_then_the_rate() {
        let limits = Arc::new(SearchLimits::default());
        for _ in 0..20 {
            drop(limits.admit("s", 0).unwrap());
        }
        assert_eq!(
            limits.admit("s", 0).err(),
            Some(Refusal::TooFast {
                retry_after_secs: 1
            })
        );
        // Ten a second: one more after a tenth of a second, not before.
        assert!(limits.admit("s", 99).is_err());
        drop(limits.admit("s", 100).unwrap());
        assert!(limits.admit("s", 150).is_err());
        // Other sessions have their own budgets.
        drop(limits.admit("other", 150).unwrap());
        // A long pause refills the burst, no more.
        let admitted = (0..30)
            .filter(|_| limits.admit("s", 60_000).is_ok())
            .count();
        assert_eq!(admitted, 20);
    }

    #[test]
    fn only_so_many_run_at_once() {
        let limits = Arc::new(SearchLimits::default());
        let first = limits.admit("s", 0).unwrap();
        let _second = limits.admit("s", 0).unwrap();
        assert_eq!(limits.admit("s", 0).err(), Some(Refusal::Busy));
        let _elsewhere = limits.admit("other", 0).unwrap();
        drop(first);
        assert!(limits.admit("s", 0).is_ok());
    }

    #[test]
    fn a_parallel_burst_keeps_both_limits() {
        let limits = Arc::new(SearchLimits::default());
        let running = AtomicU32::new(0);
        let most = AtomicU32::new(0);
        let admitted = AtomicU32::new(0);
        let start = Barrier::new(32);
        std::thread::scope(|scope| {
            for _ in 0..32 {
                scope.spawn(|| {
                    start.wait();
                    // The clock stands still: the budget never refills, so each thread tries
                    // until it is told the budget is spent.
                    loop {
                        match limits.admit("s", 0) {
                            Ok(permit) => {
                                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                                most.fetch_max(now, Ordering::SeqCst);
                                admitted.fetch_add(1, Ordering::SeqCst);
                                std::thread::sleep(std::time::Duration::from_millis(1));
                                running.fetch_sub(1, Ordering::SeqCst);
                                drop(permit);
                            }
                            Err(Refusal::Busy) => std::thread::yield_now(),
                            Err(Refusal::TooFast { .. }) => return,
                        }
                    }
                });
            }
        });
        assert_eq!(admitted.into_inner(), 20);
        assert!(most.into_inner() <= 2);
    }

    #[test]
    fn idle_full_budgets_are_forgotten() {
        let limits = Arc::new(SearchLimits::default());
        drop(limits.admit("idle", 0).unwrap());
        let busy = limits.admit("busy", 0).unwrap();
        drop(limits.admit("other", SWEEP_EVERY_MS).unwrap());
        let kept: Vec<String> = {
            let mut keys: Vec<String> = limits.lock().budgets.keys().cloned().collect();
            keys.sort();
            keys
        };
        assert_eq!(kept, ["busy", "other"]);
        drop(busy);
    }
}
