//! The typed list of pages: each path parses into a [`Route`], and each route gives back its
//! path with [`Route::href`], so no page spells a path by hand. Each page belongs to one of the
//! two front ends ([`App`]): the manager console owns everything under `/manage`.

use portico_api::Role;

use crate::url::{decode, encode};

/// The two front ends. Moving between them is a page load; within one, a history move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    /// Partners, and every signed-out page (sign-in, invitations, links).
    Portal,
    /// Vendor staff, under `/manage`.
    Console,
}

impl App {
    pub fn of_path(path: &str) -> App {
        if path == "/manage" || path.starts_with("/manage/") {
            App::Console
        } else {
            App::Portal
        }
    }

    /// Where someone in this role starts.
    pub fn for_role(role: Role) -> App {
        if role.is_vendor() {
            App::Console
        } else {
            App::Portal
        }
    }

    pub fn home(self) -> Route {
        match self {
            App::Portal => Route::Home,
            App::Console => Route::ManageHome,
        }
    }

    pub fn notifications(self) -> Route {
        match self {
            App::Portal => Route::Notifications,
            App::Console => Route::ManageNotifications,
        }
    }

    pub fn account_security(self) -> Route {
        match self {
            App::Portal => Route::AccountSecurity,
            App::Console => Route::ManageAccountSecurity,
        }
    }
}

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
    Numbers,
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
            ["manage", "numbers"] => Route::Numbers,
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
            Route::Numbers => "/manage/numbers",
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
mod tests {
    use super::{App, Route};

    #[test]
    fn paths_name_their_pages() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse("/login"), Route::Login);
        assert_eq!(Route::parse("/login/"), Route::Login);
        assert_eq!(Route::parse("/manage/invitations"), Route::Invitations);
        assert_eq!(Route::parse("/manage/users"), Route::Users);
        assert_eq!(Route::parse("/manage/messages"), Route::Messages);
        assert_eq!(Route::parse("/manage"), Route::ManageHome);
        assert_eq!(Route::parse("/manage/"), Route::ManageHome);
        assert_eq!(
            Route::parse("/manage/opportunities/9"),
            Route::ManageOpportunity { id: 9 }
        );
        assert_eq!(
            Route::parse("/invite/a%2Bb"),
            Route::AcceptInvitation {
                token: "a+b".to_owned()
            }
        );
        // In a path `+` is itself, not a space.
        assert_eq!(
            Route::parse("/invite/a+b"),
            Route::AcceptInvitation {
                token: "a+b".to_owned()
            }
        );
        assert_eq!(Route::parse("/registrations/new"), Route::Register);
        assert_eq!(
            Route::parse("/r/abc"),
            Route::LinkRegistration {
                token: "abc".to_owned()
            }
        );
        assert_eq!(Route::parse("/manage/accounts"), Route::Accounts);
        assert_eq!(
            Route::parse("/registrations/12"),
            Route::MyRegistration { id: 12 }
        );
        assert_eq!(
            Route::parse("/manage/registrations/3"),
            Route::ManageRegistration { id: 3 }
        );
        assert_eq!(Route::parse("/pipeline"), Route::Pipeline);
        assert_eq!(
            Route::parse("/opportunities/9"),
            Route::Opportunity { id: 9 }
        );
        assert_eq!(Route::parse("/manage/pipeline"), Route::ManagePipeline);
        assert_eq!(Route::parse("/manage/partners"), Route::Partners);
        assert_eq!(Route::parse("/manage/numbers"), Route::Numbers);
        for unknown in [
            "/opportunities/x",
            "/invite",
            "/invite/",
            "/admin/users",
            "/manage/users/7",
            "/manage/messages/3",
            "/manage/opportunities/x",
            "/nope",
            "/registrations/x",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn content_paths_name_their_pages() {
        assert_eq!(Route::parse("/content"), Route::Content);
        assert_eq!(Route::parse("/content/"), Route::Content);
        assert_eq!(Route::parse("/content/42"), Route::Asset { id: 42 });
        assert_eq!(Route::parse("/manage/content"), Route::ContentDesk);
        assert_eq!(Route::parse("/manage/content/new"), Route::NewAsset);
        assert_eq!(Route::parse("/manage/content/usage"), Route::ContentUsage);
        assert_eq!(
            Route::parse("/manage/content/7"),
            Route::ManageAsset { id: 7 }
        );
        for unknown in [
            "/content/x",
            "/content/1/download",
            "/manage/content/x",
            "/manage/content/7/edit",
            "/manage/contents",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn integration_paths_name_their_pages() {
        assert_eq!(Route::parse("/manage/integrations"), Route::Integrations);
        assert_eq!(
            Route::parse("/manage/integrations/webhooks/4"),
            Route::WebhookEndpoint { id: 4 }
        );
        for unknown in [
            "/manage/integrations/webhooks",
            "/manage/integrations/webhooks/x",
            "/manage/integrations/hubspot",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn announcement_and_sign_in_link_paths_name_their_pages() {
        assert_eq!(
            Route::parse("/sign-in/abc%2Bd"),
            Route::SignInLink {
                token: "abc+d".into()
            }
        );
        assert_eq!(Route::parse("/announcements"), Route::Feed);
        assert_eq!(
            Route::parse("/announcements/7"),
            Route::Announcement { id: 7 }
        );
        assert_eq!(
            Route::parse("/manage/announcements"),
            Route::ManageAnnouncements
        );
        assert_eq!(
            Route::parse("/manage/announcements/new"),
            Route::NewAnnouncement
        );
        assert_eq!(
            Route::parse("/manage/announcements/3"),
            Route::ManageAnnouncement { id: 3 }
        );
        for unknown in ["/sign-in", "/announcements/x", "/manage/announcements/x"] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn account_security_paths_name_their_pages() {
        assert_eq!(Route::parse("/settings/security"), Route::AccountSecurity);
        assert_eq!(Route::parse("/settings/password"), Route::SetPassword);
        assert_eq!(Route::parse("/manage/security"), Route::SecuritySettings);
        for unknown in [
            "/settings/security/2fa",
            "/manage/security/x",
            "/admin/security",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn notification_paths_name_their_pages() {
        assert_eq!(
            Route::parse("/settings/notifications"),
            Route::Notifications
        );
        assert_eq!(Route::parse("/unsubscribe"), Route::Unsubscribe);
        assert_eq!(Route::parse("/unsubscribe/"), Route::Unsubscribe);
        for unknown in [
            "/settings",
            "/settings/notifications/email",
            "/unsubscribe/7",
        ] {
            assert_eq!(Route::parse(unknown), Route::NotFound, "{unknown}");
        }
    }

    #[test]
    fn every_route_parses_back_from_its_href() {
        let token = || "a+b/c".to_owned();
        let routes = [
            Route::Home,
            Route::Login,
            Route::AcceptInvitation { token: token() },
            Route::Invitations,
            Route::Users,
            Route::Register,
            Route::LinkRegistration { token: token() },
            Route::MyRegistrations,
            Route::MyRegistration { id: 1 },
            Route::ApprovalQueue,
            Route::ManageRegistration { id: 2 },
            Route::Accounts,
            Route::Products,
            Route::Pipeline,
            Route::Opportunity { id: 3 },
            Route::ManagePipeline,
            Route::Partners,
            Route::Numbers,
            Route::Content,
            Route::Asset { id: 4 },
            Route::ContentDesk,
            Route::NewAsset,
            Route::ManageAsset { id: 5 },
            Route::ContentUsage,
            Route::Integrations,
            Route::WebhookEndpoint { id: 6 },
            Route::SignInLink { token: token() },
            Route::Feed,
            Route::Announcement { id: 7 },
            Route::ManageAnnouncements,
            Route::NewAnnouncement,
            Route::ManageAnnouncement { id: 8 },
            Route::Notifications,
            Route::AccountSecurity,
            Route::SetPassword,
            Route::SecuritySettings,
            Route::Unsubscribe,
            Route::Messages,
            Route::ManageHome,
            Route::ManageOpportunity { id: 9 },
            Route::ManageNotifications,
            Route::ManageAccountSecurity,
            Route::NotFound,
        ];
        for route in routes {
            assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
            if let Some(console) = route.in_console() {
                assert_eq!(route.app(), App::Portal, "{route:?}");
                assert_eq!(console.app(), App::Console, "{console:?}");
            }
        }
        assert_eq!(Route::Login.in_console(), None);
        assert_eq!(Route::Users.app(), App::Console);
        assert_eq!(App::of_path("/managed"), App::Portal);
        assert_eq!(Route::Pipeline.with_query(""), "/pipeline");
        assert_eq!(Route::Pipeline.with_query("q=x"), "/pipeline?q=x");
    }
}
