//! A real server on a random port with a fresh database per test: a temporary SQLite file, or a
//! fresh schema in the PostgreSQL database named by `PORTICO_TEST_POSTGRES_URL`.

#![allow(dead_code)] // each test binary uses its own part of the harness

pub mod contract;
pub mod partners;
pub mod smtp;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use portico_api::Me;
use portico_server::clock::ManualClock;
use portico_server::outbound::TargetPolicy;
use portico_server::startup::{self, Running, Settings};
use portico_server::state::AppState;
use portico_server::store::sql;
use reqwest::{Client, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};
use sqlx::PgConnection;

pub const PASSWORD: &str = "portico-demo";
pub const ADMIN: &str = "admin@acme.example";
pub const MANAGER: &str = "manager@acme.example";
pub const ALICE: &str = "alice@northwind.example";
pub const BOB: &str = "bob@globex-consulting.example";
const SECRET: &str = "test-secret-key-that-is-long-enough-to-use";

/// A name resolver for outbound requests whose answers the test decides, so that a name can
/// stand for a private address without any request leaving for one.
pub struct FixedLookup(std::collections::HashMap<String, Vec<std::net::IpAddr>>);

impl FixedLookup {
    pub fn new(names: &[(&str, &str)]) -> FixedLookup {
        FixedLookup(
            names
                .iter()
                .map(|(name, ip)| (name.to_string(), vec![ip.parse().unwrap()]))
                .collect(),
        )
    }
}

impl portico_server::outbound::resolver::Lookup for FixedLookup {
    fn lookup(
        &self,
        host: &str,
    ) -> futures_util::future::BoxFuture<'static, std::io::Result<Vec<std::net::IpAddr>>> {
        let found = self.0.get(host).cloned();
        Box::pin(async move {
            found.ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such name"))
        })
    }
}

pub struct TestApp {
    pub base: String,
    pub clock: ManualClock,
    pub database_url: String,
    pub storage: String,
    /// Where e-mail goes without an SMTP server.
    pub mailbox: PathBuf,
    smtp_url: Option<String>,
    server: Option<Server>,
    /// Requests and answers that departed from the OpenAPI document; the test fails on them.
    violations: contract::Violations,
    _dir: tempfile::TempDir,
}

/// The server a `TestApp` talks to: the real application behind the document check.
struct Server {
    state: AppState,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// A signed-in browser: its own cookie jar plus the CSRF token from `/api/me`.
pub struct Session {
    pub client: Client,
    pub me: Me,
    base: String,
}

impl TestApp {
    /// A server with the demo data.
    pub async fn start() -> TestApp {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = match std::env::var("PORTICO_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => fresh_postgres_schema(&url).await,
            _ => format!("sqlite://{}", dir.path().join("portico.db").display()),
        };
        let clock = ManualClock::starting_now();
        let mut settings = Settings::new(database_url.clone(), SECRET, "http://127.0.0.1");
        settings.storage = dir.path().join("files").display().to_string();
        settings.demo = true;
        settings.clock = Arc::new(clock.clone());
        settings.mailbox = dir.path().join("mailbox");
        // The tests' webhook and Slack receivers listen on loopback.
        settings.outbound_policy = TargetPolicy::AllowPrivate;
        adjust(&mut settings);
        let storage = settings.storage.clone();
        let (mailbox, smtp_url) = (settings.mailbox.clone(), settings.smtp_url.clone());
        let violations = contract::Violations::default();
        let (server, addr) = Server::start(settings, violations.clone()).await;
        TestApp {
            storage,
            mailbox,
            smtp_url,
            base: format!("http://{addr}"),
            clock,
            database_url,
            server: Some(server),
            violations,
            _dir: dir,
        }
    }

    /// A second instance on the same database, as behind a load balancer or after a restart.
    pub async fn another_instance(&self) -> Running {
        let mut settings = Settings::new(self.database_url.clone(), SECRET, "http://127.0.0.1");
        settings.storage = self.storage.clone();
        settings.clock = Arc::new(self.clock.clone());
        settings.mailbox = self.mailbox.clone();
        settings.smtp_url = self.smtp_url.clone();
        settings.outbound_policy = TargetPolicy::AllowPrivate;
        listen(settings).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn state(&self) -> &AppState {
        &self.server.as_ref().expect("running").state
    }

    pub async fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            let _ = server.stop.send(());
            server.task.await.unwrap().expect("clean stop");
        }
    }

    /// A client with a cookie jar and no session.
    pub fn anonymous(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .build()
            .expect("client")
    }

    /// `POST /api/auth/login` from `client`, whatever the outcome.
    pub async fn login_with(&self, client: &Client, email: &str, password: &str) -> Response {
        client
            .post(self.url("/api/auth/login"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("login request")
    }

    /// A sign-in attempt from a fresh client.
    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.login_with(&self.anonymous(), email, password).await
    }

    pub async fn sign_in(&self, email: &str) -> Session {
        Session::sign_in(&self.base, email).await
    }

    pub async fn count(&self, sql: &'static str) -> i64 {
        sql::query_scalar(sql)
            .fetch_one(self.state().db.pool())
            .await
            .expect("count query")
    }

    /// Runs `sql` (statements that make stored matching keys stale), then opens the database
    /// again as a restarted server would, which must compute the keys anew.
    pub async fn reopen_after(&self, sql: &[&'static str]) {
        let mut tx = self.state().db.begin_write().await.expect("a write turn");
        for statement in sql {
            sql::query(*statement)
                .execute(&mut *tx)
                .await
                .expect(statement);
        }
        tx.commit().await.expect("stale keys committed");
        portico_server::store::Db::open(&self.database_url)
            .await
            .expect("reopen the database")
            .close()
            .await;
    }

    /// Rows of the audit log with this action, as (actor, subject id) pairs.
    pub async fn audit(&self, action: &str) -> Vec<(Option<i64>, Option<i64>)> {
        sql::query_as(
            "SELECT actor_user_id, subject_id FROM audit_log WHERE action = $1 ORDER BY id",
        )
        .bind(action)
        .fetch_all(self.state().db.pool())
        .await
        .expect("audit query")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let violations = self.violations.lock().unwrap();
        if !violations.is_empty() && !std::thread::panicking() {
            panic!(
                "the server departed from its OpenAPI document (mark a request sent off it on \
                 purpose with `.unchecked()`):\n{}",
                violations.join("\n")
            );
        }
    }
}

impl Server {
    /// Serves as `startup::spawn` does, with every request and answer checked on the way.
    async fn start(settings: Settings, violations: contract::Violations) -> (Server, SocketAddr) {
        let state = startup::prepare(&settings).await.expect("server starts");
        let app =
            startup::app(state.clone(), settings.dist.as_deref()).layer(axum::middleware::from_fn(
                move |request, next| contract::enforce(violations.clone(), request, next),
            ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("an address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(startup::serve(listener, app, async {
            let _ = stopped.await;
        }));
        (Server { state, stop, task }, addr)
    }
}

async fn listen(settings: Settings) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    startup::spawn(settings, listener)
        .await
        .expect("server starts")
}

impl Session {
    /// Signs in as `email` at the server listening at `base`.
    pub async fn sign_in(base: &str, email: &str) -> Session {
        let client = Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        let response = client
            .post(format!("{base}/api/auth/login"))
            .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .expect("login request");
        assert_eq!(response.status(), StatusCode::OK, "sign in as {email}");
        let me: Me = response.json().await.expect("Me");
        Session {
            client,
            me,
            base: base.to_owned(),
        }
    }

    /// A browser that signed in some other way (a sign-in link, a second factor).
    pub fn from_client(base: &str, client: Client, me: Me) -> Session {
        Session {
            client,
            me,
            base: base.to_owned(),
        }
    }

    /// The same signed-in browser talking to another instance (sessions live in the database).
    pub fn against(&self, addr: std::net::SocketAddr) -> Session {
        Session {
            client: self.client.clone(),
            me: self.me.clone(),
            base: format!("http://{addr}"),
        }
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.client.get(format!("{}{path}", self.base))
    }

    /// `GET path`, which must answer 200 with JSON: the answer.
    pub async fn read(&self, path: &str) -> Value {
        json(self.get(path).send().await.unwrap(), StatusCode::OK).await
    }

    /// A state-changing request with the CSRF token, as the SPA sends it.
    pub fn send(&self, method: reqwest::Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header("X-CSRF-Token", &self.me.csrf_token)
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.send(reqwest::Method::POST, path)
    }

    /// `POST path` with a CSV file as the body, as the import forms send it.
    pub async fn post_csv(&self, path: &str, csv: &str) -> Response {
        self.post(path)
            .header("Content-Type", "text/csv")
            .body(csv.to_owned())
            .send()
            .await
            .unwrap()
    }

    pub fn patch(&self, path: &str) -> RequestBuilder {
        self.send(reqwest::Method::PATCH, path)
    }
}

pub trait Unchecked {
    /// Sends this request without holding its body to the OpenAPI document: a body the server
    /// must refuse, sent on purpose.
    fn unchecked(self) -> Self;
}

impl Unchecked for RequestBuilder {
    fn unchecked(self) -> Self {
        self.header(contract::UNCHECKED, "1")
    }
}

/// Reads an error answer, checking it has the one error shape; returns (code, body).
pub async fn error(response: Response, status: StatusCode) -> (String, Value) {
    assert_eq!(response.status(), status, "status");
    let body: Value = response.json().await.expect("a JSON error body");
    let code = body["error"]["code"]
        .as_str()
        .expect("error.code")
        .to_owned();
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "error.message in {body}"
    );
    assert!(
        body["error"]["fields"].is_object(),
        "error.fields in {body}"
    );
    (code, body)
}

pub async fn json(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status, "status");
    response.json().await.expect("JSON body")
}

/// A new, empty schema for one test, named `test_<unix seconds>_<random>`.
pub async fn fresh_postgres_schema(base_url: &str) -> String {
    let mut conn = <PgConnection as sqlx::Connection>::connect(base_url)
        .await
        .expect("connect to PORTICO_TEST_POSTGRES_URL");
    static SWEPT: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    SWEPT.get_or_init(|| drop_stale_schemas(&mut conn)).await;
    let random = portico_server::domain::token::generate()
        .to_lowercase()
        .replace(['-', '_'], "");
    let schema = format!("test_{}_{}", unix_now(), &random[..12]);
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut conn)
        .await
        .expect("create schema");
    let separator = if base_url.contains('?') { '&' } else { '?' };
    format!("{base_url}{separator}options=-c%20search_path%3D{schema}")
}

/// Drops the schemas of test runs that ended over an hour ago, so that a developer's database
/// does not fill up with them; a run still going is younger than that.
async fn drop_stale_schemas(conn: &mut PgConnection) {
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT nspname::text FROM pg_namespace WHERE nspname LIKE 'test\\_%'")
            .fetch_all(&mut *conn)
            .await
            .expect("list test schemas");
    let stale = |name: &str| {
        let created = name.split('_').nth(1).and_then(|s| s.parse::<u64>().ok());
        created.is_none_or(|secs| secs + 3600 < unix_now())
    };
    for (name,) in names.iter().filter(|(name,)| stale(name)) {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE"
        )))
        .execute(&mut *conn)
        .await
        .expect("drop a stale test schema");
    }
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A deal registration of `company` (its domain made from the name), as `session` files it.
pub async fn register_deal(app: &TestApp, session: &Session, company: &str, motion: &str) -> Value {
    let body = deal_body(app, session, company, motion).await;
    let response = session
        .post("/api/registrations")
        .json(&body)
        .send()
        .await
        .unwrap();
    json(response, StatusCode::CREATED).await
}

/// A deal registration's request body, as the form sends it, for the first product.
pub async fn deal_body(app: &TestApp, session: &Session, company: &str, motion: &str) -> Value {
    let products = json(
        session.get("/api/products").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let close = portico_api::date::Date::from_unix(app.state().now() + 60 * 86_400).to_string();
    let domain = format!("{}.example", company.to_lowercase().replace(' ', "-"));
    json!({
        "kind": "deal", "company_name": company, "company_domain": domain,
        "country": "DE", "contact_name": "Jane Roe", "contact_email": format!("jane@{domain}"),
        "motion": motion, "products": [products[0]["id"]], "estimated_value": 90000,
        "currency": "EUR", "expected_close": close, "description": "A real project.",
        "partner_role": "sourced"
    })
}

pub async fn approve(manager: &Session, registration: &Value) {
    let id = registration["id"].as_i64().unwrap();
    let decision = manager
        .post(&format!("/api/registrations/{id}/decision"))
        .json(&json!({ "decision": "approve" }))
        .send()
        .await
        .unwrap();
    json(decision, StatusCode::OK).await;
}

/// Turns two-factor sign-in on for the signed-in user as the SPA does; answers the secret (as
/// the page shows it) and the recovery codes.
/// Saves a CRM integration's settings and answers its new integration secret.
pub async fn integration_secret(manager: &Session, system: &str, body: Value) -> String {
    let saved = manager
        .send(reqwest::Method::PUT, &format!("/api/integrations/{system}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    json(saved, StatusCode::OK).await;
    let secret = manager
        .post(&format!("/api/integrations/{system}/secret"))
        .send()
        .await
        .unwrap();
    json(secret, StatusCode::CREATED).await["secret"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn enable_two_factor(app: &TestApp, session: &Session) -> (String, Vec<String>) {
    let setup = session
        .post("/api/account/two-factor/setup")
        .send()
        .await
        .unwrap();
    let secret = json(setup, StatusCode::OK).await["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let confirmed = session
        .post("/api/account/two-factor/confirm")
        .json(&json!({ "code": totp_now(app, &secret), "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let codes = json(confirmed, StatusCode::OK).await["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (secret, codes)
}

/// The code an authenticator app shows now for a base32 secret, by the server's clock.
pub fn totp_now(app: &TestApp, secret: &str) -> String {
    portico_server::domain::totp::Secret::from_base32(secret)
        .expect("a base32 secret")
        .code_at(app.state().now())
}

/// The first step of signing in for an account with two-factor sign-in on: the pending token.
pub async fn password_step(app: &TestApp, client: &Client, email: &str) -> String {
    let response = app.login_with(client, email, PASSWORD).await;
    assert!(response.headers().get("set-cookie").is_none());
    json(response, StatusCode::ACCEPTED).await["pending_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// `POST /api/auth/second-factor` from `client`.
pub async fn second_step(app: &TestApp, client: &Client, pending: &str, code: &str) -> Response {
    client
        .post(app.url("/api/auth/second-factor"))
        .json(&json!({ "pending_token": pending, "code": code }))
        .send()
        .await
        .expect("second-factor request")
}
