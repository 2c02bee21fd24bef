//! CSV files people open in a spreadsheet: text cells kept text, amounts written as numbers.

/// A spreadsheet runs a cell that starts like a formula; a leading apostrophe keeps it text.
pub fn defuse(field: String) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field
    }
}

/// A cell: text a spreadsheet must not run as a formula, or an amount in minor units, written
/// `-1234.50` with no thousands separator so that it reads as a number.
pub enum Cell {
    Text(String),
    Amount(i64),
}

impl Cell {
    fn render(self) -> String {
        match self {
            Cell::Text(text) => defuse(text),
            Cell::Amount(minor) => {
                let sign = if minor < 0 { "-" } else { "" };
                let abs = minor.unsigned_abs();
                format!("{sign}{}.{:02}", abs / 100, abs % 100)
            }
        }
    }
}

/// A CSV file written in memory, a row at a time.
pub struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    pub fn new(header: &[&str]) -> Result<Csv, csv::Error> {
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(header)?;
        Ok(Csv(out))
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = Cell>) -> Result<(), csv::Error> {
        self.0.write_record(cells.into_iter().map(Cell::render))
    }

    pub fn finish(self) -> Result<String, String> {
        let bytes = self.0.into_inner().map_err(|e| e.to_string())?;
        String::from_utf8(bytes).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_stay_text_and_amounts_are_numbers() {
        assert_eq!(defuse("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("Northwind".into()), "Northwind");
        let mut csv = Csv::new(&["what", "amount"]).unwrap();
        csv.row([Cell::Text("-1 refund".into()), Cell::Amount(-123_405)])
            .unwrap();
        csv.row([Cell::Text("cents".into()), Cell::Amount(7)])
            .unwrap();
        assert_eq!(
            csv.finish().unwrap(),
            "what,amount\n'-1 refund,-1234.05\ncents,0.07\n"
        );
    }
}
