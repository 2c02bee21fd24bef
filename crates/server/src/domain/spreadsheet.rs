//! Cells of CSV files people open in a spreadsheet.

/// A spreadsheet runs a cell that starts like a formula; a leading apostrophe keeps it text.
pub fn defuse(field: String) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formulas_stay_text() {
        assert_eq!(defuse("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("Northwind".into()), "Northwind");
    }
}
