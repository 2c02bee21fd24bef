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
pub mod conditions;
pub mod crm;
pub mod deliveries;
pub mod engagement;
pub mod integrations;
pub mod invitations;
pub mod numbers;
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
pub mod two_factor;
pub mod users;
pub mod webhooks;
mod writer;

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{ConnectOptions, Executor, SqliteConnection};

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

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("unsupported database URL {0:?}: use sqlite://… or postgres://…")]
    UnsupportedUrl(String),
    #[error("cannot create the database directory {0}: {1}")]
    Directory(PathBuf, std::io::Error),
    #[error("cannot make the database file {0} readable by its owner only: {1}")]
    Permissions(PathBuf, std::io::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("file storage: {0}")]
    Storage(#[from] object_store::Error),
    #[error("migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("e-mail: {0}")]
    Mail(String),
    #[error("demo data: {0}")]
    Demo(String),
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

/// SQLite's write connection comes first: it creates the file, sets WAL and migrates before
/// the read-only pool opens.
async fn open_sqlite(url: &str) -> Result<(Pool, Option<Arc<Writer>>), ConnectError> {
    let options = SqliteConnectOptions::from_str(url)?
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
        .pragma("wal_autocheckpoint", "0")
        .disable_statement_logging();
    let mut conn = options.connect().await?;
    sqlx::migrate!("migrations/sqlite").run(&mut conn).await?;
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|conn, _| Box::pin(read_only(conn)))
        .connect_with(options)
        .await?;
    Ok((Pool::Sqlite(pool), Some(Writer::new(Conn::sqlite(conn)))))
}

async fn open_postgres(url: &str) -> Result<Pool, ConnectError> {
    let options = PgConnectOptions::from_str(url)?.disable_statement_logging();
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
    sqlx::migrate!("migrations/postgres").run(&pool).await?;
    Ok(Pool::Postgres(pool))
}

/// WAL (set in `open_sqlite`) lets readers proceed while the writer commits; `synchronous =
/// NORMAL` syncs the log at checkpoints rather than at every commit (the README says what that
/// means on power loss). A commit that filled the log would also copy it into the database and
/// sync it, holding the write lock for tens of milliseconds: automatic checkpoints are off and
/// `checkpoints` does that beside the writer instead.
///
/// SQLite's pool connections only read: every write goes through the one writer, and one
/// that does not fails at once instead of waiting for the writer's lock.
async fn read_only(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    conn.execute("PRAGMA query_only = ON").await?;
    Ok(())
}

/// Copies SQLite's write-ahead log into the database every second without blocking writers
/// (`PASSIVE`), until the pool closes.
async fn checkpoints(pool: sqlx::SqlitePool) {
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if pool.is_closed() {
            return;
        }
        if let Err(e) = pool.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
            if pool.is_closed() {
                return;
            }
            tracing::warn!(error = %e, "WAL checkpoint failed");
        }
    }
}

/// Picks the engine and, for SQLite, makes sure the file can be created.
fn normalize_url(url: &str) -> Result<(Engine, String), ConnectError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Engine::Postgres, url.to_owned()));
    }
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Err(ConnectError::UnsupportedUrl(url.to_owned()));
    };
    let path = rest.split('?').next().unwrap_or_default();
    if let Some(dir) = Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| ConnectError::Directory(dir.to_owned(), e))?;
    }
    owner_only(Path::new(path))?;
    let url = if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    };
    Ok((Engine::Sqlite, url))
}

/// A database made before files were created owner-only is made so; SQLite gives its log
/// files the database file's mode.
fn owner_only(path: &Path) -> Result<(), ConnectError> {
    #[cfg(unix)]
    if path.is_file() {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| ConnectError::Permissions(path.to_owned(), e))?;
    }
    Ok(())
}

/// The directory that holds a SQLite database file, where local state such as the generated
/// secret key lives too. `None` for PostgreSQL.
pub fn sqlite_directory(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = Path::new(rest.split('?').next()?);
    Some(path.parent().map(Path::to_owned).unwrap_or_default())
}

/// Who may read partner data: one partner organization, or vendor staff.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Organization(i64),
    Vendor,
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

/// Splits a fetched `limit + 1` rows into a page and the cursor of the next one.
pub fn into_page<T, U, E>(
    mut rows: Vec<T>,
    limit: u32,
    id: impl Fn(&T) -> i64,
    convert: impl Fn(T) -> Result<U, E>,
) -> Result<portico_api::Page<U>, E> {
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|last| id(last).to_string())
    } else {
        None
    };
    Ok(portico_api::Page {
        items: rows.into_iter().map(convert).collect::<Result<_, _>>()?,
        next_cursor,
    })
}

/// `$start, $start+1, …` for `count` values, for `IN (…)` lists of bound parameters.
pub fn placeholders(start: usize, count: usize) -> String {
    (start..start + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
