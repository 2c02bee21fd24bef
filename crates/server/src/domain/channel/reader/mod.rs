//! Reads the sales reports that partners upload (CSV or XLSX) row by row.
//!
//! Both formats become a [`Table`]: the header's cells, then one data row at a
//! time, so memory stays bounded however long the file is.

mod csv_rows;
mod decode;
mod xlsx_cells;
mod xlsx_rows;

use std::fmt;
use std::io::{Read, Seek};

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

/// Why a file cannot be read; each message is a sentence for the person who uploaded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    Empty,
    NotATable,
    NoHeader,
    /// The sentence to show, naming the row when one is to blame.
    Unreadable(String),
    NoSuchSheet {
        wanted: String,
        sheets: Vec<String>,
    },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Empty => f.write_str("The file is empty."),
            FileError::NotATable => f.write_str("This is not a CSV or XLSX file."),
            FileError::NoHeader => {
                f.write_str("The first row should name the columns; it is empty.")
            }
            FileError::Unreadable(sentence) => f.write_str(sentence),
            FileError::NoSuchSheet { wanted, sheets } => write!(
                f,
                "The workbook has no sheet named {wanted}; it has {}.",
                sheets.join(", ")
            ),
        }
    }
}

impl std::error::Error for FileError {}

/// Binary formats people upload by mistake; none of them is a table we read.
const BINARY_SIGNATURES: &[&[u8]] = &[
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xD0\xCF\x11\xE0", // Excel 97-2003 (.xls) and other OLE files
    b"\xFF\xD8\xFF",     // JPEG
    b"\x1F\x8B",         // gzip
    b"PK",               // any other ZIP: ODS, DOCX... fail later as XLSX anyway
    b"Rar!",
    b"7z\xBC\xAF",
];

/// The longest head [`sniff`] looks at.
pub const SNIFF_LEN: usize = 8 * 1024;

/// From the first bytes (up to 8 KiB): XLSX by its ZIP signature, else CSV
/// when the bytes look like text, else `NotATable`; `Empty` for no bytes.
pub fn sniff(head: &[u8]) -> Result<Format, FileError> {
    let head = &head[..head.len().min(SNIFF_LEN)];
    if head.is_empty() {
        return Err(FileError::Empty);
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(Format::Xlsx);
    }
    // UTF-16 text is full of NUL bytes, so its BOM must be trusted first.
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Ok(Format::Csv);
    }
    if BINARY_SIGNATURES.iter().any(|sig| head.starts_with(sig)) || !looks_like_text(head) {
        return Err(FileError::NotATable);
    }
    Ok(Format::Csv)
}

/// Text has no NUL and hardly any other control bytes; one stray control
/// character in a hand-edited export should not reject the file.
fn looks_like_text(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
        .count();
    controls * 100 <= head.len()
}

/// The reader behind a [`Table`]; an enum rather than a trait object so the
/// `Send` bound is checked by the compiler on each variant.
enum Rows {
    /// Boxed: the csv parser's state is large beside a channel handle.
    Csv(Box<csv_rows::CsvRows>),
    Xlsx(xlsx_rows::XlsxRows),
}

/// A table read row by row: the header's cells, then each data row's cells
/// (as many as the row has; the caller pads).
pub struct Table {
    pub headers: Vec<String>,
    rows: Rows,
}

impl Table {
    /// CSV from any reader, in UTF-8 (BOM or not), UTF-16 with a BOM, or
    /// Windows-1252 (chosen once from the first 64 KiB); the delimiter is
    /// sniffed from the header line. Line ends inside quoted cells read as `\n`.
    pub fn csv(input: impl Read + Send + 'static) -> Result<Table, FileError> {
        let (headers, rows) = csv_rows::CsvRows::open(Box::new(input))?;
        Ok(Table {
            headers,
            rows: Rows::Csv(Box::new(rows)),
        })
    }

    /// The first worksheet (or the named sheet) of an XLSX workbook, streamed
    /// cell by cell on a reader thread.
    pub fn xlsx<RS: Read + Seek + Send + 'static>(
        input: RS,
        sheet: Option<&str>,
    ) -> Result<Table, FileError> {
        let (headers, rows) = xlsx_rows::XlsxRows::open(input, sheet)?;
        Ok(Table {
            headers,
            rows: Rows::Xlsx(rows),
        })
    }

    /// The sheet names of a workbook, for choosing one.
    pub fn sheets<RS: Read + Seek>(input: RS) -> Result<Vec<String>, FileError> {
        xlsx_rows::sheet_names(input)
    }

    /// The next data row's cells with its 1-based row number as a person sees
    /// it (the header is row 1 when it is the file's first line), or `None` at
    /// the end.
    pub fn next_row(&mut self) -> Option<Result<(u64, Vec<String>), FileError>> {
        match &mut self.rows {
            Rows::Csv(rows) => rows.next_row(),
            Rows::Xlsx(rows) => rows.next_row(),
        }
    }

    /// Skips `n` data rows, for resuming an import; stops quietly at the end.
    pub fn skip(&mut self, n: u64) -> Result<(), FileError> {
        match &mut self.rows {
            Rows::Csv(rows) => rows.skip(n),
            Rows::Xlsx(rows) => rows.skip(n),
        }
    }

    /// Bytes of the input consumed so far (CSV), for a progress bar; `None`
    /// for XLSX, whose compressed size says little about progress.
    pub fn position(&self) -> Option<u64> {
        match &self.rows {
            Rows::Csv(rows) => Some(rows.position()),
            Rows::Xlsx(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_text_as_csv() {
        assert_eq!(sniff(b"sku,qty\nA,1\n"), Ok(Format::Csv));
        assert_eq!(sniff(b"\xEF\xBB\xBFsku;qty\r\n"), Ok(Format::Csv));
        assert_eq!(sniff(b"caf\xE9;\x80\n"), Ok(Format::Csv));
        assert_eq!(sniff(b"\xFF\xFEs\0k\0u\0"), Ok(Format::Csv));
    }

    #[test]
    fn sniffs_zip_as_xlsx() {
        assert_eq!(sniff(b"PK\x03\x04\x14\0\0\0"), Ok(Format::Xlsx));
    }

    #[test]
    fn rejects_other_binaries() {
        for head in [
            &b"%PDF-1.7\n"[..],
            b"\x89PNG\r\n\x1a\n",
            b"GIF89a",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            b"sku,qty\n\0\0",
            b"\x01\x02\x03\x04\x05",
        ] {
            assert_eq!(sniff(head), Err(FileError::NotATable), "{head:?}");
        }
    }

    #[test]
    fn no_bytes_is_empty() {
        assert_eq!(sniff(b""), Err(FileError::Empty));
    }

    #[test]
    fn messages_are_sentences() {
        let missing = FileError::NoSuchSheet {
            wanted: "Q3".into(),
            sheets: vec!["Q1".into(), "Q2".into()],
        };
        assert_eq!(
            missing.to_string(),
            "The workbook has no sheet named Q3; it has Q1, Q2."
        );
        assert_eq!(FileError::Empty.to_string(), "The file is empty.");
        assert_eq!(
            FileError::NotATable.to_string(),
            "This is not a CSV or XLSX file."
        );
    }

    /// A CSV that breaks off inside its last row, like a dropped upload.
    struct Broken(std::io::Cursor<Vec<u8>>);

    impl Read for Broken {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(std::io::Error::other("connection reset")),
                len => Ok(len),
            }
        }
    }

    #[test]
    fn a_failing_input_names_the_row_then_ends() {
        let text = format!("qty\n{}8", "7\n".repeat(100_000));
        let mut table = Table::csv(Broken(std::io::Cursor::new(text.into_bytes()))).unwrap();
        let outcome: Vec<_> = std::iter::from_fn(|| table.next_row()).collect();
        assert_eq!(outcome.len(), 100_001);
        assert!(outcome[..100_000].iter().all(Result::is_ok));
        assert_eq!(
            outcome[100_000].clone().unwrap_err().to_string(),
            "The row starting on line 100002 could not be read: connection reset."
        );
    }

    #[test]
    fn table_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Table>();
    }
}
