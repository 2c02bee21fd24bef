//! Budgets of attempts inside a sliding window: how many wrong passwords, sign-in links or
//! second-factor codes are allowed before the next one must wait.

use crate::clock::Timestamp;

/// A budget of attempts inside a sliding window. Sign-ins give a successful attempt back, so
/// for them the budget counts failures.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    pub max_failures: usize,
    pub window_secs: i64,
}

/// How long to wait before the budget has room again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

/// No throttle may have a longer window: housekeeping forgets attempts older than this.
pub const LONGEST_WINDOW_SECS: i64 = 24 * 60 * 60;

const QUARTER_HOUR: i64 = 15 * 60;

/// Five wrong passwords for one account from one client address, or twenty from one address,
/// in fifteen minutes. Counting per account alone would let anyone lock a known user out; this
/// way an attacker only slows themselves down.
pub const PASSWORDS_PER_ACCOUNT_AND_ADDRESS: Throttle = Throttle {
    max_failures: 5,
    window_secs: QUARTER_HOUR,
};
pub const PASSWORDS_PER_ADDRESS: Throttle = Throttle {
    max_failures: 20,
    window_secs: QUARTER_HOUR,
};

/// Sign-in links: three e-mails to one address, or ten requests from one client, in fifteen
/// minutes; each request counts, since each may send an e-mail.
pub const LINKS_PER_ACCOUNT: Throttle = Throttle {
    max_failures: 3,
    window_secs: QUARTER_HOUR,
};
pub const LINKS_PER_ADDRESS: Throttle = Throttle {
    max_failures: 10,
    window_secs: QUARTER_HOUR,
};

/// Five wrong second-factor codes (or recovery codes) per account in fifteen minutes, from
/// anywhere: only someone who passed the first factor gets to guess, and a million codes
/// must not be within reach.
pub const CODES_PER_ACCOUNT: Throttle = Throttle {
    max_failures: 5,
    window_secs: QUARTER_HOUR,
};

/// Invitations a partner organization's admins send in an hour: enough to bring a sales team
/// aboard at once, too few to use the portal's mail as a spam relay or to probe many addresses.
pub const INVITATIONS_PER_ORGANIZATION: Throttle = Throttle {
    max_failures: 25,
    window_secs: 60 * 60,
};

impl Throttle {
    pub fn window_start(&self, now: Timestamp) -> Timestamp {
        now - self.window_secs
    }

    /// Seconds until another attempt is allowed, given the failure times inside the window
    /// (oldest first); `None` when an attempt may be made now.
    pub fn retry_after(&self, failures_oldest_first: &[Timestamp], now: Timestamp) -> Option<u64> {
        if failures_oldest_first.len() < self.max_failures {
            return None;
        }
        // The attempt is allowed again once enough of the oldest failures leave the window.
        Some(self.retry_after_budget_spent(
            failures_oldest_first[failures_oldest_first.len() - self.max_failures],
            now,
        ))
    }

    /// Seconds until another attempt is allowed, given the time of the `max_failures`-th most
    /// recent failure inside the window, if there is one: reading that one row is enough.
    pub fn retry_after_budget_spent(&self, nth_latest: Timestamp, now: Timestamp) -> u64 {
        (nth_latest + self.window_secs - now).max(1) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_until_the_budget_is_spent() {
        let t = Throttle {
            max_failures: 3,
            window_secs: 100,
        };
        assert_eq!(t.retry_after(&[10, 20], 30), None);
        assert_eq!(t.retry_after(&[10, 20, 30], 30), Some(80));
    }

    #[test]
    fn waits_for_the_oldest_relevant_failure_to_expire() {
        let t = Throttle {
            max_failures: 2,
            window_secs: 100,
        };
        assert_eq!(t.retry_after(&[10, 50, 60], 70), Some(80));
        assert_eq!(t.retry_after(&[10, 50], 149), Some(1));
    }

    #[test]
    fn every_window_fits_in_what_housekeeping_keeps() {
        for t in [
            PASSWORDS_PER_ACCOUNT_AND_ADDRESS,
            PASSWORDS_PER_ADDRESS,
            LINKS_PER_ACCOUNT,
            LINKS_PER_ADDRESS,
            CODES_PER_ACCOUNT,
        ] {
            assert!(t.window_secs <= LONGEST_WINDOW_SECS);
        }
    }
}
