//! Normalized transactions: written a chunk at a time, found again by reference and by
//! fingerprint to count a sale once, corrected in place.

use portico_api::channel_data::transactions::CustomerMatch;
use sqlx::FromRow;

use crate::clock::Timestamp;
use crate::store::StoreError;
use crate::store::sql::{self, Bind, Builder, Exec, Value};

/// Rows one statement writes: 22 values each, well below both engines' limits.
const PER_INSERT: usize = 400;

/// A transaction to write, or to write over (a correction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTransaction {
    pub source_id: i64,
    pub organization_id: Option<i64>,
    pub reference: Option<String>,
    pub fingerprint: i64,
    pub transaction_date: String,
    pub customer_name: String,
    pub customer_key: String,
    pub customer_domain: Option<String>,
    pub customer_country: Option<String>,
    pub account_id: Option<i64>,
    pub match_strength: CustomerMatch,
    pub product_id: i64,
    pub quantity_milli: Option<i64>,
    pub unit_price: Option<i64>,
    pub amount: i64,
    pub currency: String,
    pub end_of_term: Option<String>,
    pub registration_id: Option<i64>,
    pub opportunity_id: Option<i64>,
    pub import_id: i64,
    pub row_number: i64,
}

impl NewTransaction {
    fn values(&self, now: Timestamp) -> [Value; 23] {
        [
            self.source_id.value(),
            self.organization_id.value(),
            self.reference.clone().value(),
            self.fingerprint.value(),
            self.transaction_date.clone().value(),
            self.customer_name.clone().value(),
            self.customer_key.clone().value(),
            self.customer_domain.clone().value(),
            self.customer_country.clone().value(),
            self.account_id.value(),
            self.match_strength.as_str().value(),
            self.product_id.value(),
            self.quantity_milli.value(),
            self.unit_price.value(),
            self.amount.value(),
            self.currency.clone().value(),
            self.end_of_term.clone().value(),
            self.registration_id.value(),
            self.opportunity_id.value(),
            self.import_id.value(),
            self.row_number.value(),
            now.value(),
            now.value(),
        ]
    }
}

/// The columns `NewTransaction::values` fills, in its order.
const COLUMNS: [&str; 23] = [
    "source_id",
    "organization_id",
    "reference",
    "fingerprint",
    "transaction_date",
    "customer_name",
    "customer_key",
    "customer_domain",
    "customer_country",
    "account_id",
    "match_strength",
    "product_id",
    "quantity_milli",
    "unit_price",
    "amount",
    "currency",
    "end_of_term",
    "registration_id",
    "opportunity_id",
    "import_id",
    "row_number",
    "created_at",
    "updated_at",
];

/// What identifies a transaction and stays when a correction is written over it.
const KEPT: [&str; 3] = ["source_id", "reference", "created_at"];

/// Writes `column, column, …` of `COLUMNS`, but those in `skip`.
fn push_columns(sql: &mut Builder, skip: &[&str], mut each: impl FnMut(&mut Builder, usize)) {
    let columns = COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, c)| !skip.contains(c));
    for (n, (i, column)) in columns.enumerate() {
        sql.push(if n == 0 { "" } else { ", " }).push(column);
        each(sql, i);
    }
}

/// Writes new transactions; answers each one's id by the row number that made it.
pub async fn insert_transactions(
    tx: &mut sql::Conn,
    rows: &[&NewTransaction],
    now: Timestamp,
) -> Result<Vec<(i64, i64)>, StoreError> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(PER_INSERT) {
        let mut sql = Builder::new("INSERT INTO channel_transactions (");
        push_columns(&mut sql, &[], |_, _| {});
        sql.push(") VALUES ")
            .push_tuples(chunk, |t| t.values(now))
            .push(" RETURNING row_number, id");
        ids.extend(sql.query_as::<(i64, i64)>().fetch_all(&mut *tx).await?);
    }
    Ok(ids)
}

/// What a stored transaction is compared by.
#[derive(Debug, Clone, FromRow)]
pub struct Known {
    pub id: i64,
    pub source_id: i64,
    pub reference: Option<String>,
    pub fingerprint: i64,
}

/// Transactions with one of these references of the source, or one of these fingerprints.
pub async fn known(
    tx: &mut sql::Conn,
    source_id: i64,
    (references, fingerprints): (&[String], &[i64]),
) -> Result<Vec<Known>, StoreError> {
    let mut found: Vec<Known> = Vec::new();
    if !references.is_empty() {
        let mut sql = Builder::new(
            "SELECT id, source_id, reference, fingerprint FROM channel_transactions \
             WHERE source_id = ",
        );
        sql.push_bind(source_id)
            .push(" AND reference IN (")
            .push_binds(references.iter().map(String::as_str))
            .push(")");
        found.extend(sql.query_as::<Known>().fetch_all(&mut *tx).await?);
    }
    if !fingerprints.is_empty() {
        let mut sql = Builder::new(
            "SELECT id, source_id, reference, fingerprint FROM channel_transactions \
             WHERE fingerprint IN (",
        );
        sql.push_binds(fingerprints.iter().copied()).push(")");
        found.extend(sql.query_as::<Known>().fetch_all(&mut *tx).await?);
    }
    Ok(found)
}

/// Writes a corrected report of a transaction over it.
pub async fn correct(
    tx: &mut sql::Conn,
    id: i64,
    t: &NewTransaction,
    now: Timestamp,
) -> Result<(), StoreError> {
    let values = t.values(now);
    let mut sql = Builder::new("UPDATE channel_transactions SET ");
    push_columns(&mut sql, &KEPT, |sql, i| {
        sql.push(" = ").push_bind(values[i].clone());
    });
    sql.push(" WHERE id = ").push_bind(id);
    sql.query().execute(&mut *tx).await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct TransactionRow {
    pub id: i64,
    pub source_id: i64,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub reference: Option<String>,
    pub transaction_date: String,
    pub customer_name: String,
    pub customer_domain: Option<String>,
    pub customer_country: Option<String>,
    pub account_id: Option<i64>,
    pub account_name: Option<String>,
    pub match_strength: CustomerMatch,
    pub product_id: i64,
    pub product_name: String,
    pub quantity_milli: Option<i64>,
    pub unit_price: Option<i64>,
    pub amount: i64,
    pub currency: String,
    pub end_of_term: Option<String>,
    pub registration_id: Option<i64>,
    pub opportunity_id: Option<i64>,
    pub import_id: i64,
    pub row_number: i64,
}

/// Which transactions to list; `organization` keeps a partner to its own.
#[derive(Debug, Clone, Copy, Default)]
pub struct TransactionFilter {
    pub source_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub unregistered: bool,
    pub after: Option<i64>,
}

/// A page in id order; one more than `limit` when there are more.
pub async fn transactions<'c, E>(
    db: E,
    filter: TransactionFilter,
    limit: u32,
) -> Result<Vec<TransactionRow>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(
        "SELECT t.id, t.source_id, t.organization_id, o.name AS organization_name, t.reference, \
         t.transaction_date, t.customer_name, t.customer_domain, t.customer_country, \
         t.account_id, a.name AS account_name, t.match_strength, t.product_id, \
         p.name AS product_name, t.quantity_milli, t.unit_price, t.amount, t.currency, \
         t.end_of_term, t.registration_id, t.opportunity_id, t.import_id, t.row_number \
         FROM channel_transactions t JOIN products p ON p.id = t.product_id \
         LEFT JOIN organizations o ON o.id = t.organization_id \
         LEFT JOIN accounts a ON a.id = t.account_id WHERE 1 = 1",
    );
    if let Some(id) = filter.source_id {
        sql.push(" AND t.source_id = ").push_bind(id);
    }
    if let Some(id) = filter.organization_id {
        sql.push(" AND t.organization_id = ").push_bind(id);
    }
    if filter.unregistered {
        sql.push(" AND t.registration_id IS NULL");
    }
    if let Some(after) = filter.after {
        sql.push(" AND t.id > ").push_bind(after);
    }
    sql.push(" ORDER BY t.id").push_limit(i64::from(limit) + 1);
    Ok(sql.query_as().fetch_all(db).await?)
}

/// Sales reported for partners on one day in one currency.
#[derive(Debug, Clone, FromRow)]
pub struct ReportedSales {
    pub organization_id: i64,
    /// `YYYY-MM-DD`.
    pub transaction_date: String,
    pub currency: String,
    /// Minor units.
    pub amount: i64,
}

/// Sales reported for partners (one, or all) since `from` (`YYYY-MM-DD`), in one currency or
/// all, by partner, day and currency; a sale of a deal the CRM records as won is left out,
/// because the deal's own figure counts it.
pub async fn reported_sales<'c, E>(
    db: E,
    (organization_id, currency): (Option<i64>, Option<&str>),
    from: &str,
) -> Result<Vec<ReportedSales>, StoreError>
where
    E: Into<Exec<'c>>,
{
    let mut sql = Builder::new(
        "SELECT t.organization_id, t.transaction_date, t.currency, \
         CAST(SUM(t.amount) AS BIGINT) AS amount FROM channel_transactions t \
         LEFT JOIN opportunities o ON o.id = t.opportunity_id \
         WHERE t.organization_id IS NOT NULL AND (o.id IS NULL OR o.stage <> 'won') \
         AND t.transaction_date >= ",
    );
    sql.push_bind(from.to_owned());
    if let Some(id) = organization_id {
        sql.push(" AND t.organization_id = ").push_bind(id);
    }
    if let Some(currency) = currency {
        sql.push(" AND t.currency = ")
            .push_bind(currency.to_owned());
    }
    sql.push(" GROUP BY t.organization_id, t.transaction_date, t.currency");
    Ok(sql.query_as().fetch_all(db).await?)
}
