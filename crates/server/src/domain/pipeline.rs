//! Pipeline rules: when a deal may move to another stage, and what its protection window says.

use portico_api::date::Date;
use portico_api::organizations::Motion;
use portico_api::pipeline::{EXPIRING_DAYS, ProtectionStatus, Stage};
use portico_api::registrations::PartnerRole;

use crate::clock::Timestamp;

/// What a stage move depends on.
#[derive(Debug, Clone, Copy)]
pub struct Position {
    pub motion: Motion,
    pub stage: Stage,
    /// Bit i: exit criterion i of `stage` is confirmed.
    pub criteria_met: u32,
    pub partner_role: Option<PartnerRole>,
    pub attribution_percent: Option<u8>,
}

/// Whether the deal may go from where it is to `target`; the error names what is missing.
///
/// Forward moves go one stage at a time (the last stage leads to won) and need the
/// attribution and every exit criterion of the stage being left. Moving back, or reopening a
/// closed deal, corrects a mistake and needs nothing. A deal can be lost from any open stage.
pub fn check_move(from: &Position, target: Stage) -> Result<(), String> {
    let motion = from.motion;
    match (from.stage, target) {
        (current, target) if current == target => Ok(()),
        (Stage::Open(_), Stage::Lost) => Ok(()),
        (Stage::Won | Stage::Lost, Stage::Won | Stage::Lost) => Err(format!(
            "The deal is {}; reopen it into a stage first.",
            from.stage.label(motion).to_lowercase()
        )),
        (Stage::Won | Stage::Lost, Stage::Open(_)) => Ok(()),
        (Stage::Open(i), Stage::Open(j)) if j < i => Ok(()),
        (Stage::Open(i), target) => {
            let next = next_stage(i);
            if target != next {
                return Err(format!(
                    "Move one stage at a time: after {} comes {}.",
                    from.stage.label(motion),
                    next.label(motion)
                ));
            }
            attribution_set(from)?;
            criteria_confirmed(from)
        }
    }
}

fn next_stage(i: usize) -> Stage {
    if i < Stage::LAST_OPEN {
        Stage::Open(i + 1)
    } else {
        Stage::Won
    }
}

fn attribution_set(from: &Position) -> Result<(), String> {
    if from.partner_role.is_none() {
        return Err(
            "Choose whether the partner sourced or influenced the deal before moving it on.".into(),
        );
    }
    if from.attribution_percent.is_none() {
        return Err("Set the attribution percent before moving the deal on.".into());
    }
    Ok(())
}

fn criteria_confirmed(from: &Position) -> Result<(), String> {
    let missing: Vec<String> = from
        .stage
        .exit_criteria(from.motion)
        .iter()
        .enumerate()
        .filter(|(i, _)| from.criteria_met & (1 << i) == 0)
        .map(|(_, label)| format!("“{label}”"))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let criteria = if missing.len() == 1 {
        "exit criterion"
    } else {
        "exit criteria"
    };
    Err(format!(
        "Confirm the {criteria} {} of {} before moving the deal on.",
        missing.join(" and "),
        from.stage.label(from.motion)
    ))
}

/// Where a deal's protection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Created without a registration: nothing to protect.
    Unregistered,
    /// Registered; `ends` is absent once the registration was withdrawn.
    Registered { ends: Option<Timestamp> },
}

/// The state of a deal's protection window at `now`.
pub fn protection_status(window: Window, now: Timestamp) -> ProtectionStatus {
    match window {
        Window::Unregistered => ProtectionStatus::None,
        Window::Registered { ends: None } => ProtectionStatus::Expired,
        Window::Registered { ends: Some(end) } => ended_or_not(end, now),
    }
}

fn ended_or_not(end: Timestamp, now: Timestamp) -> ProtectionStatus {
    match end {
        end if end <= now => ProtectionStatus::Expired,
        end if end <= expiring_from(now) => ProtectionStatus::Expiring,
        _ => ProtectionStatus::Active,
    }
}

/// Windows ending at or before this moment count as expiring.
pub fn expiring_from(now: Timestamp) -> Timestamp {
    now + EXPIRING_DAYS * 86_400
}

/// A calendar quarter (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// Quarters since year 0: `year * 4 + quarter - 1`.
    index: i32,
}

impl Quarter {
    pub fn of(at: Timestamp) -> Quarter {
        let day = Date::from_unix(at);
        Quarter {
            index: day.year() * 4 + (day.month() as i32 - 1) / 3,
        }
    }

    /// The quarter `n` quarters before this one.
    pub fn back(self, n: i32) -> Quarter {
        Quarter {
            index: self.index - n,
        }
    }

    pub fn next(self) -> Quarter {
        self.back(-1)
    }

    /// Midnight UTC on its first day.
    pub fn start(self) -> Timestamp {
        let (year, quarter) = (self.index.div_euclid(4), self.index.rem_euclid(4));
        Date::new(year, quarter as u32 * 3 + 1, 1).map_or(0, Date::unix_start)
    }

    /// E.g. `2026-Q3`.
    pub fn label(self) -> String {
        format!(
            "{}-Q{}",
            self.index.div_euclid(4),
            self.index.rem_euclid(4) + 1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(stage: Stage, criteria_met: u32) -> Position {
        Position {
            motion: Motion::Referral,
            stage,
            criteria_met,
            partner_role: Some(PartnerRole::Sourced),
            attribution_percent: Some(100),
        }
    }

    #[test]
    fn moving_on_needs_every_exit_criterion_and_names_the_missing_one() {
        let error = check_move(&at(Stage::Open(1), 0b01), Stage::Open(2)).unwrap_err();
        assert_eq!(
            error,
            "Confirm the exit criterion “Decision maker identified” of Validate before moving the deal on."
        );
        let both = check_move(&at(Stage::Open(1), 0), Stage::Open(2)).unwrap_err();
        assert!(both.contains("“Budget and need confirmed” and “Decision maker identified”"));
        assert_eq!(
            check_move(&at(Stage::Open(1), 0b11), Stage::Open(2)),
            Ok(())
        );
        assert_eq!(check_move(&at(Stage::Open(4), 0b11), Stage::Won), Ok(()));
    }

    #[test]
    fn moving_on_needs_the_attribution() {
        let mut position = at(Stage::FIRST, 0b11);
        position.attribution_percent = None;
        let error = check_move(&position, Stage::Open(1)).unwrap_err();
        assert!(error.contains("attribution percent"), "{error}");
        position.partner_role = None;
        let error = check_move(&position, Stage::Open(1)).unwrap_err();
        assert!(error.contains("sourced or influenced"), "{error}");
    }

    #[test]
    fn skipping_is_refused_while_going_back_and_losing_are_free() {
        let error = check_move(&at(Stage::FIRST, 0b11), Stage::Open(2)).unwrap_err();
        assert!(
            error.contains("after Intro Logged comes Validate"),
            "{error}"
        );
        assert_eq!(check_move(&at(Stage::Open(3), 0), Stage::Open(1)), Ok(()));
        assert_eq!(check_move(&at(Stage::Open(2), 0), Stage::Lost), Ok(()));
        assert_eq!(check_move(&at(Stage::Won, 0), Stage::Open(4)), Ok(()));
        assert!(check_move(&at(Stage::Won, 0), Stage::Lost).is_err());
    }

    #[test]
    fn protection_expires_and_warns_a_week_ahead() {
        let now = 1_000_000;
        let ending = |end| Window::Registered { ends: Some(end) };
        assert_eq!(
            protection_status(Window::Unregistered, now),
            ProtectionStatus::None
        );
        let withdrawn = Window::Registered { ends: None };
        assert_eq!(protection_status(withdrawn, now), ProtectionStatus::Expired);
        assert_eq!(
            protection_status(ending(now), now),
            ProtectionStatus::Expired
        );
        assert_eq!(
            protection_status(ending(now + 7 * 86_400), now),
            ProtectionStatus::Expiring
        );
        assert_eq!(
            protection_status(ending(now + 7 * 86_400 + 1), now),
            ProtectionStatus::Active
        );
    }

    #[test]
    fn quarters_start_on_their_first_day_and_count_back_across_years() {
        let may = Date::new(2026, 5, 17).unwrap().unix_start() + 3_600;
        let q2 = Quarter::of(may);
        assert_eq!(q2.label(), "2026-Q2");
        assert_eq!(q2.start(), Date::new(2026, 4, 1).unwrap().unix_start());
        assert_eq!(q2.back(2).label(), "2025-Q4");
        assert_eq!(q2.back(2).next().label(), "2026-Q1");
        assert_eq!(Quarter::of(q2.start() - 1).label(), "2026-Q1");
    }
}
