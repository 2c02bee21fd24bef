//! The typed list of pages: each path parses into a [`Route`], and each route gives back its
//! path with [`Route::href`], so no page spells a path by hand. Each page belongs to one of the
//! two front ends ([`App`]): the manager console owns everything under `/manage`.

mod app;

pub use app::App;

use crate::url::{decode, encode};

/// Every page of the app, with what its path carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    ManageHome,
    Login,
    AcceptInvitation { token: String },
    Invitations,
    Users,
    Register,
    LinkRegistration { token: String },
    MyRegistrations,
    MyRegistration { id: i64 },
    ApprovalQueue,
    ManageRegistration { id: i64 },
    Accounts,
    Products,
    Pipeline,
    Opportunity { id: i64 },
    ManagePipeline,
    ManageOpportunity { id: i64 },
    Partners,
    Tiers,
    Certifications,
    Onboarding,
    Numbers,
    Earnings,
    Payee,
    SalesReports,
    SalesReport { id: i64 },
    Incentives,
    Ledger,
    Payouts,
    PayoutBatch { id: i64 },
    ChannelData,
    ChannelImport { id: i64 },
    ChannelReview,
    ChannelTransactions,
    Content,
    Asset { id: i64 },
    ContentDesk,
    NewAsset,
    ManageAsset { id: i64 },
    ContentUsage,
    Integrations,
    WebhookEndpoint { id: i64 },
    SignInLink { token: String },
    Feed,
    Announcement { id: i64 },
    ManageAnnouncements,
    NewAnnouncement,
    ManageAnnouncement { id: i64 },
    Notifications,
    ManageNotifications,
    AccountSecurity,
    ManageAccountSecurity,
    SetPassword,
    SecuritySettings,
    Unsubscribe,
    Messages,
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        match segments.as_slice() {
            [""] => Route::Home,
            ["manage"] => Route::ManageHome,
            ["login"] => Route::Login,
            ["invite", token] if !token.is_empty() => Route::AcceptInvitation {
                token: decode(token),
            },
            ["manage", "invitations"] => Route::Invitations,
            ["registrations"] => Route::MyRegistrations,
            ["r", token] if !token.is_empty() => Route::LinkRegistration {
                token: decode(token),
            },
            ["registrations", "new"] => Route::Register,
            ["registrations", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::MyRegistration { id }),
            ["manage", "registrations"] => Route::ApprovalQueue,
            ["manage", "accounts"] => Route::Accounts,
            ["manage", "products"] => Route::Products,
            ["manage", "registrations", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::ManageRegistration { id }),
            ["manage", "users"] => Route::Users,
            ["pipeline"] => Route::Pipeline,
            ["opportunities", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::Opportunity { id }),
            ["manage", "pipeline"] => Route::ManagePipeline,
            ["manage", "opportunities", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::ManageOpportunity { id }),
            ["manage", "partners"] => Route::Partners,
            ["manage", "tiers"] => Route::Tiers,
            ["manage", "certifications"] => Route::Certifications,
            ["manage", "onboarding"] => Route::Onboarding,
            ["manage", "numbers"] => Route::Numbers,
            ["earnings"] => Route::Earnings,
            ["settings", "payouts"] => Route::Payee,
            ["sales-reports"] => Route::SalesReports,
            ["sales-reports", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::SalesReport { id }),
            ["manage", "incentives"] => Route::Incentives,
            ["manage", "ledger"] => Route::Ledger,
            ["manage", "payouts"] => Route::Payouts,
            ["manage", "payouts", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::PayoutBatch { id }),
            ["manage", "channel-data"] => Route::ChannelData,
            ["manage", "channel-data", "imports", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::ChannelImport { id }),
            ["manage", "channel-data", "review"] => Route::ChannelReview,
            ["manage", "channel-data", "transactions"] => Route::ChannelTransactions,
            ["content"] => Route::Content,
            ["content", id] => id.parse().map_or(Route::NotFound, |id| Route::Asset { id }),
            ["manage", "content"] => Route::ContentDesk,
            ["manage", "content", "new"] => Route::NewAsset,
            ["manage", "content", "usage"] => Route::ContentUsage,
            ["manage", "content", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::ManageAsset { id }),
            ["manage", "integrations"] => Route::Integrations,
            ["manage", "integrations", "webhooks", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::WebhookEndpoint { id }),
            ["sign-in", token] if !token.is_empty() => Route::SignInLink {
                token: decode(token),
            },
            ["announcements"] => Route::Feed,
            ["announcements", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::Announcement { id }),
            ["manage", "announcements"] => Route::ManageAnnouncements,
            ["manage", "announcements", "new"] => Route::NewAnnouncement,
            ["manage", "announcements", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::ManageAnnouncement { id }),
            ["settings", "notifications"] => Route::Notifications,
            ["settings", "security"] => Route::AccountSecurity,
            ["settings", "password"] => Route::SetPassword,
            ["manage", "settings", "notifications"] => Route::ManageNotifications,
            ["manage", "settings", "security"] => Route::ManageAccountSecurity,
            ["manage", "security"] => Route::SecuritySettings,
            // The link's user, category and signature are in the query string.
            ["unsubscribe"] => Route::Unsubscribe,
            ["manage", "messages"] => Route::Messages,
            _ => Route::NotFound,
        }
    }

    /// The route's path, as `parse` reads it back.
    pub fn href(&self) -> String {
        let path: &str = match self {
            Route::Home => "/",
            // The console's folder: the file server would add the slash with a redirect.
            Route::ManageHome => "/manage/",
            Route::Login => "/login",
            Route::AcceptInvitation { token } => {
                return format!("/invite/{}", encode(token, false));
            }
            Route::Invitations => "/manage/invitations",
            Route::Users => "/manage/users",
            Route::Register => "/registrations/new",
            Route::LinkRegistration { token } => return format!("/r/{}", encode(token, false)),
            Route::MyRegistrations => "/registrations",
            Route::MyRegistration { id } => return format!("/registrations/{id}"),
            Route::ApprovalQueue => "/manage/registrations",
            Route::ManageRegistration { id } => return format!("/manage/registrations/{id}"),
            Route::Accounts => "/manage/accounts",
            Route::Products => "/manage/products",
            Route::Pipeline => "/pipeline",
            Route::Opportunity { id } => return format!("/opportunities/{id}"),
            Route::ManagePipeline => "/manage/pipeline",
            Route::ManageOpportunity { id } => return format!("/manage/opportunities/{id}"),
            Route::Partners => "/manage/partners",
            Route::Tiers => "/manage/tiers",
            Route::Certifications => "/manage/certifications",
            Route::Onboarding => "/manage/onboarding",
            Route::Numbers => "/manage/numbers",
            Route::Earnings => "/earnings",
            Route::Payee => "/settings/payouts",
            Route::SalesReports => "/sales-reports",
            Route::SalesReport { id } => return format!("/sales-reports/{id}"),
            Route::Incentives => "/manage/incentives",
            Route::Ledger => "/manage/ledger",
            Route::Payouts => "/manage/payouts",
            Route::PayoutBatch { id } => return format!("/manage/payouts/{id}"),
            Route::ChannelData => "/manage/channel-data",
            Route::ChannelImport { id } => return format!("/manage/channel-data/imports/{id}"),
            Route::ChannelReview => "/manage/channel-data/review",
            Route::ChannelTransactions => "/manage/channel-data/transactions",
            Route::Content => "/content",
            Route::Asset { id } => return format!("/content/{id}"),
            Route::ContentDesk => "/manage/content",
            Route::NewAsset => "/manage/content/new",
            Route::ManageAsset { id } => return format!("/manage/content/{id}"),
            Route::ContentUsage => "/manage/content/usage",
            Route::Integrations => "/manage/integrations",
            Route::WebhookEndpoint { id } => return format!("/manage/integrations/webhooks/{id}"),
            Route::SignInLink { token } => return format!("/sign-in/{}", encode(token, false)),
            Route::Feed => "/announcements",
            Route::Announcement { id } => return format!("/announcements/{id}"),
            Route::ManageAnnouncements => "/manage/announcements",
            Route::NewAnnouncement => "/manage/announcements/new",
            Route::ManageAnnouncement { id } => return format!("/manage/announcements/{id}"),
            Route::Notifications => "/settings/notifications",
            Route::AccountSecurity => "/settings/security",
            Route::SetPassword => "/settings/password",
            Route::ManageNotifications => "/manage/settings/notifications",
            Route::ManageAccountSecurity => "/manage/settings/security",
            Route::SecuritySettings => "/manage/security",
            Route::Unsubscribe => "/unsubscribe",
            Route::Messages => "/manage/messages",
            // Any path that names no page.
            Route::NotFound => "/not-found",
        };
        path.to_owned()
    }

    pub fn app(&self) -> App {
        App::of_path(&self.href())
    }

    /// The console's page for what a partner page shows, where vendor staff who open the
    /// partner page are sent; `None` for the pages everyone uses in the portal (signing in,
    /// invitations, links from e-mails).
    pub fn in_console(&self) -> Option<Route> {
        Some(match *self {
            Route::Home => Route::ManageHome,
            Route::Register | Route::MyRegistrations => Route::ApprovalQueue,
            Route::MyRegistration { id } => Route::ManageRegistration { id },
            Route::Pipeline => Route::ManagePipeline,
            Route::Earnings => Route::Ledger,
            Route::SalesReports => Route::ChannelData,
            Route::SalesReport { id } => Route::ChannelImport { id },
            Route::Opportunity { id } => Route::ManageOpportunity { id },
            Route::Content => Route::ContentDesk,
            Route::Asset { id } => Route::ManageAsset { id },
            Route::Feed => Route::ManageAnnouncements,
            Route::Announcement { id } => Route::ManageAnnouncement { id },
            Route::Notifications => Route::ManageNotifications,
            Route::AccountSecurity => Route::ManageAccountSecurity,
            _ => return None,
        })
    }

    /// The route's path with a query string (`name=value&…`, already encoded) when there is one.
    pub fn with_query(&self, query: &str) -> String {
        if query.is_empty() {
            self.href()
        } else {
            format!("{}?{query}", self.href())
        }
    }
}

#[cfg(test)]
mod tests;
