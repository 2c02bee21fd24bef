//! `cargo xtask bundle <app>`, the Trunk build hook that builds an app's wasm. Cargo builds it;
//! the splitter cuts the pages marked lazy into modules of their own, loaded when first opened;
//! wasm-bindgen writes the JavaScript glue; a release build is then shrunk by wasm-opt and
//! terser. Trunk cannot run this pipeline itself: the split must come between cargo and
//! wasm-bindgen, where Trunk has no hook.
//!
//! The files land in one folder named after a hash of their contents (`<app>-<16 hex>/`), so
//! the server caches them for a year while they keep the names they load each other by; the
//! tags that start the app go into the `index.html` Trunk wrote.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::{Result, cargo, execute, show, spa, target_dir, wasm_top};

/// What Trunk tells its hooks (see Trunk's `hooks.rs`).
struct Hook {
    release: bool,
    staging: PathBuf,
    public_url: String,
}

impl Hook {
    fn from_env() -> Result<Hook> {
        let var = |name: &str| {
            std::env::var(name).map_err(|_| format!("{name} is not set: run this through Trunk"))
        };
        Ok(Hook {
            release: var("TRUNK_PROFILE")? == "release",
            staging: PathBuf::from(var("TRUNK_STAGING_DIR")?),
            public_url: var("TRUNK_PUBLIC_URL")?,
        })
    }
}

/// One file of the bundle: its name in the folder, its contents.
struct Output {
    name: String,
    bytes: Vec<u8>,
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    let [app] = args else {
        return Err("usage: cargo xtask bundle <package> (run by Trunk's build hook)".into());
    };
    let hook = Hook::from_env()?;
    let wasm = cargo_build(app, hook.release)?;
    let profile = if hook.release { "release" } else { "debug" };
    let work = target_dir().join("bundle").join(profile).join(app);
    let outputs = split_and_bind(app, &wasm, &work, hook.release)?;
    let folder = format!("{app}-{:016x}", content_hash(&outputs));
    write_folder(&hook.staging.join(&folder), &outputs)?;
    let index = hook.staging.join("index.html");
    let html = String::from_utf8_lossy(&spa::read(&index)?).into_owned();
    let base = format!("{}{folder}/", hook.public_url);
    spa::write(&index, with_start_tags(&html, &base, app)?.as_bytes())?;
    println!("{app}: {} files in {folder}/", outputs.len());
    Ok(ExitCode::SUCCESS)
}

/// The release build uses the size-optimized `wasm-release` profile.
fn cargo_build(app: &str, release: bool) -> Result<PathBuf> {
    let (profile, folder) = if release {
        ("wasm-release", "wasm-release")
    } else {
        ("dev", "debug")
    };
    execute(cargo().args([
        "build",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        app,
        "--bin",
        app,
        "--profile",
        profile,
    ]))?;
    Ok(target_dir()
        .join("wasm32-unknown-unknown")
        .join(folder)
        .join(format!("{app}.wasm")))
}

/// The main module after wasm-bindgen, the two JavaScript files, and the split modules.
fn split_and_bind(app: &str, wasm: &Path, work: &Path, release: bool) -> Result<Vec<Output>> {
    if work.exists() {
        std::fs::remove_dir_all(work)
            .map_err(|e| format!("cannot clear {}: {e}", work.display()))?;
    }
    let split = work.join("split");
    let bound = work.join("bound");
    execute(
        Command::new("wasm-split-cli")
            .args(["--target", "web", "--out-name", app])
            .arg(wasm)
            .arg(&split),
    )?;
    // The split modules import the main module's exports by the linker's names: keep them.
    execute(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--keep-lld-exports", "--no-demangle"])
            .args(["--no-typescript", "--out-name", app, "--out-dir"])
            .arg(&bound)
            .arg(split.join(format!("{app}.wasm"))),
    )?;
    let main = bound.join(format!("{app}_bg.wasm"));
    let scripts = [
        bound.join(format!("{app}.js")),
        split.join("__wasm_split.js"),
    ];
    let modules: Vec<PathBuf> = spa::files_under(&split)?
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
        .filter(|f| f.file_stem().is_some_and(|s| s != app))
        .collect();
    if release {
        println!("shrinking: wasm-opt -Oz, terser, custom sections off the split modules");
        shrink(&main, &scripts, &modules)?;
    }
    std::iter::once(&main)
        .chain(&scripts)
        .chain(&modules)
        .map(|f| output(f))
        .collect()
}

/// In place: wasm-opt for the main module (the features are those Rust's wasm32 target
/// enables), terser for the scripts. The split modules only lose their custom sections:
/// wasm-opt once emptied a split module of code the app needed (a page then could not read its
/// answers), and it takes about a second per module (binaryen's npm build runs in Node.js)
/// where the splitter writes hundreds.
fn shrink(main: &Path, scripts: &[PathBuf], modules: &[PathBuf]) -> Result<()> {
    quietly(
        Command::new("wasm-opt")
            .arg("-Oz")
            .args(WASM_FEATURES)
            .arg(main)
            .arg("-o")
            .arg(main),
    )?;
    for script in scripts {
        quietly(
            Command::new("terser")
                .args(["--module", "--compress", "--mangle", "--output"])
                .arg(script)
                .arg(script),
        )?;
    }
    for module in modules {
        let stripped = wasm_top::without_custom_sections(&spa::read(module)?)
            .ok_or_else(|| format!("{} is not a wasm module", module.display()))?;
        spa::write(module, &stripped)?;
    }
    Ok(())
}

/// Runs a command with its output kept back unless it fails (wasm-opt warns about every name
/// section the splitter writes).
fn quietly(command: &mut Command) -> Result<()> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", show(command)))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "`{}` failed ({}): {}",
        show(command),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    ))
}

const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

fn output(file: &Path) -> Result<Output> {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{} has no file name", file.display()))?
        .to_owned();
    Ok(Output {
        name,
        bytes: spa::read(file)?,
    })
}

/// Over names and contents in name order, so the same build always gets the same folder.
fn content_hash(outputs: &[Output]) -> u64 {
    let mut sorted: Vec<&Output> = outputs.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut hasher = DefaultHasher::new();
    for output in sorted {
        hasher.write(output.name.as_bytes());
        hasher.write_u8(0);
        hasher.write(&output.bytes);
    }
    hasher.finish()
}

fn write_folder(folder: &Path, outputs: &[Output]) -> Result<()> {
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    outputs
        .iter()
        .try_for_each(|output| spa::write(&folder.join(&output.name), &output.bytes))
}

/// The page's `<head>` gains: the glue and the splitter's loader, fetched at once as modules;
/// the main wasm, fetched in parallel (the same request the glue makes, so it is used); and
/// the module script that starts the app once the document is parsed.
fn with_start_tags(html: &str, base: &str, app: &str) -> Result<String> {
    let glue = format!("{base}{app}.js");
    let wasm = format!("{base}{app}_bg.wasm");
    let tags = format!(
        "<link rel=modulepreload href=\"{glue}\">\
         <link rel=modulepreload href=\"{base}__wasm_split.js\">\
         <link rel=preload href=\"{wasm}\" as=fetch type=application/wasm crossorigin>\
         <script type=module>import start from \"{glue}\";start({{module_or_path:\"{wasm}\"}})\
         </script>"
    );
    let html = without_skipped_link(html);
    let at = html
        .find("</head>")
        .ok_or("Trunk's index.html has no </head> to put the app's scripts before")?;
    Ok(format!("{}{tags}{}", &html[..at], &html[at..]))
}

/// Trunk leaves the `<link data-trunk rel="rust" data-trunk-skip>` that stops it building the
/// wasm itself in the page.
fn without_skipped_link(html: &str) -> String {
    let skipped = html.find("data-trunk-skip").and_then(|mark| {
        let start = html[..mark].rfind("<link")?;
        let end = mark + html[mark..].find('>')? + 1;
        Some((start, end))
    });
    match skipped {
        Some((start, end)) => format!("{}{}", &html[..start], &html[end..]),
        None => html.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(name: &str, bytes: &[u8]) -> Output {
        Output {
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn the_folder_hash_follows_contents_not_order() {
        let a = [output("a.wasm", b"1"), output("b.js", b"2")];
        let b = [output("b.js", b"2"), output("a.wasm", b"1")];
        let changed = [output("a.wasm", b"1"), output("b.js", b"3")];
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_ne!(content_hash(&a), content_hash(&changed));
    }

    #[test]
    fn the_start_tags_go_at_the_end_of_the_head() {
        let html = "<html><title>P</title><link href=/main.css rel=stylesheet>\
                    <link data-trunk data-trunk-id=2 data-trunk-skip rel=rust></head><body></body>";
        let out = with_start_tags(html, "/manage/app-0123456789abcdef/", "app").unwrap();
        let head = out.split("</head>").next().unwrap();
        assert!(head.starts_with("<html><title>P</title><link href=/main.css rel=stylesheet>"));
        assert!(head.contains(
            "import start from \"/manage/app-0123456789abcdef/app.js\";\
             start({module_or_path:\"/manage/app-0123456789abcdef/app_bg.wasm\"})"
        ));
        assert!(head.contains("href=\"/manage/app-0123456789abcdef/__wasm_split.js\""));
        assert!(out.ends_with("</head><body></body>"));
        assert!(!out.contains("data-trunk"));
        assert!(with_start_tags("<html><body>", "/", "app").is_err());
    }
}
