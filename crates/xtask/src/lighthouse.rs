//! Lighthouse's mobile preset (simulated slow 4G, 4× CPU slowdown) on the sign-in page and the
//! partner home, against the release server serving the built front ends, beside the targets.

use std::path::Path;
use std::process::Command;

use crate::bench_server::start_server;
use crate::{Result, repo_root, serve, setup, spa};

const PARTNER_EMAIL: &str = "alice@northwind.example";

/// One audited page, as `lighthouse/run.mjs` prints it.
struct Audit {
    page: String,
    performance: f64,
    accessibility: f64,
    best_practices: f64,
    fcp_ms: f64,
    lcp_ms: f64,
    cls: f64,
    tbt_ms: f64,
}

pub fn run(binary: &Path) -> Result<()> {
    setup::lighthouse()?;
    let (server, addr) = start_server(binary, Some(&spa::dist()))?;
    let output = Command::new("node")
        .arg(repo_root().join("crates/xtask/lighthouse/run.mjs"))
        .arg(format!("http://{addr}"))
        .args([PARTNER_EMAIL, serve::DEMO_PASSWORD])
        .env("TOOLS", setup::tools_dir())
        .env("CHROME_PATH", setup::CHROMIUM)
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "Lighthouse failed: {}\n--- server log ---\n{}",
            String::from_utf8_lossy(&output.stderr),
            server.log()
        ));
    }
    let audits = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(parse)
        .collect::<Result<Vec<_>>>()?;
    print(&audits);
    Ok(())
}

fn parse(line: &str) -> Result<Audit> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("Lighthouse printed `{line}`: {e}"))?;
    let number = |key: &str| {
        value[key]
            .as_f64()
            .ok_or_else(|| format!("Lighthouse's `{key}` is missing in `{line}`"))
    };
    Ok(Audit {
        page: value["page"].as_str().unwrap_or_default().to_owned(),
        performance: number("performance")?,
        accessibility: number("accessibility")?,
        best_practices: number("best_practices")?,
        fcp_ms: number("fcp_ms")?,
        lcp_ms: number("lcp_ms")?,
        cls: number("cls")?,
        tbt_ms: number("tbt_ms")?,
    })
}

fn print(audits: &[Audit]) {
    println!(
        "{:<14} {:>11} {:>13} {:>14} {:>8} {:>8} {:>7} {:>8}",
        "page", "performance", "accessibility", "best practices", "FCP", "LCP", "CLS", "TBT"
    );
    for a in audits {
        println!(
            "{:<14} {:>11.2} {:>13.2} {:>14.2} {:>6.0}ms {:>6.0}ms {:>7.3} {:>6.0}ms",
            a.page,
            a.performance,
            a.accessibility,
            a.best_practices,
            a.fcp_ms,
            a.lcp_ms,
            a.cls,
            a.tbt_ms
        );
    }
    println!("targets: performance ≥ 0.95, accessibility 1.00, best practices 1.00, LCP ≤ 2500 ms");
}
