//! `POST /api/registrations` end to end: eight clients submitting back to back over HTTP to a
//! real server on SQLite that holds 1,000,000 accounts and 200,000 live registrations. Prints
//! the latency percentiles; the target is p99 ≤ 25 ms on a two-core machine.
//!
//! The loaded database takes a few minutes to build; it is kept under the target directory
//! (rebuilt when older than 30 days, as its protection windows run out) and each run works on
//! a copy. Half the submissions name a company of the book (some by domain, some by a variant
//! of the name), half a company new to the portal.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use portico_api::date::Date;
use portico_server::demo;
use portico_server::demo::volume::{Companies, GENERATION};
use portico_server::domain::blocking::MATCHING_VERSION;
use portico_server::startup::{self, Settings};
use portico_server::store::Db;
use serde_json::{Value, json};

const ACCOUNTS: usize = 1_000_000;
const REGISTRATIONS: usize = 200_000;
const CLIENTS: usize = 8;
const WARM_UP: Duration = Duration::from_secs(2);
const MEASURED: Duration = Duration::from_secs(15);
const PARTNER: &str = "alice@northwind.example";
const SECRET_KEY: &str = "bench-secret-key-long-enough-to-use";

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and gets no load run.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let loaded = loaded_database().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db_path = dir.path().join("portico.db");
    std::fs::copy(&loaded, &db_path).expect("copy the loaded database");

    let url = format!("sqlite://{}", db_path.display());
    let mut settings = Settings::new(url, SECRET_KEY, "http://127.0.0.1");
    settings.rules.submissions_per_hour = 1_000_000;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = startup::spawn(settings, listener)
        .await
        .expect("server starts");
    let base = format!("http://{}", server.addr);

    let client = Client::sign_in(&base).await;
    let form = Form::new(&client).await;
    let started = Instant::now();
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|n| tokio::spawn(submit_until(client.clone(), form.clone(), n, started)))
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.extend(task.await.unwrap());
    }
    server.stop().await.unwrap();
    report(&mut outcomes);
}

/// The database with the volume, built once.
async fn loaded_database() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!(
        "volume-m{MATCHING_VERSION}-g{GENERATION}-{ACCOUNTS}-{REGISTRATIONS}.db"
    ));
    let fresh = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age < Duration::from_secs(30 * 86_400));
    if fresh {
        return path;
    }
    println!("building {} (once; a few minutes)…", path.display());
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let db = Db::open(&format!("sqlite://{}", partial.display()))
        .await
        .expect("open");
    let now = unix_now();
    let blobs =
        portico_server::blobs::Blobs::local(&path.with_extension("files")).expect("storage");
    let sealer = portico_server::domain::sealed::Sealer::new(SECRET_KEY);
    demo::seed_if_empty(&db, &blobs, &sealer, now)
        .await
        .expect("demo data");
    demo::volume::load(
        &db,
        demo::volume::Volume {
            accounts: ACCOUNTS,
            registrations: REGISTRATIONS,
            ..Default::default()
        },
        now,
    )
    .await
    .expect("volume");
    db.close().await;
    std::fs::rename(&partial, &path).expect("keep the loaded database");
    path
}

#[derive(Clone)]
struct Client {
    http: reqwest::Client,
    base: String,
    csrf: String,
}

impl Client {
    async fn sign_in(base: &str) -> Client {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let login = http
            .post(format!("{base}/api/auth/login"))
            .json(&json!({ "email": PARTNER, "password": demo::PASSWORD }));
        let me = answer(login).await;
        Client {
            http,
            base: base.to_owned(),
            csrf: me["csrf_token"].as_str().expect("signed in").to_owned(),
        }
    }
}

async fn answer(request: reqwest::RequestBuilder) -> Value {
    request.send().await.unwrap().json().await.unwrap()
}

/// What a submission says besides the company.
#[derive(Clone)]
struct Form {
    product: i64,
    close: String,
    /// Companies of the book, every other one by a variant of its name on another website.
    known: std::sync::Arc<Vec<(String, String)>>,
}

impl Form {
    async fn new(client: &Client) -> Form {
        let products = answer(client.http.get(format!("{}/api/products", client.base))).await;
        let known = Companies::new(1)
            .step_by(ACCOUNTS / 500)
            .take(500)
            .enumerate()
            .map(|(i, c)| match c.name.rsplit_once(' ') {
                Some((short, _)) if i % 2 == 1 => (short.to_owned(), format!("other-{}", c.domain)),
                _ => (c.name, c.domain),
            })
            .collect();
        Form {
            product: products[0]["id"].as_i64().expect("a product"),
            close: Date::from_unix(unix_now() + 60 * 86_400).to_string(),
            known: std::sync::Arc::new(known),
        }
    }

    /// Even submissions name a known company, odd ones a company new to the portal.
    fn body(&self, i: usize, new: &mut Companies) -> Value {
        let (name, domain) = if i.is_multiple_of(2) {
            self.known[(i / 2) % self.known.len()].clone()
        } else {
            let c = new.next().expect("endless");
            (c.name, format!("new-{}", c.domain))
        };
        json!({
            "kind": "deal", "company_name": name, "company_domain": domain,
            "country": "DE", "contact_name": "Jane Roe", "contact_email": "jane@buyer.example",
            "contact_title": "CIO", "motion": "reseller", "products": [self.product],
            "estimated_value": 50000, "currency": "EUR", "expected_close": self.close,
            "description": "Capacity run.", "partner_role": "sourced"
        })
    }
}

struct Outcome {
    latency: Duration,
    status: u16,
    review: bool,
}

async fn submit_until(client: Client, form: Form, n: usize, started: Instant) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    let mut new = Companies::new(100 + n as u64);
    let mut i = n;
    while started.elapsed() < WARM_UP + MEASURED {
        let body = form.body(i, &mut new);
        let sent = Instant::now();
        let response = client
            .http
            .post(format!("{}/api/registrations", client.base))
            .header("X-CSRF-Token", &client.csrf)
            .header("Idempotency-Key", format!("load-{n}-{i}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        let latency = sent.elapsed();
        if sent.duration_since(started) >= WARM_UP {
            outcomes.push(Outcome {
                latency,
                status,
                review: answer["conflict"] == "review",
            });
        }
        i += CLIENTS;
    }
    outcomes
}

fn report(outcomes: &mut [Outcome]) {
    outcomes.sort_by_key(|o| o.latency);
    let at = |q: f64| {
        let i = ((outcomes.len() as f64 * q).ceil() as usize).clamp(1, outcomes.len()) - 1;
        outcomes[i].latency.as_secs_f64() * 1000.0
    };
    let created = outcomes.iter().filter(|o| o.status == 201).count();
    let review = outcomes.iter().filter(|o| o.review).count();
    println!(
        "POST /api/registrations, {CLIENTS} clients, {} s, SQLite with {ACCOUNTS} accounts and \
         {REGISTRATIONS} live registrations:",
        MEASURED.as_secs()
    );
    println!(
        "  {} requests ({:.0}/s), {created} created, {review} needing review",
        outcomes.len(),
        outcomes.len() as f64 / MEASURED.as_secs_f64()
    );
    println!(
        "  p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  max {:.2} ms  (target p99 ≤ 25 ms)",
        at(0.50),
        at(0.90),
        at(0.99),
        at(1.0)
    );
    if created != outcomes.len() {
        println!(
            "  warning: {} requests were not created",
            outcomes.len() - created
        );
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}
