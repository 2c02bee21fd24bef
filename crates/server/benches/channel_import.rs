//! Channel data at volume: a generated 1,000,000-row distributor report with the mess real
//! ones have (four date formats, both decimal separators, symbols and codes for currencies,
//! 2 % rows reported twice, 1 % unknown products, customers spelled three ways) uploaded over
//! HTTP to a real server and imported by its worker. Prints rows per second from the start of
//! the upload to the import's end (the mapping confirmed at once, as a person would after the
//! preview), and the process's resident memory at its peak. The target is
//! ≥ 20,000 rows/s under 300 MB on SQLite; with `PORTICO_BENCH_POSTGRES_URL` the same runs on
//! PostgreSQL beside it.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use portico_server::jobs;
use portico_server::startup::{self, Settings};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// `PORTICO_BENCH_ROWS` sets another size, for a quick look.
fn rows() -> usize {
    std::env::var("PORTICO_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}
const CUSTOMERS: usize = 20_000;
const MANAGER: &str = "manager@acme.example";
const SECRET_KEY: &str = "bench-secret-key-long-enough-to-use";

#[tokio::main]
async fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.csv");
    let written = generate(&report);
    println!(
        "generated {} rows ({} MB) with {written} reported twice",
        rows(),
        size_mb(&report)
    );
    let sqlite = format!("sqlite://{}", dir.path().join("portico.db").display());
    run("SQLite", &sqlite, dir.path(), &report).await;
    if let Ok(url) = std::env::var("PORTICO_BENCH_POSTGRES_URL") {
        run("PostgreSQL", &fresh_schema(&url).await, dir.path(), &report).await;
    }
}

/// The bench's own schema, emptied first: a second run would otherwise find every sale of the
/// first one stored already, and count the whole file as duplicates.
async fn fresh_schema(url: &str) -> String {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(url)
        .await
        .expect("connect to PORTICO_BENCH_POSTGRES_URL");
    for statement in [
        "DROP SCHEMA IF EXISTS channel_bench CASCADE",
        "CREATE SCHEMA channel_bench",
    ] {
        sqlx::query(statement).execute(&mut conn).await.unwrap();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}options=-c%20search_path%3Dchannel_bench")
}

fn size_mb(path: &Path) -> u64 {
    std::fs::metadata(path)
        .map(|m| m.len() / 1_000_000)
        .unwrap_or(0)
}

/// Writes the report; answers how many rows repeat an earlier one.
fn generate(path: &Path) -> usize {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("report file"));
    writeln!(
        out,
        "Invoice Date;Invoice No;End Customer;SKU;Qty;Unit Price;Currency;Reseller"
    )
    .unwrap();
    let products = [
        "Acme Analytics",
        "ACME CLOUD PLATFORM",
        "acme connect",
        "Premium Support",
    ];
    let resellers = [
        "Northwind Partners",
        "Globex Consulting",
        "Stark Integrations",
        "",
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut last = String::new();
    let mut repeated = 0;
    for n in 0..rows() {
        let r = next();
        if n > 0 && r % 50 == 0 {
            out.write_all(last.as_bytes()).unwrap();
            repeated += 1;
            continue;
        }
        let day = 1 + (r >> 8) % 28;
        let month = 1 + (r >> 16) % 12;
        let date = match (r >> 24) % 4 {
            0 => format!("2026-{month:02}-{day:02}"),
            1 => format!("{day:02}/{month:02}/2026"),
            2 => format!("{day}.{month}.2026"),
            _ => format!("{}", 46_022 + (month - 1) * 30 + day),
        };
        let customer = (r >> 32) as usize % CUSTOMERS;
        let name = match (r >> 40) % 3 {
            0 => format!("Customer {customer} Ltd"),
            1 => format!("CUSTOMER {customer} LIMITED"),
            _ => format!("customer {customer}"),
        };
        let product = if (r >> 44) % 100 == 0 {
            "Mystery Box 9000"
        } else {
            products[(r >> 46) as usize % 4]
        };
        let cents = 1_000 + (r >> 48) % 500_000;
        let price = if (r >> 50) % 2 == 0 {
            format!("{}.{:02}", cents / 100, cents % 100)
        } else {
            format!("{},{:02}", cents / 100, cents % 100)
        };
        let currency = ["EUR", "€", "eur", "EUR"][(r >> 52) as usize % 4];
        let reseller = resellers[(r >> 54) as usize % 4];
        last = format!(
            "{date};INV-{n};{name};{product};{};{price};{currency};{reseller}\n",
            1 + (r >> 56) % 20
        );
        out.write_all(last.as_bytes()).unwrap();
    }
    out.flush().unwrap();
    repeated
}

async fn run(engine: &str, url: &str, dir: &Path, report: &Path) {
    // Each engine's peak is its own: Linux resets the high-water mark on this write.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let mut settings = Settings::new(url.to_owned(), SECRET_KEY, "http://127.0.0.1");
    settings.demo = true;
    settings.storage = dir.join(format!("files-{engine}")).display().to_string();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = startup::spawn(settings, listener)
        .await
        .expect("server starts");
    let worker = jobs::channel_data::spawn(server.state.clone());
    let base = format!("http://{}", server.addr);
    let (client, csrf) = sign_in(&base).await;
    let source: Value = client
        .post(format!("{base}/api/channel-data/sources"))
        .header("X-CSRF-Token", &csrf)
        .json(&json!({ "name": "Bench distributor", "kind": "distributor", "date_order": "day_first" }))
        .send().await.unwrap().json().await.unwrap();
    let uploaded_at = Instant::now();
    let file = tokio::fs::File::open(report).await.unwrap();
    let length = file.metadata().await.unwrap().len();
    let body = reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::new(file));
    let form = Form::new()
        .text("source_id", source["id"].to_string())
        .part(
            "file",
            Part::stream_with_length(body, length).file_name("report.csv"),
        );
    let import: Value = client
        .post(format!("{base}/api/channel-data/imports"))
        .header("X-CSRF-Token", &csrf)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let upload = uploaded_at.elapsed();
    let mapping = json!({ "columns": import["suggestion"], "date_order": "day_first" });
    client
        .put(format!(
            "{base}/api/channel-data/sources/{}/mapping",
            source["id"]
        ))
        .header("X-CSRF-Token", &csrf)
        .json(&mapping)
        .send()
        .await
        .unwrap();
    let started = Instant::now();
    let path = format!("{base}/api/channel-data/imports/{}", import["id"]);
    let mut peak = 0;
    let done = loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        peak = peak.max(resident_kb());
        let now: Value = client
            .get(&path)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if now["state"] == "done" || now["state"] == "failed" {
            break now;
        }
    };
    let elapsed = started.elapsed();
    worker.abort();
    server.stop().await.unwrap();
    let rate = rows() as f64 / (upload + elapsed).as_secs_f64();
    println!(
        "{engine}: {} rows uploaded in {:.1} s and imported in {:.1} s = {rate:.0} rows/s end to \
         end (target ≥ 20,000); resident memory peak {} MB (target < 300 MB); counts {}; state {}",
        rows(),
        upload.as_secs_f64(),
        elapsed.as_secs_f64(),
        peak.max(high_water_kb()) / 1024,
        done["counts"],
        done["state"],
    );
}

/// A manager's session: the client with its cookie, and the token writes carry.
async fn sign_in(base: &str) -> (reqwest::Client, String) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let me: Value = client
        .post(format!("{base}/api/auth/login"))
        .json(&json!({ "email": MANAGER, "password": "portico-demo" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = me["csrf_token"].as_str().expect("signed in").to_owned();
    (client, csrf)
}

/// This process's resident memory now, from `/proc`.
fn resident_kb() -> u64 {
    status_kb("VmRSS:")
}

/// This process's peak resident memory.
fn high_water_kb() -> u64 {
    status_kb("VmHWM:")
}

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}
