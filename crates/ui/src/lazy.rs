//! Pages whose code is downloaded when first opened, so that an app's first load carries only
//! the pages people land on. `lazy_pages!` marks each such page a split point: the build
//! (`cargo xtask bundle`) moves its code, and what only it uses, into a wasm module of its own,
//! which the app fetches the first time the page is shown.

use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::components::Loading;
use crate::text;

/// A page's module could not be fetched (offline, or a deploy replaced it meanwhile).
#[derive(Debug, Clone, Copy)]
pub struct Unloaded;

impl From<SplitLoaderError> for Unloaded {
    fn from(_: SplitLoaderError) -> Unloaded {
        Unloaded
    }
}

/// Shows the page once its module has loaded (with a notice if that takes more than a moment),
/// or says why it cannot.
pub fn lazy_page(
    page: impl Future<Output = Result<AnyView, Unloaded>> + Send + 'static,
) -> AnyView {
    let page = Suspend::new(async move { page.await.unwrap_or_else(|Unloaded| unloaded()) });
    view! {
        <Suspense fallback=|| {
            view! {
                <div class="loading-late">
                    <Loading label=text::layout::LOADING_PAGE />
                </div>
            }
        }>{page}</Suspense>
    }
    .into_any()
}

fn unloaded() -> AnyView {
    view! {
        <section class="page narrow">
            <h1>{text::layout::UNLOADED_TITLE}</h1>
            <p id="page-unloaded" role="alert">
                {text::layout::UNLOADED}
            </p>
        </section>
    }
    .into_any()
}

/// Declares, for each page, `async fn name(args) -> Result<AnyView, Unloaded>` whose body is a
/// split point: `lazy_page(name(args))` shows it.
#[macro_export]
macro_rules! lazy_pages {
    ($( $name:ident ( $($arg:ident : $ty:ty),* ) => $page:expr; )*) => {
        $(
            #[::leptos::wasm_split::wasm_split(
                $name,
                wasm_split_path = ::leptos::wasm_split,
                fallible
            )]
            fn $name($($arg: $ty),*) -> ::core::result::Result<
                ::leptos::prelude::AnyView,
                $crate::lazy::Unloaded,
            > {
                ::core::result::Result::Ok(::leptos::prelude::IntoAny::into_any($page))
            }
        )*
    };
}
