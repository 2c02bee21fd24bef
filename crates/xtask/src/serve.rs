//! `cargo xtask serve`: set-up, SPA and release server builds, then the server in the
//! foreground on http://127.0.0.1:3000 with demo data, until Ctrl-C.

use std::net::SocketAddr;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use crate::{Result, cargo, child, execute, http, phase, repo_root, setup, spa, target_dir};

const BIND: &str = "127.0.0.1:3000";
/// The demo data's password (the server lists the sign-ins when it starts with `--demo`).
pub const DEMO_PASSWORD: &str = "portico-demo";

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
    // The server itself lists the demo sign-ins as it starts listening.
    if ready.is_ok() {
        println!("\nData is kept in ./data; Ctrl-C stops the server.\n");
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
