//! The partner engagement score: how actively a partner organization uses the portal, from the
//! events the portal records, as a number from 0 to 100 with its trend; whether the partner has
//! stalled; and whether it is still in its first 30 days, when its onboarding plan's first
//! steps are shown instead.
//!
//! Every event is worth its kind's weight:
//!
//! | event                                   | weight |
//! |-----------------------------------------|--------|
//! | a sign-in                               | 1      |
//! | a content view                          | 1      |
//! | a content download                      | 3      |
//! | an announcement read                    | 1      |
//! | an announcement acknowledged            | 2      |
//! | a deal or lead registration submitted   | 8      |
//! | a note posted on a deal by the partner  | 2      |
//!
//! and fades linearly with age: an event `a` days old counts `weight × (1 − a/90)`, and nothing
//! from 90 days on. The points add up, and the score is `round(100 × (1 − e^(−points/40)))`:
//! the first events move it most and it saturates smoothly (10 points make 22, 40 make 63, 120
//! make 95), so one busy week cannot pin a partner at 100 for a quarter.
//!
//! The trend is the score now minus the score 30 days ago, computed the same way from the events
//! up to then. A partner older than 30 days with no event in the last 30 has stalled. A partner
//! younger than 30 days shows instead its activation: whether it signed in, downloaded content
//! and submitted a registration yet.
//!
//! Because the fading is linear, the events of one kind in a window need not be read one by
//! one: with `n` events whose times add up to `S`, their ages add up to `n·now − S`, so they are
//! worth `weight × (n − (n·now − S)/90 days)`. The store hands over only those two sums.

use portico_api::organizations::{Activation, Engagement};

use crate::clock::{Timestamp, rfc3339};

const DAY: Timestamp = 24 * 60 * 60;
/// An event stops counting at this age.
pub const FADE: Timestamp = 90 * DAY;
/// The trend compares with the score this long ago; a partner with no event for this long has
/// stalled; a partner younger than this is still activating.
pub const MONTH: Timestamp = 30 * DAY;
/// The points that make a score of 63 (100 × (1 − 1/e)).
const SCALE: f64 = 40.0;

/// What a partner did that counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    SignIn,
    View,
    Download,
    Read,
    Acknowledgment,
    Registration,
    Note,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::SignIn,
        Kind::View,
        Kind::Download,
        Kind::Read,
        Kind::Acknowledgment,
        Kind::Registration,
        Kind::Note,
    ];

    /// The name the store's query gives the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SignIn => "sign_in",
            Kind::View => "view",
            Kind::Download => "download",
            Kind::Read => "read",
            Kind::Acknowledgment => "acknowledgment",
            Kind::Registration => "registration",
            Kind::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn weight(self) -> f64 {
        match self {
            Kind::SignIn | Kind::View | Kind::Read => 1.0,
            Kind::Acknowledgment | Kind::Note => 2.0,
            Kind::Download => 3.0,
            Kind::Registration => 8.0,
        }
    }
}

/// Events of one kind in a window: how many, and their times added up.
#[derive(Debug, Clone, Copy)]
pub struct Tally {
    pub count: i64,
    pub sum_at: i64,
}

/// The two windows the score reads, as of `now`: events after `recent_after` (up to `now`) make
/// the score, events after `earlier_after` up to `earlier_until` made the score 30 days ago.
#[derive(Debug, Clone, Copy)]
pub struct Windows {
    pub recent_after: Timestamp,
    pub earlier_after: Timestamp,
    pub earlier_until: Timestamp,
}

impl Windows {
    pub fn at(now: Timestamp) -> Windows {
        Windows {
            recent_after: now - FADE,
            earlier_after: now - MONTH - FADE,
            earlier_until: now - MONTH,
        }
    }
}

/// One organization's events, as the store reads them.
#[derive(Debug, Clone)]
pub struct Activity {
    pub joined_at: Timestamp,
    /// Per kind, the events of the recent window.
    pub recent: Vec<(Kind, Tally)>,
    /// Per kind, the events of the earlier window.
    pub earlier: Vec<(Kind, Tally)>,
    /// The latest event of any kind and age.
    pub last_at: Option<Timestamp>,
}

impl Activity {
    /// Still in its first 30 days, so its first steps show instead of whether it stalled.
    pub fn is_new(&self, now: Timestamp) -> bool {
        now - self.joined_at < MONTH
    }
}

/// The points the tallied events are worth at `as_of`, each faded by its age. Every event must
/// be at most `as_of` and less than 90 days older.
pub fn points(tallies: &[(Kind, Tally)], as_of: Timestamp) -> f64 {
    tallies
        .iter()
        .map(|(kind, t)| {
            let total_age = i128::from(t.count) * i128::from(as_of) - i128::from(t.sum_at);
            kind.weight() * (t.count as f64 - total_age as f64 / FADE as f64)
        })
        .sum()
}

/// 0 for no points, rising towards 100.
pub fn score(points: f64) -> u8 {
    (100.0 * (1.0 - (-points.max(0.0) / SCALE).exp())).round() as u8
}

/// The organization's engagement at `now`, with its first steps while it is new.
pub fn assess(activity: &Activity, now: Timestamp, first_steps: Option<Activation>) -> Engagement {
    let score_now = score(points(&activity.recent, now));
    let score_then = score(points(&activity.earlier, now - MONTH));
    let new = activity.is_new(now);
    let quiet = activity.last_at.is_none_or(|at| now - at >= MONTH);
    Engagement {
        score: score_now,
        trend: i16::from(score_now) - i16::from(score_then),
        last_activity_at: activity.last_at.map(rfc3339),
        stalled: !new && quiet,
        activation: first_steps.filter(|_| new),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const NOW: Timestamp = 20_000 * DAY;

    fn tally(times: &[Timestamp]) -> Tally {
        Tally {
            count: times.len() as i64,
            sum_at: times.iter().sum(),
        }
    }

    fn days_ago(days: &[i64]) -> Vec<Timestamp> {
        days.iter().map(|d| NOW - d * DAY).collect()
    }

    fn activity(joined_days_ago: i64, last_days_ago: Option<i64>) -> Activity {
        Activity {
            joined_at: NOW - joined_days_ago * DAY,
            recent: Vec::new(),
            earlier: Vec::new(),
            last_at: last_days_ago.map(|d| NOW - d * DAY),
        }
    }

    #[test]
    fn weights_are_the_documented_ones() {
        let weights: Vec<f64> = Kind::ALL.iter().map(|k| k.weight()).collect();
        assert_eq!(weights, [1.0, 1.0, 3.0, 1.0, 2.0, 8.0, 2.0]);
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("comment"), None);
    }

    #[test]
    fn events_fade_linearly_over_ninety_days() {
        let at = |days| points(&[(Kind::Registration, tally(&days_ago(&[days])))], NOW);
        assert_eq!(at(0), 8.0);
        assert_eq!(at(45), 4.0);
        assert!((at(81) - 0.8).abs() < 1e-9);
        assert_eq!(at(90), 0.0);
    }

    #[test]
    fn known_events_make_a_known_score() {
        // A sign-in today (1), two views 9 days ago (2 × 0.9), a download 45 days ago (1.5), a
        // registration 18 days ago (8 × 0.8 = 6.4), an acknowledgment 30 days ago (2 × 2/3)
        // and a note 90 days ago (0): 12 1/30 points.
        let recent = [
            (Kind::SignIn, tally(&days_ago(&[0]))),
            (Kind::View, tally(&days_ago(&[9, 9]))),
            (Kind::Download, tally(&days_ago(&[45]))),
            (Kind::Registration, tally(&days_ago(&[18]))),
            (Kind::Acknowledgment, tally(&days_ago(&[30]))),
            (Kind::Note, tally(&days_ago(&[90]))),
        ];
        let total = points(&recent, NOW);
        assert!((total - 361.0 / 30.0).abs() < 1e-9, "{total}");
        // 100 × (1 − e^(−361/1200)) = 25.97…
        assert_eq!(score(total), 26);
    }

    #[test]
    fn the_score_saturates_smoothly() {
        assert_eq!(score(0.0), 0);
        assert_eq!(score(3.0), 7);
        assert_eq!(score(10.0), 22);
        assert_eq!(score(40.0), 63);
        assert_eq!(score(120.0), 95);
        assert_eq!(score(1e9), 100);
    }

    #[test]
    fn the_trend_compares_with_thirty_days_ago() {
        // Then: two registrations 40 days ago, 10 days old at the time (2 × 8 × 8/9).
        // Now: those two at 40 days (2 × 8 × 5/9) and a sign-in today (1).
        let registrations = tally(&days_ago(&[40, 40]));
        let mut activity = activity(200, Some(0));
        activity.earlier = vec![(Kind::Registration, registrations)];
        activity.recent = vec![
            (Kind::Registration, registrations),
            (Kind::SignIn, tally(&days_ago(&[0]))),
        ];
        // 100 × (1 − e^(−(80/9 + 1)/40)) = 21.90…; 100 × (1 − e^(−(128/9)/40)) = 29.92…
        let engagement = assess(&activity, NOW, None);
        assert_eq!(engagement.score, 22);
        assert_eq!(engagement.trend, 22 - 30);
        assert_eq!(
            engagement.last_activity_at.as_deref(),
            Some(rfc3339(NOW).as_str())
        );
    }

    #[test]
    fn nothing_recorded_scores_zero() {
        let engagement = assess(&activity(200, None), NOW, None);
        assert_eq!(
            engagement,
            Engagement {
                score: 0,
                trend: 0,
                last_activity_at: None,
                stalled: true,
                activation: None,
            }
        );
    }

    #[test]
    fn older_partners_stall_after_thirty_quiet_days() {
        assert!(assess(&activity(31, Some(30)), NOW, None).stalled);
        assert!(assess(&activity(400, Some(200)), NOW, None).stalled);
        assert!(!assess(&activity(400, Some(29)), NOW, None).stalled);
    }

    #[test]
    fn new_partners_show_their_first_steps_instead_of_stalling() {
        let first_steps = Activation {
            steps: vec![portico_api::organizations::ActivationStep {
                title: "Sign in to the portal".into(),
                done: true,
            }],
        };
        let engagement = assess(&activity(29, None), NOW, Some(first_steps.clone()));
        assert!(!engagement.stalled);
        assert_eq!(engagement.activation, Some(first_steps.clone()));
        let month_old = assess(&activity(30, None), NOW, Some(first_steps));
        assert_eq!(month_old.activation, None);
        assert!(month_old.stalled);
    }

    proptest! {
        #[test]
        fn the_sums_weigh_every_event_by_its_own_age(
            ages in proptest::collection::vec(0..FADE, 0..40),
        ) {
            let times: Vec<Timestamp> = ages.iter().map(|a| NOW - a).collect();
            let one_by_one: f64 = ages
                .iter()
                .map(|a| Kind::Download.weight() * (1.0 - *a as f64 / FADE as f64))
                .sum();
            let summed = points(&[(Kind::Download, tally(&times))], NOW);
            prop_assert!((summed - one_by_one).abs() < 1e-6);
        }
    }
}
