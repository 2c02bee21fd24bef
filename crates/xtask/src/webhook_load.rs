//! The webhook load run: events published through the API at a steady rate for a while, sent
//! by the server's outbox to a receiver on loopback, and the delivery latency the server itself
//! reports on its integrations page (event written to 2xx received).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::Result;
use crate::http::{self, Session, json_number};

/// Events per second, spread over this many publishing threads.
pub const RATE: u32 = 200;
const THREADS: u32 = 4;
/// Assets each thread publishes in turn: one subject per asset, so the outbox's per-subject
/// order does not serialize the run.
pub const ASSETS_PER_THREAD: i64 = 250;

/// Webhook ids the receiver got, with how many times each.
type Received = Arc<Mutex<HashMap<String, u32>>>;

pub struct Figures {
    pub published: u64,
    pub seconds: f64,
    pub received: usize,
    pub duplicates: u64,
    pub endpoint_health: String,
}

/// Publishes `RATE` events a second for `seconds` (archiving and republishing the assets whose
/// ids start at `first_asset`), then waits for the outbox to drain.
pub fn run(addr: SocketAddr, manager: &Session, first_asset: i64, seconds: u32) -> Result<Figures> {
    let received: Received = Arc::default();
    let receiver = start_receiver(received.clone())?;
    let endpoint = register_endpoint(addr, manager, receiver)?;
    let started = Instant::now();
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let first = first_asset + i64::from(t) * ASSETS_PER_THREAD;
            let session = Session {
                cookie: manager.cookie.clone(),
                csrf: manager.csrf.clone(),
            };
            std::thread::spawn(move || publish_steadily(addr, &session, first, seconds))
        })
        .collect();
    let mut published = 0;
    for thread in threads {
        published += thread
            .join()
            .map_err(|_| "a publishing thread panicked")??;
    }
    let seconds = started.elapsed().as_secs_f64();
    let health = drain(addr, manager, endpoint, published)?;
    let counts = received.lock().map_err(|_| "receiver lock poisoned")?;
    Ok(Figures {
        published,
        seconds,
        received: counts.len(),
        duplicates: counts.values().map(|n| u64::from(n - 1)).sum(),
        endpoint_health: health,
    })
}

fn register_endpoint(addr: SocketAddr, manager: &Session, receiver: SocketAddr) -> Result<i64> {
    let body = format!(
        r#"{{"url":"http://{receiver}/hook","description":"load run","event_types":["asset.published"]}}"#
    );
    let created = http::signed_in(
        addr,
        "POST",
        "/api/webhooks/endpoints",
        Some(&body),
        manager,
    )
    .map_err(|e| format!("POST /api/webhooks/endpoints: {e}"))?;
    if created.status != 201 {
        return Err(format!(
            "registering the endpoint answered {}: {}",
            created.status, created.body
        ));
    }
    json_number(&created.body, "endpoint_id")
        .map(|id| id as i64)
        .ok_or_else(|| "the new endpoint has no id".into())
}

/// One thread's share: each tick archives an asset and publishes it again (one event).
fn publish_steadily(addr: SocketAddr, manager: &Session, first: i64, seconds: u32) -> Result<u64> {
    let interval = Duration::from_secs_f64(f64::from(THREADS) / f64::from(RATE));
    let end = Instant::now() + Duration::from_secs(u64::from(seconds));
    let mut next = Instant::now();
    let mut published = 0;
    let mut asset = 0;
    while Instant::now() < end {
        let id = first + asset % ASSETS_PER_THREAD;
        asset += 1;
        for action in ["archive", "publish"] {
            let path = format!("/api/assets/{id}/{action}");
            let answer = http::signed_in(addr, "POST", &path, None, manager)
                .map_err(|e| format!("POST {path}: {e}"))?;
            if answer.status != 200 {
                return Err(format!(
                    "POST {path} answered {}: {}",
                    answer.status, answer.body
                ));
            }
        }
        published += 1;
        next += interval;
        if let Some(wait) = next.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    }
    Ok(published)
}

/// Waits until every event was delivered (or 60 s pass) and returns the endpoint's JSON.
fn drain(addr: SocketAddr, manager: &Session, endpoint: i64, published: u64) -> Result<String> {
    let path = format!("/api/webhooks/endpoints/{endpoint}");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let answer = http::signed_in(addr, "GET", &path, None, manager)
            .map_err(|e| format!("GET {path}: {e}"))?;
        let delivered = json_number(&answer.body, "delivered").unwrap_or(0.0) as u64;
        if delivered >= published || Instant::now() > deadline {
            return Ok(answer.body);
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// A minimal HTTP/1.1 receiver: keeps connections alive, answers 204, counts webhook ids.
fn start_receiver(received: Received) -> Result<SocketAddr> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no port for the receiver: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let received = received.clone();
            std::thread::spawn(move || serve_connection(stream, &received));
        }
    });
    Ok(addr)
}

fn serve_connection(stream: TcpStream, received: &Received) {
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    while let Some(id) = read_request(&mut reader) {
        if let Ok(mut counts) = received.lock() {
            *counts.entry(id).or_insert(0) += 1;
        }
        if writer
            .write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
            .is_err()
        {
            return;
        }
    }
}

/// Reads one request and returns its `webhook-id`; `None` at the end of the connection.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<String> {
    let (mut length, mut id) = (0usize, String::new());
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse().ok()?,
                "webhook-id" => id = value.trim().to_owned(),
                _ => {}
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    Some(id)
}
