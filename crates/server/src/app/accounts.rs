//! The vendor's account book: accounts added and edited one by one, and imported from CSV.
//! The conflict check finds an account by its matching keys, kept here with every change.

use portico_api::accounts::{ALTERNATIVE_NAMES_MAX, Account, ImportSummary, ValidAccount};

use crate::app::unit_of_work::{self, UnitOfWork};
use crate::app::{AppError, AppResult};
use crate::domain::account_import::{self, ImportAccount};
use crate::domain::alternative_names::{self, AlternativeName};
use crate::domain::company;
use crate::state::AppState;
use crate::store::account_names;
use crate::store::accounts::{self as store, NewAccount};
use crate::store::audit::{self, AuditEntry};
use crate::store::organizations;
use crate::store::sql::Conn;

/// Adds one account.
pub async fn create(
    state: &AppState,
    manager: i64,
    valid: &ValidAccount,
    incumbent: Option<i64>,
) -> AppResult<Account> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        check_incumbent(unit.tx(), incumbent).await?;
        let keys = Keys::of(valid);
        let id = store::insert(unit.tx(), &keys.row(valid, incumbent), now).await?;
        let account = reread(unit.tx(), id).await?;
        unit.record(entry(manager, "account.created", id, None, &account));
        Ok(account)
    })
    .await
}

/// Replaces an account's fields.
pub async fn replace(
    state: &AppState,
    manager: i64,
    id: i64,
    valid: &ValidAccount,
    incumbent: Option<i64>,
) -> AppResult<Account> {
    unit_of_work::run(state, async |unit| {
        let now = unit.now();
        let before = view(unit.tx(), id).await?.ok_or(AppError::NotFound)?;
        check_incumbent(unit.tx(), incumbent).await?;
        let keys = Keys::of(valid);
        store::update(unit.tx(), id, &keys.row(valid, incumbent), now).await?;
        let account = reread(unit.tx(), id).await?;
        unit.record(entry(
            manager,
            "account.updated",
            id,
            Some(&before),
            &account,
        ));
        Ok(account)
    })
    .await
}

/// Imports parsed accounts: a row whose domain (or, without a domain, whose name) is already
/// in the book updates that account. Any bad row rejects the whole file.
pub async fn import(
    state: &AppState,
    manager: i64,
    accounts: &[ImportAccount],
) -> AppResult<ImportSummary> {
    unit_of_work::run(state, async |unit| {
        let incumbents = resolve_incumbents(unit.tx(), accounts).await?;
        let (mut created, mut updated, mut merged) = (Vec::new(), Vec::new(), 0);
        for (account, incumbent) in accounts.iter().zip(incumbents) {
            let (id, is_new) = import_one(unit, account, incumbent).await?;
            if is_new {
                created.push(id);
            } else {
                updated.push(id);
            }
            merged += account.merged;
        }
        let summary =
            serde_json::json!({ "created": created, "updated": updated, "merged": merged });
        unit.record(AuditEntry {
            after: Some(summary),
            ..AuditEntry::new(Some(manager), "accounts.imported", "account", None)
        });
        Ok(ImportSummary {
            created: created.len() as u32,
            updated: updated.len() as u32,
            merged: merged as u32,
        })
    })
    .await
}

/// Writes one imported account; answers its id and whether it is new.
async fn import_one(
    unit: &mut UnitOfWork,
    account: &ImportAccount,
    incumbent: Option<i64>,
) -> AppResult<(i64, bool)> {
    let now = unit.now();
    let ImportAccount { first: row, .. } = account;
    let existing = store::id_by_key(unit.tx(), row.domain_key.as_deref(), &row.name_key).await?;
    let names = imported_names(unit.tx(), existing, account).await?;
    let new = NewAccount {
        account: &row.account,
        name_key: &row.name_key,
        domain_key: row.domain_key.as_deref(),
        alternative_names: &names,
        incumbent_organization_id: incumbent,
    };
    match existing {
        Some(id) => {
            store::update(unit.tx(), id, &new, now).await?;
            Ok((id, false))
        }
        None => Ok((store::insert(unit.tx(), &new, now).await?, true)),
    }
}

/// An imported account's alternative names: those it has in the book, then the file's. An
/// import adds names and never removes one; editing the account does.
async fn imported_names(
    tx: &mut Conn,
    existing: Option<i64>,
    account: &ImportAccount,
) -> AppResult<Vec<AlternativeName>> {
    let kept = match existing {
        // Locked first: an import running beside this one adds its names after these.
        Some(id) if store::lock(&mut *tx, id).await? => account_names::of(&mut *tx, &[id])
            .await?
            .remove(&id)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let names = kept
        .iter()
        .chain(&account.alternative_names)
        .map(|n| n.name.as_str());
    let names = alternative_names::distinct(&account.first.name_key, names);
    if names.len() > ALTERNATIVE_NAMES_MAX {
        return Err(AppError::Validation(account_import::RowErrors::from([(
            format!("row {}", account.first.row),
            format!(
                "The account this row updates would have more than {ALTERNATIVE_NAMES_MAX} \
                 alternative names; edit it to remove some first."
            ),
        )])));
    }
    Ok(names)
}

/// Each account's incumbent organization id; unknown names fail the import with their rows.
async fn resolve_incumbents(
    tx: &mut Conn,
    accounts: &[ImportAccount],
) -> AppResult<Vec<Option<i64>>> {
    let mut ids = Vec::with_capacity(accounts.len());
    let mut errors = account_import::RowErrors::new();
    for ImportAccount { first: row, .. } in accounts {
        let Some(name) = &row.incumbent_partner else {
            ids.push(None);
            continue;
        };
        match organizations::id_by_name(&mut *tx, name).await? {
            Some(id) => ids.push(Some(id)),
            None => {
                errors.insert(
                    format!("row {}", row.row),
                    format!("incumbent_partner: No partner organization is named {name:?}."),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(ids)
    } else {
        Err(AppError::Validation(errors))
    }
}

async fn check_incumbent(tx: &mut Conn, id: Option<i64>) -> AppResult<()> {
    match id {
        Some(id) if !organizations::exists(&mut *tx, id).await? => Err(AppError::field(
            "incumbent_organization_id",
            "That organization does not exist.",
        )),
        _ => Ok(()),
    }
}

/// An account's matching keys.
struct Keys {
    name: String,
    domain: Option<String>,
    alternative_names: Vec<AlternativeName>,
}

impl Keys {
    fn of(account: &ValidAccount) -> Keys {
        let name = company::name_key(&account.name);
        let alternative_names = alternative_names::distinct(
            &name,
            account.alternative_names.iter().map(String::as_str),
        );
        Keys {
            name,
            domain: account
                .domain
                .as_deref()
                .and_then(company::registrable_domain),
            alternative_names,
        }
    }

    fn row<'a>(&'a self, account: &'a ValidAccount, incumbent: Option<i64>) -> NewAccount<'a> {
        NewAccount {
            account,
            name_key: &self.name,
            domain_key: self.domain.as_deref(),
            alternative_names: &self.alternative_names,
            incumbent_organization_id: incumbent,
        }
    }
}

/// The account in the managers' shape, if there is one.
async fn view(tx: &mut Conn, id: i64) -> AppResult<Option<Account>> {
    let Some(row) = store::by_id(&mut *tx, id).await? else {
        return Ok(None);
    };
    Ok(store::views(tx, vec![row]).await?.pop())
}

async fn reread(tx: &mut Conn, id: i64) -> AppResult<Account> {
    view(tx, id)
        .await?
        .ok_or_else(|| AppError::internal("account vanished inside its transaction"))
}

fn entry(
    manager: i64,
    action: &'static str,
    id: i64,
    before: Option<&Account>,
    after: &Account,
) -> AuditEntry {
    AuditEntry {
        before: before.and_then(audit::state),
        after: audit::state(after),
        ..AuditEntry::new(Some(manager), action, "account", Some(id))
    }
}
