//! What the Portico front ends share: the typed API client, routes and client-side
//! navigation, who is signed in, the page frame, form fields, paging and formatting. It talks
//! to the server only through `/api` with the types of `portico-api` and holds no secrets: the
//! session lives in an HttpOnly cookie the app never sees. It knows no page of its own; pages
//! and the router that picks them live in the apps.

pub mod api;
pub mod components;
pub mod deal;
pub mod dom;
pub mod format;
pub mod location;
pub mod query;
pub mod route;
pub mod session;
pub mod url;
