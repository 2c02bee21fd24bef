//! `cargo xtask serve`: set-up, SPA and release server builds, then the server in the
//! foreground on http://127.0.0.1:3000 with demo data, until Ctrl-C.

use std::net::SocketAddr;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use crate::{Result, cargo, child, execute, http, phase, repo_root, setup, spa, target_dir};

const BIND: &str = "127.0.0.1:3000";
pub const DEMO_PASSWORD: &str = "portico-demo";
pub const DEMO_LOGINS: &[(&str, &str)] = &[
    ("admin@acme.example", "admin"),
    ("manager@acme.example", "manager"),
    (
        "alice@northwind.example",
        "partner_admin, Northwind Partners",
    ),
    (
        "bob@globex-consulting.example",
        "partner_user, Globex Consulting",
    ),
];

pub fn run() -> Result<ExitCode> {
    setup::spa_toolchain()?;
    spa::build()?;
    let binary = build_server()?;
    std::fs::create_dir_all(repo_root().join("data"))
        .map_err(|e| format!("cannot create ./data: {e}"))?;

    let mut cmd = Command::new(&binary);
    cmd.args(["--bind", BIND])
        .args(["--database-url", "sqlite://./data/portico.db"])
        .args(["--dist", "dist", "--demo"])
        .current_dir(repo_root())
        .stdin(Stdio::null());
    child::own_group(&mut cmd);
    println!("\n$ {}", crate::show(&cmd));
    let forwarding = child::Forwarding::install();
    let mut server = cmd
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    forwarding.to(server.id());

    let addr: SocketAddr = BIND.parse().expect("a valid address");
    let ready = http::wait_healthy(addr, Duration::from_secs(120), || {
        matches!(server.try_wait(), Ok(None))
    });
    if ready.is_ok() {
        print_banner();
    }
    let status = server
        .wait()
        .map_err(|e| format!("waiting for the server: {e}"))?;
    // Shell convention: a child ended by signal N exits 128 + N.
    let code = status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(1);
    Ok(ExitCode::from(code.clamp(0, 255) as u8))
}

/// `cargo build --release -p portico-server --bin portico`; returns the binary's path.
pub fn build_server() -> Result<PathBuf> {
    phase("server build (release)", || {
        execute(cargo().args([
            "build",
            "--release",
            "-p",
            "portico-server",
            "--bin",
            "portico",
        ]))
    })?;
    Ok(target_dir().join("release/portico"))
}

fn print_banner() {
    let rule = "─".repeat(64);
    println!("\n{rule}");
    println!("  Portico is running at http://{BIND}");
    println!("  Demo logins, all with the password `{DEMO_PASSWORD}`:");
    for (email, role) in DEMO_LOGINS {
        println!("    {email:<32} {role}");
    }
    println!("  Data is kept in ./data; Ctrl-C stops the server.");
    println!("{rule}\n");
}
