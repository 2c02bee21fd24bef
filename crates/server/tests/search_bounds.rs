//! What keeps one content search cheap and one session's searching from slowing everyone else:
//! short words match whole words only, queries are limited in words and length, facets and
//! ranking stop at `COUNT_CAP` matches (and say so), each session has a search budget, and
//! PostgreSQL stops a search that runs too long. Runs on SQLite, and on PostgreSQL when
//! `PORTICO_TEST_POSTGRES_URL` is set.

use crate::common;

use std::time::Duration;

use common::*;
use portico_api::assets::COUNT_CAP;
use portico_server::demo::{asset_volume, files};
use portico_server::store::{Db, sql};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// A published asset with this title and body, for everyone; returns its id.
async fn published(manager: &Session, title: &str, body: &str) -> i64 {
    let metadata = json!({
        "title": title, "body": body, "kind": "battlecard", "language": "en",
        "motions": ["reseller"], "industries": ["Retail"],
    });
    let form = Form::new().text("metadata", metadata.to_string()).part(
        "file",
        Part::bytes(files::pdf(title, &[body])).file_name("deck.pdf"),
    );
    let response = manager
        .post("/api/assets")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let id = json(response, StatusCode::CREATED).await["asset"]["id"]
        .as_i64()
        .unwrap();
    let publish = manager
        .post(&format!("/api/assets/{id}/publish"))
        .send()
        .await
        .unwrap();
    json(publish, StatusCode::OK).await;
    id
}

async fn search(session: &Session, query: &str) -> Value {
    let response = session
        .get(&format!("/api/assets?{query}"))
        .send()
        .await
        .unwrap();
    json(response, StatusCode::OK).await
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

fn counts(page: &Value, facet: &str) -> Vec<i64> {
    page["facets"][facet]
        .as_array()
        .expect("facet")
        .iter()
        .map(|c| c["count"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn short_words_match_whole_words_and_queries_are_bounded() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    let short = published(&manager, "Qz rollout notes", "How the qz plan lands.").await;
    let long = published(&manager, "Qzarbo pricing", "Where qzarbo fits.").await;
    let alice = app.sign_in(ALICE).await;

    // Up to three letters find the word itself, not every word that starts with them.
    assert_eq!(ids(&search(&alice, "q=qz").await), vec![short]);
    assert_eq!(ids(&search(&alice, "q=QZ%20rollout").await), vec![short]);
    assert_eq!(ids(&search(&alice, "q=qza").await), Vec::<i64>::new());
    // From four letters on, a word is also a prefix.
    assert_eq!(ids(&search(&alice, "q=qzar").await), vec![long]);
    assert_eq!(ids(&search(&alice, "q=roll%20qz").await), vec![short]);

    let eleven = "q=one%20two%20three%20four%20five%20six%20seven%20eight%20nine%20ten%20eleven";
    let response = alice
        .get(&format!("/api/assets?{eleven}"))
        .send()
        .await
        .unwrap();
    let (code, body) = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(code, "validation_failed");
    assert_eq!(body["error"]["fields"]["q"], "Use at most 10 words.");
    let long_query = format!("q={}", "a".repeat(201));
    let response = alice
        .get(&format!("/api/assets?{long_query}"))
        .send()
        .await
        .unwrap();
    let (_, body) = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["error"]["fields"]["q"], "Use at most 200 characters.");
    // The same word many times is one word.
    let repeated = format!("q={}", ["qz"; 12].join("%20"));
    assert_eq!(ids(&search(&alice, &repeated).await), vec![short]);
}

#[tokio::test]
async fn counting_and_ranking_stop_at_the_cap_and_say_so() {
    let app = TestApp::start().await;
    let manager = app.sign_in(MANAGER).await;
    // Older than the library below, and the only asset with the word in its title: ranked over
    // every match it would come first.
    let oldest = published(&manager, "Kakapo battlecard", "Winning like the kakapo.").await;
    // Generated prose: two assets in three hold a word starting with "kaka".
    asset_volume::load(&app.state().db, 2_000, app.state().now())
        .await
        .unwrap();
    let alice = app.sign_in(ALICE).await;

    let broad = search(&alice, "q=kaka").await;
    assert_eq!(broad["capped"], true);
    assert_eq!(broad["total"], COUNT_CAP);
    let kinds = counts(&broad, "kind");
    assert!(kinds.iter().all(|n| *n <= COUNT_CAP), "{kinds:?}");
    // Counted over the newest matches only: more than the cap, far fewer than all of them.
    assert!(
        (COUNT_CAP..=COUNT_CAP + 1).contains(&kinds.iter().sum()),
        "{kinds:?}"
    );
    assert_eq!(ids(&broad).len(), 24);
    assert!(
        !ids(&broad).contains(&oldest),
        "only the newest matches are ranked"
    );
    // The pages of a capped query end with the hits.
    let last = search(&alice, "q=kaka&limit=100&cursor=1000").await;
    assert!(ids(&last).len() <= 1, "{}", ids(&last).len());
    assert_eq!(last["next_cursor"], Value::Null);

    // A narrower query is counted and ranked in full.
    let narrow = search(&alice, "q=kakapo").await;
    assert_eq!(narrow["capped"], false);
    assert_eq!(ids(&narrow), vec![oldest]);
    assert_eq!(narrow["total"], 1);

    // Browsing with no words or filters reads exact running totals.
    let hub = search(&alice, "limit=1").await;
    assert_eq!(hub["capped"], false);
    assert!(
        hub["total"].as_i64().unwrap() > COUNT_CAP,
        "{}",
        hub["total"]
    );
    // Managers' lists are counted over the newest matches too.
    let desk = search(&manager, "limit=1").await;
    assert_eq!(desk["capped"], true);
    assert_eq!(desk["total"], COUNT_CAP);
}

/// Each answer of a burst is a result or a refusal that says when to come back.
async fn outcome(response: reqwest::Response) -> StatusCode {
    let status = response.status();
    if status == StatusCode::TOO_MANY_REQUESTS {
        let retry_after: u64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(retry_after >= 1);
        let (code, body) = error(response, status).await;
        assert_eq!(code, "rate_limited");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("search"),
            "{body}"
        );
    } else {
        json(response, StatusCode::OK).await;
    }
    status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_session_has_a_search_budget_that_holds_under_a_burst() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    // The clock stands still, so the budget of 20 searches is not refilled during the test.
    let burst = (0..40).map(|i| alice.get(&format!("/api/assets?q=pricing{i}")).send());
    let mut answered = Vec::new();
    for response in futures_util::future::join_all(burst).await {
        answered.push(outcome(response.unwrap()).await);
    }
    let ok = answered.iter().filter(|s| **s == StatusCode::OK).count();
    assert!((1..=20).contains(&ok), "{answered:?}");
    assert!(ok < 40, "some searches of the burst were refused");
    // Searching one at a time uses up exactly the rest of the budget.
    let mut more = 0;
    while outcome(alice.get("/api/assets?q=pricing").send().await.unwrap()).await == StatusCode::OK
    {
        more += 1;
        assert!(ok + more <= 20, "the budget holds 20 searches");
    }
    assert_eq!(ok + more, 20);
    let refused = alice.get("/api/assets?q=pricing").send().await.unwrap();
    assert_eq!(refused.headers()["retry-after"], "1");
    outcome(refused).await;

    // Another session, of the same person or of another partner, has its own budget.
    for other in [app.sign_in(ALICE).await, app.sign_in(BOB).await] {
        search(&other, "q=pricing").await;
    }
    // Ten searches a second come back.
    app.clock.advance(1);
    for _ in 0..10 {
        search(&alice, "q=pricing").await;
    }
    outcome(alice.get("/api/assets?q=pricing").send().await.unwrap()).await;
    assert_eq!(
        alice
            .get("/api/assets?q=pricing")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_search_never_waits_long_behind_a_locked_library() {
    let app = TestApp::start().await;
    let alice = app.sign_in(ALICE).await;
    // The first visit to the hub is written down; the next one, a moment later, only reads.
    search(&alice, "q=overview").await;
    // Another server on the same database holds the lock.
    let locker = Db::open(&app.database_url).await.unwrap();
    let postgres = app.database_url.starts_with("postgres");
    // PostgreSQL: a lock that makes every read of the assets wait. SQLite: the write lock,
    // which readers never wait for.
    let lock = if postgres {
        "LOCK TABLE assets IN ACCESS EXCLUSIVE MODE"
    } else {
        "UPDATE assets SET use_count = use_count + 1"
    };
    let mut tx = locker.begin_write().await.unwrap();
    sql::query(lock).execute(&mut *tx).await.unwrap();
    let started = std::time::Instant::now();
    let response = tokio::time::timeout(
        Duration::from_secs(10),
        alice.get("/api/assets?q=overview").send(),
    )
    .await
    .expect("the search answers while the library is locked")
    .unwrap();
    if postgres {
        let (code, body) = error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(code, "unprocessable");
        assert_eq!(
            body["error"]["message"],
            "The search took too long. Narrow it down with more words or a filter."
        );
        assert!(started.elapsed() >= Duration::from_secs(2));
    } else {
        json(response, StatusCode::OK).await;
    }
    tx.roll_back().await.unwrap();
    search(&alice, "q=overview").await;
}
