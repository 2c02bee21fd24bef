//! A real SMTP server process (Python's aiosmtpd) that keeps every message it accepts, and a
//! Slack-like HTTP receiver that can refuse its first posts.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode as AxumStatus;
use portico_server::mail::{Parsed, parse};

pub struct SmtpReceiver {
    pub port: u16,
    folder: tempfile::TempDir,
    child: Child,
}

/// The Python with aiosmtpd that `cargo xtask test` installs.
fn python() -> PathBuf {
    std::env::var_os("PORTICO_TEST_SMTP_PYTHON")
        .map(PathBuf::from)
        .expect(
            "PORTICO_TEST_SMTP_PYTHON is not set: run the tests with `cargo xtask test`, which \
             installs aiosmtpd and sets it",
        )
}

impl SmtpReceiver {
    pub async fn start() -> SmtpReceiver {
        Self::start_on(free_port().await).await
    }

    /// Starts on a port chosen earlier, e.g. after the server has already failed to reach it.
    pub async fn start_on(port: u16) -> SmtpReceiver {
        let folder = tempfile::tempdir().expect("temp dir");
        let script = super::repo_root().join("crates/server/tests/common/smtp_receiver.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(port.to_string())
            .arg(folder.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP receiver");
        let stdout = child.stdout.take().expect("piped stdout");
        let ready = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            BufReader::new(stdout).read_line(&mut line).map(|_| line)
        })
        .await
        .unwrap()
        .unwrap();
        assert_eq!(ready.trim(), "ready", "the SMTP receiver did not start");
        SmtpReceiver {
            port,
            folder,
            child,
        }
    }

    /// For the server's `--smtp-url`: plain SMTP on loopback.
    pub fn url(&self) -> String {
        smtp_url(self.port)
    }

    /// Every message accepted so far, in order.
    pub fn messages(&self) -> Vec<Parsed> {
        let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .filter_map(|e| {
                let path = e.unwrap().path();
                let number = path.file_stem()?.to_str()?.parse().ok()?;
                (path.extension()? == "eml").then_some((number, path))
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|(_, path)| parse(&std::fs::read(path).unwrap()).expect("a parsable e-mail"))
            .collect()
    }
}

impl Drop for SmtpReceiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn smtp_url(port: u16) -> String {
    format!("smtp://127.0.0.1:{port}")
}

pub async fn free_port() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

/// A Slack incoming webhook stand-in on a real port: answers 500 to its first `fail_first`
/// posts, then keeps each JSON body and answers 200 `ok`, as Slack does.
pub struct SlackReceiver {
    pub url: String,
    pub received: Arc<Mutex<Vec<serde_json::Value>>>,
    pub refused: Arc<Mutex<usize>>,
    task: tokio::task::JoinHandle<()>,
}

impl SlackReceiver {
    pub async fn start(fail_first: usize) -> SlackReceiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "http://{}/services/T000/B000/secretpart",
            listener.local_addr().unwrap()
        );
        let received = Arc::new(Mutex::new(Vec::new()));
        let refused = Arc::new(Mutex::new(0));
        let (kept, failures) = (received.clone(), refused.clone());
        let hook = move |body: axum::body::Bytes| {
            let (kept, failures) = (kept.clone(), failures.clone());
            async move {
                let mut refused = failures.lock().unwrap();
                if *refused < fail_first {
                    *refused += 1;
                    return (AxumStatus::INTERNAL_SERVER_ERROR, "not yet");
                }
                kept.lock()
                    .unwrap()
                    .push(serde_json::from_slice(&body).expect("JSON"));
                (AxumStatus::OK, "ok")
            }
        };
        let app =
            axum::Router::new().route("/services/T000/B000/secretpart", axum::routing::post(hook));
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        SlackReceiver {
            url,
            received,
            refused,
            task,
        }
    }

    pub fn received(&self) -> Vec<serde_json::Value> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for SlackReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Runs the delivery job until nothing is due.
pub async fn deliver_due(state: &portico_server::state::AppState) {
    for _ in 0..100 {
        if portico_server::jobs::notifications::run_once(state)
            .await
            .unwrap()
            == 0
        {
            return;
        }
    }
    panic!("deliveries never ran out");
}

/// The first link in `text` that starts with `prefix`.
pub fn link_starting(text: &str, prefix: &str) -> String {
    portico_server::mail::links_in(text)
        .into_iter()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no link starting {prefix} in {text}"))
}

/// Waits for the receiver to hold `n` messages (the SMTP server writes them as it accepts).
pub async fn wait_for_messages(receiver: &SmtpReceiver, n: usize) -> Vec<Parsed> {
    for _ in 0..100 {
        let messages = receiver.messages();
        if messages.len() >= n {
            return messages;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected {n} e-mails, got {}", receiver.messages().len());
}
