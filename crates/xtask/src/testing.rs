//! `cargo xtask test`: set-up, then every cargo test run, streamed live and summed into one
//! closing line.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use crate::{Result, cargo, child, phase, setup, show, spa};

const POSTGRES_URL: &str = "PORTICO_TEST_POSTGRES_URL";
const SMTP_PYTHON: &str = "PORTICO_TEST_SMTP_PYTHON";
const XML_PYTHON: &str = "PORTICO_TEST_XML_PYTHON";

pub fn run(extra: Vec<String>) -> Result<ExitCode> {
    browser_setup()?;
    phase("SMTP test server and XML schemas", setup::smtp_receiver)?;
    spa::build()?;

    let mut runs = Vec::new();
    // SQLite: unit tests, server HTTP tests and the browser tests against the built dist/.
    let mut sqlite = cargo();
    sqlite
        .args(["test", "--workspace", "--no-fail-fast"])
        .args(&extra)
        // Empty, not unset: the SQLite pass says it has no PostgreSQL, and the one test that
        // needs both engines (schema parity) leaves the comparison to the PostgreSQL pass.
        .env(POSTGRES_URL, "")
        .env(SMTP_PYTHON, setup::smtp_python())
        .env(XML_PYTHON, setup::smtp_python());
    browser_env(&mut sqlite);
    runs.push(phase("tests on SQLite", || stream("SQLite", &mut sqlite))?);

    match std::env::var(POSTGRES_URL) {
        _ if child::interrupted() => println!("\ninterrupted: skipping the remaining runs"),
        Ok(url) if !url.is_empty() => {
            let mut postgres = cargo();
            postgres
                .args(["test", "-p", "portico-server", "--tests", "--no-fail-fast"])
                .args(&extra)
                .env(POSTGRES_URL, url)
                .env(SMTP_PYTHON, setup::smtp_python())
                .env(XML_PYTHON, setup::smtp_python());
            runs.push(phase("server tests on PostgreSQL", || {
                stream("PostgreSQL", &mut postgres)
            })?);
        }
        _ => println!("\n{POSTGRES_URL} is not set: skipping the PostgreSQL run"),
    }

    println!();
    let mut total = Tally::default();
    for r in &runs {
        // Worded unlike the closing line, so that only one line reads `N passed, M failed`.
        println!(
            "{:<11} passed {:>5}  failed {:>3}  ignored {:>3}  {:>6.1} s  cargo {}",
            r.label,
            r.tally.passed,
            r.tally.failed,
            r.tally.ignored,
            r.seconds,
            if r.cargo_ok { "ok" } else { "FAILED" }
        );
        total.add(&r.tally);
    }
    let ok = runs.iter().all(|r| r.cargo_ok) && total.failed == 0 && total.passed > 0;
    if total.passed + total.failed == 0 {
        println!("no test ran: that counts as a failure");
    }
    println!("portico: {} passed, {} failed", total.passed, total.failed);
    let _ = std::io::stdout().flush();
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// What the browser tests need installed: the SPA's toolchain, Chromium and axe-core.
pub fn browser_setup() -> Result<()> {
    setup::spa_toolchain()?;
    phase("Chromium and ChromeDriver", setup::chromium)?;
    phase("axe-core", setup::axe)
}

/// Where the browser tests find the built apps, the browser and the accessibility checker.
pub fn browser_env(cmd: &mut Command) {
    cmd.env("PORTICO_DIST", spa::dist())
        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
        .env("CHROMIUM", setup::CHROMIUM)
        .env("PORTICO_AXE", setup::axe_script());
}

#[derive(Debug, Default, PartialEq)]
pub struct Tally {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.ignored += other.ignored;
    }
}

struct Run {
    label: &'static str,
    tally: Tally,
    cargo_ok: bool,
    seconds: f64,
}

/// Runs cargo with its standard output echoed line by line as it comes (CI shows progress)
/// while adding up the libtest result lines. Compiler output stays on standard error.
fn stream(label: &'static str, cmd: &mut Command) -> Result<Run> {
    println!("$ {}", show(cmd));
    let started = Instant::now();
    cmd.stdout(Stdio::piped());
    child::own_group(cmd);
    let forwarding = child::Forwarding::install();
    let mut cargo = cmd
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", show(cmd)))?;
    forwarding.to(cargo.id());
    let stdout = cargo.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || echo_and_tally(stdout));
    let status = cargo.wait().map_err(|e| format!("waiting for cargo: {e}"));
    // A WebDriver or browser that a test left running would keep the output pipe open, and us
    // waiting, forever: end whatever remains of the run's process group.
    child::signal_group(cargo.id() as i32, libc::SIGKILL);
    let tally = reader.join().expect("the output reader does not panic");
    drop(forwarding);
    Ok(Run {
        label,
        tally,
        cargo_ok: status?.success(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn echo_and_tally(output: impl std::io::Read) -> Tally {
    let mut reader = BufReader::new(output);
    let mut out = std::io::stdout();
    let mut tally = Tally::default();
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
        let _ = out.write_all(&line);
        let _ = out.flush();
        if let Some(t) = parse_result_line(&String::from_utf8_lossy(&line)) {
            tally.add(&t);
        }
        line.clear();
    }
    tally
}

/// Reads libtest's `test result: ok. 12 passed; 0 failed; 1 ignored; …` line (also found after
/// a test's own unterminated output on the same line).
pub fn parse_result_line(line: &str) -> Option<Tally> {
    let (_, rest) = line.split_once("test result: ")?;
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == ';' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut tally = Tally::default();
    let mut seen = false;
    for pair in words.windows(2) {
        let Ok(n) = pair[0].parse::<u64>() else {
            continue;
        };
        match pair[1] {
            "passed" => tally.passed = n,
            "failed" => tally.failed = n,
            "ignored" => tally.ignored = n,
            _ => continue,
        }
        seen = true;
    }
    seen.then_some(tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_passing_and_failing_result_lines() {
        let ok = "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 3 filtered out; \
                  finished in 0.41s";
        assert_eq!(
            parse_result_line(ok),
            Some(Tally {
                passed: 12,
                failed: 0,
                ignored: 1
            })
        );
        let failed = "test result: FAILED. 40 passed; 2 failed; 0 ignored; 0 measured; \
                      0 filtered out; finished in 12.00s\n";
        assert_eq!(
            parse_result_line(failed),
            Some(Tally {
                passed: 40,
                failed: 2,
                ignored: 0
            })
        );
    }

    #[test]
    fn reads_a_result_line_after_unterminated_output() {
        let line = "partial outputtest result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; \
                    0 filtered out; finished in 0.00s";
        assert_eq!(parse_result_line(line).map(|t| t.passed), Some(3));
    }

    #[test]
    fn ignores_other_lines() {
        assert_eq!(parse_result_line("test login ... ok"), None);
        assert_eq!(parse_result_line("running 3 tests"), None);
        assert_eq!(parse_result_line("test result: weird"), None);
    }
}
