//! Channel data: report sources, imports and their rows, normalized transactions, and what
//! rows are looked up in.

mod imports;
mod lookups;
mod rows;
mod sources;
mod transactions;

pub use imports::*;
pub use lookups::*;
pub use rows::*;
pub use sources::*;
pub use transactions::*;
