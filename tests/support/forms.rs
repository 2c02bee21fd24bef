//! Filling the portal's forms as a person does.

use portico_api::date::Date;

use super::Browser;

/// Fills and submits the deal form; returns the registration's id from its confirmation.
pub async fn register_deal(browser: &Browser, company: &str, domain: &str) -> i64 {
    browser.type_into("#reg-company-name", company).await;
    browser.type_into("#reg-company-domain", domain).await;
    browser.select("#reg-country", "Germany").await;
    browser.type_into("#reg-contact-name", "Jane Roe").await;
    browser
        .type_into("#reg-contact-email", "jane@example.org")
        .await;
    browser.select("#reg-motion", "Reseller").await;
    browser.click("#reg-products input[type=checkbox]").await;
    browser.type_into("#reg-value", "250,000").await;
    browser.select("#reg-currency", "EUR").await;
    let close = Date::from_unix(unix_now()).add_months(3).to_string();
    browser.set_value("#reg-close", &close).await;
    browser
        .type_into("#reg-description", "Replace their partner spreadsheets.")
        .await;
    browser.click("#reg-role-sourced").await;
    browser.click("#register-submit").await;
    let number = browser.wait_for_text("#registration-number", "R-").await;
    number
        .trim()
        .trim_start_matches("R-")
        .parse::<i64>()
        .unwrap()
        - 1000
}

pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}
