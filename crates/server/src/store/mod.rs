//! SQL. Every query is written once in the dialect both engines accept (`$n` placeholders,
//! `RETURNING`, integers for time) and runs on the engine's own driver (`sql`). Row types are read here and converted
//! into `portico_api` types field by field, so a new column cannot leak without a decision.

pub mod account_names;
pub mod accounts;
pub mod announcements;
pub mod asset_search;
pub mod asset_usage;
pub mod assets;
pub mod audit;
pub mod blocks;
pub mod card_links;
pub mod cards;
pub mod certifications;
pub mod channel_data;
pub mod conditions;
mod connect;
pub mod crm;
pub mod deliveries;
pub mod engagement;
pub mod incentives;
pub mod integrations;
pub mod invitations;
pub mod numbers;
pub mod onboarding;
pub mod opportunities;
pub mod organizations;
pub mod outbox;
pub mod pending_sign_ins;
pub mod portal_settings;
pub mod preferences;
pub mod products;
pub mod registration_links;
pub mod registrations;
pub mod sessions;
pub mod sign_in_links;
pub mod sql;
pub mod throttles;
pub mod tiers;
pub mod two_factor;
pub mod users;
pub mod webhooks;
mod writer;

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

pub use connect::{ConnectError, sqlite_directory};
use connect::{checkpoints, normalize_url, open_postgres, open_sqlite};
use sql::{Conn, Pool};

use writer::Writer;

/// Which database the URL named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    /// Reads on both engines; writes too on PostgreSQL.
    pool: Pool,
    engine: Engine,
    /// SQLite's one write connection (`None` on PostgreSQL).
    writer: Option<Arc<Writer>>,
}

/// A transaction that writes: a unit of work on SQLite's writer, or a PostgreSQL transaction.
/// Dropped without `commit`, it is undone.
pub struct WriteTx(Write);

enum Write {
    Sqlite(writer::Turn),
    /// A transaction from the pool.
    Postgres(Conn),
}

impl WriteTx {
    /// Keeps what the transaction wrote; answers once it is committed.
    pub async fn commit(self) -> StoreResult<()> {
        match self.0 {
            Write::Sqlite(turn) => turn.commit().await,
            Write::Postgres(tx) => Ok(tx.finish(true).await?),
        }
    }

    /// Undoes what the transaction wrote. On SQLite it answers once the writes of the units
    /// batched before it are committed, so a caller that reads next sees them.
    pub async fn roll_back(self) -> StoreResult<()> {
        match self.0 {
            Write::Sqlite(turn) => turn.roll_back().await,
            Write::Postgres(tx) => Ok(tx.finish(false).await?),
        }
    }
}

impl Deref for WriteTx {
    type Target = Conn;

    fn deref(&self) -> &Self::Target {
        match &self.0 {
            Write::Sqlite(turn) => turn,
            Write::Postgres(tx) => tx,
        }
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match &mut self.0 {
            Write::Sqlite(turn) => turn,
            Write::Postgres(tx) => tx,
        }
    }
}

impl Db {
    /// Connects, creating a SQLite file (and its directory) when missing, migrates, and brings
    /// the stored matching keys up to the code's matching rules.
    pub async fn open(url: &str) -> Result<Db, ConnectError> {
        let (engine, url) = normalize_url(url)?;
        let (pool, writer) = match engine {
            Engine::Sqlite => open_sqlite(&url).await?,
            Engine::Postgres => (open_postgres(&url).await?, None),
        };
        let db = Db {
            pool,
            engine,
            writer,
        };
        blocks::refresh(&db).await?;
        if let Pool::Sqlite(pool) = &db.pool {
            tokio::spawn(checkpoints(pool.clone()));
        }
        Ok(db)
    }

    /// A transaction that reads and then writes. On SQLite it waits for its turn on the one
    /// writer (`writer/`), so writers queue in order instead of polling for SQLite's lock;
    /// PostgreSQL's row locks and unique keys already order them.
    pub async fn begin_write(&self) -> StoreResult<WriteTx> {
        Ok(WriteTx(match &self.writer {
            Some(writer) => Write::Sqlite(writer.begin().await?),
            None => Write::Postgres(self.pool.begin().await?),
        }))
    }

    /// Runs one write on its own: on the writer (SQLite) or in a transaction (PostgreSQL). A
    /// write that fails is undone before its error is answered.
    pub async fn write<T>(
        &self,
        work: impl AsyncFnOnce(&mut Conn) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut tx = self.begin_write().await?;
        match work(&mut tx).await {
            Ok(value) => {
                tx.commit().await?;
                Ok(value)
            }
            Err(e) => {
                if let Err(undone) = tx.roll_back().await {
                    tracing::warn!(error = %undone, "rolling back a failed write failed");
                }
                Err(e)
            }
        }
    }

    /// A connection for reads that belong together, outside any write turn.
    pub async fn acquire(&self) -> StoreResult<Conn> {
        Ok(self.pool.acquire().await?)
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sql::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Who may read partner data: one partner organization, or vendor staff.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Organization(i64),
    Vendor,
}

impl Scope {
    /// The one organization the scope is limited to; none for vendor staff.
    pub fn organization_id(self) -> Option<i64> {
        match self {
            Scope::Organization(id) => Some(id),
            Scope::Vendor => None,
        }
    }
}

/// What can go wrong in the store. Callers above it decide what each means to them; a
/// violated unique key is told apart because several of them answer it to the person.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique key already holds the value written.
    #[error("unique key violated: {0}")]
    Duplicate(#[source] sqlx::Error),
    #[error(transparent)]
    Database(sqlx::Error),
    /// The SQLite write batch that held this change could not be committed.
    #[error("the write batch failed: {0}")]
    Batch(String),
    /// A stored value this code cannot read, e.g. an enum value it does not know.
    #[error("unreadable stored value: {0}")]
    Unreadable(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        let unique = error
            .as_database_error()
            .is_some_and(|e| e.is_unique_violation());
        if unique {
            StoreError::Duplicate(error)
        } else {
            StoreError::Database(error)
        }
    }
}

impl StoreError {
    pub fn unreadable(what: impl std::fmt::Display) -> Self {
        StoreError::Unreadable(what.to_string())
    }

    /// True when the write broke a unique key, on either engine.
    pub fn is_duplicate(&self) -> bool {
        matches!(self, StoreError::Duplicate(_))
    }
}

/// Splits a fetched `limit + 1` rows into a page and the cursor of the next one, which
/// `cursor` makes of the page's last row (its id, or a keyset).
pub fn page_of<T, U, C: ToString>(
    mut rows: Vec<T>,
    limit: u32,
    cursor: impl Fn(&T) -> C,
    convert: impl Fn(T) -> U,
) -> portico_api::Page<U> {
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|last| cursor(last).to_string())
    } else {
        None
    };
    portico_api::Page {
        items: rows.into_iter().map(convert).collect(),
        next_cursor,
    }
}

/// [`page_of`] with a conversion that can fail.
pub fn into_page<T, U, E, C: ToString>(
    rows: Vec<T>,
    limit: u32,
    cursor: impl Fn(&T) -> C,
    convert: impl Fn(T) -> Result<U, E>,
) -> Result<portico_api::Page<U>, E> {
    let page = page_of(rows, limit, cursor, convert);
    Ok(portico_api::Page {
        items: page.items.into_iter().collect::<Result<_, _>>()?,
        next_cursor: page.next_cursor,
    })
}
