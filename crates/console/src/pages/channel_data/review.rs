//! `/manage/channel-data/review`: the rows waiting for a person, from every source; settling
//! an unknown product teaches its alias.

use leptos::prelude::*;

use portico_ui::components::channel_data::WaitingRows;
use portico_ui::dom::set_title;

use crate::text::channel_data as text;

#[component]
pub fn ChannelReviewPage() -> impl IntoView {
    set_title(text::REVIEW_TITLE);
    view! {
        <section class="page">
            <h1>{text::REVIEW_TITLE}</h1>
            <p class="muted">{text::REVIEW_INTRO}</p>
            <WaitingRows teach=true />
        </section>
    }
}
