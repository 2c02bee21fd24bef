//! The partner portal in headless Chromium, one module per area, in one test binary: one link
//! of the server and the browser harness instead of one per area.

mod support;

mod accessibility;
mod account_security;
mod announcements;
mod browser;
mod conflicts;
mod content;
mod earnings;
mod front_ends;
mod home;
mod lazy_pages;
mod localisation;
mod notifications;
mod onboarding;
mod pipeline;
mod registrations;
mod sales_reports;
mod team;
mod tier;
