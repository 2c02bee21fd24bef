//! `/manage/products`: the catalog partners choose from when they register a deal.

pub const TITLE: &str = "Products";
pub const INTRO: &str = "Partners choose from these when they register a deal. Archiving a \
                         product hides it from new registrations; registrations that name it \
                         keep it.";
pub const LOADING: &str = "Loading products…";
pub const EMPTY: &str = "No products yet. Add the first one above.";

/// The archive button's name: "Archive Edge Gateway".
pub fn archive_product(name: &str) -> String {
    format!("Archive {name}")
}

pub const ARCHIVE: &str = "Archive";
pub const ADD: &str = "Add a product";
pub const NAME: &str = "Product name";
pub const ADD_PRODUCT: &str = "Add product";
pub const ADDING: &str = "Adding…";
