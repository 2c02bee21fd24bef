//! Volume for capacity runs (`portico load-data`, the conflict check's benchmarks): an account
//! book and live registrations of made-up companies, written in bulk. The names are built like
//! real ones, an invented brand with an industry word and a legal form, so blocking keys and
//! name comparison do the work they do on a real book.

use portico_api::organizations::Motion;
use portico_api::pipeline::Stage;

use crate::clock::Timestamp;
use crate::domain::company;
use crate::store::StoreError;
use crate::store::blocks::{self, Holder};
use crate::store::sql::{self, Conn};
use crate::store::{Db, Engine};

mod companies;

pub use companies::{Companies, Company, GENERATION};

pub(super) const DAY: i64 = 86_400;

/// Rows per INSERT statement: few, as parameters cost time quadratic in their number on SQLite.
pub(super) const ROWS_PER_INSERT: usize = 50;

/// How much synthetic data to add.
#[derive(Debug, Clone, Copy, Default)]
pub struct Volume {
    pub accounts: usize,
    pub registrations: usize,
    pub organizations: usize,
    pub opportunities: usize,
}

/// Adds `accounts` accounts, `organizations` partner organizations, `registrations` live leads
/// (half waiting for a decision, half approved and protected) and `opportunities` deals in
/// every stage, spread over all organizations, with their matching keys, in one transaction.
/// Seed 1 makes the accounts, seed 2 the registrations, seed 3 the deals' customers.
pub async fn load(db: &Db, volume: Volume, now: Timestamp) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    if db.engine() == Engine::Sqlite {
        // The blocking keys arrive in no particular order; a large cache keeps their index
        // pages in memory instead of rereading them from disk for every statement.
        sql::query("PRAGMA cache_size = -524288")
            .execute(&mut *tx)
            .await?;
    }
    let first = next_id(&mut tx, "organizations").await?;
    for start in (0..volume.organizations).step_by(ROWS_PER_INSERT) {
        let count = ROWS_PER_INSERT.min(volume.organizations - start);
        insert_organizations(&mut tx, first + start as i64, count, now).await?;
    }
    let organizations: Vec<(i64, String)> =
        sql::query_as("SELECT id, motion FROM organizations ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
    if (volume.registrations > 0 || volume.opportunities > 0) && organizations.is_empty() {
        return Err(StoreError::from(sqlx::Error::Protocol(
            "registrations and deals need partner organizations: start the server with --demo \
             first or add --organizations"
                .into(),
        )));
    }
    let mut id = next_id(&mut tx, "accounts").await?;
    let book: Vec<Company> = Companies::new(1).take(volume.accounts).collect();
    for chunk in book.chunks(ROWS_PER_INSERT) {
        insert_accounts(&mut tx, id, chunk, now).await?;
        id += chunk.len() as i64;
    }
    let ids: Vec<i64> = organizations.iter().map(|(id, _)| *id).collect();
    let mut id = next_id(&mut tx, "registrations").await?;
    let claims: Vec<Company> = Companies::new(2).take(volume.registrations).collect();
    for chunk in claims.chunks(ROWS_PER_INSERT) {
        insert_leads(&mut tx, id, chunk, &ids, now).await?;
        id += chunk.len() as i64;
    }
    let mut id = next_id(&mut tx, "opportunities").await?;
    let deals: Vec<Company> = Companies::new(3).take(volume.opportunities).collect();
    for chunk in deals.chunks(ROWS_PER_INSERT) {
        insert_deals(&mut tx, id, chunk, &organizations, now).await?;
        id += chunk.len() as i64;
    }
    crate::store::opportunities::recount(&mut tx).await?;
    if db.engine() == Engine::Postgres {
        // Explicit ids leave the sequences behind; the next ordinary insert takes the one after.
        for table in [
            "organizations",
            "accounts",
            "registrations",
            "opportunities",
        ] {
            sql::query(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await
}

/// Partners named `Load Partner 00042`, every motion and tier, joined over the last year.
async fn insert_organizations(
    conn: &mut Conn,
    first_id: i64,
    count: usize,
    now: Timestamp,
) -> Result<(), StoreError> {
    const TIERS: [&str; 4] = ["registered", "silver", "gold", "platinum"];
    let rows: Vec<String> = (0..count as i64)
        .map(|i| {
            let id = first_id + i;
            format!(
                "({id}, 'Load Partner {id:05}', '{}', '{}', {})",
                Motion::ALL[id as usize % 5].as_str(),
                TIERS[id as usize % 4],
                now - (id % 365) * DAY
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO organizations (id, name, motion, tier, created_at) VALUES {}",
        rows.join(", ")
    );
    sql::query(sqlx::AssertSqlSafe(sql)).execute(conn).await?;
    Ok(())
}

/// Deals in the organization's motion, cycling through every stage and both outcomes.
async fn insert_deals(
    conn: &mut Conn,
    first_id: i64,
    companies: &[Company],
    organizations: &[(i64, String)],
    now: Timestamp,
) -> Result<(), StoreError> {
    let rows: Vec<String> = (0..companies.len())
        .map(|i| {
            let id = first_id + i as i64;
            let (organization, motion) = &organizations[id as usize % organizations.len()];
            let motion = Motion::parse(motion).unwrap_or(Motion::Referral);
            let stage = Stage::ALL[(id / 7) as usize % Stage::ALL.len()];
            let created = now - (id % 540) * DAY;
            let closed = (!stage.is_open()).then_some((created + (10 + id % 120) * DAY).min(now));
            let lost = if stage == Stage::Lost {
                "'Chose a competitor.'"
            } else {
                "NULL"
            };
            let p = 2 + 2 * i;
            format!(
                "({id}, {organization}, ${p}, ${}, '{}', '{}', {}, 0, {lost}, {}, 'Riley Direct', \
                 'Next call', '2027-01-{:02}', {}, 'USD', '{}', 100, {created}, $1, $1)",
                p + 1,
                motion.as_str(),
                stage.slug(motion),
                closed.unwrap_or(now - (id % 60) * DAY),
                closed.map_or("NULL".to_owned(), |c| c.to_string()),
                1 + id % 28,
                5_000 + (id * 7_919) % 250_000,
                if id % 3 == 0 { "influenced" } else { "sourced" },
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO opportunities (id, organization_id, customer_name, customer_search, motion, \
         stage, stage_entered_at, criteria_met, loss_reason, closed_at, owner_name, next_step, \
         next_step_due, amount, currency, partner_role, attribution_percent, created_at, \
         updated_at, last_activity_at) VALUES {}",
        rows.join(", ")
    );
    let mut query = sql::query(sqlx::AssertSqlSafe(sql)).bind(now);
    for company in companies {
        query = query
            .bind(&company.name)
            .bind(crate::store::opportunities::search_key(&company.name));
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// Explicit ids, so the blocking keys can be written without reading the rows back.
pub(super) async fn next_id(conn: &mut Conn, table: &str) -> Result<i64, StoreError> {
    let max: i64 = sql::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COALESCE(MAX(id), 0) FROM {table}"
    )))
    .fetch_one(conn)
    .await?;
    Ok(max + 1)
}

/// A company's name key and registrable domain.
fn keys_of(company: &Company) -> (String, Option<String>) {
    (
        company::name_key(&company.name),
        company::registrable_domain(&company.domain),
    )
}

async fn insert_accounts(
    conn: &mut Conn,
    first_id: i64,
    companies: &[Company],
    now: Timestamp,
) -> Result<(), StoreError> {
    let keys: Vec<_> = companies.iter().map(keys_of).collect();
    let rows: Vec<String> = (0..companies.len())
        .map(|i| {
            let p = 2 + 5 * i;
            format!(
                "(${}, ${}, ${}, ${}, ${}, 'Direct Sales', $1, $1)",
                p,
                p + 1,
                p + 2,
                p + 3,
                p + 4
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO accounts (id, name, domain, name_key, domain_key, owner, created_at, \
         updated_at) VALUES {}",
        rows.join(", ")
    );
    let mut query = sql::query(sqlx::AssertSqlSafe(sql)).bind(now);
    for (i, (company, (name_key, domain_key))) in companies.iter().zip(&keys).enumerate() {
        query = query
            .bind(first_id + i as i64)
            .bind(&company.name)
            .bind(&company.domain)
            .bind(name_key)
            .bind(domain_key.as_deref());
    }
    query.execute(&mut *conn).await?;
    add_blocks(conn, Holder::Account, first_id, &keys).await
}

/// Leads rather than deals: fewer columns, the same work for the conflict check.
async fn insert_leads(
    conn: &mut Conn,
    first_id: i64,
    companies: &[Company],
    organizations: &[i64],
    now: Timestamp,
) -> Result<(), StoreError> {
    let keys: Vec<_> = companies.iter().map(keys_of).collect();
    let rows: Vec<String> = (0..companies.len())
        .map(|i| {
            let p = 4 + 6 * i;
            let approved = (first_id + i as i64) % 2 == 0;
            format!(
                "(${}, ${}, 'Load Seller', 'seller@load.example', 'load', 'lead', ${}, ${}, ${}, \
                 ${}, 'US', 'Pat Buyer', 'pat@buyer.example', 'tech', 'Synthetic volume.', \
                 'sourced', '{}', 'none', $1, $2, {}, {}, $1)",
                p,
                p + 1,
                p + 2,
                p + 3,
                p + 4,
                p + 5,
                if approved { "approved" } else { "submitted" },
                if approved { "$1" } else { "NULL" },
                if approved { "$3" } else { "NULL" },
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO registrations (id, organization_id, submitter_name, submitter_email, \
         request_hash, kind, company_name, company_domain, name_key, domain_key, country, \
         contact_name, contact_email, motion, description, partner_role, status, conflict, \
         submitted_at, decide_by, decided_at, protection_ends_at, updated_at) VALUES {}",
        rows.join(", ")
    );
    let mut query = sql::query(sqlx::AssertSqlSafe(sql))
        .bind(now - DAY)
        .bind(now + DAY)
        .bind(now + 60 * DAY);
    for (i, (company, (name_key, domain_key))) in companies.iter().zip(&keys).enumerate() {
        let id = first_id + i as i64;
        query = query
            .bind(id)
            .bind(organizations[id as usize % organizations.len()])
            .bind(&company.name)
            .bind(&company.domain)
            .bind(name_key)
            .bind(domain_key.as_deref());
    }
    query.execute(&mut *conn).await?;
    add_blocks(conn, Holder::Registration, first_id, &keys).await
}

async fn add_blocks(
    conn: &mut Conn,
    holder: Holder,
    first_id: i64,
    keys: &[(String, Option<String>)],
) -> Result<(), StoreError> {
    let names: Vec<(i64, &str)> = keys
        .iter()
        .enumerate()
        .map(|(i, (name_key, _))| (first_id + i as i64, name_key.as_str()))
        .collect();
    blocks::add(conn, holder, &names).await
}
