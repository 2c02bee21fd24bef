//! Reminding people a month before a certification they hold expires, once per earning.

use portico_api::certifications::EXPIRY_NOTICE_DAYS;
use portico_api::date::Date;
use portico_api::notifications::Category;

use crate::app::AppResult;
use crate::app::unit_of_work;
use crate::domain::certifications::{Release, expires_on};
use crate::state::AppState;
use crate::store::certifications::{self as store, Expiring};
use crate::store::outbox::{Message, Recipients};

/// Tells each holder whose latest earning ends within 30 days, once; answers how many were
/// told. Two instances at once remind each holder once (`mark_reminded` decides).
pub async fn remind(state: &AppState) -> AppResult<usize> {
    let today = Date::from_unix(state.now());
    let soon = Date::from_unix(today.unix_start() + EXPIRY_NOTICE_DAYS * 86_400);
    let due = store::expiring(state.db.pool(), &today.to_string(), &soon.to_string()).await?;
    let mut told = 0;
    for earning in due {
        if remind_one(state, &earning).await? {
            told += 1;
        }
    }
    Ok(told)
}

async fn remind_one(state: &AppState, earning: &Expiring) -> AppResult<bool> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        if !store::mark_reminded(unit.tx(), earning.id, now).await? {
            return Ok(false);
        }
        unit.notify(message(earning));
        Ok(true)
    })
    .await
}

fn message(earning: &Expiring) -> Message {
    let release = Release::stored(
        earning.renewal_release.as_deref(),
        earning.renewal_released_on.as_deref(),
        earning.renewal_due_on.as_deref(),
    );
    let (earned, until) = (
        Date::parse(&earning.earned_on),
        Date::parse(&earning.valid_until),
    );
    let (day, cut_by) = earned
        .zip(until)
        .map(|(earned, until)| expires_on(earned, until, release))
        .map_or((earning.valid_until.clone(), None), |(d, r)| {
            (d.to_string(), r)
        });
    let why = cut_by
        .map(|release| format!(" {release} asks holders from before it to renew."))
        .unwrap_or_default();
    let how = match earning.how_to_earn.trim() {
        "" => "Ask your partner manager how to renew it.".to_owned(),
        how => how.to_owned(),
    };
    Message {
        category: Category::CertificationExpiry,
        to: Recipients::Address {
            email: earning.email.clone(),
            user_id: Some(earning.person_id),
        },
        registration_id: None,
        subject: format!(
            "Your {} certification expires on {day}",
            earning.certification
        ),
        body: format!("Renew it before then to keep it.{why}\n\n{how}"),
        link: Some("/".to_owned()),
    }
}
