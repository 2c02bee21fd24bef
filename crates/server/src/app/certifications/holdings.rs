//! What the people of partner organizations hold, and recording what one of them earned.

use portico_api::certifications::{
    Holding, OrganizationPeople, PersonCertifications, RecordCertification,
};
use portico_api::date::Date;

use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::domain::certifications::{self as rules, Release};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::certifications::{self as store, DefinitionRow, Earning, HoldingRow, People};
use crate::store::organizations;

/// The organization's active people and what each holds, with the certifications it held
/// before they were recorded per person.
pub async fn people(state: &AppState, organization_id: i64) -> AppResult<OrganizationPeople> {
    let pool = state.db.pool();
    if !organizations::exists(pool, organization_id).await? {
        return Err(AppError::NotFound);
    }
    let rows = store::holdings(pool, People::Organization(organization_id)).await?;
    Ok(OrganizationPeople {
        people: group(rows, today(state)),
        unassigned: store::unassigned(pool, organization_id).await?,
    })
}

/// One partner person and what they hold; not found outside `organization` when one is given
/// (a partner asking), or for anyone but an active partner person.
pub async fn person(
    state: &AppState,
    person_id: i64,
    organization: Option<i64>,
) -> AppResult<PersonCertifications> {
    let rows = store::holdings(state.db.pool(), People::Person(person_id)).await?;
    group(rows, today(state))
        .into_iter()
        .find(|p| organization.is_none_or(|id| id == p.organization_id))
        .ok_or(AppError::NotFound)
}

/// Records that the person earned the certification on that day.
pub async fn record(
    state: &AppState,
    manager: i64,
    person_id: i64,
    request: &RecordCertification,
) -> AppResult<PersonCertifications> {
    let holder = person(state, person_id, None).await?;
    let earned_on = earned_on(&request.earned_on, today(state))?;
    unit_of_work::run(state, async |unit| {
        let definition = definition(unit, request.certification_id).await?;
        let holder = Holder {
            person_id: holder.person_id,
            organization_id: holder.organization_id,
        };
        let recorded = write(unit, manager, holder, &definition, earned_on, "recorded").await?;
        if !recorded {
            return Err(AppError::Conflict(
                "This earning is recorded already.".into(),
                [(
                    "earned_on".to_owned(),
                    "Recorded already for this day.".to_owned(),
                )]
                .into(),
            ));
        }
        Ok(())
    })
    .await?;
    person(state, person_id, None).await
}

/// Whom an earning is written for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Holder {
    pub person_id: i64,
    pub organization_id: i64,
}

/// Writes one earning with its audit record, and lets the organization's unassigned holding
/// of the same certification go; `false` when it was recorded already.
pub(super) async fn write(
    unit: &mut UnitOfWork,
    manager: i64,
    person: Holder,
    definition: &DefinitionRow,
    earned_on: Date,
    source: &'static str,
) -> AppResult<bool> {
    let valid_until = rules::valid_until(earned_on, definition.validity_months.max(1) as u32);
    let (earned, until) = (earned_on.to_string(), valid_until.to_string());
    let earning = Earning {
        person_id: person.person_id,
        organization_id: person.organization_id,
        certification_id: definition.id,
        earned_on: &earned,
        valid_until: &until,
        source,
        recorded_by: manager,
    };
    let now = unit.now();
    if !store::record(unit.tx(), earning, now).await? {
        return Ok(false);
    }
    store::forget_unassigned(unit.tx(), person.organization_id, definition.id).await?;
    unit.record(AuditEntry {
        organization_id: Some(person.organization_id),
        after: audit::state(&serde_json::json!({
            "certification": definition.name,
            "earned_on": earned,
            "valid_until": until,
            "source": source,
        })),
        ..AuditEntry::new(
            Some(manager),
            "certification.recorded",
            "person",
            Some(person.person_id),
        )
    });
    Ok(true)
}

pub(super) async fn definition(unit: &mut UnitOfWork, id: i64) -> AppResult<DefinitionRow> {
    let today = unit.today();
    store::definition(unit.tx(), &today, id)
        .await?
        .ok_or_else(|| AppError::field("certification_id", "Choose a certification."))
}

fn earned_on(text: &str, today: Date) -> AppResult<Date> {
    let day = Date::parse(text)
        .ok_or_else(|| AppError::field("earned_on", "Enter the day as YYYY-MM-DD."))?;
    if day > today {
        return Err(AppError::field("earned_on", "The day is in the future."));
    }
    Ok(day)
}

fn today(state: &AppState) -> Date {
    Date::from_unix(state.now())
}

/// Rows (one per person and latest earning, in person order) as people with their holdings.
fn group(rows: Vec<HoldingRow>, today: Date) -> Vec<PersonCertifications> {
    let mut people: Vec<PersonCertifications> = Vec::new();
    for row in rows {
        let holding = holding(&row, today);
        if people.last().is_none_or(|p| p.person_id != row.person_id) {
            people.push(PersonCertifications {
                person_id: row.person_id,
                name: row.name,
                email: row.email,
                organization_id: row.organization_id,
                holdings: Vec::new(),
            });
        }
        if let (Some(holding), Some(person)) = (holding, people.last_mut()) {
            person.holdings.push(holding);
        }
    }
    people
}

fn holding(row: &HoldingRow, today: Date) -> Option<Holding> {
    let earned_on = Date::parse(row.earned_on.as_deref()?)?;
    let valid_until = Date::parse(row.valid_until.as_deref()?)?;
    let release = Release::stored(
        row.renewal_release.as_deref(),
        row.renewal_released_on.as_deref(),
        row.renewal_due_on.as_deref(),
    );
    let (expires_on, cut_by) = rules::expires_on(earned_on, valid_until, release);
    Some(Holding {
        certification_id: row.certification_id?,
        name: row.certification.clone()?,
        kind: row.kind?,
        earned_on: earned_on.to_string(),
        expires_on: expires_on.to_string(),
        status: rules::status(expires_on, today),
        renewal_release: cut_by.map(str::to_owned),
    })
}
