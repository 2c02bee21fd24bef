//! `/manage/pipeline`: every partner's deals for vendor staff, as a table or a board per stage,
//! with the weekly review and the form for a deal without a registration above.

mod new_deal;
mod review;

use leptos::prelude::*;
use portico_ui::dom::set_title;
use portico_ui::location::use_location;
use portico_ui::pipeline_list::PipelineList;
use portico_ui::query::pipeline_query;

use crate::text;
use new_deal::NewDeal;
use review::Review;

#[component]
pub fn ManagePipelinePage() -> impl IntoView {
    set_title(text::pipeline::TITLE);
    let location = use_location();
    let stale_days = Memo::new(move |_| pipeline_query(&location.search(), true).stale_days);
    view! {
        <section class="page">
            <h1 id="pipeline-heading">{text::pipeline::TITLE}</h1>
            <p class="muted">
                {text::pipeline::INTRO}
            </p>
            <NewDeal />
            {move || view! { <Review stale_days=stale_days.get() /> }}
            <PipelineList manager=true />
        </section>
    }
}
