//! `cargo xtask bench`: figures to read, never a pass/fail on timing. Each front end's transfer
//! size against its budget, Lighthouse on the sign-in page and the partner home, a wrk load run
//! against the release server, and criterion benches when the workspace has any.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};

use crate::bench_server::{Server, start_server};
use crate::http::Session;
use crate::{
    Result, cargo, execute, http, lighthouse, phase, search_load, serve, setup, spa, webhook_load,
};

const LOGIN_EMAIL: &str = "alice@northwind.example";
/// A partner of another organization than `LOGIN_EMAIL`'s.
const OTHER_PARTNER_EMAIL: &str = "bob@globex-consulting.example";
const MANAGER_EMAIL: &str = "manager@acme.example";

/// What a bench run measures.
#[derive(Debug, PartialEq)]
enum Mode {
    /// The bundle figures alone.
    Size,
    /// The bundle figures and Lighthouse.
    Lighthouse,
    /// Everything, with this many seconds per load-run endpoint.
    Full { seconds: u32 },
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    let mode = parse_args(args)?;
    setup::spa_toolchain()?;
    spa::build()?;
    for app in spa::APPS {
        let fits = phase(&format!("{} transfer size", app.name), || {
            spa::report_size(app)
        })?;
        if !fits {
            println!("warning: the {} is OVER BUDGET", app.name);
        }
        phase(&format!("{} wasm contents", app.name), || {
            spa::report_contents(app)
        })?;
    }
    if mode == Mode::Size {
        return Ok(ExitCode::SUCCESS);
    }
    let binary = serve::build_server()?;
    phase("Lighthouse (mobile preset)", || lighthouse::run(&binary))?;
    let Mode::Full { seconds } = mode else {
        return Ok(ExitCode::SUCCESS);
    };
    phase("wrk", setup::wrk)?;
    phase("load run against the release server", || {
        load_run(&binary, seconds)
    })?;
    phase("webhook delivery under load", || webhook_run(&binary))?;
    phase("criterion benches", criterion)?;
    Ok(ExitCode::SUCCESS)
}

fn parse_args(args: &[String]) -> Result<Mode> {
    match args {
        [] => Ok(Mode::Full { seconds: 10 }),
        [flag] if flag == "--size" => Ok(Mode::Size),
        [flag] if flag == "--lighthouse" => Ok(Mode::Lighthouse),
        [flag, secs] if flag == "--duration" => secs
            .parse()
            .ok()
            .filter(|s| *s > 0)
            .map(|seconds| Mode::Full { seconds })
            .ok_or_else(|| format!("--duration wants whole seconds, not `{secs}`")),
        _ => Err("usage: cargo xtask bench [--duration SECS | --size | --lighthouse]".into()),
    }
}

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

fn load_run(binary: &PathBuf, seconds: u32) -> Result<()> {
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
fn printed(stdout: &str, label: &str) -> Result<String> {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(label))
        .map(str::to_owned)
        .ok_or_else(|| format!("load-data did not print {label:?}"))
}

/// Runs `portico load-data` with `args` on the server's database; returns what it printed.
fn load_data(binary: &PathBuf, server: &Server, args: &[&str]) -> Result<String> {
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

/// How long events are published in the webhook run.
const WEBHOOK_SECONDS: u32 = 60;

/// The webhook outbox under a steady 200 events a second, on a fresh server.
fn webhook_run(binary: &PathBuf) -> Result<()> {
    let (server, addr) = start_server(binary, None)?;
    let assets = (webhook_load::ASSETS_PER_THREAD * 4).to_string();
    let stdout = load_data(binary, &server, &["--assets", &assets])?;
    let first: i64 = printed(&stdout, "first added asset: ")?
        .parse()
        .map_err(|e| format!("load-data printed a bad asset id: {e}"))?;
    let manager = sign_in(addr, &server, MANAGER_EMAIL)?;
    let f = webhook_load::run(addr, &manager, first, WEBHOOK_SECONDS)?;
    drop(server);
    let figure =
        |key| http::json_number(&f.endpoint_health, key).map_or("-".into(), |v| format!("{v}"));
    println!(
        "\nwebhooks: {} asset.published events in {:.1} s ({:.0}/s, target {}/s) to a loopback receiver",
        f.published,
        f.seconds,
        f.published as f64 / f.seconds,
        webhook_load::RATE
    );
    println!(
        "  received {} distinct webhook ids, {} duplicates; server reports delivered {}, pending {}, dead {}",
        f.received,
        f.duplicates,
        figure("delivered"),
        figure("pending"),
        figure("dead")
    );
    println!(
        "  event to delivery: p50 {} ms, p95 {} ms; within 5 s: {} %",
        figure("p50_ms"),
        figure("p95_ms"),
        figure("within_target_percent")
    );
    Ok(())
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
fn sign_in(addr: SocketAddr, server: &Server, email: &str) -> Result<Session> {
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

/// Who sends a wrk run's requests.
#[derive(Clone, Copy)]
pub enum Client<'a> {
    Anonymous,
    /// One session's cookie on every request.
    Session(&'a str),
    /// A Lua script that sets each request's cookie (and maybe its query and pacing).
    Script(&'a Path),
}

fn wrk(
    addr: SocketAddr,
    path: &str,
    client: Client,
    connections: u32,
    seconds: u32,
) -> Result<WrkFigures> {
    run_wrk(wrk_command(addr, path, client, connections, seconds))
}

/// The wrk command of a run, echoed without the session token: a credential, even a
/// throw-away one, stays out of the log.
pub fn wrk_command(
    addr: SocketAddr,
    path: &str,
    client: Client,
    connections: u32,
    seconds: u32,
) -> Command {
    let threads = search_load::WRK_THREADS;
    let mut cmd = Command::new("wrk");
    cmd.args([
        format!("-t{threads}"),
        format!("-c{connections}"),
        "--latency".into(),
    ])
    .arg(format!("-d{seconds}s"));
    let shown = match client {
        Client::Anonymous => String::new(),
        Client::Session(token) => {
            cmd.arg("-H")
                .arg(format!("Cookie: portico_session={token}"));
            " -H 'Cookie: portico_session=…'".to_owned()
        }
        Client::Script(script) => {
            cmd.arg("-s").arg(script);
            format!(" -s {}", script.display())
        }
    };
    cmd.arg(format!("http://{addr}{path}"));
    println!("$ wrk -t{threads} -c{connections} --latency -d{seconds}s{shown} http://{addr}{path}");
    cmd
}

pub fn run_wrk(mut cmd: Command) -> Result<WrkFigures> {
    wrk_figures(cmd.output().map_err(|e| format!("cannot run wrk: {e}"))?)
}

/// Prints what wrk printed and reads its figures.
pub fn wrk_figures(out: Output) -> Result<WrkFigures> {
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    if !out.status.success() {
        return Err(format!(
            "wrk failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    parse_wrk(&text).ok_or_else(|| "could not read requests/s and latencies from wrk".into())
}

#[derive(Debug, PartialEq)]
pub struct WrkFigures {
    pub requests: u64,
    pub requests_per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub non_success: u64,
}

impl WrkFigures {
    pub fn refused_percent(&self) -> f64 {
        100.0 * self.non_success as f64 / self.requests.max(1) as f64
    }
}

/// Reads the request count, `Requests/sec:`, the `50%` and `99%` lines of `--latency`, and the
/// non-2xx count.
pub fn parse_wrk(text: &str) -> Option<WrkFigures> {
    let mut requests = None;
    let mut rps = None;
    let mut p50 = None;
    let mut p99 = None;
    let mut non_success = 0;
    for line in text.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("Requests/sec:"), Some(v)) => rps = v.parse().ok(),
            (Some("50%"), Some(v)) => p50 = millis(v),
            (Some("99%"), Some(v)) => p99 = millis(v),
            (Some(n), Some("requests")) => requests = n.parse().ok(),
            _ => {}
        }
        if let Some(n) = line.strip_prefix("Non-2xx or 3xx responses:") {
            non_success = n.trim().parse().unwrap_or(0);
        }
    }
    Some(WrkFigures {
        requests: requests?,
        requests_per_sec: rps?,
        p50_ms: p50?,
        p99_ms: p99?,
        non_success,
    })
}

/// wrk prints latencies as `812.00us`, `1.23ms`, `2.01s` or `1.50m`.
fn millis(value: &str) -> Option<f64> {
    let split = value.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = value.split_at(split);
    let n: f64 = number.parse().ok()?;
    let factor = match unit {
        "us" => 0.001,
        "ms" => 1.0,
        "s" => 1000.0,
        "m" => 60_000.0,
        "h" => 3_600_000.0,
        _ => return None,
    };
    Some(n * factor)
}

/// `cargo bench --workspace`, only when some package declares a bench target (a `[[bench]]`
/// or a `benches/` directory, both of which `cargo metadata` reports as kind "bench").
fn criterion() -> Result<()> {
    let out = cargo()
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let metadata = String::from_utf8_lossy(&out.stdout);
    if !has_bench_target(&metadata) {
        println!("no benchmarks in the workspace yet: skipping cargo bench");
        return Ok(());
    }
    execute(cargo().args(["bench", "--workspace"]))
}

fn has_bench_target(metadata: &str) -> bool {
    let compact: String = metadata.split_whitespace().collect();
    compact.contains(r#""kind":["bench"]"#)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRK: &str = "\
Running 10s test @ http://127.0.0.1:40123/api/me
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52ms  640.11us  12.03ms   80.00%
    Req/Sec    10.71k     1.02k   12.50k    71.00%
  Latency Distribution
     50%  812.00us
     75%    1.93ms
     90%    2.40ms
     99%    3.10ms
  213051 requests in 10.00s, 60.12MB read
  Non-2xx or 3xx responses: 7
Requests/sec:  21301.87
Transfer/sec:      6.01MB
";

    #[test]
    fn reads_wrk_figures() {
        let f = parse_wrk(WRK).unwrap();
        assert_eq!(f.requests, 213051);
        assert_eq!(f.requests_per_sec, 21301.87);
        assert!((f.p50_ms - 0.812).abs() < 1e-9);
        assert_eq!(f.p99_ms, 3.10);
        assert_eq!(f.non_success, 7);
    }

    #[test]
    fn wrk_output_without_latency_distribution_is_unreadable() {
        assert_eq!(parse_wrk("Requests/sec:  100.0\n"), None);
    }

    #[test]
    fn converts_wrk_units() {
        assert_eq!(millis("2.5s"), Some(2500.0));
        assert_eq!(millis("1.50m"), Some(90_000.0));
        assert_eq!(millis("12"), None);
    }

    #[test]
    fn finds_bench_targets_in_metadata() {
        let with = r#"{"targets":[{"kind": ["bench"],"name":"conflict"}]}"#;
        let without = r#"{"targets":[{"kind":["lib"]},{"kind":["test"]}]}"#;
        assert!(has_bench_target(with));
        assert!(!has_bench_target(without));
    }

    #[test]
    fn reads_the_duration() {
        assert_eq!(parse_args(&[]), Ok(Mode::Full { seconds: 10 }));
        let args = ["--duration".to_owned(), "3".to_owned()];
        assert_eq!(parse_args(&args), Ok(Mode::Full { seconds: 3 }));
        assert_eq!(parse_args(&["--size".to_owned()]), Ok(Mode::Size));
        assert_eq!(
            parse_args(&["--lighthouse".to_owned()]),
            Ok(Mode::Lighthouse)
        );
        assert!(parse_args(&["--duration".to_owned(), "0".to_owned()]).is_err());
    }
}
