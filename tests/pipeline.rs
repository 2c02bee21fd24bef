//! The shared pipeline end to end in headless Chromium: a partner filters, pages and exports
//! its deals; a manager moves a deal through its exit criteria and the partner sees the result;
//! a manager adds a deal a partner influenced and the partner sees it without its terms; a
//! partner cannot open another organization's deal.

use crate::support;

use portico_api::date::Date;
use serde_json::Value;
use support::*;

/// Rows in the pipeline table as drawn now.
async fn row_count(browser: &Browser) -> u64 {
    browser
        .run("return document.querySelectorAll('#pipeline-table tbody tr').length")
        .await
        .as_u64()
        .unwrap()
}

/// Waits until the table has rows and all of them are more (or not more) than `than`.
async fn wait_for_rows(browser: &Browser, more: bool, than: u64) -> u64 {
    for _ in 0..300 {
        let n = row_count(browser).await;
        if n > 0 && (n > than) == more {
            return n;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "the table never had {} {than} rows",
        if more { "more than" } else { "at most" }
    );
}

/// The texts of one column of the pipeline table (1-based, the customer is the row header).
async fn column(browser: &Browser, n: usize) -> Vec<String> {
    let script = format!(
        "return [...document.querySelectorAll('#pipeline-table tbody tr')]\
         .map(r => r.children[{}].textContent.trim())",
        n - 1
    );
    serde_json::from_value(browser.run(&script).await).unwrap()
}

/// "2027-01-05" as an English browser writes the day: "Jan 5, 2027".
fn english_day(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month: usize = iso[5..7].parse().unwrap();
    let day: u32 = iso[8..10].parse().unwrap();
    format!("{} {day}, {}", MONTHS[month - 1], &iso[..4])
}

/// Calls the JSON API from the signed-in page and returns its answer.
async fn api_get(browser: &Browser, path: &str) -> Value {
    let script = format!(
        "return fetch({path:?}).then(r => r.ok ? r.json() : r.text().then(t => {{ throw new Error(r.status + ' ' + t) }}))"
    );
    browser.run(&script).await
}

/// The first deal of `organization` that the pipeline API lists for `query`, as a manager sees it.
async fn deal_of(browser: &Browser, organization: &str, query: &str) -> Value {
    let page = api_get(browser, &format!("/api/pipeline?limit=100&{query}")).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["organization"]["name"] == organization
                && m["exit_criteria"]
                    .as_array()
                    .is_some_and(|c| c.iter().all(|c| c["met"] == false))
        })
        .unwrap_or_else(|| panic!("no deal of {organization} for {query}: {page}"))
        .clone()
}

#[tokio::test]
async fn a_partner_filters_pages_and_exports_its_pipeline() {
    let portal = Portal::start().await;
    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.nav_to("/pipeline").await;
    alice
        .wait_for_text("#pipeline-count", "25 deals shown")
        .await;
    let headers = alice
        .find("#pipeline-table thead")
        .await
        .text()
        .await
        .unwrap();
    assert!(headers.contains("Protection"), "{headers}");
    assert!(
        !headers.contains("Amount") && !headers.contains("Partner"),
        "{headers}"
    );

    // Northwind has more than one page of deals: the next one is added below.
    alice.click(".list-footer button:not([hidden])").await;
    let all = wait_for_rows(&alice, true, 25).await;
    alice
        .wait_for_text("#pipeline-count", &format!("{all} deals shown"))
        .await;

    alice.select("#filter-motion", "Referral").await;
    alice.select("#filter-stage", "Validate").await;
    alice.select("#filter-sort", "Customer").await;
    alice.click("#filter-apply").await;
    let path = alice.wait_for_path("/pipeline?").await;
    assert_eq!(
        path,
        "/pipeline?motion=referral&stage=validate&sort=customer"
    );
    let filtered = wait_for_rows(&alice, false, 25).await;
    assert!(filtered >= 1);
    assert!(column(&alice, 2).await.iter().all(|m| m == "Referral"));
    assert!(column(&alice, 3).await.iter().all(|s| s == "Validate"));
    // The address alone reproduces the view.
    alice
        .open(&portal.url("/pipeline?motion=referral&stage=validate&sort=customer"))
        .await;
    assert_eq!(wait_for_rows(&alice, false, 25).await, filtered);
    assert_eq!(alice.value_of("#filter-stage").await, "validate");

    let href = alice
        .find("#pipeline-csv")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        href,
        "/api/pipeline.csv?motion=referral&stage=validate&sort=customer"
    );
    let answer = alice
        .run(
            "return fetch(document.querySelector('#pipeline-csv').href)\
             .then(r => r.text().then(body => [r.status, r.headers.get('content-type'), body]))",
        )
        .await;
    assert_eq!(answer[0], 200, "{answer}");
    assert!(
        answer[1].as_str().unwrap().starts_with("text/csv"),
        "{answer}"
    );
    let csv = answer[2].as_str().unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("id,customer_name,motion,stage"),
        "{header}"
    );
    for private in [
        "amount",
        "currency",
        "discount",
        "internal",
        "attribution",
        "organization",
    ] {
        assert!(!header.contains(private), "{header}");
    }
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len() as u64, filtered, "{csv}");
    assert!(
        rows.iter()
            .all(|r| r.contains("referral") && r.contains("validate")),
        "{csv}"
    );
    alice.close().await;
}

#[tokio::test]
async fn a_manager_moves_a_deal_on_once_its_exit_criteria_are_met() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/pipeline").await;
    manager.find("#review-heading").await;
    // A partner's name leads to that partner's deals.
    wait_for_rows(&manager, true, 0).await;
    let partner = manager.find("#pipeline-table .partner-link").await;
    let name = partner.text().await.unwrap();
    partner.click().await.unwrap();
    manager
        .wait_for_path("/manage/pipeline?organization_id=")
        .await;
    let mut partners = Vec::new();
    for _ in 0..300 {
        partners = column(&manager, 2).await;
        if !partners.is_empty() && partners.iter().all(|p| *p == name) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        !partners.is_empty() && partners.iter().all(|p| *p == name),
        "{name}: {partners:?}"
    );
    let deal = deal_of(
        &manager,
        "Northwind Partners",
        "motion=referral&stage=intro_logged",
    )
    .await;
    let id = deal["opportunity"]["id"].as_i64().unwrap();
    let customer = deal["opportunity"]["customer_name"].as_str().unwrap();

    manager
        .open(&portal.url(&format!("/manage/opportunities/{id}")))
        .await;
    manager.wait_for_text("#opp-heading", customer).await;
    manager
        .wait_for_text("#opp-stage-label", "Intro Logged")
        .await;
    manager
        .wait_for_text("#opp-criteria", "Customer contact confirmed")
        .await;
    manager.select("#opp-stage", "Validate").await;
    manager.click("#opp-save").await;
    let blocked = manager
        .wait_for_text("#opp-stage-error", "Customer contact confirmed")
        .await;
    assert!(blocked.contains("Introduction made"), "{blocked}");
    assert_eq!(manager.value_of("#opp-stage").await, "validate");
    manager
        .wait_for_text("#opp-stage-label", "Intro Logged")
        .await;

    manager.click("#opp-criterion-0").await;
    manager.click("#opp-criterion-1").await;
    manager.type_into("#opp-attribution", "100").await;
    manager
        .type_into("#opp-next-step", "Book the budget review")
        .await;
    let due = Date::from_unix(unix_now()).add_months(1).to_string();
    manager.set_value("#opp-next-step-due", &due).await;
    manager.click("#opp-save").await;
    manager.wait_for_text("#opp-status", "Saved").await;
    manager.wait_for_text("#opp-stage-label", "Validate").await;
    manager
        .wait_for_text("#opp-next-step-text", "Book the budget review")
        .await;
    // The new stage brings its own criteria, none confirmed yet.
    manager
        .wait_for_text("#opp-criteria", "Budget and need confirmed")
        .await;
    manager.close().await;

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice
        .open(&portal.url(&format!("/opportunities/{id}")))
        .await;
    alice.wait_for_text("#opp-stage-label", "Validate").await;
    let step = alice
        .wait_for_text("#opp-next-step-text", "Book the budget review")
        .await;
    assert!(step.contains(&english_day(&due)), "{step}");
    let page = alice.find("main").await.text().await.unwrap();
    for private in [
        "Vendor only",
        "Discount band",
        "Internal notes",
        "Procurement pushes",
    ] {
        assert!(!page.contains(private), "{private} in {page}");
    }
    assert!(!alice.is_present("#opp-form").await);

    // A shared note: checked as typed, then added for both sides to read.
    alice.click("#opp-note-submit").await;
    alice
        .wait_for_text("#opp-note-body-error", "Write the note")
        .await;
    alice
        .type_into(
            "#opp-note-body",
            "The budget review is booked for next week.",
        )
        .await;
    alice.click("#opp-note-submit").await;
    alice
        .wait_for_text("#opp-notes", "The budget review is booked for next week.")
        .await;
    alice.wait_for_text("#opp-note-status", "Note added").await;
    assert_eq!(alice.value_of("#opp-note-body").await, "");
    alice.close().await;
}

#[tokio::test]
async fn a_partner_cannot_open_another_partners_deal() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    let page = api_get(&manager, "/api/pipeline?limit=100").await;
    let globex = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["organization"]["name"] == "Globex Consulting")
        .unwrap_or_else(|| panic!("no Globex deal in {page}"))
        .clone();
    manager.close().await;
    let id = globex["opportunity"]["id"].as_i64().unwrap();
    let customer = globex["opportunity"]["customer_name"].as_str().unwrap();

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice
        .open(&portal.url(&format!("/opportunities/{id}")))
        .await;
    alice.find("#not-found").await;
    let text = alice.find("main").await.text().await.unwrap();
    assert!(!text.contains(customer), "{text}");
    assert!(!alice.is_present("#opp-stage-label").await);
    // Nor the managers' pages.
    for path in ["/manage/pipeline", "/manage/numbers"] {
        alice.open(&portal.url(path)).await;
        alice.find("#not-found").await;
    }
    alice.close().await;
}

#[tokio::test]
async fn a_manager_reviews_the_board_and_the_program_numbers() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager
        .open(&portal.url("/manage/pipeline?view=board"))
        .await;
    // Without a motion, each motion with deals gets its board, each column with its count and
    // the sum of its amounts.
    let boards = manager.wait_for_text("main", "Tech / ISV").await;
    assert!(boards.contains("Reseller"), "{boards}");
    let total = manager
        .find(".pipeline-board .board-total")
        .await
        .text()
        .await
        .unwrap();
    assert!(total.chars().next().unwrap().is_ascii_digit(), "{total}");
    assert!(
        manager
            .run("return document.querySelectorAll('.pipeline-board').length")
            .await
            .as_u64()
            .unwrap()
            > 1
    );
    manager.find("#review-stale").await;
    manager.select("#filter-motion", "Tech / ISV").await;
    manager.click("#filter-apply").await;
    manager
        .wait_for_path("/manage/pipeline?motion=tech&view=board")
        .await;
    let board = manager
        .wait_for_text(".pipeline-board", "Integration Fit")
        .await;
    for column in ["Commercials & Close", "Won", "Lost"] {
        assert!(board.contains(column), "{board}");
    }
    // A column with amounts sums them: "2 · $120,000".
    manager
        .wait_for_text(".pipeline-board .board-total", " · ")
        .await;
    manager.find(".pipeline-board .board-card a").await;
    manager.click("#view-table").await;
    let headers = manager
        .wait_for_text("#pipeline-table thead", "Amount")
        .await;
    assert!(headers.contains("Partner"), "{headers}");
    assert_eq!(
        manager.wait_for_path("/manage/pipeline").await,
        "/manage/pipeline?motion=tech"
    );

    manager.nav_to("/manage/numbers").await;
    manager
        .wait_for_text("#chart-pipeline-value", "Open pipeline value")
        .await;
    let svg = manager
        .find("#chart-pipeline-value svg")
        .await
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap();
    assert!(svg.contains("Open pipeline value by motion"), "{svg}");
    for chart in [
        "#chart-win-rate",
        "#chart-cycle",
        "#chart-revenue",
        "#chart-first-registration",
    ] {
        manager.find(chart).await;
    }
    manager
        .wait_for_text("#chart-revenue", "Other sales partners reported")
        .await;
    manager.close().await;
}

#[tokio::test]
async fn a_manager_adds_an_influenced_deal_the_partner_then_sees() {
    let portal = Portal::start().await;
    let manager = browser().await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.nav_to("/manage/pipeline").await;
    let toggle = manager.find("#new-deal-toggle").await;
    assert_eq!(
        toggle.attr("aria-expanded").await.unwrap().as_deref(),
        Some("false")
    );
    assert!(!manager.is_present("#new-deal-submit").await);
    toggle.click().await.unwrap();
    manager
        .wait_for_text("#new-deal-organization", "Northwind Partners")
        .await;

    // Nothing filled in: each required field says what it needs, and nothing is sent.
    manager.click("#new-deal-submit").await;
    manager
        .wait_for_text("#new-deal-customer-error", "Enter the customer")
        .await;
    manager
        .wait_for_text("#new-deal-organization-error", "Choose the partner")
        .await;
    assert_eq!(
        manager.wait_for_path("/manage/pipeline").await,
        "/manage/pipeline"
    );

    manager
        .select("#new-deal-organization", "Northwind Partners")
        .await;
    manager
        .type_into("#new-deal-customer", "Influenced Insights")
        .await;
    manager.select("#new-deal-motion", "Tech / ISV").await;
    manager.click("#new-deal-role-influenced").await;
    manager.type_into("#new-deal-attribution", "25").await;
    manager.click("#new-deal-submit").await;
    manager.wait_for_path("/manage/opportunities/").await;
    manager
        .wait_for_text("#opp-heading", "Influenced Insights")
        .await;
    manager
        .wait_for_text("#opp-stage-label", "Integration Fit")
        .await;
    let facts = manager
        .wait_for_text("main", "Influenced · 25% attributed")
        .await;
    assert!(facts.contains("Northwind Partners"), "{facts}");
    manager.close().await;

    let alice = browser().await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.nav_to("/pipeline").await;
    alice.type_into("#filter-q", "Influenced Insights").await;
    alice.click("#filter-apply").await;
    alice
        .wait_for_path("/pipeline?q=Influenced%20Insights")
        .await;
    alice.wait_for_text("#pipeline-count", "1 deal shown").await;
    let row = alice
        .wait_for_text("#pipeline-table tbody", "Influenced Insights")
        .await;
    assert!(
        row.contains("Tech / ISV") && row.contains("Integration Fit"),
        "{row}"
    );
    let page = alice.find("main").await.text().await.unwrap();
    for private in ["Amount", "attribut", "Attribution", "25%", "Influenced ·"] {
        assert!(!page.contains(private), "{private} in {page}");
    }
    alice.close().await;
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn on_a_phone_the_pipeline_rows_are_cards_that_fit_the_screen() {
    let portal = Portal::start().await;
    let manager = browser_with(PHONE).await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.open(&portal.url("/manage/pipeline")).await;
    wait_for_rows(&manager, true, 0).await;
    let card = manager
        .run(
            "const td = document.querySelector('#pipeline-table tbody td[data-label=\"Amount\"]');\
             return [getComputedStyle(td).display, getComputedStyle(td, '::before').content,\
                     document.documentElement.scrollWidth - window.innerWidth]",
        )
        .await;
    assert_eq!(card[0], "grid", "{card}");
    assert_eq!(card[1], "\"Amount\"", "{card}");
    assert!(
        card[2].as_i64().unwrap() <= 0,
        "wider than the screen: {card}"
    );
    manager
        .run("document.getElementById('pipeline-table').scrollIntoView()")
        .await;
    manager.screenshot("pipeline-phone").await;

    // The program's charts keep their text at 12 px or more, scrolling inside their box.
    manager.open(&portal.url("/manage/numbers")).await;
    manager.find(".chart svg text").await;
    let chart = manager
        .run(
            "const svg = document.querySelector('.chart svg');\
             const size = parseFloat(getComputedStyle(svg.querySelector('text')).fontSize);\
             return [size * svg.getBoundingClientRect().width / 600,\
                     document.documentElement.scrollWidth - window.innerWidth]",
        )
        .await;
    assert!(chart[0].as_f64().unwrap() >= 12.0, "chart text {chart}");
    assert!(
        chart[1].as_i64().unwrap() <= 0,
        "wider than the screen: {chart}"
    );
    manager.close().await;
}
