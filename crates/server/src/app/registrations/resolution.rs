//! Deciding a conflict in one step: one registration approved and the competing claims it
//! names declined, all or nothing, each with its own audit record, message and event.

use portico_api::registrations::{DeclineReason, Verdict, number};

use super::decisions::{Decision, decide_in};
use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::state::AppState;
use crate::store::registrations as store;

/// What the declined partners read when the manager writes nothing.
pub const DEFAULT_RATIONALE: &str =
    "Another partner registered this customer first, and that registration was approved.";

/// Approves `winner` and declines each of `losers`, which must be claims competing with it.
pub async fn resolve(
    state: &AppState,
    manager: i64,
    winner: i64,
    losers: &[i64],
    rationale: Option<String>,
) -> AppResult<()> {
    if losers.is_empty() || losers.contains(&winner) {
        return Err(AppError::field(
            "decline",
            "Name at least one competing registration to decline, other than the one approved.",
        ));
    }
    unit_of_work::run(state, async |unit| {
        let competing = store::competing(unit.tx(), &[winner])
            .await?
            .remove(&winner)
            .unwrap_or_default();
        if let Some(stranger) = losers.iter().find(|id| !competing.contains(id)) {
            let message = format!(
                "{} does not claim the same customer as {}.",
                number(*stranger),
                number(winner)
            );
            return Err(AppError::field("decline", &message));
        }
        // Rows are decided in id order, so two resolutions of one conflict made at once lock
        // them in the same order: the second waits for the first, then finds them decided,
        // instead of the two deadlocking on PostgreSQL.
        let text = rationale.unwrap_or_else(|| DEFAULT_RATIONALE.to_owned());
        let mut ids: Vec<i64> = losers.iter().copied().chain([winner]).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let decision = if id == winner {
                Decision {
                    verdict: Verdict::Approve,
                    reason: None,
                    rationale: None,
                }
            } else {
                Decision {
                    verdict: Verdict::Decline,
                    reason: Some(DeclineReason::AlreadyRegistered),
                    rationale: Some(text.clone()),
                }
            };
            decide_in(unit, state, manager, id, decision).await?;
        }
        Ok(())
    })
    .await
}
