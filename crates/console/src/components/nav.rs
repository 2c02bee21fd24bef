//! The console's main navigation; administrators also get the portal-wide settings.

use leptos::prelude::*;
use portico_api::Role;
use portico_ui::location::NavLink;
use portico_ui::route::Route;

/// The navigation links for vendor staff in `role`, as `<li>` items for the page frame.
pub fn main_nav(role: Role) -> AnyView {
    view! {
        <li>
            <NavLink to=Route::ManageHome exact=true>"Home"</NavLink>
        </li>
        <li>
            <NavLink to=Route::ApprovalQueue>"Registrations"</NavLink>
        </li>
        <li>
            <NavLink to=Route::ManagePipeline>"Pipeline"</NavLink>
        </li>
        <li>
            <NavLink to=Route::Partners>"Partners"</NavLink>
        </li>
        <li>
            <NavLink to=Route::Numbers>"Numbers"</NavLink>
        </li>
        <li>
            <NavLink to=Route::ContentDesk>"Content"</NavLink>
        </li>
        <li>
            <NavLink to=Route::Accounts>"Accounts"</NavLink>
        </li>
        <li>
            <NavLink to=Route::Products>"Products"</NavLink>
        </li>
        <li>
            <NavLink to=Route::Invitations>"Invitations"</NavLink>
        </li>
        <li>
            <NavLink to=Route::Integrations>"Integrations"</NavLink>
        </li>
        <li>
            <NavLink to=Route::ManageAnnouncements>"Announcements"</NavLink>
        </li>
        {(role == Role::Admin)
            .then(|| {
                view! {
                    <li>
                        <NavLink to=Route::Users>"Users"</NavLink>
                    </li>
                    <li>
                        <NavLink to=Route::Messages>"Messages"</NavLink>
                    </li>
                    <li>
                        <NavLink to=Route::SecuritySettings>"Security"</NavLink>
                    </li>
                }
            })}
    }
    .into_any()
}
