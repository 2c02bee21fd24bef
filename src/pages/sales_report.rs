//! `/sales-reports/{id}`: one of the organization's uploads, its mapping and its progress.

use leptos::prelude::*;
use portico_ui::pages::ReportImportPage;

use super::sales_reports::report_pages;

#[component]
pub fn SalesReportPage(id: i64) -> impl IntoView {
    view! { <ReportImportPage id pages=report_pages() /> }
}
