//! The JSON API and the pages over real HTTP, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{hidden_value, location, TestApp};
use serde_json::{json, Value};

const PASSWORD: &str = "calm-harbour-2718";

on_both_engines!(
    accounts_are_created_and_validated,
    tokens_are_issued_listed_and_revoked,
    another_users_token_reaches_nothing_of_mine,
    bad_requests_get_clear_errors_and_change_nothing,
    pages_sign_up_sign_in_and_sign_out,
    sessions_are_listed_and_revocable,
    changing_the_password_signs_out_other_sessions,
    time_zone_is_validated_and_saved,
    health_reports_the_database,
    sessions_expire_after_idle_and_absolute_lifetimes,
);

async fn accounts_are_created_and_validated(app: &TestApp) {
    let api = app.api();
    let created = app.create_account("Ana", PASSWORD).await;
    assert_eq!(created["username"], "ana");
    assert_eq!(created["time_zone"], "UTC");

    let again = api
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"username": "ana", "password": "another-long-pass"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);

    for (username, password, field) in [
        ("bea", "short", "password"),
        ("bea", "password123", "password"),
        ("bea", "Password1234", "password"),
        ("b", PASSWORD, "username"),
        ("bea bea", PASSWORD, "username"),
    ] {
        let response = api
            .post(app.at("/api/v1/accounts"))
            .json(&json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "{username}/{password}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "validation");
        assert_eq!(body["error"]["field"], field);
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(
        app.store.count_users().await.unwrap(),
        1,
        "refused sign-ups saved nothing"
    );

    let with_zone = api
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"username": "cai", "password": PASSWORD, "time_zone": "Asia/Tokyo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(with_zone.status(), 201);
    assert_eq!(
        with_zone.json::<Value>().await.unwrap()["time_zone"],
        "Asia/Tokyo"
    );
}

async fn tokens_are_issued_listed_and_revoked(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let (id, token) = app.create_token("ana", PASSWORD, "phone shortcut").await;
    assert!(token.starts_with("stdy_"));
    let api = app.api();

    let me: Value = api
        .get(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "ana");

    let listed = api
        .get(app.at("/api/v1/tokens"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200);
    let text = listed.text().await.unwrap();
    assert!(
        !text.contains(&token),
        "a listing never shows the token itself"
    );
    let listed: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(listed["tokens"][0]["id"], id.as_str());
    assert_eq!(listed["tokens"][0]["name"], "phone shortcut");
    assert!(
        listed["tokens"][0]["last_used_at"].is_string(),
        "use is recorded"
    );

    let wrong = api
        .post(app.at("/api/v1/tokens"))
        .json(&json!({"username": "ana", "password": "not-the-password", "name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let unknown = api
        .post(app.at("/api/v1/tokens"))
        .json(&json!({"username": "nobody", "password": PASSWORD, "name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 401);
    assert_eq!(
        wrong.json::<Value>().await.unwrap()["error"]["message"],
        unknown.json::<Value>().await.unwrap()["error"]["message"],
        "an unknown username looks the same as a wrong password"
    );

    let deleted = api
        .delete(app.at(&format!("/api/v1/tokens/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let after = api
        .get(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
    assert_eq!(
        after.json::<Value>().await.unwrap()["error"]["code"],
        "unauthorized"
    );
}

async fn another_users_token_reaches_nothing_of_mine(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    app.create_account("bea", PASSWORD).await;
    let (ana_token_id, ana_token) = app.create_token("ana", PASSWORD, "ana's laptop").await;
    let (_, bea_token) = app.create_token("bea", PASSWORD, "bea's phone").await;
    let api = app.api();

    let bea_list: Value = api
        .get(app.at("/api/v1/tokens"))
        .bearer_auth(&bea_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(bea_list["tokens"].as_array().unwrap().len(), 1);
    assert!(!bea_list.to_string().contains("ana's laptop"));

    let steal = api
        .delete(app.at(&format!("/api/v1/tokens/{ana_token_id}")))
        .bearer_auth(&bea_token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        steal.status(),
        404,
        "another person's token is simply not found"
    );

    let me: Value = api
        .get(app.at("/api/v1/me"))
        .bearer_auth(&ana_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "ana", "ana's token still works");

    let forged = api
        .get(app.at("/api/v1/me"))
        .bearer_auth("stdy_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
}

async fn bad_requests_get_clear_errors_and_change_nothing(app: &TestApp) {
    let api = app.api();
    let malformed = api
        .post(app.at("/api/v1/accounts"))
        .header("content-type", "application/json")
        .body("{\"username\": \"ana\", ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    assert_eq!(
        malformed.json::<Value>().await.unwrap()["error"]["code"],
        "bad_request"
    );

    let not_json = api
        .post(app.at("/api/v1/accounts"))
        .body("username=ana")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 415);

    let wrong_type = api
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"username": 42, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_type.status(), 422);

    let unknown_field = api
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"username": "ana", "password": PASSWORD, "admin": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown_field.status(), 422);

    let huge = api
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"username": "ana", "password": "x".repeat(400 * 1024)}))
        .send()
        .await
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    // The server answers before reading the rest of the body, so the client may see the
    // connection close before the JSON error body arrives: the status is what counts here.
    assert_eq!(huge.status(), 413);

    let missing = api
        .get(app.at("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(
        missing.json::<Value>().await.unwrap()["error"]["code"],
        "not_found"
    );

    let no_auth = api.get(app.at("/api/v1/tokens")).send().await.unwrap();
    assert_eq!(no_auth.status(), 401);

    assert_eq!(
        app.store.count_users().await.unwrap(),
        0,
        "nothing was saved"
    );
}

async fn pages_sign_up_sign_in_and_sign_out(app: &TestApp) {
    let browser = app.browser();
    let home = browser.get(app.at("/")).send().await.unwrap();
    assert_eq!(home.status(), 303);
    assert_eq!(location(&home), "/signin");

    let page = browser
        .get(app.at("/signup"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&page, "csrf");
    let weak = browser
        .post(app.at("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", "short"),
            ("time_zone", "Europe/Lisbon"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), 422);
    let weak_page = weak.text().await.unwrap();
    assert!(weak_page.contains("role=\"alert\""));
    assert!(weak_page.contains("at least 10 characters"));
    assert!(
        weak_page.contains("value=\"ana\""),
        "the username is kept in the form"
    );

    let csrf = hidden_value(&weak_page, "csrf");
    let created = browser
        .post(app.at("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", PASSWORD),
            ("time_zone", "Europe/Lisbon"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 303);
    let cookie = created
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("steady_session="))
        .expect("session cookie");
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain http on localhost has no Secure flag"
    );

    let home = browser
        .get(app.at("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Hi, ana."));
    assert!(home.contains("Sign out"));
    let me_tz = browser
        .get(app.at("/api/v1/me"))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(
        me_tz["time_zone"], "Europe/Lisbon",
        "the browser's time zone was kept"
    );

    let csrf = hidden_value(&home, "csrf");
    let forged = browser
        .post(app.at("/signout"))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        forged.status(),
        403,
        "a form without the session's CSRF token is refused"
    );
    let out = browser
        .post(app.at("/signout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    assert!(location(&out).starts_with("/signin"));
    let home = browser.get(app.at("/")).send().await.unwrap();
    assert_eq!(location(&home), "/signin", "signed out");

    let wrong = browser
        .get(app.at("/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&wrong, "csrf");
    let refused = browser
        .post(app.at("/signin"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", "calm-harbour-0000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("match. Check them and try again."));

    app.sign_in(&browser, "ANA", PASSWORD).await;
    let home = browser
        .get(app.at("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Hi, ana."), "usernames are case-insensitive");
}

async fn sessions_are_listed_and_revocable(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let phone = app.browser();
    let laptop = app.browser();
    let csrf = app.sign_in(&phone, "ana", PASSWORD).await;
    app.sign_in(&laptop, "ana", PASSWORD).await;

    let settings = phone
        .get(app.at("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        settings
            .matches("<strong>Chrome on Android</strong>")
            .count(),
        2
    );
    assert_eq!(settings.matches("This device").count(), 1);
    let marker = "action=\"/settings/sessions/";
    let start = settings
        .find(marker)
        .expect("a revoke form for the other session")
        + marker.len();
    let other_id = &settings[start..start + settings[start..].find('/').unwrap()];

    let revoked = phone
        .post(app.at(&format!("/settings/sessions/{other_id}/revoke")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 303);
    let laptop_home = laptop.get(app.at("/")).send().await.unwrap();
    assert_eq!(
        location(&laptop_home),
        "/signin",
        "the revoked session is signed out"
    );
    let phone_home = phone.get(app.at("/")).send().await.unwrap();
    assert_eq!(phone_home.status(), 200, "this device stays signed in");

    // Someone else's session id cannot be revoked.
    app.create_account("bea", PASSWORD).await;
    let bea = app.browser();
    let bea_csrf = app.sign_in(&bea, "bea", PASSWORD).await;
    let ana_sessions = app
        .store
        .sessions_of(
            &app.store
                .user_by_name(&steady_core::Username::parse("ana").unwrap())
                .await
                .unwrap()
                .unwrap()
                .id,
        )
        .await
        .unwrap();
    let attempt = bea
        .post(app.at(&format!("/settings/sessions/{}/revoke", ana_sessions[0].id)))
        .form(&[("csrf", bea_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(attempt.status(), 404);
    assert_eq!(phone.get(app.at("/")).send().await.unwrap().status(), 200);
}

async fn changing_the_password_signs_out_other_sessions(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let (_, token) = app.create_token("ana", PASSWORD, "script").await;
    let phone = app.browser();
    let laptop = app.browser();
    let csrf = app.sign_in(&phone, "ana", PASSWORD).await;
    app.sign_in(&laptop, "ana", PASSWORD).await;

    let wrong = phone
        .post(app.at("/settings/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", "not-my-password"),
            ("new_password", "a-brand-new-passphrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401, "the current password is asked again");
    assert_eq!(laptop.get(app.at("/")).send().await.unwrap().status(), 200);

    let changed = phone
        .post(app.at("/settings/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", "a-brand-new-passphrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 303);
    assert_eq!(
        location(&laptop.get(app.at("/")).send().await.unwrap()),
        "/signin"
    );
    assert_eq!(phone.get(app.at("/")).send().await.unwrap().status(), 200);

    let old = app
        .api()
        .post(app.at("/api/v1/tokens"))
        .json(&json!({"username": "ana", "password": PASSWORD, "name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401, "the old password no longer works");
    app.create_token("ana", "a-brand-new-passphrase", "y").await;
    let me = app
        .api()
        .get(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        me.status(),
        200,
        "personal access tokens are managed separately"
    );
}

async fn time_zone_is_validated_and_saved(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let (_, token) = app.create_token("ana", PASSWORD, "t").await;
    let api = app.api();
    let bad = api
        .patch(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .json(&json!({"time_zone": "Mars/Olympus_Mons"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let good: Value = api
        .patch(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .json(&json!({"time_zone": "America/Sao_Paulo"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(good["time_zone"], "America/Sao_Paulo");

    let browser = app.browser();
    let csrf = app.sign_in(&browser, "ana", PASSWORD).await;
    let saved = browser
        .post(app.at("/settings/time-zone"))
        .form(&[("csrf", csrf.as_str()), ("time_zone", "Europe/Berlin")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let page = browser
        .get(app.at("/settings?done=time-zone"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<option selected>Europe/Berlin</option>"));
    assert!(page.contains("Time zone saved."));
}

async fn health_reports_the_database(app: &TestApp) {
    let health: Value = app
        .api()
        .get(app.at("/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "ok");
    let engine = match app.engine {
        common::Engine::Sqlite => "sqlite",
        common::Engine::Postgres => "postgres",
    };
    assert_eq!(health["engine"], engine);
}

async fn sessions_expire_after_idle_and_absolute_lifetimes(app: &TestApp) {
    use steady_store::{MasterKey, NewUser, SessionLifetimes};
    let store = &app.store;
    let master = MasterKey::generate();
    let id = steady_store::new_id();
    store
        .create_user(
            &NewUser {
                wrapped_key: master.wrap(&id, &steady_store::DataKey::generate()),
                id: id.clone(),
                username: steady_core::Username::parse("ana").unwrap(),
                password_hash: "$argon2id$placeholder".into(),
                time_zone: steady_core::TimeZoneName::utc(),
            },
            jiff::Timestamp::now(),
        )
        .await
        .unwrap();
    let lifetimes = SessionLifetimes {
        idle: jiff::SignedDuration::from_hours(14 * 24),
        absolute: jiff::SignedDuration::from_hours(30 * 24),
    };
    let t0: jiff::Timestamp = "2026-01-01T08:00:00Z".parse().unwrap();
    let day = jiff::SignedDuration::from_hours(24);
    store
        .create_session(&id, b"idle-token-hash", "c1", "d", t0)
        .await
        .unwrap();
    assert!(store
        .live_session(b"idle-token-hash", lifetimes, t0 + day * 13)
        .await
        .unwrap()
        .is_some());
    assert!(
        store
            .live_session(b"idle-token-hash", lifetimes, t0 + day * 26)
            .await
            .unwrap()
            .is_some(),
        "used on day 13, so alive on day 26"
    );
    assert!(
        store
            .live_session(b"idle-token-hash", lifetimes, t0 + day * 41)
            .await
            .unwrap()
            .is_none(),
        "idle for 15 days"
    );

    store
        .create_session(&id, b"busy-token-hash", "c2", "d", t0)
        .await
        .unwrap();
    for d in [10, 20, 29] {
        assert!(store
            .live_session(b"busy-token-hash", lifetimes, t0 + day * d)
            .await
            .unwrap()
            .is_some());
    }
    assert!(
        store
            .live_session(b"busy-token-hash", lifetimes, t0 + day * 31)
            .await
            .unwrap()
            .is_none(),
        "30 days after sign-in, even if used daily"
    );
    assert!(
        store.sessions_of(&id).await.unwrap().is_empty(),
        "expired sessions are deleted"
    );
}
