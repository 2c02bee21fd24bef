//! `/manage/announcements`: compose, schedule and edit program news; see who read and who
//! acknowledged it, and remind exactly those who have not.

use leptos::prelude::*;
use portico_api::announcements::ManagerAnnouncement;

use portico_ui::components::Time;

use crate::text;

mod announcement_form;
mod list;
mod manage_announcement;
mod new_announcement;
pub use list::ManageAnnouncementsPage;
pub use manage_announcement::ManageAnnouncementPage;
pub use new_announcement::NewAnnouncementPage;

/// The announcement's state, for the list and the page.
#[component]
fn Status(a: ManagerAnnouncement) -> impl IntoView {
    match a.published_at {
        Some(at) => view! {
            <span class="badge badge-published">{text::announcements::PUBLISHED}</span>
            " "
            <Time value=at />
        }
        .into_any(),
        None => view! {
            <span class="badge badge-draft">{text::announcements::SCHEDULED}</span>
            {text::announcements::SCHEDULED_FOR}
            <Time value=a.publish_at />
        }
        .into_any(),
    }
}
