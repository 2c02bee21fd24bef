//! Sales reports, as both front ends show them: vendor staff send and settle everyone's from
//! the console, a partner admin their own organization's from the portal. The server keeps
//! each to what they may reach; what differs here is where links lead and whether settling a
//! row may teach what a name means (vendor staff only).

mod upload;
mod uploads;
mod waiting;

pub use upload::ReportUpload;
pub use uploads::UploadList;
pub use waiting::WaitingRows;

use leptos::prelude::*;
use portico_api::channel_data::DateOrder;

use crate::components::{FieldState, SelectField, TextField};
use crate::route::Route;
use crate::text::channel_data as text;

/// Where the report pieces link to in the front end showing them.
#[derive(Debug, Clone)]
pub struct ReportPages {
    /// The page of sources and uploads, and what its link says.
    pub back: (Route, &'static str),
    pub import: fn(i64) -> Route,
    /// Where the rows waiting for a person are listed.
    pub review: Route,
    pub transactions: Option<Route>,
}

/// How a source's reports write dates, and their currency when no column names it.
#[component]
pub fn ReportFormat(order: FieldState, currency: FieldState) -> impl IntoView {
    if order.get().is_empty() {
        order.value.set(DateOrder::DayFirst.as_str().to_owned());
    }
    let orders = [DateOrder::DayFirst, DateOrder::MonthFirst]
        .map(|o| (o.as_str().to_owned(), o.label().to_owned()))
        .to_vec();
    view! {
        <SelectField field=order label=text::DATE_ORDER options=orders />
        <TextField field=currency label=text::CURRENCY hint=text::CURRENCY_HINT autocomplete="off" />
    }
}

/// The date order and currency the fields of [`ReportFormat`] hold.
pub fn report_format(order: FieldState, currency: FieldState) -> (DateOrder, Option<String>) {
    (
        DateOrder::parse(&order.get()).unwrap_or(DateOrder::DayFirst),
        Some(currency.get().trim().to_owned()).filter(|c| !c.is_empty()),
    )
}
