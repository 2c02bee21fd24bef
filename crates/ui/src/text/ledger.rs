//! What a ledger row says about a partner's question about an earning.

pub const QUESTION: &str = "Question";
pub const ANSWER: &str = "Answer:";
pub const AWAITING_ANSWER: &str = "Not answered yet.";
