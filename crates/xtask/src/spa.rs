//! The two front ends' bundles: build them with Trunk, put the console's below the portal's as
//! `dist/manage/`, and precompress them for the server (`size.rs` weighs them).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, execute, phase, repo_root};

/// What a browser downloads as text or wasm; these get `.br` and `.gz` siblings.
const COMPRESSIBLE: &[&str] = &["wasm", "js", "css", "html", "svg", "json"];

/// A front end Trunk builds, and what its first load may weigh.
pub struct App {
    pub name: &'static str,
    /// Below the repository root.
    pub dist: &'static str,
    /// The cargo binary, whose unoptimized wasm still names its functions.
    pub bin: &'static str,
    /// wasm + js + css, brotli q11.
    pub budget_brotli_bytes: u64,
}

pub const PORTAL: App = App {
    name: "partner portal",
    dist: "dist",
    bin: "portico-app",
    budget_brotli_bytes: 200 * 1000,
};

pub const CONSOLE: App = App {
    name: "manager console",
    dist: "dist/manage",
    bin: "portico-console",
    budget_brotli_bytes: 350 * 1000,
};

pub const APPS: &[App] = &[PORTAL, CONSOLE];

/// The console's own Trunk project, below the repository root.
const CONSOLE_PROJECT: &str = "crates/console";

pub fn dist() -> PathBuf {
    repo_root().join(PORTAL.dist)
}

/// `trunk build` of the portal (the repository's Trunk.toml) and of the console, the console
/// copied into the portal's `dist/manage/`, then precompression.
pub fn build() -> Result<()> {
    phase("partner portal build (trunk build --release=true)", || {
        trunk_build(&repo_root())
    })?;
    let console = repo_root().join(CONSOLE_PROJECT);
    phase("manager console build (trunk build --release=true)", || {
        trunk_build(&console)
    })?;
    copy_dir(&console.join("dist"), &repo_root().join(CONSOLE.dist))?;
    phase("SPA precompression (brotli q11, gzip -9)", || {
        let count = precompress(&dist())?;
        println!("{count} files precompressed in {}", dist().display());
        Ok(())
    })
}

fn trunk_build(project: &Path) -> Result<()> {
    // `--release=true`, not `--release`: the bare flag takes an optional value and would
    // swallow a following argument.
    execute(
        Command::new("trunk")
            .args(["build", "--release=true"])
            .current_dir(project),
    )
}

/// Replaces `to` with a copy of `from`.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(|e| format!("cannot remove {}: {e}", to.display()))?;
    }
    for file in files_under(from)? {
        let target = to.join(file.strip_prefix(from).unwrap_or(&file));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::copy(&file, &target).map_err(|e| {
            format!(
                "cannot copy {} to {}: {e}",
                file.display(),
                target.display()
            )
        })?;
    }
    Ok(())
}

/// Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir`, so the server
/// can send them as they are instead of compressing on each request. Returns how many files.
pub fn precompress(dir: &Path) -> Result<usize> {
    let mut count = 0;
    for file in files_under(dir)? {
        if !has_extension(&file, COMPRESSIBLE) {
            continue;
        }
        let raw = read(&file)?;
        write(&sibling(&file, "br"), &brotli(&raw))?;
        write(&sibling(&file, "gz"), &gzip(&raw))?;
        count += 1;
    }
    Ok(count)
}

pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        // Quality 11 and a 4 MiB window (lgwin 22): the smallest output, as `brotli -q 11`.
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(data).expect("writing to memory");
    }
    out
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

fn sibling(file: &Path, extra: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(extra);
    PathBuf::from(name)
}

pub fn has_extension(file: &Path, wanted: &[&str]) -> bool {
    file.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| wanted.contains(&e))
}

/// Every regular file below `dir`, recursively (Trunk puts wasm-bindgen snippets in subfolders).
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current)
            .map_err(|e| format!("cannot list {}: {e}", current.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {}: {e}", current.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

pub fn read(file: &Path) -> Result<Vec<u8>> {
    std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))
}

pub fn write(file: &Path, data: &[u8]) -> Result<()> {
    std::fs::write(file, data).map_err(|e| format!("cannot write {}: {e}", file.display()))
}

/// An empty folder (with a nested `snippets/x/`) for a test to build files in.
#[cfg(test)]
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("snippets/x")).unwrap();
    dir
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn precompresses_text_and_wasm_and_nothing_else() {
        let dir = scratch("precompress");
        let text = "body { color: red; } ".repeat(200);
        std::fs::write(dir.join("app.css"), &text).unwrap();
        std::fs::write(dir.join("snippets/x/inline.js"), "export const a = 1;").unwrap();
        std::fs::write(dir.join("logo.png"), [0u8; 64]).unwrap();

        assert_eq!(precompress(&dir).unwrap(), 2);
        // Running again replaces the siblings rather than compressing them in turn.
        assert_eq!(precompress(&dir).unwrap(), 2);

        assert!(dir.join("snippets/x/inline.js.br").is_file());
        assert!(!dir.join("logo.png.gz").exists());
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&std::fs::read(dir.join("app.css.gz")).unwrap()[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, text);
        let mut unbrotlied = String::new();
        brotli::Decompressor::new(&std::fs::read(dir.join("app.css.br")).unwrap()[..], 4096)
            .read_to_string(&mut unbrotlied)
            .unwrap();
        assert_eq!(unbrotlied, text);
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// An unclosed rule once made every rule after it apply only inside `.version-text` (CSS
    /// nesting reads them as its children), unseen by the minifier and the browser alike.
    #[test]
    fn the_stylesheet_closes_every_rule() {
        let css = std::fs::read_to_string(repo_root().join("style/main.css")).unwrap();
        let mut depth = 0i32;
        let mut rest = css.as_str();
        while let Some(at) = rest.find(['{', '}', '/']) {
            let (c, after) = (rest.as_bytes()[at], &rest[at + 1..]);
            rest = match c {
                b'/' if after.starts_with('*') => after.split_once("*/").map_or("", |(_, r)| r),
                b'{' => {
                    depth += 1;
                    after
                }
                b'}' => {
                    depth -= 1;
                    assert!(depth >= 0, "a `}}` closes nothing before: {after:.80}");
                    after
                }
                _ => after,
            };
        }
        assert_eq!(depth, 0, "rules left open at the end of style/main.css");
    }
}
