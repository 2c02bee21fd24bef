//! The uploads the person reaches, newest first: each one's source, state and counts, and a
//! link to its page (its mapping, its progress, its waiting rows).

use leptos::prelude::*;
use portico_api::channel_data::imports::ReportImport;

use super::ReportPages;
use crate::api;
use crate::components::{DataTable, Paged, PagedList, Time};
use crate::format::format_number;
use crate::text::channel_data as text;

#[component]
pub fn UploadList(pages: ReportPages) -> impl IntoView {
    let list = Paged::new(move |cursor: Option<String>| async move {
        api::channel_imports(cursor.as_deref()).await
    });
    view! {
        <h2 class="section-title" id="uploads-heading">{text::UPLOADS}</h2>
        <PagedList list=list.controls() loading=text::UPLOADS_LOADING empty=text::NO_UPLOADS>
            <DataTable id="uploads" labelled_by="uploads-heading" headers=text::UPLOAD_HEADERS>
                {move || list.items.get().into_iter().map(|i| view! {
                    <UploadLine import=i link=pages.import />
                }).collect_view()}
            </DataTable>
        </PagedList>
    }
}

#[component]
fn UploadLine(import: ReportImport, link: fn(i64) -> crate::route::Route) -> impl IntoView {
    let i = import;
    let count = |n: u64| format_number(i64::try_from(n).unwrap_or(i64::MAX));
    view! {
        <tr data-import=i.id>
            <td><a href=link(i.id).href()>{i.file_name}</a></td>
            <td>{i.source_name}</td>
            <td><Time value=i.created_at /></td>
            <td>{i.state.label()}</td>
            <td>{count(i.counts.imported)}</td>
            <td>{count(i.counts.duplicate)}</td>
            <td>{count(i.counts.rejected)}</td>
            <td>{count(i.counts.waiting)}</td>
        </tr>
    }
}
