//! Desktop end-to-end: drive the real app through tauri-driver and WebKitWebDriver. Ignored in a
//! plain `cargo test`; `scripts/e2e.sh` (part of `make test`) runs them under Xvfb.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

const PASS: &str = "kettle orbit lantern minnow";

/// tauri-driver for one test, with the app pointed at a throw-away vault and data directory.
/// Stopped with SIGTERM so it takes WebKitWebDriver down with it.
struct Driver {
    child: Child,
    _home: tempfile::TempDir,
}

impl Driver {
    fn start(port: u16, env: &[(&str, &str)]) -> (Self, PathBuf) {
        let home = tempfile::tempdir().expect("temp home");
        let vault = home.path().join("vault");
        let driver = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let mut cmd = Command::new(driver);
        cmd.args(["--port", &port.to_string(), "--native-port", &(port + 1).to_string()])
            .env("CAREFILE_VAULT", &vault)
            .env("CAREFILE_SECRET_STORE", "memory")
            .env("CAREFILE_INSECURE_FAST_KDF", "1")
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start tauri-driver (make deps installs it)");
        (Driver { child, _home: home }, vault)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

fn app_binary() -> PathBuf {
    let path = std::env::var("CAREFILE_DESKTOP_BIN").map(PathBuf::from).unwrap_or_else(|_| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/carefile-desktop")
    });
    assert!(path.is_file(), "build the app first: make desktop-build ({})", path.display());
    path
}

async fn connect(port: u16) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app_binary().display().to_string() }),
    );
    let url = format!("http://127.0.0.1:{port}");
    let mut last = None;
    for _ in 0..100 {
        let mut builder = ClientBuilder::new(HttpConnector::new());
        match builder.capabilities(caps.clone()).connect(&url).await {
            Ok(c) => return c,
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("could not reach tauri-driver: {last:?}");
}

async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    match c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await {
        Ok(el) => el,
        Err(e) => {
            screenshot(c, "failure").await;
            let body = match c.find(Locator::Css("body")).await {
                Ok(b) => b.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            panic!("{css} never appeared: {e}\nThe window showed:\n{body}");
        }
    }
}

/// Replace a field's text. Svelte may re-render the field when it changes, so the element is found
/// afresh for each step rather than held on to.
async fn type_into(c: &Client, css: &str, text: &str) {
    wait_for(c, css).await.clear().await.ok();
    for _ in 0..20 {
        if wait_for(c, css).await.send_keys(text).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("could not type into {css}");
}

/// Click once the control is enabled (buttons wait for the passphrase check, for example). A click
/// that fails because the screen was redrawn under it (a stale or covered element) is tried again
/// on the element found afresh.
async fn click(c: &Client, css: &str) {
    let mut last = String::from("it never became enabled");
    for _ in 0..200 {
        let el = wait_for(c, css).await;
        if el.is_enabled().await.unwrap_or(false) {
            // WebKitWebDriver does not scroll a control inside the app's scrolling main area into
            // view before clicking it ("not interactable" below the window's bottom edge).
            let _ = c
                .execute(
                    "document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' })",
                    vec![serde_json::json!(css)],
                )
                .await;
            match el.click().await {
                Ok(()) => return,
                Err(e) => last = format!("webdriver returned error: {e:?}"),
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let seen = c
        .execute(
            "const e = document.querySelector(arguments[0]); if (!e) return 'gone'; \
             const r = e.getBoundingClientRect(); const s = getComputedStyle(e); \
             const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); \
             return JSON.stringify({ rect: [r.x, r.y, r.width, r.height], window: [innerWidth, innerHeight], \
               display: s.display, visibility: s.visibility, covered_by: top && top !== e && !e.contains(top) ? top.outerHTML.slice(0, 200) : null });",
            vec![serde_json::json!(css)],
        )
        .await
        .map(|v| v.to_string())
        .unwrap_or_default();
    if let Ok(png) = c.screenshot().await {
        let name: String =
            css.chars().map(|ch| if ch.is_alphanumeric() { ch } else { '_' }).collect();
        let _ = std::fs::write(std::env::temp_dir().join(format!("e2e-failed-{name}.png")), png);
    }
    panic!("click {css}: {last}; the element: {seen}");
}

async fn screenshot(c: &Client, name: &str) {
    if let Ok(dir) = std::env::var("E2E_SCREENSHOTS") {
        if let Ok(png) = c.screenshot().await {
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(Path::new(&dir).join(format!("{name}.png")), png);
        }
    }
}

/// Wait until an element's text contains `needle`.
async fn wait_for_text(c: &Client, css: &str, needle: &str) -> String {
    for _ in 0..200 {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if let Ok(text) = el.text().await {
                if text.contains(needle) {
                    return text;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never contained {needle:?}");
}

async fn create_vault(c: &Client) {
    click(c, "#welcome-create").await;
    screenshot(c, "2-create").await;
    type_into(c, "#vault-name", "Sam's record").await;
    type_into(c, "#passphrase", PASS).await;
    type_into(c, "#passphrase-confirm", PASS).await;
    click(c, "#create-vault").await;
    let key = wait_for(c, "#recovery-key").await.text().await.unwrap();
    assert_eq!(key.trim().len(), 39, "recovery key shown in 8 groups: {key:?}");
    screenshot(c, "3-recovery-key").await;
    click(c, "#recovery-saved").await;
    click(c, "#recovery-continue").await;
    wait_for_text(c, "#home-title", "Sam's record").await;
}

#[tokio::test]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display: run scripts/e2e.sh"]
async fn create_lock_unlock_and_wrong_passphrase() {
    let (_driver, vault) = Driver::start(4444, &[]);
    let c = connect(4444).await;
    wait_for(&c, "#welcome-create").await;
    screenshot(&c, "1-welcome").await;
    create_vault(&c).await;
    screenshot(&c, "4-home").await;
    assert!(vault.join("vault.db").is_file() && vault.join("vault-keys.json").is_file());

    click(&c, "#lock").await;
    type_into(&c, "#unlock-passphrase", "not the right passphrase").await;
    click(&c, "#unlock").await;
    let message = wait_for_text(&c, "[role=alert]", "doesn't open this vault").await;
    assert!(message.contains("recovery key"), "{message}");
    screenshot(&c, "5-wrong-passphrase").await;

    type_into(&c, "#unlock-passphrase", PASS).await;
    click(&c, "#unlock").await;
    wait_for_text(&c, "#home-title", "Sam's record").await;
    c.close().await.ok();
}

#[tokio::test]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display: run scripts/e2e.sh"]
async fn idle_vault_locks_itself_and_returns_to_unlock() {
    let (_driver, _vault) = Driver::start(4454, &[("CAREFILE_IDLE_SECONDS", "3")]);
    let c = connect(4454).await;
    create_vault(&c).await;
    // No activity: the idle watch locks within a few seconds and the UI returns to the unlock screen.
    wait_for(&c, "#unlock-passphrase").await;
    let text = c.find(Locator::Css("body")).await.unwrap().text().await.unwrap();
    assert!(text.contains("locked itself"), "should say why it locked: {text}");
    c.close().await.ok();
}

/// Set a date field as the person's date picker would: WebKit's date input takes typed keys in
/// the system's own order, so the value is set directly and the UI told, as a picker does.
async fn set_date(c: &Client, css: &str, iso: &str) {
    wait_for(c, css).await;
    c.execute(
        "const el = document.querySelector(arguments[0]); el.value = arguments[1];
         el.dispatchEvent(new Event('input', { bubbles: true }));
         el.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![css.into(), iso.into()],
    )
    .await
    .unwrap_or_else(|e| panic!("set {css}: {e}"));
}

#[tokio::test]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display: run scripts/e2e.sh"]
async fn record_child_plan_check_call_and_chronology() {
    let (_driver, _vault) = Driver::start(4464, &[]);
    let c = connect(4464).await;
    let _ = c.set_window_size(1000, 720).await;
    create_vault(&c).await;

    // A child.
    click(&c, "#nav-children").await;
    wait_for_text(&c, "main h1", "Add a child").await;
    type_into(&c, "#child-name", "Sam Example").await;
    set_date(&c, "#child-dob", "2015-12-25").await;
    wait_for_text(&c, "#child-year-group", "School year").await;
    click(&c, "#child-save").await;
    wait_for_text(&c, "#child-title", "Sam Example").await;
    screenshot(&c, "r1-child").await;

    // A plan with a need and a vaguely worded provision item.
    click(&c, "#nav-plan").await;
    click(&c, "#plan-save").await;
    wait_for_text(&c, "#plan-title", "EHC plan").await;
    click(&c, "#need-add").await;
    type_into(&c, "#need-text", "Sam finds it hard to follow spoken instructions.").await;
    click(&c, "#need-save").await;
    wait_for_text(&c, "main", "Sam finds it hard to follow spoken instructions.").await;
    click(&c, "#provision-add").await;
    type_into(&c, "#prov-what", "Access to speech and language therapy as required").await;
    click(&c, "input[id^='prov-need-']").await;
    type_into(&c, "#prov-who", "Speech and language therapist").await;
    click(&c, "#prov-save").await;
    wait_for_text(&c, ".check-summary", "The provision check found").await;
    screenshot(&c, "r2-plan").await;

    // The provision check says what is wrong and why.
    click(&c, "#tab-check").await;
    let check = wait_for_text(&c, "#provision-check", "access to").await;
    assert!(check.contains("Worcestershire CC v SE"), "the reason is shown: {check}");
    assert!(check.contains("as required"), "{check}");
    assert!(check.contains("how long"), "{check}");
    screenshot(&c, "r3-provision-check").await;

    // The tribunal working document, made from the plan: the vague provision is a row to dispute.
    click(&c, "#tab-workdoc").await;
    click(&c, "#workdoc-create").await;
    wait_for_text(&c, "#workdoc-version", "Version 1").await;
    wait_for_text(&c, "#workdoc-row-2", "Access to speech and language therapy").await;
    type_into(&c, "#wd-2-parent", "Weekly speech and language therapy, 30 minutes").await;
    click(&c, "#wd-2-parent-save").await;
    wait_for_text(&c, "#wd-2-status", "Disputed").await;
    screenshot(&c, "r4-working-document").await;

    // A phone call, with its "confirm in writing" note.
    click(&c, "#nav-log").await;
    click(&c, "#log-add").await;
    click(&c, "#log-kind-call").await;
    type_into(&c, "#log-subject", "speech therapy not happening").await;
    type_into(&c, "#log-summary", "The therapist post is vacant until January.").await;
    click(&c, "#log-save").await;
    wait_for_text(&c, "main h2", "speech therapy not happening").await;
    let note = c
        .execute("return document.querySelector('.follow-up-text').value", vec![])
        .await
        .expect("read the follow-up note");
    let note = note.as_str().unwrap_or_default();
    assert!(note.contains("Thank you for speaking with me on the phone"), "{note}");
    screenshot(&c, "r4-contact-log").await;

    // The call is in the chronology, and still there after locking and unlocking.
    click(&c, "#nav-chronology").await;
    wait_for_text(&c, ".timeline", "Phone call out: speech therapy not happening").await;
    screenshot(&c, "r5-chronology").await;
    click(&c, "#lock").await;
    type_into(&c, "#unlock-passphrase", PASS).await;
    click(&c, "#unlock").await;
    wait_for_text(&c, "#home-title", "Sam's record").await;
    click(&c, "#nav-chronology").await;
    let line = wait_for_text(&c, ".timeline", "Phone call out: speech therapy not happening").await;
    assert!(line.contains("25 Dec 2015"), "the birth is there too, in British form: {line}");
    c.close().await.ok();
}

/// Set a field's value (a date input or a select) as a picker would, and tell the UI.
async fn set_value(c: &Client, css: &str, value: &str) {
    wait_for(c, css).await;
    c.execute(
        "const el = document.querySelector(arguments[0]); el.value = arguments[1];
         el.dispatchEvent(new Event('input', { bubbles: true }));
         el.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![css.into(), value.into()],
    )
    .await
    .unwrap_or_else(|e| panic!("set {css}: {e}"));
}

#[tokio::test]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display: run scripts/e2e.sh"]
async fn decision_letter_sent_date_shows_the_appeal_deadline_with_its_explanation() {
    let (_driver, _vault) = Driver::start(4474, &[]);
    let c = connect(4474).await;
    let _ = c.set_window_size(1000, 720).await;
    create_vault(&c).await;

    // No child yet: the Deadlines screen asks for a name and date of birth.
    click(&c, "#nav-deadlines").await;
    wait_for_text(&c, "#deadlines-title", "Deadlines").await;
    type_into(&c, "#new-child-name", "Sam Jones").await;
    set_value(&c, "#new-child-dob", "2016-05-04").await;
    click(&c, "#new-child-add").await;

    // The decision letter was sent on 15 June 2025: the appeal runs 2 months, into August, so the
    // Tribunal's rule moves it to the first working day after 31 August.
    set_value(&c, "#event-kind", "decision-notice-sent").await;
    set_value(&c, "#event-date", "2025-06-15").await;
    click(&c, "#event-add").await;
    wait_for_text(&c, "#deadlines-notice", "Recorded: Decision letter sent on 15 Jun 2025").await;
    let list = wait_for_text(&c, "#deadline-list", "Appeal to the SEND Tribunal").await;
    assert!(list.contains("1 Sep 2025"), "the appeal deadline moved out of August: {list}");
    screenshot(&c, "d1-deadlines").await;

    click(&c, "#deadline-list [data-rule='appeal-deadline'] button").await;
    let text = wait_for_text(&c, "#deadline-list", "HESC Rules 2008 r.20(1)(c)").await;
    assert!(text.contains("Decision letter sent on 15 Jun 2025"), "what started the clock: {text}");
    assert!(text.contains("5pm"), "the explanation says by when: {text}");
    screenshot(&c, "d2-appeal-explained").await;
    c.close().await.ok();
}

/// A three-page PDF whose second page holds the phrase the test searches for.
fn write_test_pdf(dir: &Path) {
    use carefile::pdf::{save_pdf, Layout, TextStyle};
    let mut layout = Layout::a4();
    layout.heading("Educational psychology report", &TextStyle::heading());
    layout.paragraph("Background and history of the assessment.", &TextStyle::body());
    layout.new_page();
    layout.paragraph(
        "Sam would benefit from trampoline therapy twice a week with a qualified instructor.",
        &TextStyle::body(),
    );
    layout.new_page();
    layout.paragraph("Summary and recommendations.", &TextStyle::body());
    let bytes = save_pdf("EP report", layout.finish()).expect("build the test PDF");
    std::fs::create_dir_all(dir).expect("import folder");
    std::fs::write(dir.join("EP report.pdf"), bytes).expect("write the test PDF");
}

/// The native file dialog can't be clicked by WebDriver, so this test sets
/// `CAREFILE_E2E_IMPORT_DIR`: in a debug build "Add files…" then takes the files in that folder
/// (see `e2e_import_dir` in src-tauri/src/commands/documents.rs; release builds ignore it).
#[tokio::test]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display: run scripts/e2e.sh"]
async fn import_a_pdf_see_it_listed_search_a_word_and_open_the_viewer_at_the_hit() {
    let files = tempfile::tempdir().expect("temp folder for the PDF");
    write_test_pdf(files.path());
    let dir = files.path().display().to_string();
    let (_driver, _vault) = Driver::start(4484, &[("CAREFILE_E2E_IMPORT_DIR", dir.as_str())]);
    let c = connect(4484).await;
    let _ = c.set_window_size(1000, 720).await;
    create_vault(&c).await;

    click(&c, "#nav-documents").await;
    wait_for_text(&c, "main h1", "Documents").await;
    click(&c, "#import-files").await;
    wait_for_text(&c, "#import-summary", "1 added.").await;
    let list = wait_for_text(&c, "#document-list", "EP report").await;
    assert!(list.contains('3'), "three pages listed: {list}");
    screenshot(&c, "doc1-imported").await;

    type_into(&c, "#doc-search", "trampoline").await;
    click(&c, "#doc-search-go").await;
    let results = wait_for_text(&c, "#search-results", "Page 2").await;
    assert!(results.contains("trampoline"), "the snippet shows the word: {results}");
    let marked = wait_for(&c, "#search-results mark").await.text().await.unwrap_or_default();
    assert_eq!(marked.to_lowercase(), "trampoline");
    screenshot(&c, "doc2-search").await;

    // Keep what the UI logs, so a failure below can say what went wrong.
    c.execute(
        "window.__errors = []; const log = console.error.bind(console);
         console.error = (...a) => { window.__errors.push(a.map((x) => String(x && x.stack || x)).join(' ')); log(...a); };",
        vec![],
    )
    .await
    .ok();
    click(&c, "#search-results .hit-title").await;
    wait_for_text(&c, "#viewer-page", "Page 2 of 3").await;
    let words = wait_for_text(&c, "#page-text", "trampoline").await;
    assert!(words.contains("qualified instructor"), "the page's words: {words}");
    wait_for(&c, "#page-text mark").await;
    // pdf.js (bundled, with its worker) drew the page under the desktop's CSP, with the hit
    // painted yellow on it.
    let mut drawn = false;
    for _ in 0..100 {
        let ink = c
            .execute(
                "const c = document.getElementById('viewer-canvas');
                 if (!c || c.width < 100) return false;
                 const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 let ink = false, mark = false;
                 for (let i = 0; i < d.length; i += 4) {
                   if (d[i] < 128 && d[i + 3] > 0) ink = true;
                   if (d[i] > 200 && d[i + 1] > 150 && d[i + 2] < 120) mark = true;
                 }
                 return ink && mark;",
                vec![],
            )
            .await;
        if matches!(ink, Ok(serde_json::Value::Bool(true))) {
            drawn = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(&c, "doc3-viewer").await;
    assert!(drawn, "pdf.js never drew page 2 with the hit marked");
    if let Ok(alert) = c.find(Locator::Css("[role=alert]")).await {
        let logged = c.execute("return window.__errors", vec![]).await.unwrap_or_default();
        panic!("the viewer showed an error: {}\n{logged}", alert.text().await.unwrap_or_default());
    }
    c.close().await.ok();
}

/// The build's notice, or a failure with the error the screen shows.
async fn wait_for_build(c: &Client) -> String {
    for _ in 0..600 {
        if let Ok(el) = c.find(Locator::Css("#pack-saved")).await {
            return el.text().await.unwrap_or_default();
        }
        if let Ok(alert) = c.find(Locator::Css("[role=alert]")).await {
            screenshot(c, "failure").await;
            panic!("the build failed: {}", alert.text().await.unwrap_or_default());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(c, "failure").await;
    panic!("the build never finished");
}

/// Neither native dialog can be clicked by WebDriver, so this test sets both debug-only hooks:
/// `CAREFILE_E2E_IMPORT_DIR` ("Add files…" takes that folder's files) and `CAREFILE_E2E_SAVE_DIR`
/// (Build saves there under the suggested name; see `e2e_save_path` in
/// src-tauri/src/commands/bundle.rs). Release builds have neither.
#[tokio::test]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display: run scripts/e2e.sh"]
async fn build_a_tribunal_bundle_from_the_packs_screen_and_find_the_pdf_where_it_was_saved() {
    let files = tempfile::tempdir().expect("temp folder for the PDF");
    write_test_pdf(files.path());
    let saved_to = tempfile::tempdir().expect("temp folder for the bundle");
    let import_dir = files.path().display().to_string();
    let save_dir = saved_to.path().display().to_string();
    let (_driver, _vault) = Driver::start(
        4494,
        &[
            ("CAREFILE_E2E_IMPORT_DIR", import_dir.as_str()),
            ("CAREFILE_E2E_SAVE_DIR", save_dir.as_str()),
        ],
    );
    let c = connect(4494).await;
    let _ = c.set_window_size(1000, 720).await;
    create_vault(&c).await;

    click(&c, "#nav-children").await;
    wait_for_text(&c, "main h1", "Add a child").await;
    type_into(&c, "#child-name", "Sam Example").await;
    set_date(&c, "#child-dob", "2015-12-25").await;
    click(&c, "#child-save").await;
    wait_for_text(&c, "#child-title", "Sam Example").await;

    click(&c, "#nav-documents").await;
    wait_for_text(&c, "main h1", "Documents").await;
    click(&c, "#import-files").await;
    wait_for_text(&c, "#import-summary", "1 added.").await;

    // The plan places the report; Build saves without a dialog and says where and how long.
    click(&c, "#nav-packs").await;
    let summary = wait_for_text(&c, "#pack-summary", "Tribunal bundle").await;
    wait_for_text(&c, "main", "EP report").await;
    screenshot(&c, "pack1-plan").await;
    click(&c, "#pack-build").await;
    let notice = wait_for_build(&c).await;
    let written: Vec<PathBuf> = std::fs::read_dir(saved_to.path())
        .expect("the save folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(written.len(), 1, "one file written: {written:?}");
    let path = &written[0];
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    assert!(
        name.starts_with("Tribunal bundle") && name.ends_with(".pdf"),
        "named after the pack: {name}"
    );
    assert!(notice.contains(&path.display().to_string()), "says where it went: {notice}");
    let pages: u32 = wait_for(&c, "#pack-result-pages")
        .await
        .text()
        .await
        .unwrap_or_default()
        .trim()
        .parse()
        .expect("the page count is a number");
    assert!(summary.contains(&format!("{pages} pages")), "the plan said the same: {summary}");
    let fingerprint = wait_for(&c, "#pack-result-fingerprint code").await.text().await.unwrap();
    assert_eq!(fingerprint.split_whitespace().count(), 4, "{fingerprint:?}");
    wait_for(&c, "#pack-open").await;
    wait_for(&c, "#pack-show").await;
    wait_for(&c, "#pack-print-pdf").await;
    screenshot(&c, "pack2-built").await;

    let bytes = std::fs::read(path).expect("the bundle is where the result says");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    // Poppler, as the core's bundle tests use: the page count and the fingerprint on the index.
    if let Ok(out) = Command::new("pdftotext").arg(path).arg("-").output() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(&fingerprint), "the index prints {fingerprint}");
        assert!(text.contains("trampoline therapy"), "the report's pages are in it");
    }
    if let Ok(out) = Command::new("pdfinfo").arg(path).output() {
        let info = String::from_utf8_lossy(&out.stdout);
        assert!(
            info.lines().any(|l| l.split_whitespace().eq(["Pages:", &pages.to_string()])),
            "{info}"
        );
    }
    c.close().await.ok();
}

/// A family's own vault with one child and a document, sealed into a handover package in `dir`.
fn family_package(dir: &Path, file: &str, child: &str) {
    use carefile::{documents, exchange, record, vault};
    let home = tempfile::tempdir().expect("family vault");
    let (mut v, _) = vault::create(
        &home.path().join("vault"),
        "Family",
        &vault::Passphrase::new(PASS),
        vault::KdfParams::INSECURE_FOR_TESTS,
    )
    .expect("family vault");
    let id = record::add_child(
        &mut v,
        &record::NewChild {
            name: child.into(),
            dob: "2016-05-04".parse().unwrap(),
            ..Default::default()
        },
    )
    .expect("child")
    .id;
    let options = documents::ImportOptions {
        metadata: documents::DocumentMetadata { child_id: Some(id.clone()), ..Default::default() },
        ..Default::default()
    };
    documents::import_bytes(
        &mut v,
        "report.txt",
        format!("Report on {child}").into_bytes(),
        &options,
    )
    .expect("document");
    let request = exchange::HandoverRequest {
        child_id: id,
        documents: None,
        made_by: format!("{child}'s parent"),
        delete_after: None,
    };
    exchange::export_handover(
        &v,
        &request,
        &vault::Passphrase::new(SHARE),
        vault::KdfParams::INSECURE_FOR_TESTS,
        &dir.join(file),
    )
    .expect("package");
}

const SHARE: &str = "otters under the old mill";

#[tokio::test]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display: run scripts/e2e.sh"]
async fn import_two_families_packages_and_see_them_on_the_caseload() {
    let packages = tempfile::tempdir().expect("packages");
    family_package(packages.path(), "1-ada.carefile-handover", "Ada");
    family_package(packages.path(), "2-ben.carefile-handover", "Ben");
    let dir = packages.path().display().to_string();
    let (_driver, _vault) = Driver::start(4488, &[("CAREFILE_E2E_HANDOVER_DIR", dir.as_str())]);
    let c = connect(4488).await;
    create_vault(&c).await;
    for who in ["Ada's parent", "Ben's parent"] {
        click(&c, "#nav-backups").await;
        wait_for_text(&c, "main h1", "Backups").await;
        click(&c, "#import-start").await;
        type_into(&c, "#import-share", SHARE).await;
        click(&c, "#import-go").await;
        wait_for_text(&c, "#import-notice", who).await;
    }
    click(&c, "#nav-caseload").await;
    wait_for_text(&c, "main h1", "Caseload").await;
    let list = wait_for_text(&c, ".families", "Ada").await;
    assert!(list.contains("Ben"), "both families on the caseload: {list}");
    assert!(list.contains("Received from Ada's parent"), "{list}");
    screenshot(&c, "caseload-1").await;
    c.close().await.ok();
}
