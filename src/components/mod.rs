//! Pieces of the partner portal that several of its pages use; what both front ends share
//! lives in `portico-ui`.

pub mod nav;
pub mod sign_in;
