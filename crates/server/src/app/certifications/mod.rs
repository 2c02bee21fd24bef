//! Certifications: the definitions managers keep (here), what people hold and how it is
//! recorded (`holdings`, `import`), what filings need (`gating`) and the reminders before an
//! earning expires (`reminders`).

use portico_api::assets::Certification;
use portico_api::certifications::{
    CertificationDefinition, CertificationInput, CertificationList, Renewal,
};
use portico_api::date::Date;

use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::domain::certifications::renewal_due;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::certifications::{self as store, DefinitionRow, Requirement};
use crate::store::{StoreError, products};

pub mod gating;
pub mod holdings;
pub mod import;
pub mod reminders;

/// Every definition with how many people hold it today.
pub async fn list(state: &AppState) -> AppResult<CertificationList> {
    let pool = state.db.pool();
    let rows = store::definitions(pool, &state.today(), None).await?;
    let mut requirements = store::requirements(pool).await?;
    Ok(CertificationList {
        certifications: rows
            .into_iter()
            .map(|row| {
                let needs = requirements.remove(&row.id).unwrap_or_default();
                view(row, &needs)
            })
            .collect(),
    })
}

pub async fn create(
    state: &AppState,
    manager: i64,
    input: &CertificationInput,
) -> AppResult<CertificationDefinition> {
    let code = Certification::from_name(&input.name)
        .ok_or_else(|| AppError::field("name", "Start the name with a letter."))?;
    unit_of_work::run(state, async |unit| {
        check_products(unit, input).await?;
        let due = renewal_due_on(input);
        let now = unit.now();
        let id = store::insert(unit.tx(), code.as_str(), input, due.as_deref(), now)
            .await
            .map_err(taken)?;
        unit.record(AuditEntry {
            after: audit::state(input),
            ..AuditEntry::new(
                Some(manager),
                "certification.created",
                "certification",
                Some(id),
            )
        });
        find(unit, id).await
    })
    .await
}

pub async fn update(
    state: &AppState,
    manager: i64,
    id: i64,
    input: &CertificationInput,
) -> AppResult<CertificationDefinition> {
    unit_of_work::run(state, async |unit| {
        let before = find(unit, id).await?;
        check_products(unit, input).await?;
        let due = renewal_due_on(input);
        let now = unit.now();
        store::update(unit.tx(), id, input, due.as_deref(), now)
            .await
            .map_err(taken)?;
        unit.record(AuditEntry {
            before: audit::state(&before),
            after: audit::state(input),
            ..AuditEntry::new(
                Some(manager),
                "certification.updated",
                "certification",
                Some(id),
            )
        });
        find(unit, id).await
    })
    .await
}

/// The certification's name (or its code, made from the name) is another's already.
fn taken(error: StoreError) -> AppError {
    match error {
        StoreError::Duplicate(_) => AppError::Conflict(
            "Another certification has this name.".into(),
            [("name".to_owned(), "Choose another name.".to_owned())].into(),
        ),
        other => other.into(),
    }
}

async fn check_products(unit: &mut UnitOfWork, input: &CertificationInput) -> AppResult<()> {
    if products::all_active(unit.tx(), &unique(&input.required_for_products)).await? {
        Ok(())
    } else {
        Err(AppError::field(
            "required_for_products",
            "Choose products from the catalog.",
        ))
    }
}

fn unique(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn renewal_due_on(input: &CertificationInput) -> Option<String> {
    let released = input.renewal.as_ref()?;
    Date::parse(&released.released_on).map(|day| renewal_due(day).to_string())
}

async fn find(unit: &mut UnitOfWork, id: i64) -> AppResult<CertificationDefinition> {
    let today = unit.today();
    let row = store::definition(unit.tx(), &today, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let needs = store::requirements(unit.tx())
        .await?
        .remove(&id)
        .unwrap_or_default();
    Ok(view(row, &needs))
}

fn view(row: DefinitionRow, needs: &[Requirement]) -> CertificationDefinition {
    let DefinitionRow {
        id,
        code,
        name,
        kind,
        validity_months,
        renewal_release,
        renewal_released_on,
        renewal_due_on: _,
        how_to_earn,
        holders,
    } = row;
    CertificationDefinition {
        id,
        code,
        name,
        kind,
        validity_months: validity_months.max(0) as u32,
        renewal: renewal_release
            .zip(renewal_released_on)
            .map(|(release, released_on)| Renewal {
                release,
                released_on,
            }),
        how_to_earn,
        required_for_motions: needs
            .iter()
            .filter_map(|n| match n {
                Requirement::Motion(m) => Some(*m),
                Requirement::Product(_) => None,
            })
            .collect(),
        required_for_products: needs
            .iter()
            .filter_map(|n| match n {
                Requirement::Product(p) => Some(*p),
                Requirement::Motion(_) => None,
            })
            .collect(),
        holders,
    }
}
