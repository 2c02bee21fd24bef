//! wrk, the HTTP load generator the bench drives: its command lines, with credentials kept out
//! of the log, and the figures read from what it prints.

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Output};

use crate::{Result, search_load};

/// Who sends a wrk run's requests.
#[derive(Clone, Copy)]
pub enum Client<'a> {
    Anonymous,
    /// One session's cookie on every request.
    Session(&'a str),
    /// A Lua script that sets each request's cookie (and maybe its query and pacing).
    Script(&'a Path),
}

pub fn wrk(
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
}
