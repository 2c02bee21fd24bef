//! The unit of work: one write transaction, and everything a use case produces besides its
//! own rows. Audit records and outbox messages are collected while the use case runs and
//! written just before the commit, in the order they were produced, so a change and its trace
//! commit together or not at all. After the commit the workers that have something new to
//! deliver are woken once.
//!
//! A use case's body is an async closure that receives the unit of work; `run` begins it,
//! commits when the body succeeds and drops it (rolling back) when it fails, so the outcome
//! only comes out of a committed unit of work. On SQLite the transaction is a savepoint on the
//! one writer, which commits several units together (`store/writer/`).

use portico_api::integrations::WebhookEventType;

use crate::app::AppResult;
use crate::clock::Timestamp;
use crate::domain::sealed::Sealer;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::outbox::{self, Message};
use crate::store::sql::Conn;
use crate::store::{Db, WriteTx, webhooks};

pub struct UnitOfWork {
    tx: WriteTx,
    now: Timestamp,
    now_ms: i64,
    sealer: Sealer,
    audit: Vec<AuditEntry>,
    messages: Vec<Message>,
    wake: Wake,
}

/// A webhook event about a subject. Its payload is the subject as it is at the moment of
/// publishing, so `publish` writes it at once rather than at the commit: a second change to
/// the same subject in the same unit of work must not rewrite the first event.
pub enum Event<'a> {
    Registration(i64, WebhookEventType),
    /// An opportunity left `from_stage`.
    StageChanged {
        opportunity_id: i64,
        from_stage: &'a str,
    },
    AssetPublished(i64),
}

/// A background worker that delivers what units of work leave behind.
pub enum Worker {
    /// Webhook deliveries.
    Webhooks,
    /// E-mail and Slack deliveries of outbox messages.
    Outbox,
}

/// Which workers a committed unit of work gave something to deliver.
#[derive(Default)]
#[must_use]
struct Wake {
    webhooks: bool,
    outbox: bool,
}

/// Runs `work` on a unit of work at the clock's current time and commits it; wakes this
/// instance's webhook and outbox workers when it published or wrote a message.
pub async fn run<T>(
    state: &AppState,
    work: impl AsyncFnOnce(&mut UnitOfWork) -> AppResult<T>,
) -> AppResult<T> {
    let (outcome, wake) = run_at(&state.db, &state.sealer, state.now_ms(), work).await?;
    if wake.webhooks {
        state.webhook_signal.notify_one();
    }
    if wake.outbox {
        state.outbox_signal.notify_one();
    }
    Ok(outcome)
}

/// Runs `work` as if it happened at `at`, for data written before any worker runs (the demo).
pub async fn run_seeding<T>(
    db: &Db,
    sealer: &Sealer,
    at: Timestamp,
    work: impl AsyncFnOnce(&mut UnitOfWork) -> AppResult<T>,
) -> AppResult<T> {
    let (outcome, _nothing_runs_yet) = run_at(db, sealer, at * 1000, work).await?;
    Ok(outcome)
}

async fn run_at<T>(
    db: &Db,
    sealer: &Sealer,
    now_ms: i64,
    work: impl AsyncFnOnce(&mut UnitOfWork) -> AppResult<T>,
) -> AppResult<(T, Wake)> {
    let mut unit = UnitOfWork {
        tx: db.begin_write().await?,
        now: now_ms.div_euclid(1000),
        now_ms,
        sealer: sealer.clone(),
        audit: Vec::new(),
        messages: Vec::new(),
        wake: Wake::default(),
    };
    let outcome = match work(&mut unit).await {
        Ok(outcome) => outcome,
        Err(e) => {
            // Waits for the writes batched before this one, which the caller may read next.
            if let Err(undone) = unit.tx.roll_back().await {
                tracing::warn!(error = %undone, "rolling back a failed unit of work failed");
            }
            return Err(e);
        }
    };
    let wake = unit.commit().await?;
    Ok((outcome, wake))
}

impl UnitOfWork {
    /// The transaction, for the use case's own reads and writes through the store.
    pub fn tx(&mut self) -> &mut Conn {
        &mut self.tx
    }

    /// When the unit of work happens: one time for every record it writes.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// The day of `now` in UTC, as `YYYY-MM-DD`.
    pub fn today(&self) -> String {
        portico_api::date::Date::from_unix(self.now).to_string()
    }

    pub fn now_ms(&self) -> i64 {
        self.now_ms
    }

    /// Adds an audit record, written with the change.
    pub fn record(&mut self, entry: AuditEntry) {
        self.audit.push(entry);
    }

    /// Adds a message to the outbox, written with the change and delivered after it.
    pub fn notify(&mut self, message: Message) {
        self.messages.push(message);
        self.wake.outbox = true;
    }

    /// Writes a message to the outbox at once and answers how many deliveries it made, for a
    /// use case that reports whom it reached; it is delivered after the commit like the rest.
    pub async fn notify_now(&mut self, message: &Message) -> AppResult<u64> {
        let made = outbox::enqueue(&mut self.tx, &self.sealer, message, self.now_ms).await?;
        self.wake.outbox = true;
        Ok(made)
    }

    /// Wakes the worker after the commit, for deliveries the use case made due itself (a
    /// replay, an endpoint enabled again); publishing and messages wake theirs on their own.
    pub fn wake(&mut self, worker: Worker) {
        match worker {
            Worker::Webhooks => self.wake.webhooks = true,
            Worker::Outbox => self.wake.outbox = true,
        }
    }

    /// Writes a webhook event for each endpoint that wants it; they are sent after the commit.
    pub async fn publish(&mut self, event: Event<'_>) -> AppResult<()> {
        let now_ms = self.now_ms;
        let tx = &mut *self.tx;
        match event {
            Event::Registration(id, event_type) => {
                webhooks::publish_registration(tx, id, event_type, now_ms).await?
            }
            Event::StageChanged {
                opportunity_id,
                from_stage,
            } => webhooks::publish_stage_change(tx, opportunity_id, from_stage, now_ms).await?,
            Event::AssetPublished(id) => webhooks::publish_asset(tx, id, now_ms).await?,
        }
        self.wake.webhooks = true;
        Ok(())
    }

    async fn commit(mut self) -> AppResult<Wake> {
        for entry in &self.audit {
            audit::record(&mut *self.tx, entry, self.now).await?;
        }
        for message in &self.messages {
            outbox::enqueue(&mut self.tx, &self.sealer, message, self.now_ms).await?;
        }
        self.tx.commit().await?;
        Ok(self.wake)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::AppError;
    use crate::store::outbox::Recipients;
    use crate::store::sql;

    async fn database() -> (Db, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("uow.db").display());
        (Db::open(&url).await.expect("open"), dir)
    }

    fn entry() -> AuditEntry {
        AuditEntry::new(None, "test.done", "test", Some(1))
    }

    fn message() -> Message {
        Message {
            category: portico_api::notifications::Category::AccountSecurity,
            to: Recipients::Address {
                email: "someone@example.org".into(),
                user_id: None,
            },
            registration_id: None,
            subject: "Subject".into(),
            body: "Body".into(),
            link: None,
        }
    }

    async fn count(db: &Db, table: &str) -> i64 {
        sql::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(db.pool())
            .await
            .expect("count")
    }

    #[tokio::test]
    async fn what_a_use_case_collects_is_written_with_its_commit_and_wakes_its_workers() {
        let (db, _dir) = database().await;
        let sealer = Sealer::new("a test key that is long enough to use");
        let (answer, wake) = run_at(&db, &sealer, 1_000_000, async |unit| {
            unit.record(entry());
            unit.notify(message());
            Ok(42)
        })
        .await
        .expect("committed");
        assert_eq!(answer, 42);
        assert!(wake.outbox && !wake.webhooks);
        assert_eq!(count(&db, "audit_log").await, 1);
        assert_eq!(count(&db, "outbox").await, 1);
        let at: i64 = sql::query_scalar("SELECT at FROM audit_log")
            .fetch_one(db.pool())
            .await
            .expect("at");
        assert_eq!(at, 1_000);
    }

    #[tokio::test]
    async fn a_use_case_that_fails_leaves_nothing_behind() {
        let (db, _dir) = database().await;
        let sealer = Sealer::new("a test key that is long enough to use");
        let failed = run_seeding(&db, &sealer, 1_000, async |unit| {
            unit.record(entry());
            unit.notify(message());
            unit.notify_now(&message()).await?;
            Err::<(), _>(AppError::conflict("no"))
        })
        .await;
        assert!(matches!(failed, Err(AppError::Conflict(..))));
        assert_eq!(count(&db, "audit_log").await, 0);
        assert_eq!(count(&db, "outbox").await, 0);
    }
}
