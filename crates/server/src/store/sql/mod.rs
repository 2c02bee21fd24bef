//! The seam between the store and the two native drivers. A query is written once, in the
//! dialect both engines accept (`$n` placeholders, `RETURNING`), and runs on SQLite's or
//! PostgreSQL's own driver; rows decode straight from the driver's row into the row type, with
//! no engine-neutral copy in between.

mod builder;
mod query;

pub use builder::{Builder, Param};
pub use query::{Bind, Query, QueryAs, QueryScalar, Row, Value, query, query_as, query_scalar};

use sqlx::pool::PoolConnection;
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

/// The pool of either engine. Cheap to clone.
#[derive(Clone)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Pool {
    pub async fn close(&self) {
        match self {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }

    /// A connection of its own, e.g. for reads that belong together.
    pub async fn acquire(&self) -> Result<Conn, sqlx::Error> {
        Ok(Conn(match self {
            Pool::Sqlite(pool) => Handle::SqlitePooled(pool.acquire().await?),
            Pool::Postgres(pool) => Handle::Postgres(pool.acquire().await?),
        }))
    }

    /// A transaction from the pool: one snapshot for reads on SQLite (whose pool only reads),
    /// a read-write transaction on PostgreSQL.
    pub async fn begin(&self) -> Result<Conn, sqlx::Error> {
        Ok(Conn(match self {
            Pool::Sqlite(pool) => Handle::SqliteTx(pool.begin().await?),
            Pool::Postgres(pool) => Handle::PostgresTx(pool.begin().await?),
        }))
    }
}

/// One connection of either engine, possibly inside a transaction that `finish` ends.
pub struct Conn(Handle);

enum Handle {
    /// SQLite's writer's own connection, outside the pool.
    Sqlite(SqliteConnection),
    SqlitePooled(PoolConnection<Sqlite>),
    SqliteTx(Transaction<'static, Sqlite>),
    Postgres(PoolConnection<Postgres>),
    PostgresTx(Transaction<'static, Postgres>),
}

impl Conn {
    /// Wraps the SQLite connection the writer owns.
    pub fn sqlite(conn: SqliteConnection) -> Conn {
        Conn(Handle::Sqlite(conn))
    }

    /// Ends the transaction this connection is in, keeping or undoing its work; a connection
    /// outside a transaction has nothing to end.
    pub async fn finish(self, keep: bool) -> Result<(), sqlx::Error> {
        match self.0 {
            Handle::SqliteTx(tx) if keep => tx.commit().await,
            Handle::SqliteTx(tx) => tx.rollback().await,
            Handle::PostgresTx(tx) if keep => tx.commit().await,
            Handle::PostgresTx(tx) => tx.rollback().await,
            Handle::Sqlite(_) | Handle::SqlitePooled(_) | Handle::Postgres(_) => Ok(()),
        }
    }

    /// Runs statements without parameters or results, e.g. `BEGIN IMMEDIATE` or a `PRAGMA`.
    pub async fn run(&mut self, statements: &'static str) -> Result<(), sqlx::Error> {
        use sqlx::Executor as _;
        match self.handle() {
            HandleMut::Sqlite(c) => c.execute(statements).await.map(drop),
            HandleMut::Postgres(c) => c.execute(statements).await.map(drop),
        }
    }

    /// The connection as its engine's own type.
    fn handle(&mut self) -> HandleMut<'_> {
        match &mut self.0 {
            Handle::Sqlite(c) => HandleMut::Sqlite(c),
            Handle::SqlitePooled(c) => HandleMut::Sqlite(c),
            Handle::SqliteTx(c) => HandleMut::Sqlite(c),
            Handle::Postgres(c) => HandleMut::Postgres(c),
            Handle::PostgresTx(c) => HandleMut::Postgres(c),
        }
    }
}

/// A connection as its engine's own type.
enum HandleMut<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

/// Where a query runs: the pool (any free connection) or one connection.
pub enum Exec<'c> {
    Pool(&'c Pool),
    Conn(&'c mut Conn),
}

impl<'c> From<&'c Pool> for Exec<'c> {
    fn from(pool: &'c Pool) -> Self {
        Exec::Pool(pool)
    }
}

impl<'c> From<&'c mut Conn> for Exec<'c> {
    fn from(conn: &'c mut Conn) -> Self {
        Exec::Conn(conn)
    }
}

/// Evaluates `$sqlite` with `$e` bound to the SQLite executor the query runs on, or
/// `$postgres` with the PostgreSQL one: each driver takes its own types.
macro_rules! on_engine {
    ($exec:expr, |$e:ident| sqlite: $sqlite:expr, postgres: $postgres:expr) => {
        match $exec {
            Exec::Pool(Pool::Sqlite($e)) => $sqlite,
            Exec::Pool(Pool::Postgres($e)) => $postgres,
            Exec::Conn(conn) => match conn.handle() {
                HandleMut::Sqlite($e) => $sqlite,
                HandleMut::Postgres($e) => $postgres,
            },
        }
    };
}
use on_engine;
