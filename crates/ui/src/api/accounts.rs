//! Customer accounts: the list conflicts are checked against, and its CSV import.

use super::request::{Call, list_url};
use super::{ApiError, PAGE_SIZE};
use crate::url::encode;
use portico_api::Page;
use portico_api::accounts::{Account, AccountInput, ImportSummary};

/// `GET /api/accounts`, filtered by part of the name or domain.
pub async fn accounts(query: &str, cursor: Option<&str>) -> Result<Page<Account>, ApiError> {
    let url = list_url("/api/accounts", cursor, PAGE_SIZE);
    let url = if query.is_empty() {
        url
    } else {
        format!("{url}&q={}", encode(query, false))
    };
    Call::get(&url).read().await
}

/// `POST /api/accounts`
pub async fn create_account(csrf: &str, body: &AccountInput) -> Result<Account, ApiError> {
    let call = Call::write("POST", "/api/accounts", csrf).json(body);
    call.read().await
}

/// `PUT /api/accounts/{id}`
pub async fn update_account(csrf: &str, id: i64, body: &AccountInput) -> Result<Account, ApiError> {
    let url = format!("/api/accounts/{id}");
    Call::write("PUT", &url, csrf).json(body).read().await
}

/// `POST /api/accounts/import` with the file's text; `merge` imports rows naming one account
/// as one, with alternative names.
pub async fn import_accounts(
    csrf: &str,
    csv: String,
    merge: bool,
) -> Result<ImportSummary, ApiError> {
    let url = if merge {
        "/api/accounts/import?merge_duplicates=true"
    } else {
        "/api/accounts/import"
    };
    let call = Call::write("POST", url, csrf).text(csv, "text/csv");
    call.read().await
}
