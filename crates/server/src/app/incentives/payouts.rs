//! Payout batches: a draft of every payable balance above a minimum whose organization gave a
//! payee, reviewed, then confirmed (writing each payout to the ledger, once however often it is
//! asked), marked paid, and a payment marked failed when the bank returns it (which gives the
//! amount back to the balance). Every step is audited.

use portico_api::date::Date;
use std::collections::HashMap;

use portico_api::Page;
use portico_api::ledger::EntryKind;
use portico_api::organizations::OrganizationRef;
use portico_api::payee::mask;
use portico_api::payouts::{Batch, BatchState, BatchSummary, BatchTotal, Payment, PaymentState};

use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::clock::rfc3339;
use crate::domain::sepa::{Transfer, credit_transfer};
use crate::domain::token;
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::incentives::{self as store, BatchRow, NewPayment, PayeeRow, PaymentRow};
use crate::store::into_page;
use crate::store::sql::Exec;

const SUBJECT: &str = "payout_batch";

pub async fn create(state: &AppState, manager: i64, minimum: i64) -> AppResult<Batch> {
    let id = unit_of_work::run(state, async |unit| draft(unit, manager, minimum).await).await?;
    read(state, id).await
}

/// Drafts a batch in the unit of work; its id.
pub async fn draft(unit: &mut UnitOfWork, manager: i64, minimum: i64) -> AppResult<i64> {
    let reference = format!("PORTICO-{}", &token::generate().to_uppercase()[..10]);
    let (now, today) = (unit.now(), unit.today());
    let id = store::insert_batch(unit.tx(), &reference, minimum, manager, now).await?;
    let payees = payees_by_organization(unit.tx()).await?;
    for balance in store::balances(unit.tx(), None, &today).await? {
        let payable = balance.payable();
        let Some(payee) = payees
            .get(&balance.organization_id)
            .filter(|_| payable >= minimum)
        else {
            continue;
        };
        let payment = NewPayment {
            organization_id: balance.organization_id,
            currency: &balance.currency,
            amount: payable,
            account_holder: &payee.account_holder,
            account_sealed: &payee.account_sealed,
            bic: payee.bic.as_deref(),
        };
        store::insert_payment(unit.tx(), id, &payment).await?;
    }
    unit.record(AuditEntry::new(
        Some(manager),
        "payout_batch.created",
        SUBJECT,
        Some(id),
    ));
    Ok(id)
}

pub async fn read(state: &AppState, id: i64) -> AppResult<Batch> {
    let pool = state.db.pool();
    let batch = store::batch(pool, id).await?.ok_or(AppError::NotFound)?;
    let payments = store::payments(pool, id).await?;
    let without_payee = match batch.state {
        BatchState::Draft => without_payee(state, &batch, &payments).await?,
        BatchState::Confirmed | BatchState::Paid => Vec::new(),
    };
    view(state, batch, payments, without_payee)
}

/// A page of batches, newest first, with what each pays per currency.
pub async fn list(
    state: &AppState,
    before: Option<i64>,
    limit: u32,
) -> AppResult<Page<BatchSummary>> {
    let pool = state.db.pool();
    let rows = store::batches(pool, before, limit).await?;
    let ids: Vec<i64> = rows.iter().map(|b| b.id).collect();
    let mut totals: HashMap<i64, Vec<BatchTotal>> = HashMap::new();
    for t in store::batch_totals(pool, &ids).await? {
        totals.entry(t.batch_id).or_default().push(BatchTotal {
            currency: t.currency,
            amount: t.amount,
            payments: u32::try_from(t.payments).unwrap_or(u32::MAX),
        });
    }
    into_page(
        rows,
        limit,
        |b| b.id,
        |b| {
            Ok(BatchSummary {
                id: b.id,
                reference: b.reference,
                state: b.state,
                totals: totals.get(&b.id).cloned().unwrap_or_default(),
                created_at: rfc3339(b.created_at),
            })
        },
    )
}

/// Confirms the batch: each payment becomes a payout in the ledger and the earnings it pays
/// are paid. Asked again, it changes nothing; a balance that shrank since the draft (another
/// batch paid it, an earning was reversed) refuses the whole batch.
pub async fn confirm(state: &AppState, manager: i64, id: i64) -> AppResult<Batch> {
    let engine = state.db.engine();
    unit_of_work::run(state, async |unit| {
        store::take_payout_turn(unit.tx(), engine).await?;
        confirm_in(unit, manager, id).await
    })
    .await?;
    read(state, id).await
}

/// Confirms the batch in the unit of work, which took its turn.
pub async fn confirm_in(unit: &mut UnitOfWork, manager: i64, id: i64) -> AppResult<()> {
    let (now, today) = (unit.now(), unit.today());
    let moved = (BatchState::Draft, BatchState::Confirmed);
    if !store::set_state(unit.tx(), id, moved, manager, now).await? {
        return match store::batch(unit.tx(), id).await? {
            Some(_) => Ok(()),
            None => Err(AppError::NotFound),
        };
    }
    let payable: HashMap<(i64, String), i64> = store::balances(unit.tx(), None, &today)
        .await?
        .into_iter()
        .map(|b| ((b.organization_id, b.currency.clone()), b.payable()))
        .collect();
    for payment in store::payments(unit.tx(), id).await? {
        let key = (payment.organization_id, payment.currency.clone());
        let available = payable.get(&key).copied().unwrap_or(0);
        pay(unit, manager, &payment, available, &today).await?;
    }
    unit.record(AuditEntry::new(
        Some(manager),
        "payout_batch.confirmed",
        SUBJECT,
        Some(id),
    ));
    Ok(())
}

/// Pays one payment out of what its organization had payable in its currency when the batch
/// was confirmed (a batch holds one payment per organization and currency).
async fn pay(
    unit: &mut UnitOfWork,
    manager: i64,
    payment: &PaymentRow,
    payable: i64,
    today: &str,
) -> AppResult<()> {
    if payable < payment.amount {
        return Err(AppError::conflict(format!(
            "{}'s payable balance changed since the batch was drafted; draft a new batch.",
            payment.organization_name
        )));
    }
    let now = unit.now();
    let money = (
        payment.organization_id,
        payment.currency.as_str(),
        -payment.amount,
    );
    let why = format!("Payout {}", payment.id);
    let entry = store::insert_entry(
        unit.tx(),
        EntryKind::Payout,
        money,
        (manager, &why),
        today,
        now,
    )
    .await?;
    store::confirm_payment(unit.tx(), payment.id, entry).await?;
    store::mark_paid(unit.tx(), payment.organization_id, &payment.currency, now).await?;
    Ok(())
}

/// Finance made the transfers.
pub async fn mark_paid(state: &AppState, manager: i64, id: i64) -> AppResult<Batch> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let moved = (BatchState::Confirmed, BatchState::Paid);
        if !store::set_state(unit.tx(), id, moved, manager, now).await? {
            let batch = store::batch(unit.tx(), id)
                .await?
                .ok_or(AppError::NotFound)?;
            if batch.state != BatchState::Paid {
                return Err(AppError::conflict(
                    "Confirm the batch before marking it paid.",
                ));
            }
            return Ok(());
        }
        unit.record(AuditEntry::new(
            Some(manager),
            "payout_batch.paid",
            SUBJECT,
            Some(id),
        ));
        Ok(())
    })
    .await?;
    read(state, id).await
}

/// The bank returned a payment: its amount goes back to the organization's balance.
pub async fn fail(state: &AppState, manager: i64, id: i64, payment_id: i64) -> AppResult<Batch> {
    let today = state.today();
    unit_of_work::run(state, async |unit| {
        let payment = store::payments(unit.tx(), id)
            .await?
            .into_iter()
            .find(|p| p.id == payment_id)
            .ok_or(AppError::NotFound)?;
        let now = unit.now();
        let money = (
            payment.organization_id,
            payment.currency.as_str(),
            payment.amount,
        );
        let why = format!("Payout {} failed", payment.id);
        let kind = EntryKind::PayoutFailed;
        let entry =
            store::insert_entry(unit.tx(), kind, money, (manager, &why), &today, now).await?;
        if !store::fail_payment(unit.tx(), (id, payment_id), entry).await? {
            return Err(AppError::conflict("Only a confirmed payment can fail."));
        }
        unit.record(AuditEntry {
            organization_id: Some(payment.organization_id),
            ..AuditEntry::new(Some(manager), "payout_payment.failed", SUBJECT, Some(id))
        });
        Ok(())
    })
    .await?;
    read(state, id).await
}

/// Organizations whose payable balance reaches the draft's minimum but who gave no payee.
async fn without_payee(
    state: &AppState,
    batch: &BatchRow,
    payments: &[PaymentRow],
) -> AppResult<Vec<OrganizationRef>> {
    let pool = state.db.pool();
    let payees = payees_by_organization(pool).await?;
    let mut missing = Vec::new();
    for balance in store::balances(pool, None, &state.today()).await? {
        let in_batch = payments
            .iter()
            .any(|p| p.organization_id == balance.organization_id);
        if balance.payable() >= batch.minimum
            && !in_batch
            && !payees.contains_key(&balance.organization_id)
            && !missing
                .iter()
                .any(|o: &OrganizationRef| o.id == balance.organization_id)
        {
            missing.push(OrganizationRef {
                id: balance.organization_id,
                name: balance.organization_name,
            });
        }
    }
    Ok(missing)
}

async fn payees_by_organization<'c, E>(db: E) -> AppResult<HashMap<i64, PayeeRow>>
where
    E: Into<Exec<'c>>,
{
    let rows = store::payees(db).await?;
    Ok(rows.into_iter().map(|p| (p.organization_id, p)).collect())
}

fn view(
    state: &AppState,
    batch: BatchRow,
    payments: Vec<PaymentRow>,
    without_payee: Vec<OrganizationRef>,
) -> AppResult<Batch> {
    let payments = payments
        .into_iter()
        .map(|p| {
            let account = state
                .sealer
                .open(&p.account_sealed)
                .ok_or_else(|| AppError::internal("a payee account cannot be unsealed"))?;
            Ok(Payment {
                id: p.id,
                organization: OrganizationRef {
                    id: p.organization_id,
                    name: p.organization_name,
                },
                currency: p.currency,
                amount: p.amount,
                account_holder: p.account_holder,
                account: mask(&account),
                bic: p.bic,
                state: p.state,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Batch {
        id: batch.id,
        reference: batch.reference,
        minimum: batch.minimum,
        state: batch.state,
        payments,
        without_payee,
        created_at: rfc3339(batch.created_at),
        confirmed_at: batch.confirmed_at.map(rfc3339),
        paid_at: batch.paid_at.map(rfc3339),
    })
}

/// The confirmed batch's EUR payments to IBANs as a SEPA credit transfer file, to execute on
/// the next day; failed payments are left out.
pub async fn sepa(state: &AppState, id: i64) -> AppResult<String> {
    let debtor = state.sepa_debtor.as_deref().ok_or_else(|| {
        AppError::conflict(
            "No paying account is set (PORTICO_SEPA_DEBTOR): export the CSV instead.",
        )
    })?;
    let pool = state.db.pool();
    let batch = store::batch(pool, id).await?.ok_or(AppError::NotFound)?;
    if batch.state == BatchState::Draft {
        return Err(AppError::conflict("Confirm the batch before paying it."));
    }
    let payments: Vec<(PaymentRow, String, String)> = store::payments(pool, id)
        .await?
        .into_iter()
        .filter(|p| p.currency == "EUR" && p.state == PaymentState::Confirmed)
        .filter_map(|p| {
            let account = state.sealer.open(&p.account_sealed)?;
            let end_to_end = format!("{}-{}", batch.reference, p.id);
            Some((p, account, end_to_end))
        })
        .filter(|(p, _, _)| p.bic.is_some())
        .collect();
    if payments.is_empty() {
        return Err(AppError::conflict(
            "The batch has no EUR payment to an IBAN.",
        ));
    }
    let remittance = format!("Partner payout {}", batch.reference);
    let transfers: Vec<Transfer<'_>> = payments
        .iter()
        .map(|(p, account, end_to_end)| Transfer {
            end_to_end_id: end_to_end,
            amount: p.amount,
            creditor: &p.account_holder,
            iban: account,
            bic: p.bic.as_deref().unwrap_or_default(),
            remittance: &remittance,
        })
        .collect();
    let now = state.now();
    let created = rfc3339(now).chars().take(19).collect::<String>();
    let execution = Date::from_unix(now + 86_400);
    Ok(credit_transfer(
        debtor,
        &batch.reference,
        &created,
        execution,
        &transfers,
    ))
}
