//! The writer under cancellation at each await, failure, and a burst.
use std::time::Duration;

use sqlx::Connection as _;

use crate::store::{Db, WriteTx, sql};

fn url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}", dir.path().join("writer.db").display())
}

async fn database() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&url(&dir)).await.expect("open");
    let mut tx = db.begin_write().await.expect("writer");
    sql::query("CREATE TABLE words (word TEXT PRIMARY KEY)")
        .execute(&mut *tx)
        .await
        .expect("table");
    tx.commit().await.expect("table committed");
    (db, dir)
}

async fn insert(tx: &mut WriteTx, word: &str) -> Result<(), sqlx::Error> {
    sql::query("INSERT INTO words (word) VALUES ($1)")
        .bind(word.to_owned())
        .execute(&mut **tx)
        .await
        .map(drop)
}

async fn words(db: &Db) -> Vec<String> {
    sql::query_scalar("SELECT word FROM words ORDER BY word")
        .fetch_all(db.pool())
        .await
        .expect("words")
}

/// Lets the spawned tasks run as far as they can.
async fn settle_down() {
    tokio::time::sleep(Duration::from_millis(50)).await;
}

#[tokio::test]
async fn a_writer_is_answered_after_the_batch_that_holds_its_work_commits() {
    let (db, _dir) = database().await;
    let mut first = db.begin_write().await.expect("first");
    insert(&mut first, "alpha").await.expect("alpha");
    let (go, wait) = tokio::sync::oneshot::channel::<()>();
    let second = tokio::spawn({
        let db = db.clone();
        async move {
            let mut tx = db.begin_write().await.expect("second");
            wait.await.expect("go");
            insert(&mut tx, "beta").await.expect("beta");
            tx.commit().await
        }
    });
    settle_down().await;
    // Someone is queued, so the first unit's work waits in the open batch for the second.
    let first = tokio::spawn(first.commit());
    settle_down().await;
    assert!(!first.is_finished(), "answered before its batch committed");
    assert!(words(&db).await.is_empty(), "the batch committed early");
    go.send(()).expect("second waits");
    second.await.expect("task").expect("second committed");
    first.await.expect("task").expect("first committed");
    assert_eq!(words(&db).await, ["alpha", "beta"]);
}

#[tokio::test]
async fn a_failing_unit_undoes_only_its_own_work() {
    let (db, _dir) = database().await;
    let mut first = db.begin_write().await.expect("first");
    insert(&mut first, "alpha").await.expect("alpha");
    let second = tokio::spawn({
        let db = db.clone();
        async move {
            let mut tx = db.begin_write().await.expect("second");
            insert(&mut tx, "beta").await.expect("beta");
            let duplicate = insert(&mut tx, "alpha").await;
            assert!(duplicate.is_err(), "alpha is in the batch already");
            tx.roll_back().await
        }
    });
    settle_down().await;
    let first = tokio::spawn(first.commit());
    second.await.expect("task").expect("rolled back");
    first.await.expect("task").expect("first committed");
    assert_eq!(words(&db).await, ["alpha"]);
}

#[tokio::test]
async fn a_unit_dropped_midway_leaves_nothing_and_the_writer_goes_on() {
    let (db, dir) = database().await;
    let mut dropped = db.begin_write().await.expect("dropped");
    insert(&mut dropped, "ghost").await.expect("ghost");
    drop(dropped);
    settle_down().await;
    // Nothing holds SQLite's write lock once the dropped unit is tidied away: a connection
    // of another program can write.
    let mut other = sqlx::SqliteConnection::connect(&url(&dir))
        .await
        .expect("another connection");
    let outside = sqlx::query("INSERT INTO words (word) VALUES ('outside')").execute(&mut other);
    let outside = tokio::time::timeout(Duration::from_secs(2), outside).await;
    outside.expect("not blocked").expect("inserted");
    let mut next = db.begin_write().await.expect("next");
    insert(&mut next, "alpha").await.expect("alpha");
    next.commit().await.expect("next committed");
    assert_eq!(words(&db).await, ["alpha", "outside"]);
}

#[tokio::test]
async fn a_writer_that_gives_up_waiting_does_not_hold_the_batch_open() {
    let (db, _dir) = database().await;
    let mut first = db.begin_write().await.expect("first");
    insert(&mut first, "alpha").await.expect("alpha");
    let mut queued = Box::pin(db.begin_write());
    let polled = std::future::poll_fn(|cx| std::task::Poll::Ready(queued.as_mut().poll(cx)));
    assert!(
        polled.await.is_pending(),
        "the second writer waits for its turn"
    );
    let first = tokio::spawn(first.commit());
    settle_down().await;
    // The first unit saw a writer queued and left the batch open for it; that writer goes
    // away before it takes its turn, so nobody would add to the batch or commit it.
    drop(queued);
    let answered = tokio::time::timeout(Duration::from_secs(5), first).await;
    answered
        .expect("answered")
        .expect("task")
        .expect("committed");
    assert_eq!(words(&db).await, ["alpha"]);
}

#[test]
fn a_runtime_that_stops_with_a_unit_open_lets_go_of_the_writer() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (db, _dir) = runtime.block_on(database());
    runtime.block_on(async {
        tokio::spawn(async move {
            let _open = db.begin_write().await.expect("begun");
            std::future::pending::<()>().await;
        });
        settle_down().await;
    });
    // Stopping cancels the task holding the unit; settling it must not start a task that,
    // cancelled at once by the stopping runtime, hands the connection on again forever.
    drop(runtime);
}

#[tokio::test]
async fn a_burst_of_writers_all_land() {
    let (db, _dir) = database().await;
    let writers = (0..40).map(|i| {
        let db = db.clone();
        tokio::spawn(async move {
            let mut tx = db.begin_write().await?;
            insert(&mut tx, &format!("w{i:02}")).await?;
            tx.commit().await
        })
    });
    for writer in writers.collect::<Vec<_>>() {
        writer.await.expect("task").expect("committed");
    }
    assert_eq!(words(&db).await.len(), 40);
}

#[tokio::test]
async fn the_read_pool_refuses_to_write() {
    let (db, _dir) = database().await;
    let write = sql::query("INSERT INTO words (word) VALUES ('sideways')")
        .execute(db.pool())
        .await;
    let refusal = write.expect_err("a pool connection wrote").to_string();
    assert!(refusal.contains("readonly"), "{refusal}");
    assert!(words(&db).await.is_empty());
}
