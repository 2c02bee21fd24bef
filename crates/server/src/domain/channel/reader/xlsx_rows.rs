//! XLSX worksheets streamed with calamine's cell reader.
//!
//! calamine's `XlsxCellReader` borrows the `Xlsx` workbook it reads from, so
//! the two cannot live together in a `Send + 'static` struct without `unsafe`.
//! A dedicated thread owns both and sends finished rows over a bounded
//! channel, which also caps how many rows wait in memory.

use super::FileError;
use super::xlsx_cells::RowReader;
use calamine::{Reader, SheetType, Xlsx, XlsxError};
use std::io::{Read, Seek};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// At most this many rows wait between the thread and the caller, so memory
/// is bounded by this many of the widest rows, however long the sheet.
const QUEUE_ROWS: usize = 1024;

enum Msg {
    Header(Vec<String>),
    Row(u64, Vec<String>),
    /// Acknowledges the first skip, done on the reader thread.
    Skipped,
    End,
    Failed(FileError),
}

pub(super) struct XlsxRows {
    rows: Receiver<Msg>,
    /// Until the first read the thread waits here for how many rows to skip,
    /// so a resumed import skips before any cell becomes a `String`.
    start: Option<SyncSender<u64>>,
    done: bool,
}

pub(super) fn sheet_names<RS: Read + Seek>(input: RS) -> Result<Vec<String>, FileError> {
    Ok(Xlsx::new(input).map_err(unreadable)?.sheet_names())
}

impl XlsxRows {
    pub(super) fn open<RS: Read + Seek + Send + 'static>(
        input: RS,
        sheet: Option<&str>,
    ) -> Result<(Vec<String>, XlsxRows), FileError> {
        let (row_tx, row_rx) = sync_channel(QUEUE_ROWS);
        let (start_tx, start_rx) = sync_channel(1);
        let sheet = sheet.map(str::to_owned);
        std::thread::Builder::new()
            .name("xlsx-rows".into())
            .spawn(move || read_sheet(input, sheet, &row_tx, &start_rx))
            .map_err(|_| {
                FileError::Unreadable(
                    "The workbook could not be opened just now; please try again.".into(),
                )
            })?;
        let mut rows = XlsxRows {
            rows: row_rx,
            start: Some(start_tx),
            done: false,
        };
        match rows.receive() {
            Msg::Header(headers) => Ok((headers, rows)),
            Msg::Failed(e) => Err(e),
            _ => Err(FileError::NoHeader),
        }
    }

    pub(super) fn next_row(&mut self) -> Option<Result<(u64, Vec<String>), FileError>> {
        if let Err(e) = self.begin(0) {
            return Some(Err(e));
        }
        while !self.done {
            match self.receive() {
                Msg::Row(number, cells) => return Some(Ok((number, cells))),
                Msg::Failed(e) => return Some(Err(e)),
                Msg::Header(_) | Msg::Skipped | Msg::End => {}
            }
        }
        None
    }

    pub(super) fn skip(&mut self, n: u64) -> Result<(), FileError> {
        if n == 0 {
            return Ok(());
        }
        if self.start.is_some() {
            return self.begin(n);
        }
        for _ in 0..n {
            match self.next_row() {
                None => break,
                Some(Err(e)) => return Err(e),
                Some(Ok(_)) => {}
            }
        }
        Ok(())
    }

    /// Lets the thread start streaming after skipping `n` rows; only the first
    /// call does anything.
    fn begin(&mut self, n: u64) -> Result<(), FileError> {
        let Some(start) = self.start.take() else {
            return Ok(());
        };
        if start.send(n).is_err() {
            return self.stopped();
        }
        while n > 0 && !self.done {
            match self.receive() {
                Msg::Skipped => return Ok(()),
                Msg::Failed(e) => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }

    fn receive(&mut self) -> Msg {
        let msg = self.rows.recv().unwrap_or_else(|_| {
            Msg::Failed(FileError::Unreadable(
                "The workbook stopped being read before its end.".into(),
            ))
        });
        self.done |= matches!(msg, Msg::End | Msg::Failed(_));
        msg
    }

    fn stopped(&mut self) -> Result<(), FileError> {
        match self.receive() {
            Msg::Failed(e) => Err(e),
            _ => Ok(()),
        }
    }
}

/// The reader thread. A failed send means the `Table` was dropped, so the
/// thread just ends, dropping the workbook and its input.
fn read_sheet<RS: Read + Seek>(
    input: RS,
    sheet: Option<String>,
    out: &SyncSender<Msg>,
    start: &Receiver<u64>,
) {
    if let Err(e) = open_and_stream(input, sheet, out, start) {
        let _ = out.send(Msg::Failed(e));
    }
}

fn open_and_stream<RS: Read + Seek>(
    input: RS,
    sheet: Option<String>,
    out: &SyncSender<Msg>,
    start: &Receiver<u64>,
) -> Result<(), FileError> {
    let mut workbook = Xlsx::new(input).map_err(unreadable)?;
    let name = choose_sheet(&workbook, sheet)?;
    let cells = workbook.worksheet_cells_reader(&name).map_err(unreadable)?;
    stream(&mut RowReader::new(cells), out, start)
}

fn stream<RS: Read + Seek>(
    rows: &mut RowReader<'_, RS>,
    out: &SyncSender<Msg>,
    start: &Receiver<u64>,
) -> Result<(), FileError> {
    let Some((_, header)) = rows.next_row()? else {
        return Err(FileError::NoHeader);
    };
    let Ok(()) = out.send(Msg::Header(header)) else {
        return Ok(());
    };
    let Ok(skip) = start.recv() else {
        return Ok(());
    };
    if skip > 0 {
        for _ in 0..skip {
            if !rows.skip_row()? {
                break;
            }
        }
        if out.send(Msg::Skipped).is_err() {
            return Ok(());
        }
    }
    while let Some((number, cells)) = rows.next_row()? {
        if out.send(Msg::Row(number, cells)).is_err() {
            return Ok(());
        }
    }
    let _ = out.send(Msg::End);
    Ok(())
}

/// The named sheet, or else the first worksheet (chart sheets hold no rows).
fn choose_sheet<RS: Read + Seek>(
    workbook: &Xlsx<RS>,
    wanted: Option<String>,
) -> Result<String, FileError> {
    let sheets = workbook.sheet_names();
    match wanted {
        Some(wanted) if sheets.contains(&wanted) => Ok(wanted),
        Some(wanted) => Err(FileError::NoSuchSheet { wanted, sheets }),
        None => workbook
            .sheets_metadata()
            .iter()
            .find(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .ok_or(FileError::NoHeader),
    }
}

fn unreadable(error: XlsxError) -> FileError {
    FileError::Unreadable(match error {
        XlsxError::Password => {
            "The workbook is password-protected; save it without a password and upload it again."
                .into()
        }
        other => format!("The workbook could not be read: {other}."),
    })
}

#[cfg(test)]
mod tests {
    use super::super::Table;
    use super::super::xlsx_cells::tests::workbook;
    use super::*;
    use rust_xlsxwriter::Workbook;
    use std::io::Cursor;

    fn cells(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn all(table: &mut Table) -> Vec<(u64, Vec<String>)> {
        std::iter::from_fn(|| table.next_row())
            .map(Result::unwrap)
            .collect()
    }

    fn sales() -> Table {
        let bytes = workbook().unwrap();
        Table::xlsx(Cursor::new(bytes), Some("Sales")).unwrap()
    }

    #[test]
    fn first_sheet_by_default_and_names_listed() {
        let bytes = workbook().unwrap();
        let names = Table::sheets(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(names, cells(&["Summary", "Sales"]));
        let mut first = Table::xlsx(Cursor::new(bytes.clone()), None).unwrap();
        assert_eq!(first.headers, cells(&["note"]));
        assert_eq!(first.next_row(), Some(Ok((2, cells(&["see Sales"])))));
        let missing = Table::xlsx(Cursor::new(bytes), Some("Q3")).err().unwrap();
        assert_eq!(
            missing.to_string(),
            "The workbook has no sheet named Q3; it has Summary, Sales."
        );
    }

    #[test]
    fn skip_before_reading() {
        let mut table = sales();
        table.skip(2).unwrap();
        assert_eq!(table.next_row().unwrap().unwrap().0, 7);
        assert_eq!(table.next_row(), None);
    }

    #[test]
    fn skip_after_reading_and_past_the_end() {
        let mut table = sales();
        assert_eq!(table.next_row().unwrap().unwrap().0, 2);
        table.skip(1).unwrap();
        assert_eq!(table.next_row().unwrap().unwrap().0, 7);
        table.skip(5).unwrap();
        assert_eq!(table.next_row(), None);
        let mut table = sales();
        table.skip(10).unwrap();
        assert_eq!(table.next_row(), None);
    }

    #[test]
    fn from_a_file_on_disk() {
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, &workbook().unwrap()).unwrap();
        std::io::Seek::rewind(&mut file).unwrap();
        let mut table = Table::xlsx(file, Some("Sales")).unwrap();
        assert_eq!(all(&mut table).len(), 3);
    }

    #[test]
    fn many_rows_streamed_and_skipped() {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "n").unwrap();
        for row in 1..=20_000u32 {
            sheet.write_number(row, 0, row).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let mut table = Table::xlsx(Cursor::new(bytes), None).unwrap();
        table.skip(15_000).unwrap();
        let rest = all(&mut table);
        assert_eq!(rest.len(), 5_000);
        assert_eq!(rest[0], (15_002, cells(&["15001"])));
    }

    /// Sends when dropped, which only the reader thread's end can cause.
    struct Watched(Cursor<Vec<u8>>, std::sync::mpsc::Sender<()>);

    impl Read for Watched {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.0.read(buf)
        }
    }

    impl Seek for Watched {
        fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
            self.0.seek(to)
        }
    }

    impl Drop for Watched {
        fn drop(&mut self) {
            let _ = self.1.send(());
        }
    }

    #[test]
    fn dropping_a_half_read_table_ends_its_thread() {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for row in 0..=(QUEUE_ROWS as u32 * 3) {
            sheet.write_number(row, 0, row).unwrap();
        }
        let (dropped, watch) = std::sync::mpsc::channel();
        let input = Watched(Cursor::new(book.save_to_buffer().unwrap()), dropped);
        let mut table = Table::xlsx(input, None).unwrap();
        assert_eq!(table.next_row().unwrap().unwrap().0, 2);
        drop(table);
        let ended = watch.recv_timeout(std::time::Duration::from_secs(10));
        assert!(ended.is_ok());
    }

    #[test]
    fn damaged_or_empty_workbooks() {
        let junk = Table::xlsx(Cursor::new(b"PK\x03\x04junk".to_vec()), None).err();
        assert!(matches!(junk, Some(FileError::Unreadable(_))), "{junk:?}");
        let mut book = Workbook::new();
        book.add_worksheet();
        let blank = Cursor::new(book.save_to_buffer().unwrap());
        assert_eq!(Table::xlsx(blank, None).err(), Some(FileError::NoHeader));
    }
}
