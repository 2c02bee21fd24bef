//! `cargo xtask bench`: figures to read, never a pass/fail on timing. Each front end's transfer
//! size against its budget, Lighthouse on the sign-in page and the partner home, a wrk load run
//! against the release server, and criterion benches when the workspace has any.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::bench_server::start_server;
use crate::load_run::{MANAGER_EMAIL, load_data, load_run, printed, sign_in};
use crate::{
    Result, cargo, execute, http, lighthouse, phase, serve, setup, size, spa, webhook_load,
};

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
            size::report_size(app)
        })?;
        if !fits {
            println!("warning: the {} is OVER BUDGET", app.name);
        }
        phase(&format!("{} wasm contents", app.name), || {
            size::report_contents(app)
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
