//! A small set of line icons, drawn inline (no icon font, no request): each is a 24-unit
//! square stroked in the text's colour, and hidden from assistive technology, as the text
//! beside it says what it means.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    Clock,
    Shield,
    Clipboard,
    Bell,
    Chart,
    People,
    Calendar,
    Sliders,
    Award,
}

impl Glyph {
    fn path(self) -> &'static str {
        match self {
            Glyph::Clock => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2",
            Glyph::Shield => "M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6z",
            Glyph::Clipboard => "M8 3h8v3H8zM6 4.5H5V21h14V4.5h-1M8 11h8M8 15h6",
            Glyph::Bell => "M6 16v-5a6 6 0 0 1 12 0v5l2 2H4zM10 20.5a2 2 0 0 0 4 0",
            Glyph::Chart => "M4 20h16M7 16v-5M12 16V6M17 16v-8",
            Glyph::People => {
                "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 5.5a3 3 0 0 \
                 1 0 5.5M18 14.5c1.8.8 3 2.8 3 5.5"
            }
            Glyph::Calendar => "M4 6h16v14H4zM4 10h16M8 3v4M16 3v4",
            Glyph::Sliders => "M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1M15 4v4M9 10v4M17 16v4",
            Glyph::Award => "M12 15a6 6 0 1 0 0-12 6 6 0 0 0 0 12zM8.5 14 7 21l5-3 5 3-1.5-7",
        }
    }
}

#[component]
pub fn Icon(glyph: Glyph) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=glyph.path()></path>
        </svg>
    }
}
