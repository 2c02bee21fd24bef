//! `/manage/channel-data/imports/{id}`: one upload, its mapping and its progress.

use leptos::prelude::*;
use portico_ui::pages::ReportImportPage;

use super::report_pages;

#[component]
pub fn ChannelImportPage(id: i64) -> impl IntoView {
    view! { <ReportImportPage id pages=report_pages() /> }
}
