//! Pieces of the console that several of its pages use; what both front ends share lives in
//! `portico-ui`.

pub mod card_link;
pub mod csv_import;
pub mod deliveries;
pub mod endpoint_form;
pub mod nav;
pub mod resolution;
pub mod side_by_side;
pub mod usage;

pub use card_link::CardLinkPanel;
