//! Installs the pinned tools when missing. Each check is cheap, so every command runs them
//! all and a second run changes nothing. Where an install is impossible the error names what
//! to install by hand.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::{Result, cargo, execute, output_of, phase, repo_root};

pub const TRUNK_VERSION: &str = "0.21.14";
/// Debian's binaryen (108) builds a bundle that loads blank; 132 is known good.
pub const WASM_OPT_VERSION: &str = "132";
const BINARYEN_NPM: &str = "binaryen@132.0.0";
/// Splits each app's wasm at its lazily loaded pages (`#[lazy]`), before wasm-bindgen.
const WASM_SPLIT_VERSION: &str = "0.2.4";
/// Minifies the JavaScript glue, an ES module (Trunk's own minifier cannot parse `export`).
pub const TERSER_VERSION: &str = "5.51.4";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What `trunk build` needs: the wasm target, Trunk, and what its build hook runs (the wasm
/// splitter, wasm-bindgen, wasm-opt, terser).
pub fn spa_toolchain() -> Result<()> {
    announce_first_run();
    phase("wasm target", wasm_target)?;
    phase("Trunk", trunk)?;
    phase("wasm splitter", wasm_split)?;
    phase("wasm-bindgen CLI", wasm_bindgen)?;
    phase("wasm-opt", wasm_opt)?;
    phase("terser", terser)
}

/// On a fresh machine most of the time goes to compiling the tools; say so before it starts.
fn announce_first_run() {
    if output_of("trunk", &["--version"]) == Some(trunk_version_line()) {
        return;
    }
    println!(
        "First run on this machine: installing what the build needs (Trunk, the wasm splitter \
         and wasm-bindgen, compiled from crates.io; wasm-opt and terser from npm; Node.js from \
         apt if missing), then building the two front ends and the server. On two cores this \
         takes about 20 minutes, most of it compiling; later runs take seconds to minutes."
    );
}

fn wasm_target() -> Result<()> {
    if let Some(installed) = output_of("rustup", &["target", "list", "--installed"]) {
        if installed.lines().any(|l| l.trim() == WASM_TARGET) {
            println!("{WASM_TARGET}: installed");
            return Ok(());
        }
        return execute(Command::new("rustup").args(["target", "add", WASM_TARGET]));
    }
    // Without rustup the target may still ship with the toolchain (distribution packages).
    let sysroot = output_of("rustc", &["--print", "sysroot"]).unwrap_or_default();
    if Path::new(&sysroot)
        .join("lib/rustlib")
        .join(WASM_TARGET)
        .is_dir()
    {
        println!("{WASM_TARGET}: present in {sysroot}");
        return Ok(());
    }
    Err(format!(
        "the Rust target {WASM_TARGET} is missing and rustup is not available: install rustup \
         (https://rustup.rs) or your distribution's wasm32 Rust standard library by hand"
    ))
}

/// What the pinned Trunk's `--version` prints.
fn trunk_version_line() -> String {
    format!("trunk {TRUNK_VERSION}")
}

fn trunk() -> Result<()> {
    cargo_installed("trunk", &trunk_version_line(), || {
        execute(cargo().args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]))
    })
}

fn wasm_bindgen() -> Result<()> {
    let lock = std::fs::read_to_string(repo_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let version = locked_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen package; build the app once with cargo")?;
    // Not --locked: a dependency locked by wasm-bindgen-cli 0.2.130 is missing from the registry.
    cargo_installed("wasm-bindgen", &format!("wasm-bindgen {version}"), || {
        execute(cargo().args(["install", "wasm-bindgen-cli", "--version", &version]))
    })
}

/// Its command line has no `--version`; cargo's list of installed packages tells.
fn wasm_split() -> Result<()> {
    let wanted = format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:");
    let listed = || {
        output_of(cargo().get_program(), &["install", "--list"])
            .is_some_and(|list| list.lines().any(|l| l == wanted))
    };
    if listed() && on_path("wasm-split-cli") {
        println!("wasm-split-cli {WASM_SPLIT_VERSION}: installed");
        return Ok(());
    }
    execute(cargo().args([
        "install",
        "--locked",
        "wasm_split_cli_support",
        "--features",
        "build-binary",
        "--version",
        WASM_SPLIT_VERSION,
    ]))
}

fn terser() -> Result<()> {
    npm_package("terser", TERSER_VERSION)
}

/// Runs `install` unless `<tool> --version` already prints `wanted`, and checks it afterwards.
fn cargo_installed(tool: &str, wanted: &str, install: impl FnOnce() -> Result<()>) -> Result<()> {
    let found = output_of(tool, &["--version"]);
    if found.as_deref() == Some(wanted) {
        println!("{wanted}: installed");
        return Ok(());
    }
    println!(
        "{tool}: {} (want {wanted}); installing",
        found.as_deref().unwrap_or("not found")
    );
    install()?;
    match output_of(tool, &["--version"]) {
        Some(v) if v == wanted => Ok(()),
        other => Err(format!(
            "after installing, `{tool} --version` says {other:?}, not {wanted:?}: another {tool} \
             comes first on PATH; remove it or put ~/.cargo/bin first"
        )),
    }
}

/// The version of the first `[[package]]` named `name` in a Cargo.lock.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines().map(str::trim);
    lines.find(|l| *l == wanted)?;
    let version = lines.next()?.strip_prefix("version = \"")?;
    Some(version.trim_end_matches('"').to_owned())
}

/// The pinned wasm-opt and Lighthouse live in the repository (`.tools/`, git-ignored), not
/// system-wide, so they cannot clash with a distribution's.
pub fn tools_dir() -> PathBuf {
    repo_root().join(".tools")
}

pub fn npm_bin_dir() -> PathBuf {
    tools_dir().join("node_modules/.bin")
}

/// Lighthouse for the bench, with the puppeteer-core it brings (the bench signs in with it).
pub const LIGHTHOUSE_VERSION: &str = "12.8.2";

pub fn lighthouse() -> Result<()> {
    npm_package("lighthouse", LIGHTHOUSE_VERSION)
}

/// `name@version` in `.tools/node_modules`, installed unless its manifest has that version.
fn npm_package(name: &str, version: &str) -> Result<()> {
    let manifest = tools_dir()
        .join("node_modules")
        .join(name)
        .join("package.json");
    let installed = || {
        std::fs::read_to_string(&manifest)
            .ok()
            .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
            .is_some_and(|m| m["version"] == version)
    };
    if installed() {
        println!("{name} {version}: installed");
        return Ok(());
    }
    npm_install(&format!("{name}@{version}"))?;
    if installed() {
        Ok(())
    } else {
        Err(format!(
            "{} is not {name} {version} after npm install",
            manifest.display()
        ))
    }
}

/// `npm install` of one package into `.tools/`, with Node.js and npm from apt when missing.
fn npm_install(package: &str) -> Result<()> {
    if output_of("npm", &["--version"]).is_none() || output_of("node", &["--version"]).is_none() {
        apt_install(
            &format!("Node.js and npm (to install {package})"),
            &["nodejs", "npm"],
        )?;
    }
    execute(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(tools_dir())
            .arg(package),
    )
}

fn wasm_opt() -> Result<()> {
    let wasm_opt = npm_bin_dir().join("wasm-opt");
    let is_pinned = |v: &str| v.split_whitespace().nth(2) == Some(WASM_OPT_VERSION);
    if let Some(v) = output_of(&wasm_opt, &["--version"]).filter(|v| is_pinned(v)) {
        println!("{v}: installed");
        return Ok(());
    }
    npm_install(BINARYEN_NPM)?;
    match output_of(&wasm_opt, &["--version"]) {
        Some(v) if is_pinned(&v) => Ok(()),
        other => Err(format!(
            "{} --version says {other:?} after `npm install {BINARYEN_NPM}`; expected version \
             {WASM_OPT_VERSION}",
            wasm_opt.display()
        )),
    }
}

/// Chromium and ChromeDriver for the browser tests, from the same apt source so they match.
pub fn chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("{CHROMIUM} and {CHROMEDRIVER}: installed");
        return Ok(());
    }
    apt_install(
        "Chromium and ChromeDriver (for the browser tests)",
        &["chromium", "chromium-driver"],
    )
}

/// axe-core, the accessibility checker the browser tests run in every page they check.
pub const AXE_VERSION: &str = "4.14.1";

pub fn axe() -> Result<()> {
    npm_package("axe-core", AXE_VERSION)
}

/// The script the browser tests inject, as `PORTICO_AXE`.
pub fn axe_script() -> PathBuf {
    tools_dir().join("node_modules/axe-core/axe.min.js")
}

/// aiosmtpd, the SMTP server the e-mail tests start; lxml and sepaxml, whose ISO 20022
/// schemas the SEPA file tests validate against: in one virtual environment under `.tools/`.
pub const AIOSMTPD: &str = "aiosmtpd==1.4.6";
pub const LXML: &str = "lxml==6.0.2";
pub const SEPAXML: &str = "sepaxml==2.7.0";

/// The Python that has aiosmtpd, lxml and sepaxml; the tests run it as
/// `PORTICO_TEST_SMTP_PYTHON` (the e-mail tests) and `PORTICO_TEST_XML_PYTHON` (the SEPA file).
pub fn smtp_python() -> PathBuf {
    repo_root().join(".tools/smtp/bin/python")
}

pub fn smtp_receiver() -> Result<()> {
    let python = smtp_python();
    if output_of(
        &python,
        &[
            "-c",
            "import aiosmtpd, lxml, sepaxml; print(aiosmtpd.__version__)",
        ],
    )
    .is_some()
    {
        println!("{AIOSMTPD}, {LXML}, {SEPAXML}: installed");
        return Ok(());
    }
    if output_of("python3", &["--version"]).is_none() {
        apt_install(
            "Python 3 (for the SMTP test server)",
            &["python3", "python3-venv"],
        )?;
    }
    let venv = repo_root().join(".tools/smtp");
    execute(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    execute(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args([AIOSMTPD, LXML, SEPAXML]),
    )
}

pub fn wrk() -> Result<()> {
    if on_path("wrk") {
        return Ok(());
    }
    apt_install("wrk (for the load run)", &["wrk"])
}

fn on_path(program: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).any(|dir| dir.join(program).is_file())
}

static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// `apt-get install -y`, after one `apt-get update` per run (only when something is needed).
fn apt_install(what: &str, packages: &[&str]) -> Result<()> {
    let by_hand = || {
        format!(
            "install {what} by hand (Debian: apt-get install {})",
            packages.join(" ")
        )
    };
    if !Path::new("/usr/bin/apt-get").exists() {
        return Err(format!(
            "{} is missing and apt-get is not available: {}",
            what,
            by_hand()
        ));
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        return Err(format!(
            "{what} is missing and installing it needs root: {}",
            by_hand()
        ));
    }
    if !APT_UPDATED.swap(true, Ordering::SeqCst) {
        execute(Command::new("apt-get").args(["update"]))?;
    }
    execute(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y"])
            .args(packages),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "trunk"), None);
    }

    #[test]
    fn the_workspace_lock_pins_wasm_bindgen() {
        let lock = std::fs::read_to_string(repo_root().join("Cargo.lock")).unwrap();
        assert!(locked_version(&lock, "wasm-bindgen").is_some());
    }
}
