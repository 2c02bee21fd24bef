//! Browser-test harness for both front ends: the real server with the built apps on a fresh
//! SQLite database, and a headless Chromium driven over WebDriver by a ChromeDriver this
//! harness starts once.

#![allow(dead_code)] // each test binary uses its own part of the harness

pub mod forms;

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use portico_server::clock::ManualClock;
use portico_server::outbound::TargetPolicy;
use portico_server::startup::{self, Running, Settings};

pub const PASSWORD: &str = "portico-demo";
const WAIT: Duration = Duration::from_secs(15);

/// A ChromeDriver of this browser's own, in its own process group so that dropping it ends
/// the Chromium it started too, even when a test panics before closing the session.
struct Driver {
    url: String,
    process: Child,
}

impl Driver {
    /// A ChromeDriver whose Chromium inherits `env` (its time zone and language on Linux).
    fn start(env: &[(&str, &str)]) -> Driver {
        use std::os::unix::process::CommandExt as _;
        let port = StdListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let binary =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let mut command = Command::new(&binary);
        command.envs(env.iter().copied());
        let process = command
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {binary} ({e}); `cargo xtask test` installs it")
            });
        let driver = Driver {
            url: format!("http://127.0.0.1:{port}"),
            process,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return driver;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("ChromeDriver did not start on port {port}");
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.process.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.process.wait();
    }
}

/// Where the built front ends are (the portal's `dist/`, with the console in `dist/manage/`);
/// `cargo xtask test` builds them before the tests run. The harness serves both apps' tests:
/// the repository root's and the console's (`crates/console/tests`).
pub fn dist() -> PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("Trunk.toml").is_file() && dir.join("crates").is_dir())
        .expect("the repository root above the test's package");
    let dist = std::env::var("PORTICO_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("dist"));
    assert!(
        dist.join("index.html").is_file(),
        "{} has no built SPA: run the tests with `cargo xtask test`",
        dist.display()
    );
    dist
}

pub struct Portal {
    pub base: String,
    pub clock: ManualClock,
    pub running: Running,
    _dir: tempfile::TempDir,
}

impl Portal {
    /// The server with demo data and the built SPA.
    pub async fn start() -> Portal {
        Portal::start_with_dist(dist()).await
    }

    /// The same with the front ends in `dist` (a copy a test has altered).
    pub async fn start_with_dist(dist: PathBuf) -> Portal {
        let dir = tempfile::tempdir().unwrap();
        let clock = ManualClock::starting_now();
        let mut settings = Settings::new(
            format!("sqlite://{}", dir.path().join("portico.db").display()),
            "browser-test-secret-key-long-enough-for-use",
            "http://127.0.0.1",
        );
        settings.storage = dir.path().join("files").display().to_string();
        settings.demo = true;
        settings.dist = Some(dist);
        settings.clock = Arc::new(clock.clone());
        // The tests' webhook receivers listen on loopback.
        settings.outbound_policy = TargetPolicy::AllowPrivate;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let running = startup::spawn(settings, listener)
            .await
            .expect("server starts");
        Portal {
            base: format!("http://{}", running.addr),
            clock,
            running,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Ends every session on the server, as an expiry would.
    pub async fn expire_sessions(&self) {
        let db = &self.running.state.db;
        db.write(async |conn| {
            Ok(portico_server::store::sql::query("DELETE FROM sessions")
                .execute(conn)
                .await?)
        })
        .await
        .unwrap();
    }

    /// Takes the demo's tier program away, as before managers saved one.
    pub async fn without_tier_program(&self) {
        let db = &self.running.state.db;
        db.write(async |conn| {
            Ok(
                portico_server::store::sql::query("DELETE FROM tier_program")
                    .execute(conn)
                    .await?,
            )
        })
        .await
        .unwrap();
    }
}

/// How a test's Chromium is set up: its window, language and time zone.
#[derive(Debug, Clone, Copy)]
pub struct Setup {
    pub width: u32,
    pub height: u32,
    /// A BCP 47 tag for the browser's language (`navigator.language`); English when absent.
    pub lang: Option<&'static str>,
    /// An IANA zone for the browser's clock; the machine's (UTC on CI) when absent.
    pub time_zone: Option<&'static str>,
}

pub const LAPTOP: Setup = Setup {
    width: 1280,
    height: 900,
    lang: None,
    time_zone: None,
};

pub const PHONE: Setup = Setup {
    width: 390,
    height: 844,
    ..LAPTOP
};

/// A fresh headless Chromium with a laptop's window.
pub async fn browser() -> Browser {
    browser_with(LAPTOP).await
}

/// A fresh headless Chromium set up as asked.
pub async fn browser_with(setup: Setup) -> Browser {
    let profile = tempfile::tempdir().unwrap();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        format!("--window-size={},{}", setup.width, setup.height),
        format!("--user-data-dir={}", profile.path().display()),
    ];
    let mut options = serde_json::json!({ "binary": chromium });
    let mut env = Vec::new();
    if let Some(lang) = setup.lang {
        // Chromium on Linux takes its language from the environment; headless mode also
        // from --accept-lang.
        args.extend([format!("--lang={lang}"), format!("--accept-lang={lang}")]);
        options["prefs"] = serde_json::json!({ "intl": { "accept_languages": lang } });
        env.extend([("LANGUAGE", lang), ("LC_ALL", "C.UTF-8")]);
    }
    if let Some(zone) = setup.time_zone {
        env.push(("TZ", zone));
    }
    options["args"] = serde_json::json!(args);
    let capabilities = serde_json::json!({ "goog:chromeOptions": options });
    // The free port a driver is given can be taken by another test's driver before this one
    // binds it; this driver then exits and the session finds nobody. A new driver on a new
    // port is the remedy.
    let mut attempts = 1;
    loop {
        let env = env.clone();
        let driver = tokio::task::spawn_blocking(move || Driver::start(&env))
            .await
            .unwrap();
        let session = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.as_object().unwrap().clone())
            .connect(&driver.url)
            .await;
        match session {
            Ok(client) => {
                return Browser {
                    client,
                    _driver: driver,
                    _profile: profile,
                };
            }
            Err(e) if attempts == 3 => panic!("a Chromium session from ChromeDriver: {e}"),
            Err(_) => attempts += 1,
        }
    }
}

pub struct Browser {
    pub client: Client,
    // Dropped after the client, in declaration order: the session closes before its driver ends.
    _driver: Driver,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    /// Waits for an element to appear (the SPA renders after the WASM loads).
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css:?} within {WAIT:?}: {e}"))
    }

    /// Waits until an element shows the wanted text.
    pub async fn wait_for_text(&self, css: &str, wanted: &str) -> String {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = element.text().await
                && text.contains(wanted)
            {
                return text;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{css:?} never showed {wanted:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Scrolls to the end of the page (cards below the fold are drawn when they come into view)
    /// or back to its top.
    pub async fn scroll_to(&self, end: bool) {
        let to = if end {
            "document.body.scrollHeight"
        } else {
            "0"
        };
        self.run(&format!("window.scrollTo(0, {to})")).await;
    }

    /// Waits until the focus is on the element `css` names (pages move it after they render).
    pub async fn wait_for_focus(&self, css: &str) {
        let focused = format!("return document.activeElement === document.querySelector({css:?})");
        let deadline = tokio::time::Instant::now() + WAIT;
        while self.run(&focused).await != serde_json::json!(true) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the focus never reached {css:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the address bar's path (and query) starts with `prefix`.
    pub async fn wait_for_path(&self, prefix: &str) -> String {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let url = self.client.current_url().await.unwrap();
            let path = match url.query() {
                Some(q) => format!("{}?{q}", url.path()),
                None => url.path().to_owned(),
            };
            if path.starts_with(prefix) {
                return path;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "stayed at {path}, expected {prefix}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn is_present(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    /// Chooses an option of a select by its visible text.
    pub async fn select(&self, css: &str, label: &str) {
        self.find(css).await.select_by_label(label).await.unwrap();
    }

    /// Sets an input's value as a picker would (date inputs take no typed keys reliably).
    pub async fn set_value(&self, css: &str, value: &str) {
        self.find(css).await;
        let script = format!(
            "const e = document.querySelector({css:?}); e.value = {value:?}; \
             e.dispatchEvent(new Event('input', {{ bubbles: true }}));"
        );
        self.run(&script).await;
    }

    pub async fn value_of(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn sign_in(&self, portal: &Portal, email: &str) {
        self.open(&portal.url("/login")).await;
        self.type_into("#email", email).await;
        self.type_into("#password", PASSWORD).await;
        self.click("#sign-in").await;
        self.find("#welcome").await;
    }

    /// Runs a script in the page and returns what it returns.
    pub async fn run(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, Vec::new()).await.unwrap()
    }

    /// Texts of the main navigation's links, those folded in a group too.
    pub async fn nav_links(&self) -> Vec<String> {
        self.find("#main-nav").await;
        let texts = self
            .run(
                "return [...document.querySelectorAll('#main-nav a')].map(a => { \
                 const c = a.cloneNode(true); c.querySelectorAll('.nav-badge').forEach(b => b.remove()); \
                 return c.textContent.trim(); })",
            )
            .await;
        serde_json::from_value(texts).unwrap()
    }

    /// Follows the main navigation's link to `href`, opening its group first if it has one.
    pub async fn nav_to(&self, href: &str) {
        let link = format!("#main-nav a[href='{href}']");
        let group = format!("#main-nav .nav-group:has(a[href='{href}']) > button");
        if self.is_present(&group).await && !self.find(&link).await.is_displayed().await.unwrap() {
            self.click(&group).await;
        }
        self.click(&link).await;
    }

    /// Waits until the page has a heading and nothing in it is still loading.
    pub async fn wait_until_loaded(&self) {
        let ready = "return !!document.querySelector('main h1') \
                     && !document.querySelector('main .loading, .loading-late')";
        let deadline = tokio::time::Instant::now() + WAIT;
        while self.run(ready).await != serde_json::json!(true) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "{} never finished loading",
                self.client.current_url().await.unwrap()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs axe-core (`PORTICO_AXE`, which `cargo xtask test` installs) over the page and
    /// fails on any serious or critical violation, naming the rule and the elements.
    pub async fn assert_accessible(&self) {
        if self.run("return typeof window.axe").await != serde_json::json!("object") {
            // The workspace's tools, from the portal's package or the console's below it.
            let path = std::env::var("PORTICO_AXE").unwrap_or_else(|_| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .ancestors()
                    .map(|dir| dir.join(".tools/node_modules/axe-core/axe.min.js"))
                    .find(|file| file.exists())
                    .map_or_else(String::new, |file| file.display().to_string())
            });
            let axe = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!("axe-core at {path}: {e}; `cargo xtask test` installs it")
            });
            self.run(&axe).await;
        }
        let check = "const done = arguments[arguments.length - 1];\
            axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations\
              .filter(v => v.impact === 'serious' || v.impact === 'critical')\
              .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)))";
        let found = self.client.execute_async(check, Vec::new()).await.unwrap();
        let url = self.client.current_url().await.unwrap();
        assert_eq!(found, serde_json::json!([]), "{url}");
    }

    /// Saves a picture of the window as `name.png` into the folder `PORTICO_SCREENSHOTS`
    /// names (`cargo xtask screenshots`); does nothing when it is not set.
    pub async fn screenshot(&self, name: &str) {
        let Some(folder) = std::env::var_os("PORTICO_SCREENSHOTS") else {
            return;
        };
        let png = self.client.screenshot().await.unwrap();
        let path = PathBuf::from(folder).join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }

    pub async fn close(self) {
        self.client.close().await.unwrap();
    }
}
