//! `/content/{id}`: one asset as partners read it, with its description and the download (or
//! the external link). An asset the reader may not see is "Page not found", like any other.

use leptos::prelude::*;
use portico_api::assets::{AssetView, FileInfo, LANGUAGES};
use portico_ui::route::Route;

use crate::text;
use portico_ui::api;
use portico_ui::components::Day;
use portico_ui::components::record_page;
use portico_ui::components::{Tags, tags};
use portico_ui::dom::set_title;
use portico_ui::format::human_size;

#[component]
pub fn AssetPage(id: i64) -> impl IntoView {
    set_title(text::content::TITLE);
    view! {
        <section class="page">
            {record_page(
                move || api::asset(id),
                text::asset::LOADING,
                move |view, _| view! { <AssetBody view /> }.into_any(),
            )}
        </section>
    }
}

#[component]
fn AssetBody(view: AssetView) -> impl IntoView {
    let AssetView {
        card, body_html, ..
    } = view;
    set_title(&card.title);
    let id = card.id;
    let tags = tags(&card);
    let get = match (&card.file, &card.link) {
        (Some(file), _) => download(id, file).into_any(),
        (None, Some(link)) => view! {
            <a id="asset-link" class="button" href=link.clone() target="_blank" rel="noopener noreferrer">
                {text::asset::OPEN_LINK}
                <span class="visually-hidden">{text::asset::OPENS_IN_NEW_TAB}</span>
            </a>
        }
        .into_any(),
        (None, None) => ().into_any(),
    };
    let language = language_name(&card.language);
    view! {
        <p>
            <a href=Route::Content.href()>{text::asset::BACK}</a>
        </p>
        <p class="asset-kind">{card.kind.label()}</p>
        <h1 id="asset-title">{card.title}</h1>
        {(!card.summary.is_empty()).then(|| view! { <p class="lead">{card.summary}</p> })}
        <div class="asset-get">{get}</div>
        <dl class="facts" id="asset-facts">
            <dt>{text::asset::LANGUAGE}</dt>
            <dd>{language}</dd>
            <dt>{text::asset::PUBLISHED}</dt>
            <dd>
                {match card.published_at {
                    Some(value) => view! { <Day value /> }.into_any(),
                    None => text::asset::NOT_PUBLISHED.into_any(),
                }}
            </dd>
        </dl>
        <Tags tags />
        // `body_html` is the server's rendering of the Markdown body, sanitized there: no
        // scripts, no raw HTML, only http(s) and mailto links.
        <div id="asset-body" class="asset-body" inner_html=body_html></div>
    }
}

/// The download button: file name, type and size.
fn download(id: i64, file: &FileInfo) -> impl IntoView + use<> {
    let href = format!("/api/assets/{id}/download");
    let about = format!(
        "{} · {}",
        file_type(&file.content_type),
        human_size(file.size.max(0) as u64)
    );
    view! {
        <a id="asset-download" class="button" href=href download=file.name.clone()>
            {text::asset::download(&file.name)}
        </a>
        " "
        <span id="asset-file-about" class="muted">{about}</span>
    }
}

/// A content type in words: "PDF", "PowerPoint", …
pub fn file_type(content_type: &str) -> &str {
    match content_type {
        "application/pdf" => text::asset::FILE_PDF,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            text::asset::FILE_POWERPOINT
        }
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            text::asset::FILE_WORD
        }
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
            text::asset::FILE_EXCEL
        }
        "image/png" => text::asset::FILE_PNG,
        "image/jpeg" => text::asset::FILE_JPEG,
        "video/mp4" => text::asset::FILE_MP4,
        "application/zip" => text::asset::FILE_ZIP,
        other => other,
    }
}

/// "de" → "German"; an unknown code as it is.
pub fn language_name(code: &str) -> String {
    LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| name)
        .to_owned()
}
