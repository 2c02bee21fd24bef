//! `cargo xtask …`: the project's own set-up, build, serve, test and bench commands, so that a
//! fresh Debian machine with only rustup's Rust needs nothing else. Depends on std (plus two
//! pure-Rust compressors and libc), never on the workspace's crates, so it builds in seconds.

mod bench;
mod bench_server;
mod bundle;
mod child;
mod http;
mod lighthouse;
mod load_run;
mod screenshots;
mod search_load;
mod serve;
mod setup;
mod size;
mod spa;
mod testing;
mod wasm_top;
mod webhook_load;
mod wrk;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

pub type Result<T> = std::result::Result<T, String>;

const HELP: &str = "\
Portico's developer commands.

USAGE:
    cargo xtask <COMMAND> [OPTIONS]

COMMANDS:
    serve               Install what is missing, build the SPA and the server (release),
                        then serve http://127.0.0.1:3000 with a SQLite database in ./data
                        and demo data. Ctrl-C stops it; the data is kept.
    test [-- ARGS]      The same set-up plus Chromium and ChromeDriver, then every test of
                        the workspace on SQLite, and the server's HTTP tests again on
                        PostgreSQL when PORTICO_TEST_POSTGRES_URL is set. ARGS go to
                        `cargo test` (e.g. `cargo xtask test -- login` filters by name).
    bench [--duration SECS | --size]
                        Each front end's first-load transfer size (wasm, js, css; raw, gzip,
                        brotli) against its budget and the largest contributors to its wasm,
                        then (unless --size) a wrk load run against the release server
                        (default 10 s per endpoint) and `cargo bench` when the workspace has
                        benchmarks.
    screenshots         Build the apps and take pictures of the main pages (both homes, the
                        console's navigation, the conflict view, the pipeline on a phone)
                        into docs/screenshots/, through the browser tests that visit them.
    bundle <PACKAGE>    Build one app's wasm, split at its lazily loaded pages, into the
                        folder Trunk is building (Trunk's build hook runs this).
    help                This text.

What `serve`, `test` and `bench` install when missing (as root, idempotently):
    rustup target wasm32-unknown-unknown, Trunk 0.21.14, the wasm splitter
    (wasm_split_cli_support 0.2.4) and wasm-bindgen-cli (version from Cargo.lock) through
    `cargo install`, wasm-opt 132 and terser 5.51.4 (npm, into .tools/),
    axe-core 4.14.1 (npm, for the browser tests' accessibility checks), and from Debian:
    nodejs + npm when absent, chromium + chromium-driver (test), wrk (bench).
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    prepend_tool_dirs_to_path();
    let outcome = match command.as_str() {
        "serve" => serve::run(),
        "test" => testing::run(strip_separator(rest)),
        "bench" => bench::run(&rest),
        "bundle" => bundle::run(&rest),
        "screenshots" => screenshots::run(),
        "" | "help" | "-h" | "--help" => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        other => Err(format!(
            "unknown command `{other}`; run `cargo xtask --help`"
        )),
    };
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask test -- login` and `cargo xtask test login` mean the same.
fn strip_separator(mut args: Vec<String>) -> Vec<String> {
    if args.first().is_some_and(|a| a == "--") {
        args.remove(0);
    }
    args
}

/// The workspace root: crates/xtask/../..
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/xtask sits two levels below the workspace root")
        .to_path_buf()
}

/// Where cargo puts build output, honouring CARGO_TARGET_DIR like cargo does.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => repo_root().join(dir),
        None => repo_root().join("target"),
    }
}

pub fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
}

/// The cargo that started us (the alias runs through it), so rustup picks the same toolchain.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(repo_root());
    cmd
}

/// Tools installed by `cargo install` and npm must be found even when the shell's PATH lacks
/// ~/.cargo/bin (a fresh CI shell); the pinned wasm-opt must win over any other one.
fn prepend_tool_dirs_to_path() {
    let mut dirs: Vec<PathBuf> = vec![setup::npm_bin_dir()];
    dirs.extend(cargo_home().map(|h| h.join("bin")));
    let current = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(std::env::split_paths(&current));
    let joined: OsString = std::env::join_paths(dirs).expect("PATH entries without ':'");
    // SAFETY: called first thing in main, before any other thread exists.
    unsafe { std::env::set_var("PATH", joined) };
}

/// Runs a command to completion with inherited output; a non-zero exit is an error.
pub fn execute(cmd: &mut Command) -> Result<()> {
    println!("$ {}", show(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run `{}`: {e}", show(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", show(cmd)))
    }
}

/// Standard output of a command that succeeded, or None (not installed, failed).
pub fn output_of(program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

pub fn show(cmd: &Command) -> String {
    let mut line = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Announces a phase and, when finished, how long it took: CI logs show where time goes.
pub fn phase<T>(name: &str, work: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("\n==> {name}");
    let started = Instant::now();
    let outcome = work();
    let verdict = if outcome.is_ok() { "done" } else { "FAILED" };
    println!(
        "<== {name}: {verdict} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    outcome
}
