//! `/manage/announcements`: every announcement with its state, newest first.

use leptos::prelude::*;
use portico_api::announcements::ManagerAnnouncement;
use portico_ui::route::Route;

use portico_ui::api;
use portico_ui::components::{DataTable, Paged, PagedList};
use portico_ui::dom::set_title;

use super::Status;
use crate::text;

#[component]
pub fn ManageAnnouncementsPage() -> impl IntoView {
    set_title(text::announcements::TITLE);
    let list = Paged::new(|cursor| async move { api::announcements(cursor.as_deref()).await });
    view! {
        <section class="page">
            <div class="page-head">
                <h1 id="announcements-heading">{text::announcements::TITLE}</h1>
                <a class="button" href=Route::NewAnnouncement.href()>
                    {text::announcements::NEW}
                </a>
            </div>
            <PagedList
                list=list.controls()
                loading=text::announcements::LOADING_LIST
                empty=text::announcements::EMPTY
            >
                <DataTable
                    id="announcements-table"
                    labelled_by="announcements-heading"
                    headers=&text::announcements::HEADERS
                >
                    {move || list.items.get().into_iter().map(|a| view! { <Row a /> }).collect_view()}
                </DataTable>
            </PagedList>
        </section>
    }
}

#[component]
fn Row(a: ManagerAnnouncement) -> impl IntoView {
    let acknowledged = if a.requires_ack {
        a.counts.acknowledged.to_string()
    } else {
        "—".to_owned()
    };
    view! {
        <tr>
            <td><a href=Route::ManageAnnouncement { id: a.id }.href()>{a.title.clone()}</a></td>
            <td><Status a=a.clone() /></td>
            <td>{a.counts.delivered}</td>
            <td>{a.counts.read}</td>
            <td>{acknowledged}</td>
        </tr>
    }
}
