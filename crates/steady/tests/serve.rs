//! The `steady` binary as an operator runs it: first start, privacy of what it stores and logs,
//! refusals with clear messages, graceful shutdown, and the user and config commands.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn steady() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_steady"));
    // Keep the caller's Steady settings out of the tests.
    for (key, _) in std::env::vars() {
        if key.starts_with("STEADY_") || key == "DATABASE_URL" {
            cmd.env_remove(key);
        }
    }
    cmd
}

struct Running {
    child: Child,
    url: String,
    stderr: std::sync::mpsc::Receiver<String>,
}

impl Running {
    fn start(data_dir: &Path, extra_env: &[(&str, &str)]) -> Self {
        let mut cmd = steady();
        cmd.args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("steady starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("steady prints its address");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        let mut stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut all = String::new();
            let _ = stderr.read_to_string(&mut all);
            let _ = tx.send(all);
        });
        Self {
            child,
            url,
            stderr: rx,
        }
    }

    fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    /// Sends SIGTERM and waits; returns the exit status and everything logged.
    fn stop(mut self) -> (std::process::ExitStatus, String) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        let exit = loop {
            if let Some(exit) = self.child.try_wait().unwrap() {
                break exit;
            }
            assert!(
                Instant::now() < deadline,
                "steady did not stop after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let logs = self
            .stderr
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_default();
        (exit, logs)
    }
}

fn occurrences(haystack: &[u8], needle: &str) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle.as_bytes())
        .count()
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

#[test]
fn first_start_creates_everything_and_nothing_secret_reaches_disk_or_logs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("steady-data");
    let server = Running::start(&data, &[("STEADY_LOG", "debug")]);

    // First run made the folder, the database and a private key file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key_mode = std::fs::metadata(data.join("master.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(key_mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(&data).unwrap().permissions().mode();
        assert_eq!(dir_mode & 0o077, 0, "the data folder is private");
    }
    assert!(data.join("steady.db").exists());

    let unique = format!("{:x}", std::process::id() as u64 * 7919 + 12345);
    let password = format!("canary-password-{unique}");
    let token_name = format!("canary-token-name-{unique}");
    let client = reqwest::blocking::Client::new();
    let created = client
        .post(server.at("/api/v1/accounts"))
        .json(&json!({"username": "canary", "password": password}))
        .send()
        .unwrap();
    assert_eq!(created.status(), 201);
    let token: Value = client
        .post(server.at("/api/v1/tokens"))
        .json(&json!({"username": "canary", "password": password, "name": token_name}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let token = token["token"].as_str().unwrap().to_owned();
    let listed: Value = client
        .get(server.at("/api/v1/tokens"))
        .bearer_auth(&token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        listed["tokens"][0]["name"],
        token_name.as_str(),
        "the name opens for its owner"
    );
    let bid_note = format!("canary-bid-note-{unique}");
    let bid: Value = client
        .post(server.at("/api/v1/bids"))
        .bearer_auth(&token)
        .json(&json!({"direction": "partner_to_me", "kind": "gesture", "note": bid_note}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        bid["note"],
        bid_note.as_str(),
        "the bid's note opens for its owner"
    );

    // Scan the database and its WAL while the server runs (nothing checkpointed away yet).
    let mut scanned = 0;
    for file in files_in(&data) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("steady.db") {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap();
        scanned += bytes.len();
        for secret in [&password, &token_name, &token, &bid_note] {
            assert_eq!(occurrences(&bytes, secret), 0, "{secret} found in {name}");
        }
    }
    assert!(scanned > 0);
    assert!(
        data.join("steady.db-wal").exists(),
        "SQLite runs in WAL mode"
    );

    let (exit, logs) = server.stop();
    assert!(
        exit.success(),
        "graceful shutdown exits cleanly: {exit:?}\n{logs}"
    );
    assert!(
        logs.contains("/api/v1/tokens"),
        "requests are logged by route"
    );
    for secret in [&password, &token_name, &token, &bid_note] {
        assert_eq!(
            occurrences(logs.as_bytes(), secret),
            0,
            "{secret} found in the logs"
        );
    }
}

#[test]
fn a_key_file_readable_by_others_is_refused_with_a_clear_message() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let key = data.join("master.key");
        std::fs::write(&key, "00".repeat(32)).unwrap();
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = steady()
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("can be read by other users"), "{err}");
        assert!(err.contains("chmod 600"), "{err}");
    }
}

#[test]
fn an_unrecognised_database_url_is_an_error_not_a_new_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = steady()
        .current_dir(dir.path())
        .env("DATABASE_URL", "postgress://typo@localhost/steady")
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unrecognised database URL"), "{err}");
    assert!(
        files_in(dir.path()).is_empty(),
        "nothing was created: {:?}",
        files_in(dir.path())
    );
}

#[test]
fn config_default_prints_a_file_that_serve_accepts_and_unknown_keys_fail() {
    let out = steady().args(["config", "default"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("listen = \"127.0.0.1:8080\""));
    assert!(text.contains("signups = true"));

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("steady.toml");
    std::fs::write(
        &config,
        text.replace("127.0.0.1:8080", "127.0.0.1:0").replace(
            "data_dir = \"steady-data\"",
            &format!(
                "data_dir = {:?}",
                dir.path().join("d").display().to_string()
            ),
        ),
    )
    .unwrap();
    let server = {
        let mut cmd = steady();
        cmd.args(["serve", "--config"])
            .arg(&config)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        cmd.spawn().unwrap()
    };
    let mut server = server;
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    server.kill().unwrap();
    let _ = server.wait();

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "listen = \"127.0.0.1:0\"\nsign_ups = false\n").unwrap();
    let out = steady()
        .args(["serve", "--config"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sign_ups"));
}

#[test]
fn the_operator_adds_users_when_sign_ups_are_closed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut add = steady()
        .args([
            "user",
            "add",
            "Mina",
            "--time-zone",
            "Europe/Lisbon",
            "--data-dir",
        ])
        .arg(&data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"quiet-lighthouse-77\n")
        .unwrap();
    let out = add.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("mina"));

    let mut weak = steady()
        .args(["user", "add", "noor", "--data-dir"])
        .arg(&data)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    weak.stdin.take().unwrap().write_all(b"short\n").unwrap();
    let out = weak.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 10 characters"));

    let server = Running::start(&data, &[("STEADY_SIGNUPS", "false")]);
    let client = reqwest::blocking::Client::new();
    let signup = client
        .post(server.at("/api/v1/accounts"))
        .json(&json!({"username": "someone", "password": "quiet-lighthouse-88"}))
        .send()
        .unwrap();
    assert_eq!(signup.status(), 403);
    let token = client
        .post(server.at("/api/v1/tokens"))
        .json(&json!({"username": "mina", "password": "quiet-lighthouse-77", "name": "cli"}))
        .send()
        .unwrap();
    assert_eq!(token.status(), 201);
    let token: Value = token.json().unwrap();
    let me: Value = client
        .get(server.at("/api/v1/me"))
        .bearer_auth(token["token"].as_str().unwrap())
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(me["time_zone"], "Europe/Lisbon");
    let (exit, _) = server.stop();
    assert!(exit.success());
}
