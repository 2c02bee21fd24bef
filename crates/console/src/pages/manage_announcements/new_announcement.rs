//! `/manage/announcements/new`: compose one, to send now or at a set time.

use leptos::prelude::*;
use portico_api::announcements::ManagerAnnouncement;
use portico_ui::route::Route;

use portico_ui::dom::set_title;
use portico_ui::location::use_location;

use super::announcement_form::AnnouncementForm;
use crate::text;

#[component]
pub fn NewAnnouncementPage() -> impl IntoView {
    set_title(text::announcements::NEW);
    let location = use_location();
    let saved = Callback::new(move |a: ManagerAnnouncement| {
        location.go(&Route::ManageAnnouncement { id: a.id }.href());
    });
    view! {
        <section class="page narrow">
            <p>
                <a href=Route::ManageAnnouncements.href()>{text::announcements::BACK}</a>
            </p>
            <h1>{text::announcements::NEW}</h1>
            <AnnouncementForm existing=None saved />
        </section>
    }
}
