//! CSV in any common dialect, parsed by the `csv` crate over a decoding adapter.

use super::FileError;
use super::decode::DecodingReader;
use csv::{ByteRecord, Reader, ReaderBuilder, StringRecord};
use std::io::Read;

type Input = DecodingReader<Box<dyn Read + Send>>;

pub(super) struct CsvRows {
    reader: Reader<Input>,
    record: StringRecord,
    /// Reused by `skip`, which needs no text, only where fields end.
    raw: ByteRecord,
    failed: bool,
}

impl CsvRows {
    pub(super) fn open(input: Box<dyn Read + Send>) -> Result<(Vec<String>, CsvRows), FileError> {
        let decoded = DecodingReader::new(input)
            .map_err(|e| FileError::Unreadable(format!("The file could not be read: {e}.")))?;
        let delimiter = sniff_delimiter(&decoded.sample_text());
        let reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(decoded);
        let mut rows = CsvRows {
            reader,
            record: StringRecord::new(),
            raw: ByteRecord::new(),
            failed: false,
        };
        let headers = rows.read_header()?;
        Ok((headers, rows))
    }

    /// Leading blank lines are ignored; a first row of empty cells (`;;;`) is
    /// a missing header rather than something to skip past.
    fn read_header(&mut self) -> Result<Vec<String>, FileError> {
        loop {
            match self.read_record() {
                Err(e) => return Err(e),
                Ok(false) => return Err(FileError::Empty),
                Ok(true) if self.record.len() <= 1 && is_blank(&self.record) => continue,
                Ok(true) if is_blank(&self.record) => return Err(FileError::NoHeader),
                Ok(true) => return Ok(self.record.iter().map(|c| c.trim().to_owned()).collect()),
            }
        }
    }

    pub(super) fn next_row(&mut self) -> Option<Result<(u64, Vec<String>), FileError>> {
        while !self.failed {
            match self.read_record() {
                Err(e) => return Some(Err(e)),
                Ok(false) => return None,
                Ok(true) if is_blank(&self.record) => continue,
                Ok(true) => {
                    let cells = self.record.iter().map(|c| c.trim().to_owned()).collect();
                    return Some(Ok((self.first_line(), cells)));
                }
            }
        }
        None
    }

    pub(super) fn skip(&mut self, n: u64) -> Result<(), FileError> {
        let mut skipped = 0;
        while skipped < n && !self.failed {
            let line = self.reader.position().line();
            let more = self.reader.read_byte_record(&mut self.raw);
            self.mark_row_start();
            match more {
                Err(e) => return Err(self.fail(line, e)),
                Ok(false) => return Ok(()),
                Ok(true) if self.raw.iter().all(blank_bytes) => {}
                Ok(true) => skipped += 1,
            }
        }
        Ok(())
    }

    /// The parser has just consumed the row's final `\n` (the decoder makes
    /// sure there is one), so the row began that many lines back, less the
    /// newlines inside its quoted cells.
    fn first_line(&self) -> u64 {
        let inner = self
            .record
            .as_slice()
            .bytes()
            .filter(|&b| b == b'\n')
            .count();
        self.reader
            .position()
            .line()
            .saturating_sub(1 + inner as u64)
    }

    pub(super) fn position(&self) -> u64 {
        self.reader.get_ref().raw_read()
    }

    fn read_record(&mut self) -> Result<bool, FileError> {
        let line = self.reader.position().line();
        let more = self.reader.read_record(&mut self.record);
        self.mark_row_start();
        more.map_err(|e| self.fail(line, e))
    }

    /// Only bookkeeping on the adapter: the bytes csv has buffered stay valid.
    fn mark_row_start(&mut self) {
        let next_row = self.reader.position().byte();
        self.reader.get_mut().set_row_start(next_row);
    }

    /// The parser cannot resynchronise after an I/O or encoding failure, so the
    /// rest of the file is given up.
    fn fail(&mut self, line: u64, error: csv::Error) -> FileError {
        self.failed = true;
        let detail = match error.into_kind() {
            csv::ErrorKind::Io(e) => e.to_string(),
            other => format!("{other:?}"),
        };
        FileError::Unreadable(format!(
            "The row starting on line {line} could not be read: {detail}."
        ))
    }
}

fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|cell| cell.trim().is_empty())
}

/// The decoder guarantees UTF-8, so this agrees with `is_blank`.
fn blank_bytes(cell: &[u8]) -> bool {
    std::str::from_utf8(cell).is_ok_and(|s| s.trim().is_empty())
}

const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter used most often outside quotes on the first non-blank line;
/// ties go to the earlier of `, ; \t |`, so a one-column file gets `,`.
fn sniff_delimiter(sample: &str) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut in_quotes = false;
    let mut seen_text = false;
    for byte in sample.bytes() {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes && seen_text => break,
            _ if in_quotes => {}
            _ => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == byte) {
                    counts[i] += 1;
                }
            }
        }
        seen_text |= !byte.is_ascii_whitespace();
    }
    let mut best = 0;
    for i in 1..DELIMITERS.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
}

#[cfg(test)]
mod tests {
    use super::super::Table;
    use super::*;
    use std::io::Cursor;

    fn table(bytes: impl Into<Vec<u8>>) -> Table {
        Table::csv(Cursor::new(bytes.into())).unwrap()
    }

    fn rows(bytes: impl Into<Vec<u8>>) -> (Vec<String>, Vec<(u64, Vec<String>)>) {
        let mut t = table(bytes);
        let rows = std::iter::from_fn(|| t.next_row())
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        (t.headers, rows)
    }

    fn cells(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn each_delimiter() {
        for d in [",", ";", "\t", "|"] {
            let text = format!("sku{d}name{d}qty\nA1{d}Widget, large{d}3\n").replace(
                &format!("Widget, large{d}"),
                &format!("\"Widget{d} large\"{d}"),
            );
            let (headers, rows) = rows(text);
            assert_eq!(headers, cells(&["sku", "name", "qty"]), "{d:?}");
            assert_eq!(
                rows,
                vec![(2, cells(&["A1", &format!("Widget{d} large"), "3"]))]
            );
        }
    }

    #[test]
    fn delimiter_ties_and_quotes() {
        assert_eq!(sniff_delimiter("a,b;c\n"), b',');
        assert_eq!(sniff_delimiter("\"a,b,c\";d;e\n"), b';');
        assert_eq!(sniff_delimiter("\n\nsku|qty\n"), b'|');
        assert_eq!(sniff_delimiter("sku\n"), b',');
    }

    #[test]
    fn quoted_newlines_doubled_quotes_and_line_numbers() {
        let text = "sku,note\nA,\"two\nlines\"\nB,\"say \"\"hi\"\"\"\n";
        let (_, rows) = rows(text);
        assert_eq!(rows[0], (2, cells(&["A", "two\nlines"])));
        assert_eq!(rows[1], (4, cells(&["B", "say \"hi\""])));
    }

    #[test]
    fn line_numbers_with_crlf_and_cr_line_ends() {
        for end in ["\r\n", "\r"] {
            let text = format!("sku,note{end}{end}A,\"two{end}lines\"{end}B,x");
            let (_, rows) = rows(text);
            assert_eq!(rows[0], (3, cells(&["A", "two\nlines"])), "{end:?}");
            assert_eq!(rows[1], (5, cells(&["B", "x"])), "{end:?}");
        }
    }

    #[test]
    fn bom_and_no_bom() {
        let (with_bom, _) = rows("\u{FEFF}sku;qty\nA;1\n");
        let (without, _) = rows("sku;qty\nA;1\n");
        assert_eq!(with_bom, cells(&["sku", "qty"]));
        assert_eq!(with_bom, without);
    }

    #[test]
    fn windows_1252() {
        let (headers, rows) = rows(&b"produit;prix\r\ncaf\xE9;5 \x80\r\n"[..]);
        assert_eq!(headers, cells(&["produit", "prix"]));
        assert_eq!(rows, vec![(2, cells(&["café", "5 €"]))]);
    }

    #[test]
    fn utf16_le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "sku\tqty\r\nÉ1\t2\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (headers, rows) = rows(bytes);
        assert_eq!(headers, cells(&["sku", "qty"]));
        assert_eq!(rows, vec![(2, cells(&["É1", "2"]))]);
    }

    #[test]
    fn blank_lines_skipped_ragged_rows_kept_cells_trimmed() {
        let text = "\n sku , qty \n\nA,1,extra\n , \n\nB\n";
        let (headers, rows) = rows(text);
        assert_eq!(headers, cells(&["sku", "qty"]));
        assert_eq!(
            rows,
            vec![(4, cells(&["A", "1", "extra"])), (7, cells(&["B"]))]
        );
    }

    #[test]
    fn empty_and_headerless() {
        let empty = Table::csv(Cursor::new(Vec::new())).err();
        assert_eq!(empty, Some(FileError::Empty));
        let blank = Table::csv(Cursor::new(b"\n \n".to_vec())).err();
        assert_eq!(blank, Some(FileError::Empty));
        let no_header = Table::csv(Cursor::new(b";;\na;b\n".to_vec())).err();
        assert_eq!(no_header, Some(FileError::NoHeader));
    }

    #[test]
    fn skip_then_next_row() {
        let mut text = String::from("n\n");
        for i in 1..=10 {
            text.push_str(&format!("{i}\n"));
            if i == 3 {
                text.push('\n');
            }
        }
        let mut t = table(text);
        t.skip(4).unwrap();
        let (line, row) = t.next_row().unwrap().unwrap();
        assert_eq!((line, row), (7, cells(&["5"])));
        t.skip(100).unwrap();
        assert!(t.next_row().is_none());
    }

    #[test]
    fn unclosed_quote_is_stopped() {
        let mut text = String::from("sku,note\nA,\"never closed\n");
        // The limit is checked between reads, so overshoot it by more than a read.
        text.push_str(&"x".repeat(super::super::decode::MAX_ROW_BYTES as usize + 100_000));
        let mut t = table(text);
        let error = t.next_row().unwrap().unwrap_err().to_string();
        assert!(error.starts_with("The row starting on line 2"), "{error}");
        assert!(t.next_row().is_none());
    }

    #[test]
    fn many_rows_with_rising_position() {
        let count = 200_000;
        let mut text = String::with_capacity(count * 24);
        text.push_str("sku,qty,price\n");
        for i in 0..count {
            text.push_str(&format!("SKU-{i},{},{}.5\n", i % 7, i % 100));
        }
        let total = text.len() as u64;
        let mut t = table(text);
        let mut seen = 0;
        let mut last_position = 0;
        let mut rises = 0;
        while let Some(row) = t.next_row() {
            let (line, cells) = row.unwrap();
            seen += 1;
            assert_eq!(line, seen + 1);
            assert_eq!(cells.len(), 3);
            let position = t.position().unwrap();
            assert!(position >= last_position);
            rises += usize::from(position > last_position);
            last_position = position;
        }
        assert_eq!(seen, count as u64);
        assert_eq!(last_position, total);
        assert!(rises > 10, "position rose only {rises} times");
    }
}
