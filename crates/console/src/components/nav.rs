//! The console's main navigation: its pages in groups, so the header keeps one row;
//! administrators also get the portal-wide settings.

use leptos::prelude::*;
use portico_api::Role;
use portico_ui::components::NavGroup;
use portico_ui::location::NavLink;
use portico_ui::route::Route;

/// The navigation for vendor staff in `role`, as `<li>` items for the page frame.
pub fn main_nav(role: Role) -> AnyView {
    let mut settings = vec![(Route::Integrations, "Integrations")];
    if role == Role::Admin {
        settings.extend([
            (Route::Users, "Users"),
            (Route::Messages, "Messages"),
            (Route::SecuritySettings, "Security"),
        ]);
    }
    view! {
        <li>
            <NavLink to=Route::ManageHome exact=true>"Home"</NavLink>
        </li>
        <NavGroup
            id="nav-deals"
            label="Deals"
            links=vec![
                (Route::ApprovalQueue, "Registrations"),
                (Route::ManagePipeline, "Pipeline"),
                (Route::Accounts, "Accounts"),
                (Route::Products, "Products"),
            ]
        />
        <NavGroup
            id="nav-partners"
            label="Partners"
            links=vec![
                (Route::Partners, "Partners"),
                (Route::Invitations, "Invitations"),
                (Route::Numbers, "Numbers"),
            ]
        />
        <NavGroup
            id="nav-content"
            label="Content"
            links=vec![(Route::ContentDesk, "Content"), (Route::ManageAnnouncements, "Announcements")]
        />
        <NavGroup id="nav-settings" label="Settings" links=settings />
    }
    .into_any()
}
