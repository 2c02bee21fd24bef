//! What the Portico front ends share: the typed API client, routes and client-side
//! navigation, who is signed in, the page frame, form fields, paging and formatting. It talks
//! to the server only through `/api` with the types of `portico-api` and holds no secrets: the
//! session lives in an HttpOnly cookie the app never sees. Its only pages are a person's own
//! settings, the same in both apps; every other page, and the router that picks them, lives in
//! the app that shows it.

pub mod api;
pub mod components;
pub mod deal;
pub mod dom;
pub mod format;
pub mod lazy;
pub mod location;
pub mod pages;
pub mod pipeline_list;
pub mod query;
pub mod route;
pub mod session;
pub mod text;
pub mod url;
