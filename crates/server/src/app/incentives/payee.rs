//! Where an organization is paid: its partner admins give the account; it is kept sealed,
//! shown masked, and every change is audited (masked too).

use portico_api::payee::{Account, Payee, ValidPayee, mask};

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::clock::rfc3339;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::incentives::{self as store, PayeeRow};

pub async fn read(state: &AppState, organization_id: i64) -> AppResult<Payee> {
    let row = store::payee(state.db.pool(), organization_id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(state, row)
}

pub async fn save(
    state: &AppState,
    admin: i64,
    organization_id: i64,
    payee: &ValidPayee,
) -> AppResult<Payee> {
    let (account, bic) = match &payee.account {
        Account::Sepa { iban, bic } => (iban.as_str(), Some(bic.clone())),
        Account::Other(reference) => (reference.as_str(), None),
    };
    let row = unit_of_work::run(state, async |unit| {
        let before = store::payee(unit.tx(), organization_id).await?;
        let row = PayeeRow {
            organization_id,
            account_holder: payee.account_holder.clone(),
            account_sealed: state.sealer.seal(account),
            bic: bic.clone(),
            updated_at: unit.now(),
        };
        store::save_payee(unit.tx(), &row, admin).await?;
        let masked = |holder: &str, account: &str| {
            serde_json::json!({ "account_holder": holder, "account": mask(account) })
        };
        let before = before.and_then(|b| {
            let account = state.sealer.open(&b.account_sealed)?;
            Some(masked(&b.account_holder, &account))
        });
        unit.record(AuditEntry {
            organization_id: Some(organization_id),
            before,
            after: audit::state(&masked(&payee.account_holder, account)),
            ..AuditEntry::new(Some(admin), "payee.saved", "organization", Some(organization_id))
        });
        Ok(row)
    })
    .await?;
    view(state, row)
}

fn view(state: &AppState, row: PayeeRow) -> AppResult<Payee> {
    let account = state
        .sealer
        .open(&row.account_sealed)
        .ok_or_else(|| AppError::internal("a payee account cannot be unsealed"))?;
    Ok(Payee {
        account_holder: row.account_holder,
        account: mask(&account),
        bic: row.bic,
        updated_at: rfc3339(row.updated_at),
    })
}
