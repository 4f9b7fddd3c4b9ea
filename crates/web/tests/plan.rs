//! The self plan through the API and the pages, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{location, TestApp};
use jiff::civil::Date;
use jiff::Span;
use serde_json::{json, Value};

const PASSWORD: &str = "calm-harbour-2718";

on_both_engines!(
    intentions_are_made_edited_paused_and_archived,
    intention_values_are_validated_with_the_field_named,
    checkins_are_one_per_week_and_can_be_replaced_and_deleted,
    checkin_values_are_validated_with_the_field_named,
    the_week_starts_on_the_chosen_day,
    progress_leaves_missed_weeks_empty,
    the_compassion_exercise_is_kept_in_history,
    another_account_cannot_reach_anything,
    the_pages_work_with_plain_forms,
);

async fn setup(app: &TestApp, name: &str) -> String {
    app.create_account(name, PASSWORD).await;
    app.create_token(name, PASSWORD, "tests").await.1
}

async fn call(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app.api().request(method, app.at(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, value)
}

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    call(app, token, reqwest::Method::GET, path, None).await
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    call(app, token, reqwest::Method::POST, path, Some(body)).await
}

async fn patch(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    call(app, token, reqwest::Method::PATCH, path, Some(body)).await
}

async fn put(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    call(app, token, reqwest::Method::PUT, path, Some(body)).await
}

async fn delete(app: &TestApp, token: &str, path: &str) -> u16 {
    call(app, token, reqwest::Method::DELETE, path, None)
        .await
        .0
}

async fn intention(app: &TestApp, token: &str, area: &str, text: &str) -> String {
    let (status, body) = post(
        app,
        token,
        "/api/v1/plan/intentions",
        json!({"area": area, "text": text}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_owned()
}

/// The start of the caller's current week, and of the weeks before it.
async fn this_week(app: &TestApp, token: &str) -> Date {
    let (status, body) = get(app, token, "/api/v1/checkins/current").await;
    assert_eq!(status, 200);
    body["week"]["start"].as_str().unwrap().parse().unwrap()
}

fn weeks_before(week: Date, n: i64) -> String {
    week.checked_sub(Span::new().days(7 * n))
        .unwrap()
        .to_string()
}

fn assert_invalid(status: u16, body: &Value, field: &str) {
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "validation", "{body}");
    assert_eq!(body["error"]["field"], field, "{body}");
}

async fn intentions_are_made_edited_paused_and_archived(app: &TestApp) {
    let token = setup(app, "ana").await;
    let (status, created) = post(
        app,
        &token,
        "/api/v1/plan/intentions",
        json!({"area": "hobbies", "text": "  Run by the river  ", "weekly_target": 2}),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(created["area"], "hobbies");
    assert_eq!(created["status"], "active");
    assert_eq!(created["text"], "Run by the river");
    assert_eq!(created["weekly_target"], 2);
    let id = created["id"].as_str().unwrap();
    let sister = intention(app, &token, "friendships", "Call my sister").await;

    let (status, plan) = get(app, &token, "/api/v1/plan").await;
    assert_eq!(status, 200);
    assert_eq!(plan["week_start"], "monday");
    assert_eq!(plan["intentions"].as_array().unwrap().len(), 2);
    assert_eq!(plan["intentions"][0]["id"], id);
    assert_eq!(plan["intentions"][1]["id"], sister.as_str());

    let path = format!("/api/v1/plan/intentions/{id}");
    let (status, edited) = patch(
        app,
        &token,
        &path,
        json!({"text": "Run by the river, slowly", "area": "personal_goals"}),
    )
    .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["text"], "Run by the river, slowly");
    assert_eq!(edited["area"], "personal_goals");
    assert_eq!(edited["weekly_target"], 2, "fields left out stay");
    let (_, cleared) = patch(app, &token, &path, json!({"weekly_target": null})).await;
    assert_eq!(cleared["weekly_target"], Value::Null);

    let (_, paused) = patch(app, &token, &path, json!({"status": "paused"})).await;
    assert_eq!(paused["status"], "paused");
    let (_, current) = get(app, &token, "/api/v1/checkins/current").await;
    let active: Vec<&str> = current["intentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        active,
        [sister.as_str()],
        "paused intentions are left out of the check-in"
    );
    let (_, archived) = patch(app, &token, &path, json!({"status": "archived"})).await;
    assert_eq!(archived["status"], "archived");
    let (status, read) = get(app, &token, &path).await;
    assert_eq!(status, 200);
    assert_eq!(read["status"], "archived");
    assert_eq!(read["text"], "Run by the river, slowly");
    let (_, resumed) = patch(app, &token, &path, json!({"status": "active"})).await;
    assert_eq!(resumed["status"], "active");
}

async fn intention_values_are_validated_with_the_field_named(app: &TestApp) {
    let token = setup(app, "ana").await;
    let new = "/api/v1/plan/intentions";
    let (s, b) = post(app, &token, new, json!({"area": "work", "text": "x"})).await;
    assert_invalid(s, &b, "area");
    let (s, b) = post(app, &token, new, json!({"area": "hobbies", "text": "   "})).await;
    assert_invalid(s, &b, "text");
    let long = "x".repeat(301);
    let (s, b) = post(app, &token, new, json!({"area": "hobbies", "text": long})).await;
    assert_invalid(s, &b, "text");
    for target in [0, 22, -1] {
        let (s, b) = post(
            app,
            &token,
            new,
            json!({"area": "hobbies", "text": "Guitar", "weekly_target": target}),
        )
        .await;
        assert_invalid(s, &b, "weekly_target");
    }
    let (s, _) = post(
        app,
        &token,
        new,
        json!({"area": "hobbies", "text": "Guitar", "colour": "red"}),
    )
    .await;
    assert_eq!(s, 422, "unknown fields are refused");
    let (_, plan) = get(app, &token, "/api/v1/plan").await;
    assert!(
        plan["intentions"].as_array().unwrap().is_empty(),
        "nothing was saved"
    );

    let id = intention(app, &token, "hobbies", "Guitar").await;
    let path = format!("/api/v1/plan/intentions/{id}");
    let (s, b) = patch(app, &token, &path, json!({"status": "deleted"})).await;
    assert_invalid(s, &b, "status");
    let (s, b) = patch(app, &token, &path, json!({"weekly_target": "often"})).await;
    assert_invalid(s, &b, "weekly_target");
    let (s, b) = patch(app, &token, &path, json!({"text": ""})).await;
    assert_invalid(s, &b, "text");
    let (s, b) = patch(
        app,
        &token,
        "/api/v1/plan",
        json!({"week_start": "someday"}),
    )
    .await;
    assert_invalid(s, &b, "week_start");
    let (s, _) = get(app, &token, "/api/v1/plan/intentions/no-such-id").await;
    assert_eq!(s, 404);
    let (_, read) = get(app, &token, &path).await;
    assert_eq!(read["text"], "Guitar", "refused changes changed nothing");

    let anonymous = app.api().get(app.at("/api/v1/plan")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

async fn checkins_are_one_per_week_and_can_be_replaced_and_deleted(app: &TestApp) {
    let token = setup(app, "ana").await;
    let call_sister = intention(app, &token, "friendships", "Call my sister").await;
    let run = intention(app, &token, "hobbies", "Run twice").await;
    let week = this_week(app, &token).await;
    let path = format!("/api/v1/checkins/{week}");

    let (status, saved) = put(
        app,
        &token,
        &path,
        json!({
            "items": [
                {"intention_id": call_sister, "status": "done", "note": "We talked for an hour"},
                {"intention_id": run, "status": "partly"}
            ],
            "value_self": 6,
            "secure": 4,
            "helped": "Walking home through the park"
        }),
    )
    .await;
    assert_eq!(status, 201, "{saved}");
    assert_eq!(saved["week"]["start"], week.to_string());
    assert_eq!(saved["content"]["items"][0]["area"], "friendships");
    assert_eq!(
        saved["content"]["items"][1]["area"], "hobbies",
        "areas are filled in from the plan"
    );
    assert_eq!(saved["content"]["value_self"], 6);
    assert_eq!(saved["support_needed"], false);
    let id = saved["id"].clone();

    let (status, replaced) = put(
        app,
        &token,
        &path,
        json!({"items": [{"intention_id": run, "status": "done"}], "value_self": 7}),
    )
    .await;
    assert_eq!(
        status, 200,
        "a second check-in for the week replaces the first"
    );
    assert_eq!(replaced["id"], id);
    assert_eq!(replaced["content"]["items"].as_array().unwrap().len(), 1);
    assert_eq!(replaced["content"]["secure"], Value::Null);

    let last_week = weeks_before(week, 1);
    let (status, _) = put(
        app,
        &token,
        &format!("/api/v1/checkins/{last_week}"),
        json!({"secure": 5}),
    )
    .await;
    assert_eq!(status, 201, "an earlier week can be filled in later");

    let (_, list) = get(app, &token, "/api/v1/checkins").await;
    let weeks: Vec<&str> = list["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["week"]["start"].as_str().unwrap())
        .collect();
    assert_eq!(weeks, [week.to_string().as_str(), last_week.as_str()]);
    let (_, only) = get(
        app,
        &token,
        &format!("/api/v1/checkins?from={week}&to={week}"),
    )
    .await;
    assert_eq!(only["checkins"].as_array().unwrap().len(), 1);
    let (status, read) = get(app, &token, &path).await;
    assert_eq!(status, 200);
    assert_eq!(read["content"]["value_self"], 7);
    let (_, current) = get(app, &token, "/api/v1/checkins/current").await;
    assert_eq!(current["checkin"]["id"], id);

    assert_eq!(delete(app, &token, &path).await, 204);
    assert_eq!(get(app, &token, &path).await.0, 404);
    assert_eq!(delete(app, &token, &path).await, 404);
    let (_, current) = get(app, &token, "/api/v1/checkins/current").await;
    assert_eq!(current["checkin"], Value::Null);
}

async fn checkin_values_are_validated_with_the_field_named(app: &TestApp) {
    let token = setup(app, "ana").await;
    let run = intention(app, &token, "hobbies", "Run twice").await;
    let week = this_week(app, &token).await;
    let path = format!("/api/v1/checkins/{week}");

    let (s, b) = put(app, &token, &path, json!({})).await;
    assert_invalid(s, &b, "items");
    let (s, b) = put(
        app,
        &token,
        &path,
        json!({"items": [{"intention_id": "not-mine", "status": "done"}]}),
    )
    .await;
    assert_invalid(s, &b, "items");
    let twice = json!({"items": [
        {"intention_id": run, "status": "done"},
        {"intention_id": run, "status": "partly"}
    ]});
    let (s, b) = put(app, &token, &path, twice).await;
    assert_invalid(s, &b, "items");
    let (s, _) = put(
        app,
        &token,
        &path,
        json!({"items": [{"intention_id": run, "status": "sort_of"}]}),
    )
    .await;
    assert_eq!(s, 422);
    let (s, b) = put(app, &token, &path, json!({"value_self": 11})).await;
    assert_eq!(s, 422, "{b}");
    assert!(b["error"]["message"].as_str().unwrap().contains("0 to 10"));
    let (s, _) = put(app, &token, &path, json!({"secure": -1})).await;
    assert_eq!(s, 422);
    let (s, b) = put(app, &token, &path, json!({"helped": "x".repeat(5001)})).await;
    assert_invalid(s, &b, "helped");
    let (s, b) = put(
        app,
        &token,
        &path,
        json!({"items": [{"intention_id": run, "status": "done", "note": "x".repeat(5001)}]}),
    )
    .await;
    assert_invalid(s, &b, "note");

    let next_week = week.checked_add(Span::new().days(7)).unwrap();
    let (s, b) = put(
        app,
        &token,
        &format!("/api/v1/checkins/{next_week}"),
        json!({"value_self": 5}),
    )
    .await;
    assert_invalid(s, &b, "week");
    let tuesday = week.checked_add(Span::new().days(1)).unwrap();
    let (s, b) = put(
        app,
        &token,
        &format!("/api/v1/checkins/{tuesday}"),
        json!({"value_self": 5}),
    )
    .await;
    assert_invalid(s, &b, "week");
    let (s, b) = put(
        app,
        &token,
        "/api/v1/checkins/yesterday",
        json!({"value_self": 5}),
    )
    .await;
    assert_invalid(s, &b, "week");
    let (_, list) = get(app, &token, "/api/v1/checkins").await;
    assert!(
        list["checkins"].as_array().unwrap().is_empty(),
        "nothing was saved"
    );
    let (s, b) = get(app, &token, "/api/v1/checkins?from=soon").await;
    assert_invalid(s, &b, "from");
}

async fn the_week_starts_on_the_chosen_day(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let token = app.create_token("ana", PASSWORD, "tests").await.1;
    let (s, _) = patch(
        app,
        &token,
        "/api/v1/me",
        json!({"time_zone": "Pacific/Auckland"}),
    )
    .await;
    assert_eq!(s, 200);
    let (s, plan) = patch(app, &token, "/api/v1/plan", json!({"week_start": "sunday"})).await;
    assert_eq!(s, 200, "{plan}");
    assert_eq!(plan["week_start"], "sunday");
    assert_eq!(plan["time_zone"], "Pacific/Auckland");
    let start: Date = plan["this_week"]["start"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let end: Date = plan["this_week"]["end"].as_str().unwrap().parse().unwrap();
    assert_eq!(start.weekday(), jiff::civil::Weekday::Sunday);
    assert_eq!(end.weekday(), jiff::civil::Weekday::Saturday);
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Pacific/Auckland").unwrap())
        .date();
    assert!(
        start <= today && today <= end,
        "this week holds today in the person's zone"
    );
    assert_eq!(this_week(app, &token).await, start);

    let (s, _) = put(
        app,
        &token,
        &format!("/api/v1/checkins/{start}"),
        json!({"value_self": 8}),
    )
    .await;
    assert_eq!(s, 201);
    let monday = start.checked_add(Span::new().days(1)).unwrap();
    let (s, b) = put(
        app,
        &token,
        &format!("/api/v1/checkins/{monday}"),
        json!({"value_self": 8}),
    )
    .await;
    assert_invalid(s, &b, "week");
    assert!(b["error"]["message"].as_str().unwrap().contains("Sunday"));

    // Back to Monday weeks: the check-in is kept and still counted.
    let (_, plan) = patch(app, &token, "/api/v1/plan", json!({"week_start": "monday"})).await;
    assert_eq!(plan["week_start"], "monday");
    let (_, progress) = get(app, &token, "/api/v1/checkins/progress?weeks=3").await;
    let rated: Vec<Value> = progress["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["value_self"].clone())
        .filter(|v| !v.is_null())
        .collect();
    assert_eq!(rated, [json!(8)]);
}

async fn progress_leaves_missed_weeks_empty(app: &TestApp) {
    let token = setup(app, "ana").await;
    let sister = intention(app, &token, "friendships", "Call my sister").await;
    let run = intention(app, &token, "hobbies", "Run twice").await;
    let kind = intention(app, &token, "self_compassion", "One kind sentence").await;
    let week = this_week(app, &token).await;
    let three_ago = weeks_before(week, 3);
    let (s, _) = put(
        app,
        &token,
        &format!("/api/v1/checkins/{three_ago}"),
        json!({"items": [
            {"intention_id": sister, "status": "done"},
            {"intention_id": run, "status": "not_this_week"}
        ], "value_self": 3, "secure": 4}),
    )
    .await;
    assert_eq!(s, 201);
    let (s, _) = put(
        app,
        &token,
        &format!("/api/v1/checkins/{week}"),
        json!({"items": [
            {"intention_id": sister, "status": "partly"},
            {"intention_id": run, "status": "done"},
            {"intention_id": kind, "status": "partly"}
        ], "value_self": 6, "secure": 5}),
    )
    .await;
    assert_eq!(s, 201);

    let (s, p) = get(app, &token, "/api/v1/checkins/progress?weeks=4&months=3").await;
    assert_eq!(s, 200, "{p}");
    assert!(p["note"].as_str().unwrap().contains("months"));
    assert_eq!(p["weeks_checked_in"], 2);
    let weeks = p["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 4);
    let checked: Vec<bool> = weeks
        .iter()
        .map(|w| w["checked_in"].as_bool().unwrap())
        .collect();
    assert_eq!(checked, [true, false, false, true]);
    assert_eq!(weeks[0]["week"]["start"], three_ago);
    for empty in &weeks[1..3] {
        assert_eq!(
            empty["value_self"],
            Value::Null,
            "a missed week is not a zero"
        );
        assert!(empty["areas"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["percent"].is_null()));
    }
    assert_eq!(weeks[3]["value_self"], 6);
    let area = |w: &Value, id: &str| {
        w["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["area"] == id)
            .unwrap()["percent"]
            .clone()
    };
    assert_eq!(area(&weeks[0], "friendships"), 100);
    assert_eq!(area(&weeks[0], "hobbies"), 0);
    assert_eq!(area(&weeks[3], "friendships"), 50);
    assert_eq!(area(&weeks[3], "self_compassion"), 50);
    assert_eq!(area(&weeks[3], "personal_goals"), Value::Null);
    assert_eq!(area(&p, "friendships"), 75);
    assert_eq!(area(&p, "hobbies"), 50);
    let months = p["months"].as_array().unwrap();
    assert_eq!(months.len(), 3);
    let counted: u64 = months.iter().map(|m| m["checkins"].as_u64().unwrap()).sum();
    assert_eq!(counted, 2);
    let rated: Vec<f64> = months
        .iter()
        .filter_map(|m| m["value_self"].as_f64())
        .collect();
    assert!(
        rated == [3.0, 6.0] || rated == [4.5],
        "monthly averages: {rated:?}"
    );
}

async fn the_compassion_exercise_is_kept_in_history(app: &TestApp) {
    let token = setup(app, "ana").await;
    let (s, entry) = post(
        app,
        &token,
        "/api/v1/compassion",
        json!({
            "going_through": "I feel left out since she went on the trip.",
            "common_humanity": "Lots of people feel this when a partner is away.",
            "kind_words": "It makes sense to miss her. You're allowed to feel this."
        }),
    )
    .await;
    assert_eq!(s, 201, "{entry}");
    assert_eq!(entry["support_needed"], false);
    assert_eq!(
        entry["content"]["kind_words"],
        "It makes sense to miss her. You're allowed to feel this."
    );
    let id = entry["id"].as_str().unwrap();
    let (s, only_one) = post(
        app,
        &token,
        "/api/v1/compassion",
        json!({"kind_words": "Be gentle."}),
    )
    .await;
    assert_eq!(s, 201, "one answer is enough");
    let (s, b) = post(
        app,
        &token,
        "/api/v1/compassion",
        json!({"going_through": "  "}),
    )
    .await;
    assert_invalid(s, &b, "going_through");
    let (s, b) = post(
        app,
        &token,
        "/api/v1/compassion",
        json!({"kind_words": "x".repeat(5001)}),
    )
    .await;
    assert_invalid(s, &b, "kind_words");
    let (s, _) = post(app, &token, "/api/v1/compassion", json!({"mood": "low"})).await;
    assert_eq!(s, 422);

    let (_, list) = get(app, &token, "/api/v1/compassion").await;
    let ids: Vec<&str> = list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [only_one["id"].as_str().unwrap(), id], "newest first");
    let (s, read) = get(app, &token, &format!("/api/v1/compassion/{id}")).await;
    assert_eq!(s, 200);
    assert_eq!(read["content"], entry["content"]);

    let (_, unsafe_entry) = post(
        app,
        &token,
        "/api/v1/compassion",
        json!({"going_through": "I want to kill myself."}),
    )
    .await;
    assert_eq!(
        unsafe_entry["support_needed"], true,
        "words of self-harm bring support first"
    );

    assert_eq!(
        delete(app, &token, &format!("/api/v1/compassion/{id}")).await,
        204
    );
    assert_eq!(
        get(app, &token, &format!("/api/v1/compassion/{id}"))
            .await
            .0,
        404
    );

    // The words are sealed at rest: they appear nowhere in the SQLite file.
    if app.engine == common::Engine::Sqlite {
        let mut bytes = Vec::new();
        for entry in std::fs::read_dir(&app.config.data_dir).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().contains(".db") {
                bytes.extend(std::fs::read(path).unwrap());
            }
        }
        assert!(!bytes.is_empty());
        let haystack = String::from_utf8_lossy(&bytes);
        assert!(!haystack.contains("Be gentle"));
        assert!(!haystack.contains("kill myself"));
    }
}

async fn another_account_cannot_reach_anything(app: &TestApp) {
    let ana = setup(app, "ana").await;
    let bea = setup(app, "bea").await;
    let id = intention(app, &ana, "hobbies", "Pottery class").await;
    let week = this_week(app, &ana).await;
    let (s, _) = put(
        app,
        &ana,
        &format!("/api/v1/checkins/{week}"),
        json!({"items": [{"intention_id": id, "status": "done"}], "value_self": 7}),
    )
    .await;
    assert_eq!(s, 201);
    let (_, entry) = post(
        app,
        &ana,
        "/api/v1/compassion",
        json!({"kind_words": "Kind"}),
    )
    .await;
    let entry_id = entry["id"].as_str().unwrap();

    let intention_path = format!("/api/v1/plan/intentions/{id}");
    assert_eq!(get(app, &bea, &intention_path).await.0, 404);
    assert_eq!(
        patch(app, &bea, &intention_path, json!({"status": "archived"}))
            .await
            .0,
        404
    );
    let (_, plan) = get(app, &bea, "/api/v1/plan").await;
    assert!(plan["intentions"].as_array().unwrap().is_empty());
    let (s, b) = put(
        app,
        &bea,
        &format!("/api/v1/checkins/{week}"),
        json!({"items": [{"intention_id": id, "status": "done"}]}),
    )
    .await;
    assert_invalid(s, &b, "items");
    assert_eq!(
        get(app, &bea, &format!("/api/v1/checkins/{week}")).await.0,
        404
    );
    assert_eq!(
        delete(app, &bea, &format!("/api/v1/checkins/{week}")).await,
        404
    );
    let (_, list) = get(app, &bea, "/api/v1/checkins").await;
    assert!(list["checkins"].as_array().unwrap().is_empty());
    let (_, progress) = get(app, &bea, "/api/v1/checkins/progress").await;
    assert_eq!(progress["weeks_checked_in"], 0);
    let entry_path = format!("/api/v1/compassion/{entry_id}");
    assert_eq!(get(app, &bea, &entry_path).await.0, 404);
    assert_eq!(delete(app, &bea, &entry_path).await, 404);
    let (_, entries) = get(app, &bea, "/api/v1/compassion").await;
    assert!(entries["entries"].as_array().unwrap().is_empty());

    // Nothing of Ana's changed, and her pages stay hers.
    let (_, read) = get(app, &ana, &intention_path).await;
    assert_eq!(read["status"], "active");
    assert_eq!(get(app, &ana, &entry_path).await.0, 200);
    let browser = app.browser();
    app.sign_in(&browser, "bea", PASSWORD).await;
    for path in [
        format!("/plan/intentions/{id}"),
        format!("/plan/compassion/{entry_id}"),
    ] {
        let response = browser.get(app.at(&path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
    }
    let history = browser
        .get(app.at("/plan/history"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!history.contains("Pottery") && !history.contains("Kind"));
}

async fn the_pages_work_with_plain_forms(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let browser = app.browser();
    let csrf = app.sign_in(&browser, "ana", PASSWORD).await;
    let page = |path: &'static str| {
        let browser = browser.clone();
        let url = app.at(path);
        async move {
            let response = browser.get(url).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            response.text().await.unwrap()
        }
    };
    let home = page("/").await;
    assert!(
        home.contains("href=\"/plan\""),
        "the nav and the home card lead to the plan"
    );
    assert!(page("/plan").await.contains("Add an intention"));

    let form = |path: &'static str, fields: Vec<(&'static str, String)>| {
        let browser = browser.clone();
        let url = app.at(path);
        async move { browser.post(url).form(&fields).send().await.unwrap() }
    };
    let response = form(
        "/plan/intentions",
        vec![
            ("csrf", csrf.clone()),
            ("area", "friendships".into()),
            ("text", "Call my sister on Sunday".into()),
            ("weekly_target", "1".into()),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).starts_with("/plan?done=added"));
    let plan = page("/plan").await;
    assert!(plan.contains("Call my sister on Sunday"));
    assert!(plan.contains("once a week"));

    let refused = form(
        "/plan/intentions",
        vec![
            ("csrf", csrf.clone()),
            ("area", "hobbies".into()),
            ("text", "Guitar".into()),
            ("weekly_target", "99".into()),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("role=\"alert\"") && body.contains("value=\"Guitar\""),
        "the draft is kept"
    );
    let forged = form(
        "/plan/intentions",
        vec![
            ("csrf", "forged".into()),
            ("area", "hobbies".into()),
            ("text", "Guitar".into()),
        ],
    )
    .await;
    assert_eq!(forged.status(), 403);

    let token = app.create_token("ana", PASSWORD, "t").await.1;
    let (_, plan_json) = get(app, &token, "/api/v1/plan").await;
    assert_eq!(plan_json["intentions"].as_array().unwrap().len(), 1);
    let id = plan_json["intentions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let checkin_page = page("/plan/checkin").await;
    assert!(checkin_page.contains(&format!("name=\"status_{id}\"")));
    assert!(checkin_page.contains("How much did I value myself this week?"));
    assert!(checkin_page.contains("How secure did I feel in my relationship this week?"));
    let status_field = format!("status_{id}");
    let note_field = format!("note_{id}");
    let fields: Vec<(String, String)> = vec![
        ("csrf".into(), csrf.clone()),
        (status_field, "done".into()),
        (note_field, "Talked about her new job".into()),
        ("value_self".into(), "7".into()),
        ("secure".into(), "skip".into()),
        ("helped".into(), "Writing things down".into()),
    ];
    let response = browser
        .post(app.at("/plan/checkin"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let saved_at = location(&response);
    assert!(saved_at.contains("saved=1"), "{saved_at}");
    let (_, current) = get(app, &token, "/api/v1/checkins/current").await;
    assert_eq!(current["checkin"]["content"]["value_self"], 7);
    assert_eq!(current["checkin"]["content"]["secure"], Value::Null);
    assert_eq!(
        current["checkin"]["content"]["items"][0]["note"],
        "Talked about her new job"
    );
    let saved_page = browser
        .get(app.at(&saved_at))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(saved_page.contains("Saved."));
    assert!(saved_page.contains("Talked about her new job"));

    let response = form(
        "/plan/compassion",
        vec![
            ("csrf", csrf.clone()),
            ("going_through", "Feeling on edge tonight".into()),
            ("common_humanity", "".into()),
            ("kind_words", "You're doing better than you think".into()),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let entry_at = location(&response);
    assert!(entry_at.starts_with("/plan/compassion/"), "{entry_at}");
    let entry = browser
        .get(app.at(&entry_at))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(entry.contains("You&#39;re doing better than you think"));
    let empty = form(
        "/plan/compassion",
        vec![("csrf", csrf.clone()), ("going_through", " ".into())],
    )
    .await;
    assert_eq!(empty.status(), 422);

    let progress = page("/plan/progress").await;
    assert!(progress.contains("over months, not days"));
    assert!(
        progress.contains("<table"),
        "a text alternative to the charts"
    );
    assert!(progress.contains("<svg"));
    assert!(
        progress.contains("no check-in"),
        "missed weeks are shown as empty"
    );
    let history = page("/plan/history").await;
    assert!(history.contains("Talked about her new job"));
    assert!(history.contains("Feeling on edge tonight"));

    let response = form(
        "/plan/settings",
        vec![("csrf", csrf.clone()), ("week_start", "wednesday".into())],
    )
    .await;
    assert_eq!(response.status(), 303);
    let (_, plan_json) = get(app, &token, "/api/v1/plan").await;
    assert_eq!(plan_json["week_start"], "wednesday");

    let response = browser
        .post(app.at(&format!("/plan/intentions/{id}/status")))
        .form(&[("csrf", csrf.as_str()), ("status", "paused")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let (_, read) = get(app, &token, &format!("/api/v1/plan/intentions/{id}")).await;
    assert_eq!(read["status"], "paused");

    let openapi: Value = app
        .api()
        .get(app.at("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/plan",
        "/api/v1/plan/intentions",
        "/api/v1/plan/intentions/{id}",
        "/api/v1/checkins",
        "/api/v1/checkins/current",
        "/api/v1/checkins/progress",
        "/api/v1/checkins/{week}",
        "/api/v1/compassion",
        "/api/v1/compassion/{id}",
    ] {
        assert!(openapi["paths"].get(path).is_some(), "{path} is documented");
    }
}
