//! Bids for connection over real HTTP, on SQLite and PostgreSQL: the API, the ledger summary,
//! isolation between accounts, the pages (one-tap logging, the ledger, the evidence component),
//! and the note's encryption at rest.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{hidden_value, location, Engine, TestApp};
use jiff::{civil, tz::TimeZone, Timestamp, ToSpan as _};
use serde_json::{json, Value};

const PASSWORD: &str = "calm-harbour-2718";

on_both_engines!(
    bids_are_logged_read_changed_and_deleted,
    unknown_values_are_refused_and_name_their_field,
    another_account_cannot_reach_any_bid,
    lists_filter_by_direction_kind_response_and_dates,
    summary_counts_weeks_rates_and_ratio_and_waits_for_enough_data,
    summary_weeks_follow_the_persons_time_zone,
    pages_log_a_bid_with_one_tap_and_show_ledger_and_evidence,
    page_forms_are_checked,
    notes_are_sealed_at_rest,
);

async fn account_with_token(app: &TestApp, name: &str) -> String {
    app.create_account(name, PASSWORD).await;
    app.create_token(name, PASSWORD, "tests").await.1
}

async fn post_bid(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.api()
        .post(app.at("/api/v1/bids"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn create_bid(app: &TestApp, token: &str, body: Value) -> Value {
    let response = post_bid(app, token, body.clone()).await;
    assert_eq!(response.status(), 201, "bid {body} logged");
    response.json().await.unwrap()
}

async fn get_json(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let response = app
        .api()
        .get(app.at(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Monday 00:00 UTC of the week `back` weeks before the current one, plus `hours`.
fn past_week(back: i64, hours: i64) -> String {
    let now = Timestamp::now();
    let monday = steady_core::week_start(now, &TimeZone::UTC);
    let start = monday.checked_sub((7 * back).days()).unwrap();
    let at = start.to_zoned(TimeZone::UTC).unwrap().timestamp() + hours.hours();
    at.to_string()
}

async fn bids_are_logged_read_changed_and_deleted(app: &TestApp) {
    let token = account_with_token(app, "ana").await;
    let before = Timestamp::now();
    let bid = create_bid(
        app,
        &token,
        json!({"direction": "partner_to_me", "kind": "gesture", "response": "turned_toward", "note": "  brought me coffee  "}),
    )
    .await;
    assert_eq!(bid["direction"], "partner_to_me");
    assert_eq!(bid["kind"], "gesture");
    assert_eq!(bid["response"], "turned_toward");
    assert_eq!(bid["note"], "brought me coffee", "the note is trimmed");
    let at: Timestamp = bid["occurred_at"].as_str().unwrap().parse().unwrap();
    assert!(
        at >= before - 1.second() && at <= Timestamp::now(),
        "occurred_at defaults to now"
    );
    let id = bid["id"].as_str().unwrap().to_owned();

    let minimal = create_bid(
        app,
        &token,
        json!({"direction": "me_to_partner", "kind": "invitation"}),
    )
    .await;
    assert_eq!(
        minimal["response"], "not_sure",
        "the response defaults to not sure yet"
    );
    assert_eq!(minimal["note"], Value::Null);

    let (status, got) = get_json(app, &token, &format!("/api/v1/bids/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(got, bid);

    let changed: Value = app
        .api()
        .patch(app.at(&format!("/api/v1/bids/{id}")))
        .bearer_auth(&token)
        .json(&json!({"response": "turned_away", "occurred_at": "2026-01-05T18:30:00+01:00"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(changed["response"], "turned_away");
    assert_eq!(changed["kind"], "gesture", "fields not given stay");
    assert_eq!(
        changed["note"], "brought me coffee",
        "the note stays when not given"
    );
    assert_eq!(changed["occurred_at"], "2026-01-05T17:30:00Z");

    let cleared: Value = app
        .api()
        .patch(app.at(&format!("/api/v1/bids/{id}")))
        .bearer_auth(&token)
        .json(&json!({"note": ""}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cleared["note"], Value::Null, "an empty note removes it");

    let (_, list) = get_json(app, &token, "/api/v1/bids").await;
    assert_eq!(list["bids"].as_array().unwrap().len(), 2);
    assert_eq!(list["bids"][0]["id"], minimal["id"], "newest first");

    let deleted = app
        .api()
        .delete(app.at(&format!("/api/v1/bids/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let (status, body) = get_json(app, &token, &format!("/api/v1/bids/{id}")).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");

    let anonymous = app.api().get(app.at("/api/v1/bids")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

async fn unknown_values_are_refused_and_name_their_field(app: &TestApp) {
    let token = account_with_token(app, "ana").await;
    let long_note = "a".repeat(1001);
    for (body, field) in [
        (json!({"direction": "partner_to_me", "kind": "hug"}), "kind"),
        (
            json!({"direction": "sideways", "kind": "affection"}),
            "direction",
        ),
        (
            json!({"direction": "partner_to_me", "kind": "affection", "response": "maybe"}),
            "response",
        ),
        (
            json!({"direction": "partner_to_me", "kind": "affection", "note": long_note}),
            "note",
        ),
        (
            json!({"direction": "partner_to_me", "kind": "affection", "occurred_at": "yesterday"}),
            "occurred_at",
        ),
        (
            json!({"direction": "partner_to_me", "kind": "affection", "occurred_at": "2099-01-01T00:00:00Z"}),
            "occurred_at",
        ),
        (json!({"direction": "partner_to_me"}), "body"),
        (
            json!({"direction": "partner_to_me", "kind": "affection", "mood": "sad"}),
            "body",
        ),
    ] {
        let response = post_bid(app, &token, body.clone()).await;
        assert_eq!(response.status(), 422, "{body}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "validation", "{body}");
        assert_eq!(error["error"]["field"], field, "{body}");
        assert!(!error["error"]["message"].as_str().unwrap().is_empty());
    }
    let unknown_kind: Value = post_bid(
        app,
        &token,
        json!({"direction": "partner_to_me", "kind": "hug"}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        unknown_kind["error"]["message"]
            .as_str()
            .unwrap()
            .contains("checked_in"),
        "the message lists the kinds: {unknown_kind}"
    );

    for (query, field) in [
        ("direction=up", "direction"),
        ("kind=hug", "kind"),
        ("response=maybe", "response"),
        ("from=last-week", "from"),
        ("to=2026-13-01", "to"),
        ("limit=0", "limit"),
        ("limit=many", "limit"),
    ] {
        let (status, body) = get_json(app, &token, &format!("/api/v1/bids?{query}")).await;
        assert_eq!(status, 422, "{query}");
        assert_eq!(body["error"]["field"], field, "{query}");
    }
    for weeks in ["0", "53", "x"] {
        let (status, body) =
            get_json(app, &token, &format!("/api/v1/bids/summary?weeks={weeks}")).await;
        assert_eq!(status, 422, "weeks={weeks}");
        assert_eq!(body["error"]["field"], "weeks");
    }

    let bid = create_bid(
        app,
        &token,
        json!({"direction": "partner_to_me", "kind": "affection"}),
    )
    .await;
    let id = bid["id"].as_str().unwrap();
    let patched = app
        .api()
        .patch(app.at(&format!("/api/v1/bids/{id}")))
        .bearer_auth(&token)
        .json(&json!({"kind": "kiss"}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), 422);
    assert_eq!(
        patched.json::<Value>().await.unwrap()["error"]["field"],
        "kind"
    );
    let (_, list) = get_json(app, &token, "/api/v1/bids").await;
    assert_eq!(
        list["bids"].as_array().unwrap().len(),
        1,
        "refused requests saved nothing"
    );
    assert_eq!(
        list["bids"][0]["kind"], "affection",
        "a refused change changed nothing"
    );
}

async fn another_account_cannot_reach_any_bid(app: &TestApp) {
    let ana = account_with_token(app, "ana").await;
    let bea = account_with_token(app, "bea").await;
    let bid = create_bid(
        app,
        &ana,
        json!({"direction": "partner_to_me", "kind": "remembered", "response": "turned_toward", "note": "ana's private note"}),
    )
    .await;
    let id = bid["id"].as_str().unwrap();
    let missing = "01938a6e-0000-7000-8000-000000000000";
    let api = app.api();

    let (status, theirs) = get_json(app, &bea, &format!("/api/v1/bids/{id}")).await;
    let (_, nothing) = get_json(app, &bea, &format!("/api/v1/bids/{missing}")).await;
    assert_eq!(status, 404);
    assert_eq!(
        theirs, nothing,
        "another person's bid looks exactly like no bid"
    );

    let patched = api
        .patch(app.at(&format!("/api/v1/bids/{id}")))
        .bearer_auth(&bea)
        .json(&json!({"response": "turned_against", "note": "overwritten"}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), 404);
    let deleted = api
        .delete(app.at(&format!("/api/v1/bids/{id}")))
        .bearer_auth(&bea)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 404);

    let (_, list) = get_json(app, &bea, "/api/v1/bids").await;
    assert_eq!(list["bids"], json!([]));
    let (_, summary) = get_json(app, &bea, "/api/v1/bids/summary").await;
    assert_eq!(summary["totals"]["partner_to_me"]["total"], 0);
    assert!(!summary.to_string().contains("private"));

    // The pages too.
    let browser = app.browser();
    let csrf = app.sign_in(&browser, "bea", PASSWORD).await;
    let edit = browser
        .get(app.at(&format!("/connection/bids/{id}/edit")))
        .send()
        .await
        .unwrap();
    assert_eq!(edit.status(), 404);
    assert!(!edit.text().await.unwrap().contains("private note"));
    for path in [
        format!("/connection/bids/{id}/response"),
        format!("/connection/bids/{id}/delete"),
        format!("/connection/bids/{id}"),
    ] {
        let response = browser
            .post(app.at(&path))
            .form(&[
                ("csrf", csrf.as_str()),
                ("response", "turned_against"),
                ("direction", "partner_to_me"),
                ("kind", "other"),
                ("note", "overwritten"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "POST {path}");
    }
    let ledger = browser
        .get(app.at("/connection"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!ledger.contains("private note"));
    let home = browser
        .get(app.at("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("private note"));

    let (status, still) = get_json(app, &ana, &format!("/api/v1/bids/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(still, bid, "ana's bid is untouched");
}

async fn lists_filter_by_direction_kind_response_and_dates(app: &TestApp) {
    let token = account_with_token(app, "ana").await;
    let a = create_bid(app, &token, json!({"direction": "partner_to_me", "kind": "checked_in", "response": "turned_toward", "occurred_at": "2026-03-02T09:00:00Z"})).await;
    let b = create_bid(app, &token, json!({"direction": "partner_to_me", "kind": "affection", "response": "turned_away", "occurred_at": "2026-03-03T09:00:00Z"})).await;
    let c = create_bid(app, &token, json!({"direction": "me_to_partner", "kind": "checked_in", "response": "turned_toward", "occurred_at": "2026-03-04T23:30:00Z"})).await;
    let d = create_bid(app, &token, json!({"direction": "me_to_partner", "kind": "humour", "occurred_at": "2026-03-10T09:00:00Z"})).await;
    let ids = |list: &Value| -> Vec<String> {
        list["bids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let id = |b: &Value| b["id"].as_str().unwrap().to_owned();
    for (query, expected) in [
        ("", vec![id(&d), id(&c), id(&b), id(&a)]),
        ("direction=partner_to_me", vec![id(&b), id(&a)]),
        ("kind=checked_in", vec![id(&c), id(&a)]),
        ("response=turned_toward", vec![id(&c), id(&a)]),
        ("response=not_sure", vec![id(&d)]),
        ("direction=me_to_partner&kind=checked_in", vec![id(&c)]),
        ("from=2026-03-03&to=2026-03-04", vec![id(&c), id(&b)]),
        (
            "from=2026-03-03T09:00:00Z&to=2026-03-04T23:30:00Z",
            vec![id(&b)],
        ),
        ("to=2026-03-02", vec![id(&a)]),
        ("limit=2", vec![id(&d), id(&c)]),
        ("limit=2&offset=2", vec![id(&b), id(&a)]),
        ("kind=gesture", vec![]),
    ] {
        let (status, list) = get_json(app, &token, &format!("/api/v1/bids?{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(ids(&list), expected, "{query}");
    }
}

async fn summary_counts_weeks_rates_and_ratio_and_waits_for_enough_data(app: &TestApp) {
    let token = account_with_token(app, "ana").await;
    let log = |direction: &'static str, response: &'static str, back: i64| json!({"direction": direction, "kind": "checked_in", "response": response, "occurred_at": past_week(back, 10)});
    for body in [
        log("partner_to_me", "turned_toward", 2),
        log("partner_to_me", "turned_toward", 2),
        log("partner_to_me", "turned_toward", 2),
        log("partner_to_me", "turned_away", 2),
        log("me_to_partner", "turned_toward", 2),
        log("me_to_partner", "turned_against", 2),
        log("partner_to_me", "turned_toward", 1),
        log("partner_to_me", "turned_toward", 1),
        log("partner_to_me", "not_sure", 1),
    ] {
        create_bid(app, &token, body).await;
    }
    let (status, s) = get_json(app, &token, "/api/v1/bids/summary?weeks=4").await;
    assert_eq!(status, 200);
    assert_eq!(s["time_zone"], "UTC");
    assert_eq!(s["week_starts_on"], "monday");
    let weeks = s["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 4);
    assert_eq!(
        weeks[0]["partner_to_me"]["total"], 0,
        "an empty week is kept"
    );
    assert_eq!(
        weeks[0]["partner_to_me"]["turning_toward_percent"],
        Value::Null
    );
    assert_eq!(weeks[1]["start"].as_str().unwrap(), &past_week(2, 0)[..10]);
    assert_eq!(weeks[1]["partner_to_me"]["deposits"], 3);
    assert_eq!(weeks[1]["partner_to_me"]["withdrawals"], 1);
    assert_eq!(weeks[1]["partner_to_me"]["turning_toward_percent"], 75);
    assert_eq!(weeks[1]["me_to_partner"]["turning_toward_percent"], 50);
    assert_eq!(weeks[1]["me_to_partner"]["turned_against"], 1);
    assert_eq!(
        weeks[2]["partner_to_me"]["turning_toward_percent"], 100,
        "not sure is left out"
    );
    assert_eq!(weeks[2]["partner_to_me"]["not_sure"], 1);
    assert_eq!(weeks[2]["partner_to_me"]["total"], 3);
    assert_eq!(weeks[3]["partner_to_me"]["total"], 0);
    let end: civil::Date = weeks[3]["end"].as_str().unwrap().parse().unwrap();
    assert_eq!(end.weekday(), civil::Weekday::Sunday);
    assert_eq!(s["totals"]["partner_to_me"]["answered"], 6);
    assert_eq!(s["totals"]["partner_to_me"]["turning_toward_percent"], 83);
    assert_eq!(s["ratio"]["positive"], 6);
    assert_eq!(s["ratio"]["negative"], 2);
    assert_eq!(s["ratio"]["per_negative"], 3.0);
    assert_eq!(s["enough_data"]["partner_to_me"], false);
    assert_eq!(
        s["reference"],
        Value::Null,
        "no research figures beside a handful of bids"
    );
    assert_eq!(s["patterns"]["noticed"][0]["kind"], "checked_in");
    assert_eq!(s["patterns"]["noticed"][0]["count"], 7);

    let (_, one_week) = get_json(app, &token, "/api/v1/bids/summary?weeks=1").await;
    assert_eq!(one_week["weeks"].as_array().unwrap().len(), 1);
    assert_eq!(
        one_week["totals"]["partner_to_me"]["total"], 0,
        "older weeks are outside the window"
    );

    for _ in 0..14 {
        create_bid(app, &token, log("partner_to_me", "turned_toward", 1)).await;
    }
    let (_, s) = get_json(app, &token, "/api/v1/bids/summary?weeks=4").await;
    assert_eq!(s["totals"]["partner_to_me"]["answered"], 20);
    assert_eq!(s["enough_data"]["partner_to_me"], true);
    assert_eq!(s["enough_data"]["me_to_partner"], false);
    assert_eq!(s["reference"]["stayed_together_percent"], 86);
    assert_eq!(s["reference"]["divorced_percent"], 33);
    assert_eq!(s["reference"]["conflict_ratio"], 5);
    let caveat = s["reference"]["caveat"].as_str().unwrap();
    assert!(
        caveat.contains("not comparable") && caveat.contains("predicts"),
        "{caveat}"
    );

    // The default window is eight weeks.
    let (_, default) = get_json(app, &token, "/api/v1/bids/summary").await;
    assert_eq!(default["weeks"].as_array().unwrap().len(), 8);
}

async fn summary_weeks_follow_the_persons_time_zone(app: &TestApp) {
    let token = account_with_token(app, "ana").await;
    // Monday 03:00 UTC is still Sunday evening in New York: the week before, there.
    let body = json!({"direction": "me_to_partner", "kind": "affection", "response": "turned_toward", "occurred_at": past_week(1, 3)});
    create_bid(app, &token, body).await;
    let (_, utc) = get_json(app, &token, "/api/v1/bids/summary?weeks=3").await;
    assert_eq!(utc["weeks"][1]["me_to_partner"]["deposits"], 1);
    assert_eq!(utc["weeks"][0]["me_to_partner"]["deposits"], 0);

    let changed = app
        .api()
        .patch(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .json(&json!({"time_zone": "America/New_York"}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    let (_, ny) = get_json(app, &token, "/api/v1/bids/summary?weeks=3").await;
    assert_eq!(ny["time_zone"], "America/New_York");
    assert_eq!(ny["weeks"][0]["me_to_partner"]["deposits"], 1, "{ny}");
    assert_eq!(ny["weeks"][1]["me_to_partner"]["deposits"], 0);
}

async fn pages_log_a_bid_with_one_tap_and_show_ledger_and_evidence(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let browser = app.browser();
    let csrf = app.sign_in(&browser, "ana", PASSWORD).await;

    let home = browser
        .get(app.at("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("What small thing did your partner do today?"),
        "the daily prompt"
    );
    assert!(home.contains("Evidence of connection"));
    assert!(home.contains("Nothing logged in the last 7 days"));
    assert!(
        home.contains(r#"href="/connection""#),
        "Connection is in the navigation"
    );

    let tapped = browser
        .post(app.at("/connection/noticed"))
        .form(&[("csrf", csrf.as_str()), ("kind", "checked_in")])
        .send()
        .await
        .unwrap();
    assert_eq!(tapped.status(), 303);
    assert_eq!(location(&tapped), "/#noticed");

    let home = browser
        .get(app.at("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("Logged: Checked in on me"),
        "the tap is confirmed"
    );
    assert!(
        !home.contains("What small thing did your partner do today?"),
        "asked once a day"
    );
    assert!(home.contains("logged 1 of your partner"));
    let evidence = &home[home.find("Evidence of connection").unwrap()..];
    assert!(
        evidence.contains("Checked in") && evidence.contains("Today, "),
        "{evidence}"
    );

    // Second tap: how I answered.
    let marker = "action=\"/connection/bids/";
    let start = home.find(marker).unwrap() + marker.len();
    let id = home[start..].split('/').next().unwrap().to_owned();
    let answered = browser
        .post(app.at(&format!("/connection/bids/{id}/response")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("response", "turned_toward"),
            ("back", "home"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), 303);
    let home = browser
        .get(app.at("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !home.contains("Logged: Checked in on me"),
        "answered, so no longer asked"
    );
    assert!(home.contains("you turned toward"));

    // The full form, with a note.
    let logged = browser
        .post(app.at("/connection/bids"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("direction", "me_to_partner"),
            ("kind", "invitation"),
            ("response", "turned_away"),
            ("note", "asked about a walk <b>tonight</b>"),
            ("occurred_at", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(logged.status(), 303);
    assert!(location(&logged).starts_with("/connection?done=logged"));

    let ledger = browser
        .get(app.at("/connection?done=logged"))
        .send()
        .await
        .unwrap();
    assert_eq!(ledger.status(), 200);
    let ledger = ledger.text().await.unwrap();
    assert!(ledger.contains("Logged."));
    assert!(
        ledger.contains("asked about a walk &#60;b&#62;tonight&#60;/b&#62;")
            || ledger.contains("asked about a walk &lt;b&gt;tonight&lt;/b&gt;"),
        "notes are escaped"
    );
    assert!(
        ledger.contains("<table class=\"week-table\">"),
        "the chart has a table alternative"
    );
    assert!(ledger.contains("role=\"img\""));
    assert!(
        ledger.contains("100% (1 of 1)"),
        "my partner's bid turned toward"
    );
    assert!(ledger.contains("0% (0 of 1)"), "my bid turned away");
    assert!(
        ledger.contains("Research reference points appear here once"),
        "no figures yet"
    );
    assert!(!ledger.contains("86%"));

    let edit = browser
        .get(app.at(&format!("/connection/bids/{id}/edit")))
        .send()
        .await
        .unwrap();
    assert_eq!(edit.status(), 200);
    let saved = browser
        .post(app.at(&format!("/connection/bids/{id}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("direction", "partner_to_me"),
            ("kind", "remembered"),
            ("response", "turned_toward"),
            ("note", "remembered my interview"),
            ("occurred_at", "2026-01-05T18:30"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let token = app.create_token("ana", PASSWORD, "check").await.1;
    let (_, bid) = get_json(app, &token, &format!("/api/v1/bids/{id}")).await;
    assert_eq!(bid["kind"], "remembered");
    assert_eq!(bid["note"], "remembered my interview");
    assert_eq!(bid["occurred_at"], "2026-01-05T18:30:00Z");

    let deleted = browser
        .post(app.at(&format!("/connection/bids/{id}/delete")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 303);
    let (status, _) = get_json(app, &token, &format!("/api/v1/bids/{id}")).await;
    assert_eq!(status, 404);

    // Through the API with the browser session: the CSRF header is required.
    let without = browser
        .post(app.at("/api/v1/bids"))
        .json(&json!({"direction": "partner_to_me", "kind": "help"}))
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), 403);
    let with = browser
        .post(app.at("/api/v1/bids"))
        .header("x-csrf-token", &csrf)
        .json(&json!({"direction": "partner_to_me", "kind": "help"}))
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), 201);
}

async fn page_forms_are_checked(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let browser = app.browser();
    let csrf = app.sign_in(&browser, "ana", PASSWORD).await;

    let forged = browser
        .post(app.at("/connection/noticed"))
        .form(&[("csrf", "not-the-token"), ("kind", "checked_in")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let unknown = browser
        .post(app.at("/connection/noticed"))
        .form(&[("csrf", csrf.as_str()), ("kind", "hug")])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400);

    let refused = browser
        .post(app.at("/connection/bids"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("direction", "partner_to_me"),
            ("kind", "affection"),
            ("response", "turned_toward"),
            ("note", "kept when refused"),
            ("occurred_at", "2099-01-01T10:00"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("role=\"alert\""));
    assert!(page.contains("in the future"));
    assert!(page.contains("kept when refused"), "what was typed is kept");
    assert_eq!(hidden_value(&page, "csrf"), csrf);

    let token = app.create_token("ana", PASSWORD, "check").await.1;
    let (_, list) = get_json(app, &token, "/api/v1/bids").await;
    assert_eq!(list["bids"], json!([]), "nothing refused was saved");

    let signed_out = app
        .browser()
        .get(app.at("/connection"))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), 303);
    assert_eq!(location(&signed_out), "/signin");

    let doc: Value = app
        .api()
        .get(app.at("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in ["/api/v1/bids", "/api/v1/bids/{id}", "/api/v1/bids/summary"] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(
        doc["paths"]["/api/v1/accounts"].is_object(),
        "the other paths are still there"
    );
    let kinds = &doc["components"]["schemas"]["CreateBid"]["properties"]["kind"]["enum"];
    assert!(
        kinds.as_array().unwrap().contains(&json!("remembered")),
        "{kinds}"
    );
}

async fn notes_are_sealed_at_rest(app: &TestApp) {
    let token = account_with_token(app, "ana").await;
    let canary = format!("canary-bid-note-{}", uuid::Uuid::new_v4().simple());
    let bid = create_bid(
        app,
        &token,
        json!({"direction": "partner_to_me", "kind": "gesture", "note": canary}),
    )
    .await;
    let id = bid["id"].as_str().unwrap();
    let (_, got) = get_json(app, &token, &format!("/api/v1/bids/{id}")).await;
    assert_eq!(got["note"], canary.as_str(), "the note opens for its owner");
    let changed = format!("{canary}-changed");
    app.api()
        .patch(app.at(&format!("/api/v1/bids/{id}")))
        .bearer_auth(&token)
        .json(&json!({"note": changed}))
        .send()
        .await
        .unwrap();
    if app.engine != Engine::Sqlite {
        return;
    }
    let mut scanned = 0;
    for entry in std::fs::read_dir(&app.config.data_dir).unwrap() {
        let path = entry.unwrap().path();
        if !path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("steady.db")
        {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        scanned += bytes.len();
        assert!(
            !bytes.windows(canary.len()).any(|w| w == canary.as_bytes()),
            "the note is in {} in plain text",
            path.display()
        );
    }
    assert!(scanned > 0, "the database files were scanned");
}
