//! The command line: `portico user create` bootstraps accounts, `portico load-data` adds volume.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::*;
use reqwest::StatusCode;

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
        .login("root@acme.example", "a strong first password")
        .await;
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

    let common_password = portico(
        &[
            "user",
            "create",
            "--email",
            "weak@acme.example",
            "--role",
            "manager",
            "--password-stdin",
            "--database-url",
            &url,
        ],
        "Qwerty123456\n",
    );
    assert!(!common_password.status.success());
    let said = String::from_utf8_lossy(&common_password.stderr);
    assert!(said.contains("most commonly used"), "{said}");

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
    let login = app.login("gen@northwind.example", password).await;
    assert_eq!(
        json(login, StatusCode::OK).await["organization"]["name"],
        "Northwind Partners"
    );
}

#[tokio::test]
async fn sigterm_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let bind = format!("127.0.0.1:{port}");
    let url = format!("sqlite://{}", dir.path().join("p.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_portico"))
        .args(["--bind", &bind, "--database-url", &url])
        .env_remove("PORTICO_DIST")
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if client
            .get(format!("http://{bind}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(up, "the server answered /readyz");
    assert!(
        dir.path().join("secret.key").is_file(),
        "a secret key is generated beside the database"
    );
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    assert_eq!(status.code(), Some(0));
}

#[tokio::test]
async fn load_data_adds_volume_that_the_pipeline_serves() {
    let app = TestApp::start().await;
    let url = app.database_url.clone();
    let organizations = app.count("SELECT COUNT(*) FROM organizations").await;
    let deals = app.count("SELECT COUNT(*) FROM opportunities").await;
    let args = [
        "load-data",
        "--accounts",
        "20",
        "--registrations",
        "10",
        "--organizations",
        "3",
        "--opportunities",
        "140",
        "--announcements",
        "6",
        "--database-url",
        &url,
    ];
    let out = portico(&args, "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organizations").await,
        organizations + 3
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM opportunities").await,
        deals + 140
    );

    let manager = app.sign_in(MANAGER).await;
    let won = manager
        .get("/api/pipeline?stage=won&q=inc&limit=100")
        .send()
        .await
        .unwrap();
    assert!(
        !json(won, StatusCode::OK).await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let numbers = manager.get("/api/program/numbers").send().await.unwrap();
    json(numbers, StatusCode::OK).await;
    // Six announcements reached everyone; Alice has read half of them, by her id's parity.
    let alice = app.sign_in(common::ALICE).await;
    let feed = json(alice.get("/api/feed").send().await.unwrap(), StatusCode::OK).await;
    assert_eq!(feed["items"].as_array().unwrap().len(), 6);
    assert_eq!(feed["items"][0]["title"], "Program update 6");
    let unread = json(
        alice.get("/api/feed/unread").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(unread["unread"], 3);
    // Ids continue after the loaded rows on both engines.
    let northwind = json(
        manager.get("/api/pipeline?limit=1").send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    let organization_id = northwind["items"][0]["organization"]["id"]
        .as_i64()
        .unwrap();
    let added = manager
        .post("/api/opportunities")
        .json(&serde_json::json!({
            "organization_id": organization_id, "customer_name": "After Load Ltd",
            "motion": "tech", "partner_role": "sourced"
        }))
        .send()
        .await
        .unwrap();
    json(added, StatusCode::CREATED).await;
}

#[tokio::test]
async fn load_data_adds_a_library_the_hub_searches_and_a_large_file_it_serves() {
    let app = TestApp::start().await;
    let url = app.database_url.clone();
    let assets = app.count("SELECT COUNT(*) FROM assets").await;
    let args = [
        "load-data",
        "--assets",
        "120",
        "--large-file-mb",
        "3",
        "--storage",
        &app.storage,
        "--database-url",
        &url,
    ];
    let out = portico(&args, "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM assets").await, assets + 121);
    let id: i64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("large file asset: "))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no large file id in {stdout}"));

    let alice = app.sign_in(ALICE).await;
    let found = json(
        alice
            .get("/api/assets?q=security&industry=Healthcare")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(found["total"].as_i64().unwrap() > 0, "{found}");
    let download = alice
        .get(&format!("/api/assets/{id}/download"))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.headers()["content-type"], "video/mp4");
    assert_eq!(download.bytes().await.unwrap().len(), 3 * 1024 * 1024);
    // Ids continue after the loaded rows on both engines.
    let manager = app.sign_in(MANAGER).await;
    let link = serde_json::json!({"title": "After load", "kind": "other", "language": "en",
        "link": "https://example.com/after"});
    let form = reqwest::multipart::Form::new().text("metadata", link.to_string());
    let created = manager
        .post("/api/assets")
        .multipart(form)
        .send()
        .await
        .unwrap();
    json(created, StatusCode::CREATED).await;
}
