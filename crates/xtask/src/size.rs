//! How much each front end weighs: its first load (main module, scripts, stylesheet, font) raw,
//! gzip -9 and brotli 11 against its budget, the page modules fetched on demand, and what its
//! wasm is made of.

use std::path::Path;

use crate::spa::{App, brotli, files_under, gzip, has_extension, read};
use crate::{Result, repo_root, target_dir, wasm_top};

/// What counts towards the transfer-size budget: the code, styles and typeface of the app shell.
const WEIGHED: &[&str] = &["wasm", "js", "css", "woff2"];
/// wasm-bindgen's name for the main module; every other wasm file is a page's split module,
/// fetched when that page is first opened.
const MAIN_WASM: &str = "_bg.wasm";

pub struct Weight {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Raw, gzip -9 and brotli q11 sizes of the wasm, js, css and font files under `dir` that a first
/// load fetches (`on_demand` false) or that pages fetch when first opened (true), largest
/// first. A folder below with its own `index.html` is another app (the console in
/// `dist/manage/`), weighed on its own.
pub fn weigh(dir: &Path, on_demand: bool) -> Result<Vec<Weight>> {
    let mut weights = Vec::new();
    for file in files_under(dir)? {
        if !has_extension(&file, WEIGHED)
            || in_nested_app(dir, &file)
            || is_split_module(&file) != on_demand
        {
            continue;
        }
        let raw = read(&file)?;
        let name = file.strip_prefix(dir).unwrap_or(&file);
        weights.push(Weight {
            name: name.to_string_lossy().into_owned(),
            raw: raw.len() as u64,
            gzip: gzip(&raw).len() as u64,
            brotli: brotli(&raw).len() as u64,
        });
    }
    weights.sort_by_key(|w| std::cmp::Reverse(w.raw));
    Ok(weights)
}

/// Prints the app's size table and its total against its budget; returns whether it fits.
pub fn report_size(app: &App) -> Result<bool> {
    let dir = repo_root().join(app.dist);
    print_size(&dir, app.budget_brotli_bytes)
}

fn print_size(dir: &Path, budget: u64) -> Result<bool> {
    let weights = weigh(dir, false)?;
    if weights.is_empty() {
        return Err(format!(
            "no .wasm, .js or .css files in {}: build the SPA first",
            dir.display()
        ));
    }
    println!(
        "{:<48} {:>11} {:>11} {:>11}",
        "file", "raw", "gzip -9", "brotli 11"
    );
    for w in &weights {
        println!(
            "{:<48} {:>11} {:>11} {:>11}",
            w.name,
            kb(w.raw),
            kb(w.gzip),
            kb(w.brotli)
        );
    }
    let sum = |f: fn(&Weight) -> u64| weights.iter().map(f).sum::<u64>();
    let total = sum(|w| w.brotli);
    println!(
        "{:<48} {:>11} {:>11} {:>11}",
        "total",
        kb(sum(|w| w.raw)),
        kb(sum(|w| w.gzip)),
        kb(total)
    );
    let fits = total <= budget;
    println!(
        "budget: ≤ {} brotli; total {} ({} bytes): {}",
        kb(budget),
        kb(total),
        total,
        if fits { "within budget" } else { "OVER BUDGET" }
    );
    print_on_demand(&weigh(dir, true)?);
    Ok(fits)
}

/// The pages' split modules: not part of the first load, but what opening each page costs.
fn print_on_demand(weights: &[Weight]) {
    let total = weights.iter().map(|w| w.brotli).sum::<u64>();
    println!(
        "loaded on demand: {} page modules, {} brotli in all",
        weights.len(),
        kb(total)
    );
    for w in weights.iter().take(5) {
        println!("  {:<46} {:>11} {:>11}", w.name, kb(w.raw), kb(w.brotli));
    }
}

/// The largest functions of the app's wasm and the crates its code comes from.
pub fn report_contents(app: &App) -> Result<()> {
    let file = target_dir()
        .join("wasm32-unknown-unknown/wasm-release")
        .join(format!("{}.wasm", app.bin));
    let contents = wasm_top::read(&file)?;
    let code = contents.code_bytes.max(1);
    let share = |bytes: u64| format!("{:.1} %", bytes as f64 * 100.0 / code as f64);
    println!(
        "{}: code {}, data {} (cargo's output, before wasm-bindgen and wasm-opt)",
        file.display(),
        kb(contents.code_bytes),
        kb(contents.data_bytes)
    );
    println!("{:<24} {:>11} {:>8}", "crate", "code", "share");
    for (name, bytes) in wasm_top::by_crate(&contents.functions).iter().take(12) {
        println!("{name:<24} {:>11} {:>8}", kb(*bytes), share(*bytes));
    }
    println!("{:<90} {:>9} {:>7}", "largest functions", "code", "share");
    for f in contents.functions.iter().take(15) {
        let name: String = f.name.chars().take(90).collect();
        println!("{name:<90} {:>9} {:>7}", kb(f.bytes), share(f.bytes));
    }
    Ok(())
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn is_split_module(file: &Path) -> bool {
    has_extension(file, &["wasm"]) && !file.to_string_lossy().ends_with(MAIN_WASM)
}

fn in_nested_app(dir: &Path, file: &Path) -> bool {
    file.ancestors()
        .skip(1)
        .take_while(|folder| *folder != dir)
        .any(|folder| folder.join("index.html").is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighs_only_code_styles_and_fonts() {
        let dir = crate::spa::scratch("weigh");
        std::fs::write(dir.join("a_bg.wasm"), vec![7u8; 5000]).unwrap();
        std::fs::write(dir.join("a.js"), "x".repeat(100)).unwrap();
        std::fs::write(dir.join("f.woff2"), vec![3u8; 50]).unwrap();
        std::fs::write(dir.join("index.html"), "<html>").unwrap();
        std::fs::write(dir.join("a.js.br"), "old").unwrap();
        // Another app below, weighed on its own; a snippet folder belongs to this one.
        std::fs::create_dir_all(dir.join("manage")).unwrap();
        std::fs::write(dir.join("manage/index.html"), "<html>").unwrap();
        std::fs::write(dir.join("manage/b_bg.wasm"), vec![7u8; 9000]).unwrap();
        std::fs::write(dir.join("snippets/x/s.js"), "y".repeat(10)).unwrap();
        // A page's split module is fetched when the page is opened, not on first load.
        std::fs::write(dir.join("snippets/x/split_page_1.wasm"), vec![1u8; 700]).unwrap();

        let weights = weigh(&dir, false).unwrap();
        let names: Vec<_> = weights.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["a_bg.wasm", "a.js", "f.woff2", "snippets/x/s.js"]);
        let later = weigh(&dir, true).unwrap();
        let names: Vec<_> = later.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["snippets/x/split_page_1.wasm"]);
        assert_eq!(weights[0].raw, 5000);
        assert!(weights[0].brotli < weights[0].gzip && weights[0].gzip < 5000);
        assert!(print_size(&dir, 120 * 1000).unwrap());
        assert!(!print_size(&dir, 10).unwrap());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
