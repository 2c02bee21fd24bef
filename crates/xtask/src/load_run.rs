//! The load run: the release server with the demo and a large volume of pipeline, content and
//! announcements, each hot endpoint under wrk beside `/healthz`, and the large download.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;

use crate::bench_server::{Server, start_server};
use crate::http::Session;
use crate::wrk::{Client, wrk};
use crate::{Result, http, search_load, serve};

const LOGIN_EMAIL: &str = "alice@northwind.example";
/// A partner of another organization than `LOGIN_EMAIL`'s.
const OTHER_PARTNER_EMAIL: &str = "bob@globex-consulting.example";
pub const MANAGER_EMAIL: &str = "manager@acme.example";

/// The pipeline volume the load run serves: 500 organizations (the demo's and these) with
/// 100,000 deals between them; and a content library of 20,000 assets.
const LOAD_ORGANIZATIONS: &str = "493";
const LOAD_OPPORTUNITIES: &str = "100000";
const LOAD_ASSETS: &str = "20000";
const LOAD_ANNOUNCEMENTS: &str = "500";
/// The file the download run fetches, in MiB.
const DOWNLOAD_MB: usize = 100;
/// A partner's search with its facet counts, and the hub opened without a query (every
/// visible asset counted into the facets).
const CONTENT_SEARCH: &str = "/api/assets?q=security%20review";
const CONTENT_BROWSE: &str = "/api/assets";
/// A partner's first pipeline page: 50 rows, one filter, sorted.
const PIPELINE_PAGE: &str = "/api/pipeline?motion=reseller&sort=customer&limit=50";
/// A manager's page is read by one person at a time, not by 32.
const MANAGER_CONNECTIONS: u32 = 4;
/// Sessions the content runs are spread over: each may search 10 times a second, so these
/// allow 2,560 searches a second, more than the server answers.
const SEARCH_SESSIONS: usize = 256;

pub fn load_run(binary: &PathBuf, seconds: u32) -> Result<()> {
    let (server, addr) = start_server(binary, None)?;
    let large_file = add_volume(binary, &server)?;
    let partner = sign_in(addr, &server, LOGIN_EMAIL)?.cookie;
    let manager_session = sign_in(addr, &server, MANAGER_EMAIL)?;
    let manager = manager_session.cookie.clone();
    let card = card_path(addr, &manager_session)?;
    let searchers = sessions(addr, &server, LOGIN_EMAIL, SEARCH_SESSIONS)?;
    let searching = server.dir.join("sessions.lua");
    std::fs::write(&searching, search_load::script(&searchers, None, None))
        .map_err(|e| format!("cannot write the wrk script: {e}"))?;
    let searching = Client::Script(&searching);

    let health = wrk(addr, "/healthz", Client::Anonymous, 32, seconds)?;
    let mut runs = vec![("/healthz", 32, health)];
    runs.push((
        card.as_str(),
        4,
        wrk(addr, &card, Client::Anonymous, 4, seconds)?,
    ));
    for path in [
        "/api/me",
        "/api/registrations",
        PIPELINE_PAGE,
        CONTENT_SEARCH,
        CONTENT_BROWSE,
        "/api/feed/unread",
        "/api/feed",
    ] {
        let client = match path {
            CONTENT_SEARCH | CONTENT_BROWSE => searching,
            _ => Client::Session(&partner),
        };
        runs.push((path, 32, wrk(addr, path, client, 32, seconds)?));
    }
    let numbers = "/api/program/numbers";
    let connections = MANAGER_CONNECTIONS;
    runs.push((
        numbers,
        connections,
        wrk(
            addr,
            numbers,
            Client::Session(&manager),
            connections,
            seconds,
        )?,
    ));
    for path in [CONTENT_SEARCH, CONTENT_BROWSE] {
        runs.push((path, 4, wrk(addr, path, searching, 4, seconds)?));
    }
    let victim = sign_in(addr, &server, OTHER_PARTNER_EMAIL)?.cookie;
    let attacker = sessions(addr, &server, LOGIN_EMAIL, 8)?;
    let isolation = search_load::isolation(
        addr,
        &server.dir,
        CONTENT_SEARCH,
        &victim,
        &attacker,
        seconds,
    )?;
    let download = format!("/api/assets/{large_file}/download");
    let downloads = download_run(addr, &server, &download, &partner)?;
    drop(server);

    let health = runs[0].2.requests_per_sec;
    println!(
        "\n{:<60} {:>5} {:>10} {:>12} {:>12} {:>7}",
        "endpoint", "conns", "req/s", "p50", "p99", "ratio"
    );
    for (path, connections, f) in &runs {
        println!(
            "{:<60} {:>5} {:>10.0} {:>9.2} ms {:>9.2} ms {:>7.2}",
            format!("GET {path}"),
            connections,
            f.requests_per_sec,
            f.p50_ms,
            f.p99_ms,
            f.requests_per_sec / health
        );
        if f.non_success > 0 {
            println!("  warning: {} responses were not 2xx/3xx", f.non_success);
        }
    }
    println!(
        "ratio: req/s against GET /healthz in the same run (wrk: 2 threads, {seconds} s); \
         database: the demo plus {LOAD_ORGANIZATIONS} organizations, {LOAD_OPPORTUNITIES} \
         deals, {LOAD_ASSETS} assets and {LOAD_ANNOUNCEMENTS} announcements to every partner; \
         content runs spread over {SEARCH_SESSIONS} sessions of one partner"
    );
    search_load::print(CONTENT_SEARCH, &isolation);
    println!("\nGET {download} ({DOWNLOAD_MB} MiB, one client, loopback):");
    for (n, d) in downloads.iter().enumerate() {
        println!(
            "  run {}: {:.0} MB/s ({:.2} s); server memory {} -> {} KiB (peak {} KiB)",
            n + 1,
            d.megabytes_per_sec,
            d.seconds,
            d.rss_before_kib,
            d.rss_after_kib,
            d.peak_kib
        );
    }
    Ok(())
}

struct Download {
    megabytes_per_sec: f64,
    seconds: f64,
    rss_before_kib: u64,
    rss_after_kib: u64,
    peak_kib: u64,
}

/// Fetches the large file three times, timing each and reading the server's resident memory
/// before and after (and its peak): a streamed download leaves it flat.
fn download_run(
    addr: SocketAddr,
    server: &Server,
    path: &str,
    session: &str,
) -> Result<Vec<Download>> {
    let pid = server.pid();
    (0..3)
        .map(|_| {
            let before = memory_kib(pid, "VmRSS")?;
            let started = std::time::Instant::now();
            let bytes = http::download(addr, path, &format!("portico_session={session}"))
                .map_err(|e| format!("GET {path}: {e}"))?;
            let seconds = started.elapsed().as_secs_f64();
            if bytes != (DOWNLOAD_MB * 1024 * 1024) as u64 {
                return Err(format!("GET {path} sent {bytes} bytes of the file's body"));
            }
            Ok(Download {
                megabytes_per_sec: bytes as f64 / 1e6 / seconds,
                seconds,
                rss_before_kib: before,
                rss_after_kib: memory_kib(pid, "VmRSS")?,
                peak_kib: memory_kib(pid, "VmHWM")?,
            })
        })
        .collect()
}

/// A line of `/proc/<pid>/status`, e.g. `VmRSS:  81234 kB`.
fn memory_kib(pid: u32, field: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("cannot read the server's memory: {e}"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| format!("no {field} in /proc/{pid}/status"))
}

/// `portico load-data` against the running server's database; returns the large file's id.
fn add_volume(binary: &PathBuf, server: &Server) -> Result<String> {
    let megabytes = DOWNLOAD_MB.to_string();
    let stdout = load_data(
        binary,
        server,
        &[
            "--organizations",
            LOAD_ORGANIZATIONS,
            "--opportunities",
            LOAD_OPPORTUNITIES,
            "--assets",
            LOAD_ASSETS,
            "--announcements",
            LOAD_ANNOUNCEMENTS,
            "--large-file-mb",
            &megabytes,
        ],
    )?;
    printed(&stdout, "large file asset: ")
}

/// The value `load-data` printed after `label`.
pub fn printed(stdout: &str, label: &str) -> Result<String> {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(label))
        .map(str::to_owned)
        .ok_or_else(|| format!("load-data did not print {label:?}"))
}

/// Runs `portico load-data` with `args` on the server's database; returns what it printed.
pub fn load_data(binary: &PathBuf, server: &Server, args: &[&str]) -> Result<String> {
    let url = format!("sqlite://{}", server.dir.join("portico.db").display());
    let mut cmd = Command::new(binary);
    cmd.arg("load-data")
        .args(args)
        .args(["--database-url", &url])
        .current_dir(&server.dir);
    println!("$ {}", crate::show(&cmd));
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run load-data: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    print!("{stdout}");
    if !out.status.success() {
        return Err(format!(
            "load-data failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(stdout)
}

/// A signed CRM card URL of the first deal (set-up as a manager would), and its size.
fn card_path(addr: SocketAddr, manager: &Session) -> Result<String> {
    let call = |method, path: &str, body: &str, wanted: u16| -> Result<http::Response> {
        let answer = http::signed_in(addr, method, path, Some(body), manager)
            .map_err(|e| format!("{method} {path}: {e}"))?;
        if answer.status != wanted {
            return Err(format!(
                "{method} {path} answered {}: {}",
                answer.status, answer.body
            ));
        }
        Ok(answer)
    };
    let origins = r#"{"frame_origins":["https://app.hubspot.com"]}"#;
    call("PUT", "/api/integrations/hubspot", origins, 200)?;
    let subject = r#"{"subject":{"opportunity":1},"valid_days":1}"#;
    let link = call("POST", "/api/integrations/hubspot/card-links", subject, 200)?;
    let url = http::json_string(&link.body, "url").ok_or("the card link has no url")?;
    let path = url
        .find("/embed/")
        .map(|at| url[at..].to_owned())
        .ok_or_else(|| format!("not a card URL: {url}"))?;
    let card = http::get(addr, &path).map_err(|e| format!("GET {path}: {e}"))?;
    println!(
        "CRM card: {} bytes of HTML, status {}",
        card.body.len(),
        card.status
    );
    Ok(path)
}

/// `count` sessions of one demo user: cookies only.
fn sessions(addr: SocketAddr, server: &Server, email: &str, count: usize) -> Result<Vec<String>> {
    let cookies = (0..count)
        .map(|_| Ok(sign_in_quietly(addr, server, email)?.cookie))
        .collect();
    println!("signed in as {email} {count} times");
    cookies
}

/// A demo user's session cookie and CSRF token.
pub fn sign_in(addr: SocketAddr, server: &Server, email: &str) -> Result<Session> {
    let session = sign_in_quietly(addr, server, email)?;
    println!("signed in as {email}");
    Ok(session)
}

fn sign_in_quietly(addr: SocketAddr, server: &Server, email: &str) -> Result<Session> {
    let body = format!(
        r#"{{"email":"{email}","password":"{}"}}"#,
        serve::DEMO_PASSWORD
    );
    let login = http::post_json(addr, "/api/auth/login", &body)
        .map_err(|e| format!("POST /api/auth/login: {e}"))?;
    let session = login
        .set_cookie("portico_session")
        .filter(|_| login.status == 200)
        .ok_or_else(|| {
            format!(
                "signing in as {email} answered {} without a session cookie: {}\n\
                 --- server log ---\n{}",
                login.status,
                login.body,
                server.log()
            )
        })?;
    let csrf = http::json_string(&login.body, "csrf_token")
        .ok_or("the sign-in answer has no CSRF token")?;
    Ok(Session {
        cookie: session,
        csrf,
    })
}
