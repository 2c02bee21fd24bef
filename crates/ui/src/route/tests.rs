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
    assert_eq!(Route::parse("/manage/tiers"), Route::Tiers);
    assert_eq!(
        Route::parse("/manage/certifications"),
        Route::Certifications
    );
    assert_eq!(Route::parse("/manage/onboarding"), Route::Onboarding);
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
        "/manage/payouts/x",
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
        Route::Tiers,
        Route::Certifications,
        Route::Onboarding,
        Route::Numbers,
        Route::Earnings,
        Route::Payee,
        Route::SalesReports,
        Route::SalesReport { id: 12 },
        Route::Incentives,
        Route::Ledger,
        Route::Payouts,
        Route::PayoutBatch { id: 10 },
        Route::ChannelData,
        Route::ChannelImport { id: 11 },
        Route::ChannelReview,
        Route::ChannelTransactions,
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
