//! The CRM card end to end in headless Chromium: a manager allows a CRM's origin and makes a
//! card link in the portal; a page served from that second origin frames the card and shows
//! it; a tampered link shows no data; with the origin removed, Chromium refuses to frame it.
//! A manager revokes one link from the integrations page, by keyboard, and its card refuses.

use crate::support;

use support::*;

/// A stand-in for the CRM: a page on another local origin that frames `?src=`.
async fn crm_origin() -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let page = |axum::extract::Query(query): axum::extract::Query<Vec<(String, String)>>| async move {
        let src = query
            .iter()
            .find(|(k, _)| k == "src")
            .map(|(_, v)| v.replace('&', "&amp;").replace('"', "&quot;"))
            .unwrap_or_default();
        axum::response::Html(format!(
            "<!doctype html><title>CRM deal</title><h1>CRM deal page</h1>\
             <iframe id=\"card\" title=\"Partner card\" src=\"{src}\" width=\"400\" height=\"560\"></iframe>"
        ))
    };
    let app = axum::Router::new().route("/deal", axum::routing::get(page));
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (origin, task)
}

async fn allow_origins(manager: &Browser, portal: &Portal, origins: &str) {
    manager.open(&portal.url("/manage/integrations")).await;
    manager.set_value("#crm-hubspot-origins", origins).await;
    manager.click("#crm-hubspot-save").await;
    manager.wait_for_text(".status-line", "Saved.").await;
}

/// What a frame holds: its address (Chromium's error page when it refused to frame) and text.
struct Framed {
    href: String,
    text: String,
}

/// Opens the CRM page framing `card_url` and reads the frame once it has loaded or been refused.
async fn framed(browser: &Browser, crm: &str, card_url: &str) -> Framed {
    browser
        .open(&format!("{crm}/deal?src={}", url_encode(card_url)))
        .await;
    browser.find("#card").await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        browser.client.enter_frame(0).await.unwrap();
        let seen = browser
            .run("return [location.href, document.readyState, document.body ? document.body.innerText : '']")
            .await;
        browser.client.enter_parent_frame().await.unwrap();
        let part = |i: usize| seen[i].as_str().unwrap_or_default().to_owned();
        if part(0) != "about:blank" && part(1) == "complete" {
            return Framed {
                href: part(0),
                text: part(2),
            };
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the frame never loaded: {seen}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn the_card_frames_only_in_the_configured_crm_and_only_when_signed() {
    let portal = Portal::start().await;
    let (crm, crm_task) = crm_origin().await;
    let (opportunity, customer): (i64, String) = portico_server::store::sql::query_as(
        "SELECT id, customer_name FROM opportunities ORDER BY id LIMIT 1",
    )
    .fetch_one(portal.running.state.db.pool())
    .await
    .unwrap();
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    allow_origins(&manager, &portal, &crm).await;

    manager
        .open(&portal.url(&format!("/manage/opportunities/{opportunity}")))
        .await;
    manager.set_value("#card-link-days", "7").await;
    manager.click("#card-link-create").await;
    let link = manager
        .wait_for_text("#card-link-url", "/embed/deals/")
        .await;
    // The portal's public URL in tests has no port; the server itself is on `portal.base`.
    let card_url = link.trim().replacen("http://127.0.0.1", &portal.base, 1);

    let shown = framed(&manager, &crm, &card_url).await;
    assert!(
        shown.text.contains(&customer),
        "the card renders in the frame: {:?}",
        shown.text
    );
    assert!(shown.text.contains("Protection") && shown.text.contains("Open in Portico"));

    let tampered = format!(
        "{}0",
        card_url.trim_end_matches(|c: char| c.is_ascii_hexdigit())
    );
    let refused = framed(&manager, &crm, &tampered).await;
    assert!(refused.text.contains("not valid"), "{:?}", refused.text);
    assert!(!refused.text.contains(&customer));

    allow_origins(&manager, &portal, "https://app.hubspot.com").await;
    let blocked = framed(&manager, &crm, &card_url).await;
    assert!(
        blocked.href.starts_with("chrome-error:"),
        "Chromium refused to frame it: {}",
        blocked.href
    );
    assert!(!blocked.text.contains(&customer));
    // The same link still works on its own: only framing by that origin is refused.
    manager.open(&card_url).await;
    manager.wait_for_text("h1", &customer).await;

    manager.close().await;
    crm_task.abort();
}

/// The keyboard's Enter on whatever has the focus.
async fn press_enter(browser: &Browser) {
    let focused = browser.client.active_element().await.unwrap();
    focused
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_revoked_card_link_shows_the_refusal_page() {
    let portal = Portal::start().await;
    let (opportunity, customer): (i64, String) = portico_server::store::sql::query_as(
        "SELECT id, customer_name FROM opportunities ORDER BY id LIMIT 1",
    )
    .fetch_one(portal.running.state.db.pool())
    .await
    .unwrap();
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    allow_origins(&manager, &portal, "https://app.hubspot.com").await;

    manager
        .open(&portal.url(&format!("/manage/opportunities/{opportunity}")))
        .await;
    manager
        .wait_for_text("#card-link-expiry", "A link made now works until")
        .await;
    manager.set_value("#card-link-days", "91").await;
    manager.click("#card-link-create").await;
    manager
        .wait_for_text("#card-link-days-error", "1 to 90")
        .await;
    manager.set_value("#card-link-days", "14").await;
    manager.click("#card-link-create").await;
    let link = manager
        .wait_for_text("#card-link-url", "/embed/deals/")
        .await;
    let card_url = link.trim().replacen("http://127.0.0.1", &portal.base, 1);
    let lid = card_url
        .split(['?', '&'])
        .find_map(|part| part.strip_prefix("lid="))
        .expect("the link carries its id")
        .to_owned();

    manager.open(&card_url).await;
    manager.wait_for_text("h1", &customer).await;

    manager.open(&portal.url("/manage/integrations")).await;
    manager.wait_for_text("#card-links-table", &customer).await;
    let revoke = format!("#revoke-card-link-{lid}");
    manager.find(&revoke).await;
    manager
        .run(&format!("document.querySelector({revoke:?}).focus()"))
        .await;
    press_enter(&manager).await;
    // It asks first, with the focus on the go-ahead button; nothing is revoked yet.
    let confirm = format!("{revoke}-confirm");
    manager.wait_for_focus(&confirm).await;
    let revoked_count = || async {
        portico_server::store::sql::query_scalar::<i64>(
            "SELECT COUNT(*) FROM card_links WHERE revoked_at IS NOT NULL",
        )
        .fetch_one(portal.running.state.db.pool())
        .await
        .unwrap()
    };
    assert_eq!(revoked_count().await, 0);
    press_enter(&manager).await;
    manager
        .wait_for_text("#card-links-status", "is revoked")
        .await;
    manager.wait_for_text("#card-links-table", "Revoked").await;
    assert_eq!(revoked_count().await, 1);
    assert!(
        !manager.is_present(&revoke).await,
        "a revoked link has no button"
    );

    manager.open(&card_url).await;
    let refusal = manager
        .wait_for_text("main", "This card link was revoked.")
        .await;
    assert!(!refusal.contains(&customer), "{refusal}");
    manager.close().await;
}
