//! The uploads on `/manage/channel-data`, newest first: each one's source, state and counts,
//! and a link to its page (its mapping, its progress, its waiting rows).

use leptos::prelude::*;
use portico_api::channel_data::imports::ReportImport;

use portico_ui::api;
use portico_ui::components::{DataTable, Paged, PagedList, Time};
use portico_ui::format::format_number;
use portico_ui::route::Route;

use crate::text::channel_data as text;

#[component]
pub fn UploadList() -> impl IntoView {
    let list = Paged::new(move |cursor: Option<String>| async move {
        api::channel_imports(cursor.as_deref()).await
    });
    view! {
        <h2 class="section-title" id="uploads-heading">{text::UPLOADS}</h2>
        <PagedList list=list.controls() loading=text::UPLOADS_LOADING empty=text::NO_UPLOADS>
            <DataTable id="uploads" labelled_by="uploads-heading" headers=text::UPLOAD_HEADERS>
                {move || list.items.get().into_iter().map(|i| view! { <UploadLine import=i /> })
                    .collect_view()}
            </DataTable>
        </PagedList>
    }
}

#[component]
fn UploadLine(import: ReportImport) -> impl IntoView {
    let i = import;
    let count = |n: u64| format_number(i64::try_from(n).unwrap_or(i64::MAX));
    view! {
        <tr data-import=i.id>
            <td><a href=Route::ChannelImport { id: i.id }.href()>{i.file_name}</a></td>
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
