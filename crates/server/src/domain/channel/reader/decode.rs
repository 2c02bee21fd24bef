//! A `Read` adapter that turns an upload in any supported encoding into UTF-8,
//! a chunk at a time, so the CSV parser never sees anything else.
//!
//! Line ends become `\n` and a missing final one is added: the `csv` crate
//! counts lines by `\n` only, and with every row ending in a counted `\n` a
//! row's first line can be worked out from where the parser stopped.

use encoding_rs::{CoderResult, Decoder, Encoding, UTF_8, WINDOWS_1252};
use std::io::{self, ErrorKind, Read};

/// How much is read up front to choose the encoding; it is replayed afterwards.
const SAMPLE_LEN: usize = 64 * 1024;
const OUTPUT_LEN: usize = 64 * 1024;
/// No real row is this long; reaching it means an unclosed quote is swallowing
/// the rest of the file, which would otherwise all be held in memory.
pub(super) const MAX_ROW_BYTES: u64 = 8 * 1024 * 1024;

pub(super) struct DecodingReader<R> {
    inner: R,
    encoding: &'static Encoding,
    decoder: Decoder,
    /// Raw bytes not yet decoded; at first the sample.
    input: Vec<u8>,
    in_start: usize,
    input_done: bool,
    /// Decoded UTF-8 not yet handed out.
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    finished: bool,
    /// The last decoded byte was `\r`, so a `\n` right after it is dropped.
    after_cr: bool,
    /// Text was handed out since the last `\n`.
    line_open: bool,
    raw_read: u64,
    handed_out: u64,
    row_start: u64,
}

impl<R: Read> DecodingReader<R> {
    pub(super) fn new(mut inner: R) -> io::Result<Self> {
        let mut sample = vec![0; SAMPLE_LEN];
        let len = read_full(&mut inner, &mut sample)?;
        sample.truncate(len);
        let encoding = detect(&sample, len < SAMPLE_LEN);
        Ok(DecodingReader {
            inner,
            encoding,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: sample,
            in_start: 0,
            input_done: len == 0,
            output: vec![0; OUTPUT_LEN],
            out_start: 0,
            out_end: 0,
            finished: false,
            after_cr: false,
            line_open: false,
            raw_read: len as u64,
            handed_out: 0,
            row_start: 0,
        })
    }

    /// The sample as text, for sniffing the delimiter before parsing starts.
    pub(super) fn sample_text(&self) -> String {
        let (text, _) = self.encoding.decode_with_bom_removal(&self.input);
        text.into_owned()
    }

    pub(super) fn raw_read(&self) -> u64 {
        self.raw_read
    }

    /// Where (in decoded bytes) the row being parsed starts, so a runaway row
    /// can be stopped at [`MAX_ROW_BYTES`].
    pub(super) fn set_row_start(&mut self, decoded_offset: u64) {
        self.row_start = decoded_offset;
    }

    fn decode_some(&mut self) -> io::Result<()> {
        if self.in_start == self.input.len() && !self.input_done {
            self.refill()?;
        }
        let (result, read, written, _replaced) = self.decoder.decode_to_utf8(
            &self.input[self.in_start..],
            &mut self.output,
            self.input_done,
        );
        self.in_start += read;
        self.out_start = 0;
        self.out_end = written;
        self.finished = self.input_done && result == CoderResult::InputEmpty;
        self.normalise_line_ends();
        Ok(())
    }

    fn normalise_line_ends(&mut self) {
        let mut kept = 0;
        for i in 0..self.out_end {
            let byte = self.output[i];
            let after_cr = std::mem::replace(&mut self.after_cr, byte == b'\r');
            if byte == b'\n' && after_cr {
                continue;
            }
            self.output[kept] = if byte == b'\r' { b'\n' } else { byte };
            kept += 1;
        }
        self.out_end = kept;
        if kept > 0 {
            self.line_open = self.output[kept - 1] != b'\n';
        }
    }

    /// One read, not a full buffer: bytes already read must reach the parser
    /// before a later read error is reported.
    fn refill(&mut self) -> io::Result<()> {
        self.input.resize(SAMPLE_LEN, 0);
        let len = loop {
            match self.inner.read(&mut self.input) {
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                other => break other?,
            }
        };
        self.input.truncate(len);
        self.in_start = 0;
        self.raw_read += len as u64;
        self.input_done = len == 0;
        Ok(())
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.handed_out.saturating_sub(self.row_start) > MAX_ROW_BYTES {
            return Err(io::Error::other(
                "a single row is longer than 8 MiB; a quote is probably not closed",
            ));
        }
        while self.out_start == self.out_end {
            if self.finished && self.line_open {
                self.line_open = false;
                self.output[0] = b'\n';
                (self.out_start, self.out_end) = (0, 1);
            } else if self.finished {
                return Ok(0);
            } else {
                self.decode_some()?;
            }
        }
        let len = buf.len().min(self.out_end - self.out_start);
        buf[..len].copy_from_slice(&self.output[self.out_start..self.out_start + len]);
        self.out_start += len;
        self.handed_out += len as u64;
        Ok(len)
    }
}

/// Fills `buf` unless the input ends first; returns how much was read.
fn read_full(inner: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match inner.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(len) => filled += len,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// A BOM decides; otherwise UTF-8 if the sample is valid UTF-8, else the
/// Windows-1252 that Excel writes on Western European systems.
fn detect(sample: &[u8], whole_file: bool) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(sample) {
        return encoding;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => UTF_8,
        // The sample may end in the middle of a character that the next bytes complete.
        Err(e) if e.error_len().is_none() && !whole_file => UTF_8,
        Err(_) => WINDOWS_1252,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: Vec<u8>) -> String {
        let mut text = String::new();
        let mut reader = DecodingReader::new(io::Cursor::new(bytes)).unwrap();
        reader.read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        assert_eq!(decode_all(b"caf\xE9 \x80".to_vec()), "café €\n");
    }

    #[test]
    fn utf8_bom_is_removed() {
        assert_eq!(decode_all("\u{FEFF}café\n".into()), "café\n");
    }

    #[test]
    fn utf16_both_byte_orders() {
        let le: Vec<u8> = [0xFF, 0xFE, b'h', 0, 0xE9, 0].to_vec();
        let be: Vec<u8> = [0xFE, 0xFF, 0, b'h', 0, 0xE9].to_vec();
        assert_eq!(decode_all(le), "hé\n");
        assert_eq!(decode_all(be), "hé\n");
    }

    #[test]
    fn late_invalid_utf8_becomes_replacement() {
        let mut bytes = "é".repeat(SAMPLE_LEN).into_bytes();
        bytes.extend_from_slice(b"\xFFend");
        let text = decode_all(bytes);
        assert!(text.ends_with("\u{FFFD}end\n"));
        assert!(text.starts_with("éé"));
    }

    #[test]
    fn character_cut_at_sample_end_stays_utf8() {
        let mut bytes = vec![b'a'; SAMPLE_LEN - 1];
        bytes.extend_from_slice("é!".as_bytes());
        assert!(decode_all(bytes).ends_with("aé!\n"));
    }

    #[test]
    fn line_ends_become_newlines() {
        assert_eq!(decode_all(b"a\r\nb\rc\n\r\nd".to_vec()), "a\nb\nc\n\nd\n");
        assert_eq!(decode_all(Vec::new()), "");
        let mut split = vec![b'a'; SAMPLE_LEN - 1];
        split.extend_from_slice(b"\r\nz");
        assert!(decode_all(split).ends_with("a\nz\n"));
    }

    #[test]
    fn counts_raw_bytes() {
        let bytes = vec![b'x'; SAMPLE_LEN * 3 + 5];
        let mut reader = DecodingReader::new(io::Cursor::new(bytes)).unwrap();
        assert_eq!(reader.raw_read(), SAMPLE_LEN as u64);
        io::copy(&mut reader, &mut io::sink()).unwrap();
        assert_eq!(reader.raw_read(), SAMPLE_LEN as u64 * 3 + 5);
    }
}
