//! The normalized transactions (a partner reads those credited to it; managers all), as a
//! page or as CSV, and the names products are reported under.

use portico_api::Page;
use portico_api::channel_data::transactions::{
    AccountMatch, AccountRef, AliasList, ProductAlias, Transaction, TransactionQuery,
};
use portico_api::organizations::OrganizationRef;
use portico_api::registrations::Product;

use crate::app::unit_of_work;
use crate::app::{AppError, AppResult};
use crate::domain::channel::product_key;
use crate::domain::spreadsheet::Cell::{self, Amount, Text};
use crate::domain::spreadsheet::Csv;
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::channel_data::{self as store, TransactionFilter, TransactionRow};
use crate::store::into_page;

fn filter(viewer: Option<i64>, query: &TransactionQuery, after: Option<i64>) -> TransactionFilter {
    TransactionFilter {
        source_id: query.source,
        organization_id: viewer.or(query.organization),
        unregistered: query.unregistered.unwrap_or(false),
        after,
    }
}

pub async fn page(
    state: &AppState,
    viewer: Option<i64>,
    query: &TransactionQuery,
    after: Option<i64>,
) -> AppResult<Page<Transaction>> {
    let limit = query.limit.unwrap_or(50).clamp(1, 100);
    let rows = store::transactions(state.db.pool(), filter(viewer, query, after), limit).await?;
    into_page(
        rows,
        limit,
        |r| r.id,
        |r| Ok::<_, AppError>(view(r, viewer)),
    )
}

/// Every matching transaction as CSV, read a thousand at a time.
pub async fn csv(
    state: &AppState,
    viewer: Option<i64>,
    query: &TransactionQuery,
) -> AppResult<String> {
    const PAGE: u32 = 1_000;
    let mut headers = vec![
        "id",
        "date",
        "reference",
        "partner",
        "customer",
        "domain",
        "country",
    ];
    if viewer.is_none() {
        headers.extend(["account", "match"]);
    }
    headers.extend([
        "product",
        "quantity",
        "amount",
        "currency",
        "registration",
        "opportunity",
    ]);
    let mut out = Csv::new(&headers).map_err(AppError::internal)?;
    let mut after = None;
    loop {
        let mut rows =
            store::transactions(state.db.pool(), filter(viewer, query, after), PAGE).await?;
        let more = rows.len() > PAGE as usize;
        rows.truncate(PAGE as usize);
        after = rows.last().map(|r| r.id);
        for r in rows.into_iter().map(|r| view(r, viewer)) {
            out.row(cells(r)).map_err(AppError::internal)?;
        }
        if !more {
            return out.finish().map_err(AppError::internal);
        }
    }
}

/// A transaction's CSV cells, in the order of the headers.
fn cells(r: Transaction) -> Vec<Cell> {
    let id = |v: Option<i64>| Text(v.map(|id| id.to_string()).unwrap_or_default());
    let mut cells = vec![
        Text(r.id.to_string()),
        Text(r.transaction_date),
        Text(r.reference.unwrap_or_default()),
        Text(r.organization.map(|o| o.name).unwrap_or_default()),
        Text(r.customer_name),
        Text(r.customer_domain.unwrap_or_default()),
        Text(r.customer_country.unwrap_or_default()),
    ];
    if let Some(found) = r.account_match {
        cells.push(Text(found.account.map(|a| a.name).unwrap_or_default()));
        cells.push(Text(found.strength.as_str().to_owned()));
    }
    cells.extend([
        Text(r.product.name),
        Text(r.quantity.unwrap_or_default()),
        Amount(r.amount),
        Text(r.currency),
        id(r.registration_id),
        id(r.opportunity_id),
    ]);
    cells
}

/// The transaction as the viewer may read it: partners do not see the account book.
fn view(r: TransactionRow, viewer: Option<i64>) -> Transaction {
    Transaction {
        id: r.id,
        source_id: r.source_id,
        organization: r
            .organization_id
            .zip(r.organization_name)
            .map(|(id, name)| OrganizationRef { id, name }),
        transaction_date: r.transaction_date,
        reference: r.reference,
        customer_name: r.customer_name,
        customer_domain: r.customer_domain,
        customer_country: r.customer_country,
        account_match: viewer.is_none().then(|| AccountMatch {
            account: r
                .account_id
                .zip(r.account_name)
                .map(|(id, name)| AccountRef { id, name }),
            strength: r.match_strength,
        }),
        product: Product {
            id: r.product_id,
            name: r.product_name,
        },
        quantity: r.quantity_milli.map(thousandths),
        unit_price: r.unit_price,
        amount: r.amount,
        currency: r.currency,
        end_of_term: r.end_of_term,
        registration_id: r.registration_id,
        opportunity_id: r.opportunity_id,
        import_id: r.import_id,
        row_number: u64::try_from(r.row_number).unwrap_or(0),
    }
}

/// "1.5" for 1,500 thousandths, "3" for 3,000.
fn thousandths(milli: i64) -> String {
    let text = format!("{}.{:03}", milli / 1000, (milli % 1000).abs());
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

pub async fn aliases(state: &AppState, product_id: i64) -> AppResult<AliasList> {
    let pool = state.db.pool();
    if !store::products(pool)
        .await?
        .iter()
        .any(|(id, _)| *id == product_id)
    {
        return Err(AppError::NotFound);
    }
    let aliases = store::aliases(pool, Some(product_id)).await?;
    Ok(AliasList {
        aliases: aliases
            .into_iter()
            .map(|a| ProductAlias {
                id: a.id,
                product_id: a.product_id,
                alias: a.alias,
            })
            .collect(),
    })
}

pub async fn add_alias(
    state: &AppState,
    user_id: i64,
    product_id: i64,
    alias: &str,
) -> AppResult<ProductAlias> {
    let alias = alias.trim();
    if alias.is_empty() || alias.chars().count() > 200 {
        return Err(AppError::field(
            "alias",
            "Write the name in 1 to 200 characters.",
        ));
    }
    unit_of_work::run(state, async |unit| {
        if !store::products(unit.tx())
            .await?
            .iter()
            .any(|(id, _)| *id == product_id)
        {
            return Err(AppError::NotFound);
        }
        let now = unit.now();
        let id = store::insert_alias(
            unit.tx(),
            (product_id, alias, &product_key(alias)),
            user_id,
            now,
        )
        .await
        .map_err(|e| match e.is_duplicate() {
            true => AppError::conflict("A product is reported under this name already."),
            false => e.into(),
        })?;
        unit.record(AuditEntry::new(
            Some(user_id),
            "product_alias.created",
            "product",
            Some(product_id),
        ));
        Ok(ProductAlias {
            id,
            product_id,
            alias: alias.to_owned(),
        })
    })
    .await
}
