//! Turns calamine's stream of XLSX cells into rows of text.
//!
//! calamine 0.36's `XlsxCellReader::next_cell` yields `Cell<DataRef>` in the
//! sheet's XML order (row by row, left to right) with 0-based `(row, column)`
//! positions; cells never written are not yielded, so gaps are filled here.
//! Shared strings come as `DataRef::SharedString` borrowed from the workbook.
//! Dates: a number whose style has a date or time number format (built-in ids
//! 14-22, 45, 47, or a custom format with d/m/y/h/s outside quotes and brackets)
//! comes as `DataRef::DateTime(ExcelDateTime)`, the serial day count with its
//! 1900/1904 epoch; `[h]:mm:ss`-style formats come the same way with
//! `is_duration()` true; cells stored as ISO text (`t="d"`) come as
//! `DataRef::DateTimeIso`. `ExcelDateTime::to_ymd_hms_milli` works without the
//! `chrono` feature, so none is enabled.

use super::FileError;
use calamine::{Cell, DataRef, ExcelDateTime, XlsxCellReader};
use std::io::{Read, Seek};

/// Excel's last column is XFD; a larger index is a damaged file, not a row to allocate.
const MAX_COLUMNS: usize = 16_384;

/// Groups the cell stream into rows, leaving out rows with nothing in them.
pub(super) struct RowReader<'a, RS: Read + Seek> {
    cells: XlsxCellReader<'a, RS>,
    /// The first cell of the next row, read while looking for this row's end.
    pending: Option<Cell<DataRef<'a>>>,
    /// calamine reads past `</sheetData>` and fails if asked again after the end.
    ended: bool,
    last_row: u64,
}

impl<'a, RS: Read + Seek> RowReader<'a, RS> {
    pub(super) fn new(cells: XlsxCellReader<'a, RS>) -> Self {
        RowReader {
            cells,
            pending: None,
            ended: false,
            last_row: 1,
        }
    }

    /// The next non-empty row: its 1-based number and its cells up to the last non-empty one.
    pub(super) fn next_row(&mut self) -> Result<Option<(u64, Vec<String>)>, FileError> {
        let mut cells = Vec::new();
        while let Some(row) = self.next_cells(|cell| {
            let column = cell.get_position().1 as usize;
            if column >= MAX_COLUMNS {
                return false;
            }
            if cells.len() <= column {
                cells.resize(column + 1, String::new());
            }
            cells[column] = cell_text(cell.get_value());
            true
        })? {
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            if !cells.is_empty() {
                return Ok(Some((row, cells)));
            }
        }
        Ok(None)
    }

    /// Passes over one non-empty row without turning its cells into text;
    /// false at the end of the sheet.
    pub(super) fn skip_row(&mut self) -> Result<bool, FileError> {
        loop {
            let mut filled = false;
            let row = self.next_cells(|cell| {
                filled |= !is_blank(cell.get_value());
                true
            })?;
            match row {
                None => return Ok(false),
                Some(_) if filled => return Ok(true),
                Some(_) => {}
            }
        }
    }

    /// Feeds each cell of the next row to `take`, returning that row's number.
    fn next_cells(
        &mut self,
        mut take: impl FnMut(&Cell<DataRef<'a>>) -> bool,
    ) -> Result<Option<u64>, FileError> {
        let Some(first) = self
            .pending
            .take()
            .map_or_else(|| self.read_cell(), |c| Ok(Some(c)))?
        else {
            return Ok(None);
        };
        let row = first.get_position().0;
        self.last_row = u64::from(row) + 1;
        let mut cell = first;
        loop {
            if !take(&cell) {
                return Err(FileError::Unreadable(format!(
                    "Row {} of the workbook has a cell beyond the last column Excel allows.",
                    self.last_row
                )));
            }
            match self.read_cell()? {
                Some(next) if next.get_position().0 == row => cell = next,
                next => {
                    self.pending = next;
                    return Ok(Some(self.last_row));
                }
            }
        }
    }

    fn read_cell(&mut self) -> Result<Option<Cell<DataRef<'a>>>, FileError> {
        if self.ended {
            return Ok(None);
        }
        let cell = self.cells.next_cell().map_err(|e| {
            FileError::Unreadable(format!(
                "The workbook could not be read after row {}: {e}.",
                self.last_row
            ))
        })?;
        self.ended = cell.is_none();
        Ok(cell)
    }
}

fn is_blank(value: &DataRef<'_>) -> bool {
    match value {
        DataRef::Empty | DataRef::Error(_) => true,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().is_empty()
        }
        DataRef::SharedString(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(dt) => date_text(dt),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().to_owned()
        }
        DataRef::SharedString(s) => s.trim().to_owned(),
    }
}

/// Plain decimal as Excel shows it: 15 significant digits, so binary noise
/// such as 0.30000000000000004 reads 0.3, and no exponent in the usual range.
fn number_text(value: f64) -> String {
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    if rounded == 0.0 {
        return "0".into();
    }
    if (1e-10..1e21).contains(&rounded.abs()) {
        format!("{rounded}")
    } else {
        format!("{rounded:e}")
    }
}

/// ISO date, date-time, or time of day (a serial below one day has no date);
/// durations as Excel shows `[h]:mm:ss`. Milliseconds are dropped.
fn date_text(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if dt.is_duration() {
        let seconds = (serial.abs() * 86_400.0).round() as u64;
        let sign = if serial < 0.0 { "-" } else { "" };
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return format!("{sign}{h}:{m:02}:{s:02}");
    }
    let (year, month, day, hour, minute, second, _) = dt.to_ymd_hms_milli();
    let time = format!("{hour:02}:{minute:02}:{second:02}");
    if (0.0..1.0).contains(&serial) {
        time
    } else if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{time}")
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::Table;
    use super::*;
    use calamine::ExcelDateTimeType;
    use rust_xlsxwriter::{Format as Style, Workbook, XlsxError as WriteError};
    use std::io::Cursor;

    fn cells(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// A "Summary" sheet first, then "Sales" with every kind of cell, an
    /// empty row (5) and a row of formatted blanks (6).
    pub(in super::super) fn workbook() -> Result<Vec<u8>, WriteError> {
        let mut book = Workbook::new();
        let date = Style::new().set_num_format("yyyy-mm-dd");
        let stamp = Style::new().set_num_format("yyyy-mm-dd hh:mm");
        let clock = Style::new().set_num_format("hh:mm");
        let summary = book.add_worksheet().set_name("Summary")?;
        summary
            .write_string(0, 0, "note")?
            .write_string(1, 0, "see Sales")?;
        let sales = book.add_worksheet().set_name("Sales")?;
        for (col, name) in ["sku", "qty", "date", "paid", "note"].iter().enumerate() {
            sales.write_string(0, col as u16, *name)?;
        }
        sales.write_string(1, 0, " A1 ")?.write_number(1, 1, 3)?;
        sales.write_number_with_format(1, 2, 45000, &date)?;
        sales.write_boolean(1, 3, true)?.write_string(1, 4, "x")?;
        sales.write_string(2, 0, "B2")?.write_number(2, 1, 1234.5)?;
        sales.write_blank(2, 2, &date)?.write_boolean(2, 3, false)?;
        sales.write_blank(5, 0, &date)?.write_blank(5, 1, &date)?;
        sales
            .write_string(6, 0, "C3")?
            .write_number(6, 1, 0.1 + 0.2)?;
        sales.write_number_with_format(6, 2, 45000.5, &stamp)?;
        sales.write_number_with_format(6, 4, 0.75, &clock)?;
        book.save_to_buffer()
    }

    #[test]
    fn reads_every_kind_of_cell() {
        let bytes = workbook().unwrap();
        let mut table = Table::xlsx(Cursor::new(bytes), Some("Sales")).unwrap();
        assert_eq!(
            table.headers,
            cells(&["sku", "qty", "date", "paid", "note"])
        );
        let rows: Vec<_> = std::iter::from_fn(|| table.next_row())
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            rows,
            vec![
                (2, cells(&["A1", "3", "2023-03-15", "TRUE", "x"])),
                (3, cells(&["B2", "1234.5", "", "FALSE"])),
                (
                    7,
                    cells(&["C3", "0.3", "2023-03-15T12:00:00", "", "18:00:00"])
                ),
            ]
        );
        assert_eq!(table.position(), None);
    }

    #[test]
    fn numbers_read_as_shown() {
        assert_eq!(number_text(1234.5), "1234.5");
        assert_eq!(number_text(42.0), "42");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(0.000123), "0.000123");
        assert_eq!(number_text(1e300), "1e300");
    }

    #[test]
    fn dates_times_and_durations() {
        let date = |serial, is_1904| {
            date_text(&ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                is_1904,
            ))
        };
        assert_eq!(date(45000.0, false), "2023-03-15");
        assert_eq!(date(43538.0, true), "2023-03-15");
        assert_eq!(date(45000.25, false), "2023-03-15T06:00:00");
        assert_eq!(date(0.5, false), "12:00:00");
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(date_text(&duration), "36:00:00");
    }
}
