//! `cargo xtask codegen` as a user runs it: what it prints, the exit status, and what it does
//! to the output folder.

use std::path::Path;
use std::process::{Command, Output};

const ERROR_FILE: &str = "---
reference:
  json:
    - key: demo_error
      id: demo_error
      url: /reference/demo/demo-error
      properties:
        - key: code
          type: '\"demo\"'
          description: The code.
        - key: detail
          type: string
          description: (demo.detail)
---

## Demo error

<CodeBlock referenceId=\"demo_error\" />
";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A docs tree with one file, and an empty output folder beside it.
fn workspace(file: &str) -> (tempfile::TempDir, String, String) {
    let root = tempfile::tempdir().unwrap();
    let docs = root.path().join("docs/reference/demo");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("demo-error.mdx"), file).unwrap();
    let docs = root.path().join("docs").display().to_string();
    let out = root.path().join("out").display().to_string();
    (root, docs, out)
}

fn codegen(docs: &str, out: &str, extra: &[&str]) -> Output {
    let mut args = vec!["codegen", "--docs", docs, "--out", out, "--no-config"];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn bad_docs_exit_1_with_a_located_snippet_and_write_nothing() {
    let (_root, docs, out) = workspace(ERROR_FILE);
    let output = codegen(&docs, &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("demo-error.mdx:13:24"), "{stderr}");
    assert!(stderr.contains("description: (demo.detail)"), "the snippet shows the line: {stderr}");
    assert!(stderr.contains("no namespace 'demo' is defined in any input file"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!Path::new(&out).exists());
}

#[test]
fn a_usage_error_exits_2() {
    assert_eq!(run(&["codegen", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["codegen", "--config", "x.yaml", "--no-config"]).status.code(), Some(2));
}

#[test]
fn write_then_check_then_a_stale_file() {
    let fixed = ERROR_FILE.replace("(demo.detail)", "More about the error.");
    let (_root, docs, out) = workspace(&fixed);

    let first = codegen(&docs, &out, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let stdout = text(&first.stdout);
    assert!(stdout.contains("created"), "{stdout}");
    assert!(
        stdout.lines().last().unwrap().starts_with("codegen: 1 docs file, 2 types"),
        "{stdout}"
    );

    let again = codegen(&docs, &out, &[]);
    assert!(text(&again.stdout).contains("0 created, 0 updated, 0 removed"));

    let check = codegen(&docs, &out, &["--check"]);
    assert_eq!(check.status.code(), Some(0));

    let module = Path::new(&out).join("src/reference/demo.rs");
    let edited = std::fs::read_to_string(&module).unwrap().replace("More about", "Less about");
    std::fs::write(&module, edited).unwrap();
    std::fs::write(Path::new(&out).join("src/reference/gone.rs"), "// @generated\n").unwrap();
    let check = codegen(&docs, &out, &["--check"]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = text(&check.stderr);
    assert!(stderr.contains("stale"), "{stderr}");
    assert!(stderr.contains("orphaned"), "{stderr}");
    assert!(stderr.contains(&format!("run `cargo xtask codegen --docs {docs} --out {out}")));
    assert!(std::fs::read_to_string(&module).unwrap().contains("Less about"), "check wrote");
}

#[test]
fn warnings_go_to_stderr_and_the_run_succeeds() {
    let untyped =
        ERROR_FILE.replace("(demo.detail)", "Some detail.").replace("type: string", "type: array");
    let (_root, docs, out) = workspace(&untyped);
    let output = codegen(&docs, &out, &[]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("warning:"), "{stderr}");
    assert!(stderr.contains("`array` with no item type"), "{stderr}");
    assert!(!text(&output.stdout).contains("warning:"));
}

/// Waits until `ready` holds, checking every 50 ms for at most 20 seconds.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !ready() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Collects what a child process prints, line by line, from a background thread.
fn collect(
    stream: impl std::io::Read + Send + 'static,
) -> std::sync::Arc<std::sync::Mutex<String>> {
    use std::io::BufRead;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = seen.clone();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stream).lines().map_while(Result::ok) {
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    seen
}

#[test]
fn watch_regenerates_on_change_and_survives_bad_edits() {
    let fixed = ERROR_FILE.replace("(demo.detail)", "More about the error.");
    let (root, docs, out) = workspace(&fixed);
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--docs", &docs, "--out", &out, "--no-config", "--watch"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = collect(child.stdout.take().unwrap());
    let stderr = collect(child.stderr.take().unwrap());
    let module = Path::new(&out).join("src/reference/demo.rs");
    let source = root.path().join("docs/reference/demo/demo-error.mdx");
    wait_for("the first run", || stdout.lock().unwrap().contains("watch: waiting"));
    // Untouched docs set off no run, even though every run reads them.
    std::thread::sleep(std::time::Duration::from_secs(1));
    assert!(!stdout.lock().unwrap().contains("regenerating"), "{}", stdout.lock().unwrap());

    let added = fixed.replace(
        "        - key: detail",
        "        - key: retry\n          type: boolean\n        - key: detail",
    );
    std::fs::write(&source, &added).unwrap();
    wait_for("the new field", || {
        std::fs::read_to_string(&module).is_ok_and(|text| text.contains("pub retry: bool,"))
    });
    wait_for("the report", || stdout.lock().unwrap().contains("required field `retry` added"));
    std::thread::sleep(std::time::Duration::from_secs(1));
    let runs = stdout.lock().unwrap().matches("regenerating").count();
    assert_eq!(runs, 1, "one edit, one run: {}", stdout.lock().unwrap());

    let good = std::fs::read_to_string(&module).unwrap();
    std::fs::write(&source, added.replace("type: boolean", "type: [broken")).unwrap();
    wait_for("the error", || stderr.lock().unwrap().contains("nothing was written"));
    assert_eq!(std::fs::read_to_string(&module).unwrap(), good);

    std::fs::write(&source, &fixed).unwrap();
    wait_for("the fix", || {
        std::fs::read_to_string(&module).is_ok_and(|text| !text.contains("pub retry"))
    });
    child.kill().unwrap();
    child.wait().unwrap();
}
