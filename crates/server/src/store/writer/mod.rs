//! SQLite's one writer: a single connection that every write transaction of the process runs
//! on, with group commit.
//!
//! Writers queue for the connection in arrival order. Each one runs inside a savepoint of the
//! open batch transaction, so a failing one rolls back only its own work. When a writer ends
//! and nobody is queued (or the batch is full) the batch commits; otherwise it stays open for
//! the next writer. Every writer is answered only after the batch that holds its work has
//! committed, so what it reads afterwards through the read pool includes it.
//!
//! A caller may be cancelled at any await (a client that goes away drops its request). So the
//! statements that open, close and commit run in tasks of their own that own the connection,
//! and a connection left behind mid-unit is tidied before anyone uses it again: [`Held`]
//! hands it to a settling task when it is dropped without being finished.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::sql::Conn;
use tokio::sync::{Mutex, OwnedMutexGuard, watch};

use super::{StoreError, StoreResult};

/// Most units one commit carries, so that a steady stream of writers still commits regularly.
const MOST_UNITS_PER_BATCH: usize = 64;

/// What a batch's commit came to; `None` until it has ended.
type Outcome = Option<Result<(), String>>;

pub struct Writer {
    slot: Arc<Mutex<Slot>>,
    /// Writers waiting for the connection. A batch stays open while there are some.
    queued: AtomicUsize,
}

struct Slot {
    conn: Conn,
    batch: Option<Batch>,
    /// A unit's savepoint is open: its writer is running, or went away without ending it.
    unit_open: bool,
}

struct Batch {
    units: usize,
    ended: watch::Sender<Outcome>,
}

impl Writer {
    pub fn new(conn: Conn) -> Arc<Writer> {
        Arc::new(Writer {
            slot: Arc::new(Mutex::new(Slot {
                conn,
                batch: None,
                unit_open: false,
            })),
            queued: AtomicUsize::new(0),
        })
    }

    /// Waits for the connection, then opens a unit of work in the current batch.
    pub async fn begin(self: &Arc<Self>) -> StoreResult<Turn> {
        let ticket = Ticket::queue(self);
        let guard = Arc::clone(&self.slot).lock_owned().await;
        ticket.admitted();
        let mut held = Held::new(guard, self);
        let (held, opened) = in_own_task(async move {
            let opened = held.slot().open_unit().await;
            (held, opened)
        })
        .await?;
        let ended = opened?;
        Ok(Turn { held, ended })
    }

    fn idle(&self) -> bool {
        self.queued.load(Ordering::SeqCst) == 0
    }

    /// Takes the connection to tidy after a writer that went away, and commits the batch if
    /// nobody else will.
    fn settle_later(self: &Arc<Self>) {
        let writer = Arc::clone(self);
        spawn_detached(async move {
            let guard = Arc::clone(&writer.slot).lock_owned().await;
            settle(guard, writer).await;
        });
    }
}

/// Tidies the connection after a writer that went away, and commits the batch if nobody else
/// will. Cancelled itself (the runtime shutting down) it only lets go of the connection, which
/// the next writer tidies: handing it on again from there would never end.
async fn settle(mut slot: OwnedMutexGuard<Slot>, writer: Arc<Writer>) {
    slot.tidy().await;
    slot.end_batch_if(writer.idle()).await;
}

/// One writer's unit of work: its savepoint on the writer's connection.
pub struct Turn {
    held: Held,
    ended: watch::Receiver<Outcome>,
}

impl Turn {
    /// Keeps the unit's work and answers once its batch has committed.
    pub async fn commit(self) -> StoreResult<()> {
        self.end(true).await
    }

    /// Drops the unit's work, and waits for the batch it was part of, so that what the
    /// writers before it wrote is committed when this one answers.
    pub async fn roll_back(self) -> StoreResult<()> {
        self.end(false).await
    }

    async fn end(self, keep: bool) -> StoreResult<()> {
        let Turn { held, mut ended } = self;
        let closed = in_own_task(async move {
            let mut held = held;
            let idle = held.writer.idle();
            let slot = held.slot();
            let closed = slot.close_unit(keep).await;
            slot.end_batch_if(idle).await;
            held.release();
            closed
        })
        .await?;
        closed?;
        let outcome = ended
            .wait_for(Option::is_some)
            .await
            .map_err(|_| StoreError::Batch("the writer closed before committing".into()))?
            .clone();
        match outcome {
            Some(Err(why)) if keep => Err(StoreError::Batch(why)),
            _ => Ok(()),
        }
    }
}

impl Deref for Turn {
    type Target = Conn;

    fn deref(&self) -> &Conn {
        &self.held.guard().conn
    }
}

impl DerefMut for Turn {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.held.slot().conn
    }
}

impl Slot {
    async fn open_unit(&mut self) -> StoreResult<watch::Receiver<Outcome>> {
        self.tidy().await;
        if self.batch.is_none() {
            self.conn.run("BEGIN IMMEDIATE").await?;
            self.batch = Some(Batch {
                units: 0,
                ended: watch::Sender::new(None),
            });
        }
        let batch = self.batch.as_ref().expect("opened above");
        let ended = batch.ended.subscribe();
        if let Err(e) = self.conn.run("SAVEPOINT unit").await {
            self.abort_batch(&e.to_string()).await;
            return Err(e.into());
        }
        self.unit_open = true;
        Ok(ended)
    }

    /// Ends the open unit: keeps its work (`RELEASE`) or undoes it (`ROLLBACK TO`).
    async fn close_unit(&mut self, keep: bool) -> StoreResult<()> {
        let statement = if keep {
            "RELEASE SAVEPOINT unit"
        } else {
            "ROLLBACK TO SAVEPOINT unit; RELEASE SAVEPOINT unit"
        };
        self.unit_open = false;
        match self.conn.run(statement).await {
            Ok(_) => {
                if keep && let Some(batch) = &mut self.batch {
                    batch.units += 1;
                }
                Ok(())
            }
            // SQLite undoes the whole transaction on some errors (a full disk, an I/O error);
            // the savepoint is then gone, and with it every unit of the batch.
            Err(e) => {
                self.abort_batch(&e.to_string()).await;
                Err(e.into())
            }
        }
    }

    /// Undoes a unit whose writer went away before ending it.
    async fn tidy(&mut self) {
        if self.unit_open {
            let _ = self.close_unit(false).await;
        }
    }

    /// Commits the batch when nobody is waiting to add to it, or when it is full.
    async fn end_batch_if(&mut self, idle: bool) {
        let Some(batch) = &self.batch else {
            return;
        };
        if !idle && batch.units < MOST_UNITS_PER_BATCH {
            return;
        }
        let outcome = match self.conn.run("COMMIT").await {
            Ok(_) => Ok(()),
            Err(e) => {
                let _ = self.conn.run("ROLLBACK").await;
                Err(e.to_string())
            }
        };
        if let Some(batch) = self.batch.take() {
            batch.ended.send_replace(Some(outcome));
        }
    }

    async fn abort_batch(&mut self, why: &str) {
        let _ = self.conn.run("ROLLBACK").await;
        self.unit_open = false;
        if let Some(batch) = self.batch.take() {
            batch.ended.send_replace(Some(Err(why.to_owned())));
        }
    }
}

/// The connection, held. Dropped without [`Held::release`] (its owner was cancelled), it
/// passes the connection to a task that tidies it, rather than letting the next writer find a
/// half-finished unit or the batch stay open with nobody to commit it.
struct Held {
    guard: Option<OwnedMutexGuard<Slot>>,
    writer: Arc<Writer>,
}

impl Held {
    fn new(guard: OwnedMutexGuard<Slot>, writer: &Arc<Writer>) -> Held {
        Held {
            guard: Some(guard),
            writer: Arc::clone(writer),
        }
    }

    fn guard(&self) -> &Slot {
        self.guard.as_ref().expect("held until released")
    }

    fn slot(&mut self) -> &mut Slot {
        self.guard.as_mut().expect("held until released")
    }

    fn release(&mut self) {
        self.guard = None;
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(guard) = self.guard.take() {
            spawn_detached(settle(guard, Arc::clone(&self.writer)));
        }
    }
}

/// A writer waiting for the connection. Cancelled while waiting, it makes sure the batch it
/// might have joined is not left open for it.
struct Ticket<'a> {
    writer: &'a Arc<Writer>,
    admitted: bool,
}

impl<'a> Ticket<'a> {
    fn queue(writer: &'a Arc<Writer>) -> Ticket<'a> {
        writer.queued.fetch_add(1, Ordering::SeqCst);
        Ticket {
            writer,
            admitted: false,
        }
    }

    fn admitted(mut self) {
        self.admitted = true;
    }
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        self.writer.queued.fetch_sub(1, Ordering::SeqCst);
        if !self.admitted {
            self.writer.settle_later();
        }
    }
}

/// Runs `work` to its end even if the caller stops waiting for it.
async fn in_own_task<T: Send + 'static>(
    work: impl Future<Output = T> + Send + 'static,
) -> StoreResult<T> {
    tokio::spawn(work)
        .await
        .map_err(|e| StoreError::Batch(format!("the writer's task failed: {e}")))
}

fn spawn_detached(work: impl Future<Output = ()> + Send + 'static) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(work);
    }
}

#[cfg(test)]
mod tests;
