//! Every front end keeps its words in its text catalogue (`src/text/` of each crate that shows
//! text), so that a translation can replace them in one place. This reads the pages and
//! components of the partner portal, the console and this crate, and fails on English written
//! inline: a text node in a `view!`, a labelling attribute or prop, or a page title.

use std::fs;
use std::path::{Path, PathBuf};

/// Attributes and component props whose value people read or hear.
const WORDED: &[&str] = &[
    "label",
    "title",
    "placeholder",
    "hint",
    "legend",
    "aria-label",
    "empty",
    "loading",
    "busy_label",
    "confirm_label",
    "question",
    "alt",
];

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "text") {
                sources(&path, found);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The code of a file before its unit tests, which may spell out what they expect.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn has_words(literal: &str) -> bool {
    literal.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// The inline texts of one file: (line number, the line).
fn inline_texts(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("//") {
            continue;
        }
        let mut hit = trimmed.starts_with("set_title(\"");
        // A text node: a literal right after a tag, or alone on its line inside a view.
        hit |= literals_after(trimmed, ">\"").any(has_words);
        hit |= lone_literal(trimmed).is_some_and(reads_as_prose);
        for name in WORDED {
            let attribute = format!(" {name}=\"");
            hit |= literals_after(trimmed, &attribute).any(has_words);
            let attribute = format!("<{name}=\"");
            hit |= literals_after(trimmed, &attribute).any(has_words);
        }
        if hit {
            found.push((n + 1, trimmed.to_owned()));
        }
    }
    found
}

/// A line that is one string literal and nothing else, as a text node on its own line is.
fn lone_literal(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('"')).then_some(inner)
}

/// Words for people rather than a class, a path or a value: a capitalised word, or words with
/// a space between them.
fn reads_as_prose(literal: &str) -> bool {
    let capitalised = literal
        .chars()
        .zip(literal.chars().skip(1))
        .any(|(a, b)| a.is_uppercase() && b.is_lowercase());
    let words = literal.contains(' ') && has_words(literal);
    (capitalised || words) && !literal.contains(['/', '=', '&'])
}

/// The literals that follow `prefix` (which ends with the opening quote) on a line.
fn literals_after<'a>(line: &'a str, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    line.match_indices(prefix).filter_map(move |(at, _)| {
        let rest = &line[at + prefix.len()..];
        rest.find('"').map(|end| &rest[..end])
    })
}

#[test]
fn the_front_ends_write_no_words_outside_their_catalogues() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["src", "crates/console/src", "crates/ui/src"] {
        sources(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "found only {} source files", files.len());
    let offenders: Vec<String> = files
        .iter()
        .flat_map(|path| {
            inline_texts(&code(path))
                .into_iter()
                .map(move |(n, line)| format!("{}:{n}: {line}", path.display()))
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "English written inline; move it to the crate's `text` module:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_check_sees_each_kind_of_inline_text() {
    let page = r#"
        set_title("Users");
        view! { <h1>"Users"</h1> <TextField label="E-mail" /> <nav aria-label="Main"></nav> }
        // <p>"A comment is not shown"</p>
        view! { <p class="muted" id="x">{text::users::EMPTY}</p> <span>" · "</span> }
        view! {
            <p>
                "Nothing yet."
            </p>
        }
    "#;
    let lines: Vec<usize> = inline_texts(page).into_iter().map(|(n, _)| n).collect();
    assert_eq!(lines, [2, 3, 8]);
}
