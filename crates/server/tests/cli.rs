//! `portico user create` bootstraps accounts from the command line.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::*;
use reqwest::StatusCode;
use serde_json::json;

fn portico(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portico"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run portico");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn creates_the_first_admin_who_can_then_sign_in() {
    let app = TestApp::start().await;
    let url = app.database_url.clone();
    let out = portico(
        &[
            "user",
            "create",
            "--email",
            "Root@Acme.example",
            "--role",
            "admin",
            "--name",
            "Rita Root",
            "--password-stdin",
            "--database-url",
            &url,
        ],
        "a strong first password\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let login = app
        .anonymous()
        .post(app.url("/api/auth/login"))
        .json(&json!({ "email": "root@acme.example", "password": "a strong first password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(json(login, StatusCode::OK).await["user"]["role"], "admin");
    assert_eq!(app.audit("user.created").await.len(), 1);

    let twice = portico(
        &[
            "user",
            "create",
            "--email",
            "root@acme.example",
            "--role",
            "admin",
            "--database-url",
            &url,
        ],
        "",
    );
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already has an account"));

    let partner_without_org = portico(
        &[
            "user",
            "create",
            "--email",
            "p@x.example",
            "--role",
            "partner_user",
            "--database-url",
            &url,
        ],
        "",
    );
    assert!(String::from_utf8_lossy(&partner_without_org.stderr).contains("organization"));

    let generated = portico(
        &[
            "user",
            "create",
            "--email",
            "gen@northwind.example",
            "--role",
            "partner_user",
            "--organization",
            "Northwind Partners",
            "--database-url",
            &url,
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&generated.stdout);
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Password (shown once): "))
        .expect("a generated password");
    let login = app
        .anonymous()
        .post(app.url("/api/auth/login"))
        .json(&json!({ "email": "gen@northwind.example", "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json(login, StatusCode::OK).await["organization"]["name"],
        "Northwind Partners"
    );
}
