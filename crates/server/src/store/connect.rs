//! Opening the database: the engine the URL names, SQLite's file and its settings, the write
//! connection and the read-only pool, PostgreSQL's pool, the migrations, the checkpoints.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{ConnectOptions, Executor, SqliteConnection};

use super::sql::{Conn, Pool};
use super::writer::Writer;
use super::{Engine, StoreError};

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

/// The writer's page cache (32 MB, where SQLite's default is 2 MB): bulk writes such as report
/// imports add to indexes at random places, and with the default cache a million-row import
/// spends its time re-reading index pages.
const WRITER_CACHE: &str = "PRAGMA cache_size = -32768";

/// SQLite's write connection comes first: it creates the file, sets WAL and migrates before
/// the read-only pool opens.
pub(super) async fn open_sqlite(url: &str) -> Result<(Pool, Option<Arc<Writer>>), ConnectError> {
    let options = SqliteConnectOptions::from_str(url)?
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
        .pragma("wal_autocheckpoint", "0")
        .disable_statement_logging();
    let mut conn = options.connect().await?;
    sqlx::migrate!("migrations/sqlite").run(&mut conn).await?;
    conn.execute(WRITER_CACHE).await?;
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|conn, _| Box::pin(read_only(conn)))
        .connect_with(options)
        .await?;
    Ok((Pool::Sqlite(pool), Some(Writer::new(Conn::sqlite(conn)))))
}

pub(super) async fn open_postgres(url: &str) -> Result<Pool, ConnectError> {
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
pub(super) async fn checkpoints(pool: sqlx::SqlitePool) {
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
pub(super) fn normalize_url(url: &str) -> Result<(Engine, String), ConnectError> {
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
