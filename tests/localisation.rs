//! The apps read in the browser's language and time zone: a manager in Tokyo reading German
//! sees deadlines in Tokyo time with the zone named and money written the German way; the
//! registration form names and sorts countries in German, starts with the currency of the
//! organization's country and remembers the last currency used.

use crate::support;

use support::*;

const GERMAN_IN_TOKYO: Setup = Setup {
    lang: Some("de-DE"),
    time_zone: Some("Asia/Tokyo"),
    ..LAPTOP
};

#[tokio::test]
async fn a_manager_reads_deadlines_in_their_zone_and_money_in_their_language() {
    let portal = Portal::start().await;
    let manager = browser_with(GERMAN_IN_TOKYO).await;
    manager.sign_in(&portal, "manager@acme.example").await;
    manager.open(&portal.url("/manage/registrations")).await;
    let deadline = manager.find("main table tbody tr td time").await;
    let utc = deadline.attr("datetime").await.unwrap().unwrap();
    let shown = deadline.text().await.unwrap();
    // Tokyo is nine hours ahead of UTC all year; German writes 24-hour times.
    let utc_hour: u32 = utc[11..13].parse().unwrap();
    let tokyo = format!("{:02}:{}", (utc_hour + 9) % 24, &utc[14..16]);
    assert!(
        shown.contains(&tokyo),
        "{utc} shown as {shown:?}, expected {tokyo}"
    );
    assert!(shown.contains("GMT+9"), "the zone is named: {shown:?}");

    manager
        .open(&portal.url("/manage/pipeline?sort=amount"))
        .await;
    manager.find("#pipeline-table tbody tr").await;
    // German puts the symbol after the number and groups thousands with dots: "90.000 €".
    let amounts = manager
        .run(
            "return [...document.querySelectorAll('#pipeline-table tbody td')]\
             .map(td => td.textContent.trim()).filter(t => /^[0-9.]+\\u00a0[€$£]$/.test(t))",
        )
        .await;
    let amounts: Vec<String> = serde_json::from_value(amounts).unwrap();
    assert!(amounts.iter().any(|a| a.contains('.')), "{amounts:?}");
    manager.close().await;
}

#[tokio::test]
async fn the_registration_form_speaks_the_partners_language_and_remembers_the_currency() {
    let portal = Portal::start().await;
    let alice = browser_with(GERMAN_IN_TOKYO).await;
    alice.sign_in(&portal, "alice@northwind.example").await;
    alice.open(&portal.url("/registrations/new")).await;
    let germany = alice.find("#reg-country option[value='DE']").await;
    assert_eq!(germany.text().await.unwrap(), "Deutschland");
    let sorted = alice
        .run(
            "const names = [...document.querySelectorAll('#reg-country option[value]')]\
             .filter(o => o.value).map(o => o.textContent);\
             return names.every((n, i) => i === 0 || names[i - 1].localeCompare(n, 'de') <= 0)",
        )
        .await;
    assert_eq!(sorted, serde_json::json!(true), "countries in German order");
    assert_eq!(
        alice.value_of("#reg-currency").await,
        "EUR",
        "Northwind is based in Germany"
    );

    alice.type_into("#reg-company-name", "Wingtip Toys").await;
    alice
        .type_into("#reg-company-domain", "wingtiptoys.example")
        .await;
    alice.select("#reg-country", "Deutschland").await;
    alice.type_into("#reg-contact-name", "Jane Roe").await;
    alice
        .type_into("#reg-contact-email", "jane@wingtiptoys.example")
        .await;
    alice.select("#reg-motion", "Reseller").await;
    alice.click("#reg-products input[type=checkbox]").await;
    alice.type_into("#reg-value", "120000").await;
    alice.select("#reg-currency", "CHF").await;
    let close = portico_api::date::Date::from_unix(portal.running.state.now()).add_months(2);
    alice.set_value("#reg-close", &close.to_string()).await;
    alice
        .type_into("#reg-description", "Replace their spreadsheets.")
        .await;
    alice.click("#reg-role-sourced").await;
    alice.click("#register-submit").await;
    alice.wait_for_text("#registration-number", "R-").await;

    alice.open(&portal.url("/registrations/new")).await;
    alice.find("#reg-country").await;
    assert_eq!(alice.value_of("#reg-currency").await, "CHF");
    alice.close().await;
}
