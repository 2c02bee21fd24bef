//! Which front end a page belongs to, and where each role starts in it.

use portico_api::Role;

use super::Route;

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
