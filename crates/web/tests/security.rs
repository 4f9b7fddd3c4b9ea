//! CSRF, cross-origin requests, rate limits, headers and closed sign-ups, on both engines.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{hidden_value, location, Engine, TestApp};
use serde_json::{json, Value};

const PASSWORD: &str = "calm-harbour-2718";

on_both_engines!(
    cookie_json_calls_need_the_csrf_header,
    requests_from_another_origin_are_refused,
    sign_in_attempts_are_rate_limited_without_locking_the_owner_out,
    every_response_carries_the_security_headers,
    anonymous_forms_need_their_csrf_cookie,
    openapi_document_describes_the_public_contract,
);

async fn cookie_json_calls_need_the_csrf_header(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let (token_id, _) = app.create_token("ana", PASSWORD, "t").await;
    let browser = app.browser();
    let csrf = app.sign_in(&browser, "ana", PASSWORD).await;

    let listed = browser.get(app.at("/api/v1/tokens")).send().await.unwrap();
    assert_eq!(
        listed.status(),
        200,
        "reading with the session cookie needs no CSRF header"
    );

    let without = browser
        .delete(app.at(&format!("/api/v1/tokens/{token_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), 403);
    assert_eq!(
        without.json::<Value>().await.unwrap()["error"]["code"],
        "csrf"
    );
    let wrong = browser
        .delete(app.at(&format!("/api/v1/tokens/{token_id}")))
        .header("x-csrf-token", "guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    let listed: Value = browser
        .get(app.at("/api/v1/tokens"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        listed["tokens"].as_array().unwrap().len(),
        1,
        "nothing was revoked"
    );

    let with = browser
        .delete(app.at(&format!("/api/v1/tokens/{token_id}")))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), 204);
}

async fn requests_from_another_origin_are_refused(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let browser = app.browser();
    let page = browser
        .get(app.at("/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&page, "csrf");

    let cross = browser
        .post(app.at("/signin"))
        .header("origin", "https://evil.example")
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), 403);
    let cross_site = browser
        .post(app.at("/signin"))
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    let api = app
        .api()
        .post(app.at("/api/v1/accounts"))
        .header("origin", "https://evil.example")
        .json(&json!({"username": "mallory", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 403);
    assert_eq!(
        api.json::<Value>().await.unwrap()["error"]["code"],
        "origin"
    );
    assert_eq!(app.store.count_users().await.unwrap(), 1);

    let same_site = browser
        .post(app.at("/signin"))
        .header("sec-fetch-site", "same-site")
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), 403, "a sibling site is another site");
    let null_origin = browser
        .post(app.at("/signin"))
        .header("origin", "null")
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        null_origin.status(),
        403,
        "an opaque origin without fetch metadata is refused"
    );

    // What Chromium sends for the app's own form under Referrer-Policy: no-referrer.
    let browser_form = browser
        .post(app.at("/signin"))
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        browser_form.status(),
        303,
        "the app's own form in a real browser"
    );
    let browser = app.browser();
    let page = browser
        .get(app.at("/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&page, "csrf");
    let same = browser
        .post(app.at("/signin"))
        .header("origin", app.url.clone())
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), 303, "the app's own origin is fine");
}

async fn sign_in_attempts_are_rate_limited_without_locking_the_owner_out(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let attacker = app.api();
    for attempt in 1..=10 {
        let response = attacker
            .post(app.at("/api/v1/tokens"))
            .json(&json!({"username": "ana", "password": format!("guess-number-{attempt}"), "name": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    let limited = attacker
        .post(app.at("/api/v1/tokens"))
        .json(&json!({"username": "ana", "password": PASSWORD, "name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        limited.status(),
        429,
        "even the right password waits once the limit is hit"
    );
    let retry: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "Retry-After {retry}");

    // The owner, on another address, is not locked out.
    let owner = app.browser_from("127.0.0.2".parse().unwrap());
    let response = owner
        .post(app.at("/api/v1/tokens"))
        .json(&json!({"username": "ana", "password": PASSWORD, "name": "phone"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);

    // The sign-in page says so too, with the same header.
    let page = attacker.get(app.at("/signin")).send().await.unwrap();
    let cookie = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csrf = hidden_value(&page.text().await.unwrap(), "csrf");
    let limited_page = attacker
        .post(app.at("/signin"))
        .header("cookie", cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(limited_page.status(), 429);
    assert!(limited_page.headers().contains_key("retry-after"));
    assert!(limited_page
        .text()
        .await
        .unwrap()
        .contains("Too many attempts"));
}

async fn every_response_carries_the_security_headers(app: &TestApp) {
    let client = app.api();
    for path in [
        "/signin",
        "/signup",
        "/",
        "/no-such-page",
        "/api/v1/openapi.json",
        "/api/v1/me",
        "/healthz",
        "/assets/steady.css",
    ] {
        let response = client.get(app.at(path)).send().await.unwrap();
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(
            !h.contains_key("strict-transport-security"),
            "no HSTS over plain http: {path}"
        );
    }
    let page = client
        .get(app.at("/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("<script>") && !page.contains("style="),
        "no inline script or style"
    );
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no external assets"
    );
}

async fn anonymous_forms_need_their_csrf_cookie(app: &TestApp) {
    let browser = app.browser();
    let _ = browser.get(app.at("/signup")).send().await.unwrap();
    let forged = browser
        .post(app.at("/signup"))
        .form(&[
            ("csrf", "made-up-token-that-is-long-enough-000"),
            ("username", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert!(forged.text().await.unwrap().contains("expired"));
    assert_eq!(app.store.count_users().await.unwrap(), 0);
}

async fn openapi_document_describes_the_public_contract(app: &TestApp) {
    let doc: Value = app
        .api()
        .get(app.at("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/accounts", "post"),
        ("/api/v1/tokens", "post"),
        ("/api/v1/tokens", "get"),
        ("/api/v1/tokens/{id}", "delete"),
        ("/api/v1/me", "get"),
    ] {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} documented"
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_sign_ups_refuse_new_accounts() {
    let app = TestApp::spawn_with(Engine::Sqlite, |c| c.signups = false)
        .await
        .unwrap();
    let response = app
        .api()
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"username": "ana", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"]["code"],
        "signups_closed"
    );
    let page = app
        .browser()
        .get(app.at("/signup"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("does not take new sign-ups"));
    assert!(!page.contains("Create account</button>"));
    assert_eq!(app.store.count_users().await.unwrap(), 0);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_public_url_marks_cookies_secure_and_sends_hsts() {
    let app = TestApp::spawn_with(Engine::Sqlite, |c| {
        c.public_url = Some("https://steady.example.org".parse().unwrap());
    })
    .await
    .unwrap();
    let response = app.api().get(app.at("/signin")).send().await.unwrap();
    assert!(response.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
    // With a public URL, only that origin may post.
    let refused = app
        .api()
        .post(app.at("/api/v1/accounts"))
        .header("origin", app.url.clone())
        .json(&json!({"username": "ana", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let allowed = app
        .api()
        .post(app.at("/api/v1/accounts"))
        .header("origin", "https://steady.example.org")
        .json(&json!({"username": "ana", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), 201);
    let _ = location(&allowed);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_runs_with_safe_settings() {
    let app = TestApp::spawn(Engine::Sqlite).await.unwrap();
    let settings = app.store.sqlite_settings().await.unwrap().expect("sqlite");
    assert_eq!(settings.journal_mode, "wal");
    assert_eq!(settings.synchronous, 2, "synchronous=FULL");
    assert!(settings.foreign_keys);
    assert!(settings.busy_timeout_ms >= 1000);
    app.finish().await;
}
