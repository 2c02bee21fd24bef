//! `/sales-reports`: the organization's sales reports.

pub const TITLE: &str = "Sales reports";
pub const INTRO: &str = "Send what you sold, in your own spreadsheet's layout: each sale is \
                         matched to its customer and product, counted once however often it is \
                         sent, and tied to the deal you registered.";
pub const ADMINS_ONLY: &str = "Your organization's admins send its sales reports.";
pub const LOADING: &str = "Loading your reports…";
pub const SETUP_TITLE: &str = "Before your first report";
pub const SETUP_INTRO: &str = "How your reports write dates, and their currency when no column \
                               names it. The columns themselves are matched on your first upload.";
pub const SETUP_SAVE: &str = "Save and continue";
pub const SETUP_SAVING: &str = "Saving…";
pub const DOWNLOAD_CSV: &str = "Download your reported sales as CSV";
pub const WAITING: &str = "Rows waiting for a correction";
pub const WAITING_INTRO: &str = "Write the value as it should read, or reject the row. A product \
                                 name nobody knows yet waits for the vendor's partner team too.";
