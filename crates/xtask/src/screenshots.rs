//! `cargo xtask screenshots`: pictures of the main pages into `docs/screenshots/`, taken by the
//! browser tests that visit those pages (`Browser::screenshot` saves one when
//! `PORTICO_SCREENSHOTS` names a folder), so the pictures show the apps as they are.

use std::process::ExitCode;

use crate::testing::{browser_env, browser_setup};
use crate::{Result, cargo, execute, repo_root, spa};

/// Each picture the README and the docs use.
const PICTURES: [&str; 7] = [
    "partner-home",
    "partner-home-phone",
    "manager-home",
    "manager-home-phone",
    "console-navigation",
    "conflict-view",
    "pipeline-phone",
];

/// The tests that take them.
const TESTS: [&str; 3] = [
    "home::",
    "conflicts::a_manager_approves_one_claim",
    "pipeline::on_a_phone",
];

pub fn run() -> Result<ExitCode> {
    browser_setup()?;
    spa::build()?;
    let folder = repo_root().join("docs/screenshots");
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    for name in PICTURES {
        // A picture the run does not take again must not pass for a current one.
        let _ = std::fs::remove_file(folder.join(format!("{name}.png")));
    }
    let mut tests = cargo();
    tests
        .args(["test", "-p", "portico-app", "--test", "portal", "--"])
        .args(TESTS)
        .env("PORTICO_SCREENSHOTS", &folder);
    browser_env(&mut tests);
    execute(&mut tests)?;
    let missing: Vec<&str> = PICTURES
        .into_iter()
        .filter(|name| !folder.join(format!("{name}.png")).exists())
        .collect();
    if !missing.is_empty() {
        return Err(format!("no picture was taken of {missing:?}"));
    }
    println!("{} pictures in {}", PICTURES.len(), folder.display());
    Ok(ExitCode::SUCCESS)
}
