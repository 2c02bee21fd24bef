//! Which uploads the content library accepts, decided by the bytes rather than by the name or
//! the browser's claim, and the name a download is offered under. Only a file whose content
//! proves an allowlisted type is kept, so HTML, SVG or a script renamed `.pdf` never gets served.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Pptx,
    Docx,
    Xlsx,
    Png,
    Jpeg,
    Mp4,
    Zip,
}

use FileType::*;

impl FileType {
    pub fn content_type(self) -> &'static str {
        match self {
            Pdf => "application/pdf",
            Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Png => "image/png",
            Jpeg => "image/jpeg",
            Mp4 => "video/mp4",
            Zip => "application/zip",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Pdf => "pdf",
            Pptx => "pptx",
            Docx => "docx",
            Xlsx => "xlsx",
            Png => "png",
            Jpeg => "jpg",
            Mp4 => "mp4",
            Zip => "zip",
        }
    }
}

/// How many leading bytes `sniff` needs to decide.
pub const SNIFF_LEN: usize = 8192;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const ZIP_ENTRY: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY: &[u8] = b"PK\x05\x06";

/// The type the bytes prove, or None when not on the allowlist. `head` is the first SNIFF_LEN
/// bytes (or the whole file when shorter).
pub fn sniff(head: &[u8], file_name: &str) -> Option<FileType> {
    let prefixes: [(&[u8], FileType); 4] = [
        (b"%PDF-", Pdf),
        (PNG_SIGNATURE, Png),
        (b"\xFF\xD8\xFF", Jpeg),
        (ZIP_EMPTY, Zip),
    ];
    if let Some((_, file_type)) = prefixes.iter().find(|(p, _)| head.starts_with(p)) {
        Some(*file_type)
    } else if head.get(4..8) == Some(b"ftyp") {
        Some(Mp4)
    } else if head.starts_with(ZIP_ENTRY) {
        Some(ooxml_by_entries(head).unwrap_or_else(|| ooxml_by_name(file_name)))
    } else {
        None
    }
}

/// Walks the local file headers in `head` for the folder that marks an Office package.
fn ooxml_by_entries(head: &[u8]) -> Option<FileType> {
    let mut at = 0;
    while let Some(header) = head.get(at..at + 30).filter(|h| h.starts_with(ZIP_ENTRY)) {
        let flags = u16_at(header, 6);
        let compressed = u32_at(header, 18);
        let name_len = usize::from(u16_at(header, 26));
        let extra_len = usize::from(u16_at(header, 28));
        let name = head.get(at + 30..at + 30 + name_len)?;
        if let Some(file_type) = ooxml_part(name) {
            return Some(file_type);
        }
        // Bit 3 puts the sizes after the data and 0xFFFFFFFF moves them to a ZIP64 field: either
        // way the next header's position is unknown.
        if flags & 0x0008 != 0 || compressed == u32::MAX {
            return None;
        }
        at = (at + 30 + name_len + extra_len).checked_add(usize::try_from(compressed).ok()?)?;
    }
    None
}

fn ooxml_part(name: &[u8]) -> Option<FileType> {
    [(&b"word/"[..], Docx), (b"ppt/", Pptx), (b"xl/", Xlsx)]
        .into_iter()
        .find(|(folder, _)| name.starts_with(folder))
        .map(|(_, file_type)| file_type)
}

/// An Office package whose parts lie beyond the head is still a ZIP; only the name can tell.
fn ooxml_by_name(file_name: &str) -> FileType {
    let extension = file_name.rsplit_once('.').map_or("", |(_, e)| e);
    [Docx, Pptx, Xlsx]
        .into_iter()
        .find(|t| t.extension().eq_ignore_ascii_case(extension))
        .unwrap_or(Zip)
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

const MAX_NAME_CHARS: usize = 100;

/// A download name that is harmless anywhere: no directory parts, no control characters,
/// quotes, slashes or other odd characters (letters of any script, digits, space, `-`, `_`, `.`,
/// `(` and `)` stay), no leading dots, collapsed whitespace, at most 100 characters, never
/// empty, and ending in the type's extension.
pub fn safe_file_name(raw: &str, file_type: FileType) -> String {
    let extension = file_type.extension();
    let stem: String = clean_stem(raw)
        .chars()
        .take(MAX_NAME_CHARS - 1 - extension.len())
        .collect();
    // Cutting the name or its old extension can leave a dot or space dangling before the new one.
    match stem.trim_end_matches(['.', ' ']) {
        "" => format!("file.{extension}"),
        stem => format!("{stem}.{extension}"),
    }
}

/// The last path part without odd characters, whitespace runs, leading dots or extension.
fn clean_stem(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = base.chars().filter_map(kept_char).collect();
    let collapsed = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    let stem = without_extension(&collapsed).trim_start_matches(['.', ' ']);
    if is_windows_device(stem) {
        format!("_{stem}")
    } else {
        stem.to_owned()
    }
}

fn kept_char(c: char) -> Option<char> {
    if c.is_whitespace() {
        Some(' ')
    } else if c.is_alphanumeric() || "-_.()".contains(c) || is_combining_accent(c) {
        Some(c)
    } else {
        None
    }
}

/// macOS sends names decomposed, "a" followed by a combining mark for "ä".
fn is_combining_accent(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Treats a trailing word of letters and digits as an extension, but not a bare version
/// number, so "plan v1.2" keeps its "2".
fn without_extension(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, extension))
            if extension.len() <= 8
                && extension.bytes().all(|b| b.is_ascii_alphanumeric())
                && extension.bytes().any(|b| b.is_ascii_alphabetic()) =>
        {
            stem
        }
        _ => name,
    }
}

/// Windows opens a device instead of a file for these names, whatever the extension.
fn is_windows_device(stem: &str) -> bool {
    let first = stem.split('.').next().unwrap_or_default().trim_end();
    let upper = first.to_ascii_uppercase();
    let numbered = |prefix: &str| {
        upper
            .strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
    };
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL") || numbered("COM") || numbered("LPT")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZIP local file header for `name` with `data` stored uncompressed.
    fn zip_entry(name: &str, data: &[u8]) -> Vec<u8> {
        let mut entry = ZIP_ENTRY.to_vec();
        entry.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let size = u32::try_from(data.len()).unwrap().to_le_bytes();
        entry.extend(size);
        entry.extend(size);
        entry.extend(u16::try_from(name.len()).unwrap().to_le_bytes());
        entry.extend([0, 0]);
        entry.extend(name.as_bytes());
        entry.extend(data);
        entry
    }

    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut bytes: Vec<u8> = entries
            .iter()
            .flat_map(|(name, data)| zip_entry(name, data))
            .collect();
        bytes.extend(ZIP_EMPTY);
        bytes.extend([0; 18]);
        bytes
    }

    fn office(folder_entry: &str) -> Vec<u8> {
        zip(&[
            ("[Content_Types].xml", &[b'x'; 600]),
            ("_rels/.rels", &[b'y'; 300]),
            (folder_entry, b"<xml/>"),
        ])
    }

    #[test]
    fn types_name_their_extension_and_media_type() {
        assert_eq!(Pptx.extension(), "pptx");
        assert_eq!(
            Pptx.content_type(),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        );
    }

    #[test]
    fn sniffs_each_allowed_type_by_content() {
        let mut mp4 = b"\0\0\0\x20ftypisom\0\0\x02\0".to_vec();
        mp4.extend(b"isomiso2avc1mp41");
        let cases: [(&[u8], FileType); 6] = [
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", Pdf),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Png),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", Jpeg),
            (&mp4, Mp4),
            (b"\0\0\0\x18ftypqt  \0\0\x02\0", Mp4),
            (b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", Zip),
        ];
        for (bytes, expected) in cases {
            assert_eq!(sniff(bytes, "upload.bin"), Some(expected));
        }
    }

    #[test]
    fn office_packages_are_told_apart_by_their_parts() {
        assert_eq!(sniff(&office("word/document.xml"), "a.zip"), Some(Docx));
        assert_eq!(sniff(&office("ppt/presentation.xml"), "a.zip"), Some(Pptx));
        assert_eq!(sniff(&office("xl/workbook.xml"), "a.docx"), Some(Xlsx));
        let plain = zip(&[("readme.txt", b"hello"), ("src/word/x.txt", b"")]);
        assert_eq!(sniff(&plain, "archive.zip"), Some(Zip));
    }

    #[test]
    fn the_name_decides_when_the_parts_lie_beyond_the_head() {
        let big = zip(&[
            ("docProps/thumbnail.jpeg", &[0; SNIFF_LEN]),
            ("word/document.xml", b""),
        ]);
        let head = &big[..SNIFF_LEN];
        assert_eq!(sniff(head, "Contract.DOCX"), Some(Docx));
        assert_eq!(sniff(head, "deck.pptx"), Some(Pptx));
        assert_eq!(sniff(head, "model.xlsx"), Some(Xlsx));
        assert_eq!(sniff(head, "bundle.zip"), Some(Zip));
        assert_eq!(sniff(head, "no-extension"), Some(Zip));
    }

    #[test]
    fn sizes_after_the_data_stop_the_walk() {
        let mut streamed = zip(&[("mimetype", b"x"), ("word/document.xml", b"")]);
        streamed[6] = 0x08;
        assert_eq!(sniff(&streamed, "a.zip"), Some(Zip));
        assert_eq!(sniff(&streamed, "a.pptx"), Some(Pptx));
    }

    #[test]
    fn truncated_and_corrupt_headers_do_not_panic() {
        let full = office("word/document.xml");
        for len in 0..full.len() {
            let _ = sniff(&full[..len], "a.zip");
        }
        let mut huge = zip(&[("a", b""), ("word/x", b"")]);
        huge[18..22].copy_from_slice(&(u32::MAX - 1).to_le_bytes());
        assert_eq!(sniff(&huge, "a.zip"), Some(Zip));
    }

    #[test]
    fn rejects_what_is_not_on_the_allowlist() {
        let cases: [&[u8]; 8] = [
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0",
            b"#!/bin/sh\nrm -rf /\n",
            b"just some notes\n",
            b"GIF89a\x01\0\x01\0",
            b"\x7FELF\x02\x01\x01",
            b"",
        ];
        for bytes in cases {
            assert_eq!(sniff(bytes, "report.pdf"), None);
        }
    }

    #[test]
    fn safe_names_drop_directories() {
        assert_eq!(safe_file_name("../../etc/passwd", Pdf), "passwd.pdf");
        assert_eq!(safe_file_name("C:\\Users\\x\\deck.pdf", Pdf), "deck.pdf");
        assert_eq!(safe_file_name("..\\..\\boot.ini", Pdf), "boot.pdf");
        assert_eq!(safe_file_name("folder/", Zip), "file.zip");
    }

    #[test]
    fn safe_names_drop_odd_characters() {
        assert_eq!(safe_file_name("a\0b\u{7}c\r\nd\te.pdf", Pdf), "abc d e.pdf");
        assert_eq!(
            safe_file_name("<script>alert(1)</script>.png", Png),
            "script.png"
        );
        assert_eq!(
            safe_file_name("x<script>alert(1).pdf", Pdf),
            "xscriptalert(1).pdf"
        );
        assert_eq!(safe_file_name("<b>x</b>\"'`;:*?|.pdf", Pdf), "b.pdf");
        assert_eq!(
            safe_file_name("<b onload=x>deck.pdf", Pdf),
            "b onloadxdeck.pdf"
        );
        assert_eq!(
            safe_file_name("invoice\u{202E}fdp.exe", Pdf),
            "invoicefdp.pdf"
        );
        assert_eq!(
            safe_file_name("  many   \u{A0} spaces  .pdf", Pdf),
            "many spaces.pdf"
        );
    }

    #[test]
    fn safe_names_are_never_empty_or_hidden() {
        assert_eq!(safe_file_name("", Pdf), "file.pdf");
        assert_eq!(safe_file_name("   ", Pdf), "file.pdf");
        assert_eq!(safe_file_name("<>|", Pdf), "file.pdf");
        assert_eq!(safe_file_name(".pdf", Pdf), "file.pdf");
        assert_eq!(
            safe_file_name("...hidden notes.pdf", Pdf),
            "hidden notes.pdf"
        );
        assert_eq!(safe_file_name("CON.pdf", Pdf), "_CON.pdf");
        assert_eq!(safe_file_name("lpt1.tar.pdf", Pdf), "_lpt1.tar.pdf");
        assert_eq!(safe_file_name("console.pdf", Pdf), "console.pdf");
    }

    #[test]
    fn safe_names_end_in_the_sniffed_extension() {
        assert_eq!(safe_file_name("deck.exe", Pdf), "deck.pdf");
        assert_eq!(safe_file_name("deck.PDF", Pdf), "deck.pdf");
        assert_eq!(safe_file_name("photo.jpeg", Jpeg), "photo.jpg");
        assert_eq!(safe_file_name("deck", Pptx), "deck.pptx");
        assert_eq!(safe_file_name("plan v1.2", Xlsx), "plan v1.2.xlsx");
        assert_eq!(safe_file_name("deck..exe", Pdf), "deck.pdf");
        assert_eq!(safe_file_name("deck.pdf.exe", Pdf), "deck.pdf.pdf");
    }

    #[test]
    fn safe_names_are_at_most_100_characters() {
        let long = format!("{}.pdf", "ä".repeat(300));
        let name = safe_file_name(&long, Pdf);
        assert_eq!(name.chars().count(), 100);
        assert!(name.ends_with("ää.pdf"));
        let dotted = format!("{}.{}", "a".repeat(95), "b".repeat(20));
        let name = safe_file_name(&dotted, Pdf);
        assert!(
            name.chars().count() <= 100 && name.ends_with("a.pdf"),
            "{name}"
        );
    }

    #[test]
    fn safe_names_keep_unicode_letters() {
        assert_eq!(
            safe_file_name("Präsentation Q3.pptx", Pptx),
            "Präsentation Q3.pptx"
        );
        assert_eq!(
            safe_file_name("Pra\u{308}sentation (final).pptx", Pptx),
            "Pra\u{308}sentation (final).pptx"
        );
        assert_eq!(
            safe_file_name("見積書_2024-05.xlsx", Xlsx),
            "見積書_2024-05.xlsx"
        );
        assert_eq!(safe_file_name("Отчёт.docx", Docx), "Отчёт.docx");
    }
}
