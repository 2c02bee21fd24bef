//! The program's clock rules: how long managers have to decide, how long an approval protects,
//! and when the partner is reminded.

use portico_api::organizations::Motion;
use portico_api::registrations::{EXTENSION_WINDOW_DAYS, Protection};

use crate::clock::{Timestamp, rfc3339};
use crate::domain::throttle::Throttle;

const DAY: i64 = 24 * 60 * 60;

/// Submissions one client address may make per hour through registration links.
pub const LINK_SUBMISSIONS: Throttle = Throttle {
    max_failures: 10,
    window_secs: 60 * 60,
};

#[derive(Debug, Clone)]
pub struct ProgramRules {
    pub approval_sla_hours: i64,
    /// Submissions one organization may make per hour, so the conflict check cannot be mined.
    pub submissions_per_hour: usize,
    /// Protection length unless the motion or the partner's tier sets one.
    pub protection_days: i64,
    /// A motion's own protection length, in `Motion::ALL` order; it wins over the tier's.
    pub motion_protection_days: [Option<i64>; 5],
    pub extension_days: i64,
    pub reminder_days_before: i64,
}

impl Default for ProgramRules {
    fn default() -> Self {
        ProgramRules {
            approval_sla_hours: 48,
            submissions_per_hour: 60,
            protection_days: 90,
            motion_protection_days: [None; 5],
            extension_days: 30,
            reminder_days_before: 7,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("expected DAYS or MOTION=DAYS items separated by commas (e.g. 90,reseller=120), got {0:?}")]
pub struct BadProtectionDays(String);

impl ProgramRules {
    pub fn submissions(&self) -> Throttle {
        Throttle {
            max_failures: self.submissions_per_hour,
            window_secs: 60 * 60,
        }
    }

    pub fn decide_by(&self, submitted_at: Timestamp) -> Timestamp {
        submitted_at + self.approval_sla_hours * 60 * 60
    }

    /// When protection approved at `approved_at` ends: the motion's length when it has one,
    /// else the partner's tier's (`tier_days`), else the program's.
    pub fn protection_ends(
        &self,
        motion: Motion,
        tier_days: Option<i64>,
        approved_at: Timestamp,
    ) -> Timestamp {
        let days = self.motion_protection_days[motion_index(motion)]
            .or(tier_days)
            .unwrap_or(self.protection_days);
        approved_at + days * DAY
    }

    pub fn extended(&self, ends_at: Timestamp) -> Timestamp {
        ends_at + self.extension_days * DAY
    }

    /// Protection ending at or before this moment gets its reminder now.
    pub fn remind_until(&self, now: Timestamp) -> Timestamp {
        now + self.reminder_days_before * DAY
    }

    /// Reads `--protection-days`: a default and per-motion overrides, e.g. `90,reseller=120`.
    pub fn with_protection_days(mut self, spec: &str) -> Result<Self, BadProtectionDays> {
        let bad = || BadProtectionDays(spec.to_owned());
        for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (motion, days) = match item.split_once('=') {
                Some((motion, days)) => (Some(Motion::parse(motion.trim()).ok_or_else(bad)?), days),
                None => (None, item),
            };
            let days: i64 = days
                .trim()
                .parse()
                .ok()
                .filter(|d| (1..=3650).contains(d))
                .ok_or_else(bad)?;
            match motion {
                Some(m) => self.motion_protection_days[motion_index(m)] = Some(days),
                None => self.protection_days = days,
            }
        }
        Ok(self)
    }
}

fn motion_index(motion: Motion) -> usize {
    Motion::ALL
        .iter()
        .position(|m| *m == motion)
        .expect("ALL lists every motion")
}

/// The protection window as the API shows it.
pub fn protection(ends_at: Timestamp, now: Timestamp) -> Protection {
    Protection {
        ends_at: rfc3339(ends_at),
        days_left: ((ends_at - now).max(0)) / DAY,
        extension_opens_at: rfc3339(extension_opens(ends_at)),
    }
}

/// When the extension window of a protection ending at `ends_at` opens.
pub fn extension_opens(ends_at: Timestamp) -> Timestamp {
    ends_at - EXTENSION_WINDOW_DAYS * DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protection_days_take_a_default_and_overrides() {
        let rules = ProgramRules::default()
            .with_protection_days("60, reseller=120")
            .unwrap();
        assert_eq!(rules.protection_ends(Motion::Referral, None, 0), 60 * DAY);
        assert_eq!(rules.protection_ends(Motion::Reseller, None, 0), 120 * DAY);
        // A tier's length replaces the program's, never a motion's own.
        assert_eq!(
            rules.protection_ends(Motion::Referral, Some(150), 0),
            150 * DAY
        );
        assert_eq!(
            rules.protection_ends(Motion::Reseller, Some(150), 0),
            120 * DAY
        );
        for bad in ["x", "0", "reseller", "dealer=10", "90,tech=-1"] {
            assert!(
                ProgramRules::default().with_protection_days(bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn days_left_count_whole_days_and_stop_at_zero() {
        assert_eq!(protection(10 * DAY, 0).days_left, 10);
        assert_eq!(protection(10 * DAY, 1).days_left, 9);
        assert_eq!(protection(0, 5 * DAY).days_left, 0);
    }
}
