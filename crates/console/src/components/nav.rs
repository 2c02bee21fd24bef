//! The console's main navigation: its pages in groups, so the header keeps one row;
//! administrators also get the portal-wide settings.

use leptos::prelude::*;
use portico_api::Role;
use portico_ui::components::NavGroup;
use portico_ui::location::NavLink;
use portico_ui::route::Route;

use crate::text;

/// The navigation for vendor staff in `role`, as `<li>` items for the page frame.
pub fn main_nav(role: Role) -> AnyView {
    let mut settings = vec![(Route::Integrations, text::nav::INTEGRATIONS)];
    if role == Role::Admin {
        settings.extend([
            (Route::Users, text::nav::USERS),
            (Route::Messages, text::nav::MESSAGES),
            (Route::SecuritySettings, text::nav::SECURITY),
        ]);
    }
    view! {
        <li>
            <NavLink to=Route::ManageHome exact=true>{text::nav::HOME}</NavLink>
        </li>
        <NavGroup
            id="nav-deals"
            label=text::nav::DEALS
            links=vec![
                (Route::ApprovalQueue, text::nav::REGISTRATIONS),
                (Route::ManagePipeline, text::nav::PIPELINE),
                (Route::Accounts, text::nav::ACCOUNTS),
                (Route::Products, text::nav::PRODUCTS),
                (Route::ChannelData, text::nav::CHANNEL_DATA),
            ]
        />
        <NavGroup
            id="nav-partners"
            label=text::nav::PARTNERS
            links=vec![
                (Route::Partners, text::nav::PARTNERS),
                (Route::Tiers, text::nav::TIERS),
                (Route::Certifications, text::nav::CERTIFICATIONS),
                (Route::Onboarding, text::nav::ONBOARDING),
                (Route::Invitations, text::nav::INVITATIONS),
                (Route::Numbers, text::nav::NUMBERS),
            ]
        />
        <NavGroup
            id="nav-incentives"
            label=text::nav::INCENTIVES
            links=vec![
                (Route::Ledger, text::nav::LEDGER),
                (Route::Payouts, text::nav::PAYOUTS),
                (Route::Incentives, text::nav::PLANS),
            ]
        />
        <NavGroup
            id="nav-content"
            label=text::nav::CONTENT
            links=vec![
                (Route::ContentDesk, text::nav::CONTENT),
                (Route::ManageAnnouncements, text::nav::ANNOUNCEMENTS),
            ]
        />
        <NavGroup id="nav-settings" label=text::nav::SETTINGS links=settings />
    }
    .into_any()
}
