//! The guarded outbound client on its own: which targets it refuses before any connection, and
//! what it does with the answers of the receivers it may reach. Every receiver here listens on
//! loopback; names that stand for private addresses resolve through the test's own lookup, so
//! no request ever leaves for such an address.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::FixedLookup;
use portico_server::outbound::{Failure, Outbound, TargetPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn outbound(policy: TargetPolicy, names: &[(&'static str, &str)]) -> Outbound {
    Outbound::new(policy, Arc::new(FixedLookup::new(names)))
}

/// A receiver on loopback that answers every request with `answer` and counts connections.
struct Canned {
    port: u16,
    connections: Arc<AtomicUsize>,
}

impl Canned {
    async fn start(answer: &'static str) -> Canned {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = connections.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move {
                    let mut buffer = [0u8; 4096];
                    let _ = stream.read(&mut buffer).await;
                    let _ = stream.write_all(answer.as_bytes()).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Canned { port, connections }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

const OK: &str = "HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n";

async fn post(outbound: &Outbound, url: &str) -> Result<u16, Failure> {
    outbound
        .post_json(url, &[("webhook-id", "msg_1".into())], "{}".into())
        .await
        .map(|status| status.as_u16())
}

fn refusal(result: Result<u16, Failure>) -> String {
    match result {
        Err(Failure::Refused(refusal)) => refusal.0,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn names_that_resolve_inside_the_network_are_refused_before_connecting() {
    let receiver = Canned::start(OK).await;
    let port = receiver.port;
    let guarded = outbound(
        TargetPolicy::PublicOnly,
        &[
            ("rebound.test", "127.0.0.1"),
            ("intranet.test", "10.0.0.7"),
            ("metadata.test", "169.254.169.254"),
            ("mapped.test", "::ffff:127.0.0.1"),
            ("ula.test", "fd00::1"),
        ],
    );
    let cases = [
        ("rebound.test", "a loopback address"),
        ("intranet.test", "a private network address"),
        ("metadata.test", "a link-local address"),
        ("mapped.test", "a loopback address"),
        ("ula.test", "a unique-local address"),
    ];
    for (name, class) in cases {
        let why = refusal(post(&guarded, &format!("https://{name}:{port}/hook")).await);
        assert!(
            why.contains(&format!("{name} resolves to {class}")),
            "{why}"
        );
    }
    // The name that stands for the receiver's own address never reached it.
    assert_eq!(receiver.connections(), 0);
}

#[tokio::test]
async fn addresses_written_as_the_host_are_refused_in_every_spelling() {
    let receiver = Canned::start(OK).await;
    let port = receiver.port;
    let guarded = outbound(TargetPolicy::PublicOnly, &[]);
    for host in [
        "127.0.0.1",
        "0x7f000001",
        "2130706433",
        "0177.0.0.1",
        "127.1",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "169.254.169.254",
        "10.0.0.1",
        "localhost",
    ] {
        let why = refusal(post(&guarded, &format!("https://{host}:{port}/hook")).await);
        assert!(why.starts_with("Refused:"), "{host}: {why}");
    }
    let why = refusal(post(&guarded, "http://hooks.example.com/hook").await);
    assert!(why.contains("use https://"), "{why}");
    assert_eq!(receiver.connections(), 0);
}

#[tokio::test]
async fn the_flag_reaches_local_receivers_through_the_guarded_resolver() {
    let receiver = Canned::start(OK).await;
    let allowed = outbound(
        TargetPolicy::AllowPrivate,
        &[("receiver.test", "127.0.0.1")],
    );
    let url = format!("http://receiver.test:{}/hook", receiver.port);
    assert_eq!(post(&allowed, &url).await, Ok(204));
    assert_eq!(receiver.connections(), 1);
}

#[tokio::test]
async fn redirects_are_not_followed_and_answers_are_not_echoed() {
    let elsewhere = Canned::start(OK).await;
    let redirect: &'static str = format!(
        "HTTP/1.1 307 Temporary Redirect\r\nlocation: http://127.0.0.1:{}/hook\r\n\
         content-length: 0\r\nconnection: close\r\n\r\n",
        elsewhere.port
    )
    .leak();
    let redirecting = Canned::start(redirect).await;
    let allowed = outbound(TargetPolicy::AllowPrivate, &[]);
    let url = format!("http://127.0.0.1:{}/hook", redirecting.port);
    let failure = post(&allowed, &url).await.unwrap_err();
    assert_eq!(failure.status(), Some(307));
    assert_eq!(
        failure.describe("The endpoint"),
        "The endpoint answered 307 Temporary Redirect; redirects are not followed."
    );
    assert_eq!(elsewhere.connections(), 0);

    let talkative = Canned::start(
        "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 22\r\nconnection: close\r\n\r\n\
         internal detail x9z8y7",
    )
    .await;
    let url = format!("http://127.0.0.1:{}/hook", talkative.port);
    let failure = post(&allowed, &url).await.unwrap_err();
    let described = failure.describe("The endpoint");
    assert_eq!(
        described,
        "The endpoint answered 500 Internal Server Error."
    );
    assert!(!failure.is_permanent());
}
