//! What filings need: a motion or a product may require a certification that someone in the
//! filing organization holds. The form asks first (`requirements`), and the filing itself,
//! by the portal or a registration link, is refused without it (`check`).

use std::collections::HashSet;

use portico_api::certifications::{FilingRequirements, MissingCertification};

use crate::app::{AppError, AppResult};
use crate::state::AppState;
use crate::store::certifications::{self as store, Requirement};
use crate::store::organizations;
use crate::store::sql::Conn;

/// What the organization lacks today for the filings its motion and products need.
pub async fn requirements(state: &AppState, organization_id: i64) -> AppResult<FilingRequirements> {
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .map_err(crate::store::StoreError::from)?;
    lacking(&mut conn, organization_id, &state.today()).await
}

/// Refuses a filing naming these products that needs a certification nobody in the
/// organization holds on `today`, naming it and how to earn it.
pub async fn check(
    conn: &mut Conn,
    organization_id: i64,
    products: &[i64],
    today: &str,
) -> AppResult<()> {
    let requirements = lacking(conn, organization_id, today).await?;
    match requirements.for_filing(products).first() {
        Some(missing) => Err(AppError::Unprocessable(missing.message())),
        None => Ok(()),
    }
}

async fn lacking(
    conn: &mut Conn,
    organization_id: i64,
    today: &str,
) -> AppResult<FilingRequirements> {
    let motion = organizations::motion(&mut *conn, organization_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut needs = store::requirements(&mut *conn).await?;
    if needs.is_empty() {
        return Ok(FilingRequirements::default());
    }
    let held: HashSet<i64> = store::held(&mut *conn, organization_id, today)
        .await?
        .into_iter()
        .map(|h| h.id)
        .collect();
    let definitions = store::definitions(&mut *conn, today, None).await?;
    let missing = definitions
        .into_iter()
        .filter(|d| !held.contains(&d.id))
        .filter_map(|d| {
            let needs = needs.remove(&d.id)?;
            let for_motion = needs.contains(&Requirement::Motion(motion));
            let for_products: Vec<i64> = needs
                .iter()
                .filter_map(|n| match n {
                    Requirement::Product(p) => Some(*p),
                    Requirement::Motion(_) => None,
                })
                .collect();
            (for_motion || !for_products.is_empty()).then_some(MissingCertification {
                certification_id: d.id,
                name: d.name,
                how_to_earn: d.how_to_earn,
                for_motion,
                for_products,
            })
        })
        .collect();
    Ok(FilingRequirements { missing })
}
