//! Moments through the API and the pages, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{hidden_value, location, TestApp};
use serde_json::{json, Value};

const PASSWORD: &str = "calm-harbour-2718";

on_both_engines!(
    quick_capture_then_every_step_through_the_api,
    validation_errors_save_nothing,
    filters_and_search_find_the_right_moments,
    trash_and_restore,
    another_account_cannot_see_change_or_delete,
    analyze_endpoint_returns_the_engine_json,
    safety_findings_show_support_instead_of_challenge,
    predictions_come_due_and_are_counted,
    the_guided_flow_works_with_plain_forms,
    repeated_checking_brings_a_gentle_card,
    evidence_of_connection_sits_beside_a_new_moment,
);

async fn evidence_of_connection_sits_beside_a_new_moment(app: &TestApp) {
    let token = setup(app, "ana").await;
    let bid = app
        .api()
        .post(app.at("/api/v1/bids"))
        .bearer_auth(&token)
        .json(&json!({"direction": "partner_to_me", "kind": "gesture", "response": "turned_toward", "note": "brought me coffee"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bid.status(), 201);
    let browser = app.browser();
    app.sign_in(&browser, "ana", PASSWORD).await;
    let m: Value = post_moment(
        app,
        &token,
        json!({"content": {"situation": "No reply since noon"}}),
    )
    .await
    .json()
    .await
    .unwrap();
    let page = browser
        .get(app.at(&format!("/moments/{}", m["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Evidence of connection"));
    assert!(page.contains("brought me coffee"));
    let start = browser
        .get(app.at("/moments/new"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        start.contains("brought me coffee"),
        "the capture screen shows it too"
    );

    let danger: Value = post_moment(
        app,
        &token,
        json!({"content": {"situation": "He said he would hurt me if I leave"}}),
    )
    .await
    .json()
    .await
    .unwrap();
    let page = browser
        .get(app.at(&format!("/moments/{}", danger["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("You deserve support right now"));
    assert!(
        !page.contains("Evidence of connection"),
        "never set a partner's kindness against a safety concern"
    );
}

async fn setup(app: &TestApp, name: &str) -> String {
    app.create_account(name, PASSWORD).await;
    app.create_token(name, PASSWORD, "tests").await.1
}

async fn post_moment(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.api()
        .post(app.at("/api/v1/moments"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn patch(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    app.api()
        .patch(app.at(&format!("/api/v1/moments/{id}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn list(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let response = app
        .api()
        .get(app.at(&format!("/api/v1/moments{query}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "list {query}");
    let body: Value = response.json().await.unwrap();
    body["moments"].as_array().unwrap().clone()
}

async fn quick_capture_then_every_step_through_the_api(app: &TestApp) {
    let token = setup(app, "ana").await;
    let created = post_moment(
        app,
        &token,
        json!({"content": {"situation": "No reply for three hours", "intensity": 80}}),
    )
    .await;
    assert_eq!(created.status(), 201);
    let moment: Value = created.json().await.unwrap();
    let id = moment["id"].as_str().unwrap().to_owned();
    assert_eq!(moment["step"], 0);
    assert_eq!(moment["content"]["intensity"], 80);

    let steps = [
        json!({"step": 1, "content": {"tags": ["no_reply", "partner_busy"], "custom_tags": ["work trip"]}}),
        json!({"step": 2, "content": {"feelings": [{"feeling": "anxious", "intensity": 85}, {"custom": "small", "intensity": 40}], "urges": ["check_phone"], "custom_urges": ["text her sister"]}}),
        json!({"step": 3, "content": {"pause": {"kind": "breathing", "seconds": 60}}}),
        json!({"step": 4, "content": {"root": "past_relationship", "evidence_for": "Short replies today", "evidence_against": "She said she'd be in meetings", "friend_advice": "Give it until evening", "own_reaction": "I go quiet when I'm swamped"}}),
        json!({"step": 5, "content": {"thought": "They haven't texted back. They must be pulling away.", "belief": 75, "traps_confirmed": ["mind_reading"], "traps_added": ["fortune_telling"], "alternatives": ["Their phone may have died."]}}),
        json!({"step": 6, "content": {"balanced_thought": "I don't know why yet; she's had a packed week.", "belief_after": 30}}),
        json!({"step": 7, "content": {"prediction": {"fear": "She'll cancel Saturday", "check_on": "2030-01-05"}}}),
    ];
    for (i, body) in steps.iter().enumerate() {
        let response = patch(app, &token, &id, body.clone()).await;
        assert_eq!(response.status(), 200, "step {}", i + 1);
        let m: Value = response.json().await.unwrap();
        assert_eq!(m["step"], i as u64 + 1);
    }
    let stored: Value = app
        .api()
        .get(app.at(&format!("/api/v1/moments/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let c = &stored["content"];
    assert_eq!(
        c["situation"], "No reply for three hours",
        "earlier steps are kept"
    );
    assert_eq!(c["tags"], json!(["no_reply", "partner_busy"]));
    assert_eq!(c["feelings"][1]["custom"], "small");
    assert_eq!(c["pause"]["seconds"], 60);
    assert_eq!(c["root"], "past_relationship");
    assert_eq!(c["traps_confirmed"], json!(["mind_reading"]));
    assert_eq!(c["traps_added"], json!(["fortune_telling"]));
    assert_eq!(c["belief_after"], 30);
    assert_eq!(c["prediction"]["check_on"], "2030-01-05");
    assert_eq!(stored["step"], 7);
    let traps: Vec<&str> = stored["analysis"]["traps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert!(
        traps.contains(&"mind_reading"),
        "the stored analysis is of the thought: {traps:?}"
    );
    assert_eq!(stored["support_needed"], false);
}

async fn validation_errors_save_nothing(app: &TestApp) {
    let token = setup(app, "ana").await;
    for (body, field) in [
        (
            json!({"content": {"situation": "x", "intensity": 101}}),
            "body",
        ),
        (
            json!({"content": {"situation": "x", "tags": ["snooping"]}}),
            "body",
        ),
        (
            json!({"content": {"situation": "x".repeat(5001)}}),
            "situation",
        ),
        (
            json!({"content": {"situation": "x", "traps_added": ["astrology"]}}),
            "traps_added",
        ),
        (
            json!({"content": {"situation": "x", "custom_tags": [""]}}),
            "custom_tags",
        ),
        (json!({"content": {}}), "content"),
        (json!({"content": {"situation": "x"}, "mood": 3}), "body"),
    ] {
        let response = post_moment(app, &token, body.clone()).await;
        assert_eq!(response.status(), 422, "{body}");
        let err: Value = response.json().await.unwrap();
        assert_eq!(err["error"]["field"], field, "{body}: {err}");
        assert!(!err["error"]["message"].as_str().unwrap().is_empty());
    }
    assert!(list(app, &token, "").await.is_empty(), "nothing was saved");

    let ok: Value = post_moment(
        app,
        &token,
        json!({"content": {"situation": "He went quiet"}}),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = ok["id"].as_str().unwrap();
    let bad = patch(
        app,
        &token,
        id,
        json!({"content": {"thought": "fine", "belief": -5}}),
    )
    .await;
    assert_eq!(bad.status(), 422);
    let kept: Value = app
        .api()
        .get(app.at(&format!("/api/v1/moments/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        kept["content"]["thought"], "",
        "a refused change changes nothing, not even its valid half"
    );
    let bad_filter = app
        .api()
        .get(app.at("/api/v1/moments?from=yesterday"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(bad_filter.status(), 422);
}

async fn filters_and_search_find_the_right_moments(app: &TestApp) {
    let token = setup(app, "ana").await;
    for body in [
        json!({"occurred_at": "2026-03-01T10:00:00Z", "content": {"situation": "Out with friends all night", "tags": ["with_friends"]}}),
        json!({"occurred_at": "2026-03-05T10:00:00Z", "content": {"situation": "No reply since lunch", "tags": ["no_reply"], "custom_tags": ["Work Trip"], "traps_confirmed": ["mind_reading"]}}),
        json!({"occurred_at": "2026-03-09T10:00:00Z", "content": {"situation": "Cancelled our dinner", "tags": ["cancelled_plans"], "prediction": {"fear": "We'll break up", "check_on": "2030-01-01"}}}),
    ] {
        assert_eq!(post_moment(app, &token, body).await.status(), 201);
    }
    let all = list(app, &token, "").await;
    assert_eq!(all.len(), 3);
    assert_eq!(
        all[0]["content"]["situation"], "Cancelled our dinner",
        "newest first"
    );

    let situations = |ms: Vec<Value>| {
        ms.iter()
            .map(|m| m["content"]["situation"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        situations(list(app, &token, "?tag=no_reply").await),
        ["No reply since lunch"]
    );
    assert_eq!(
        situations(list(app, &token, "?tag=work%20trip").await),
        ["No reply since lunch"],
        "own tags match case-insensitively"
    );
    assert_eq!(
        situations(list(app, &token, "?trap=mind_reading").await),
        ["No reply since lunch"]
    );
    assert_eq!(
        situations(list(app, &token, "?open_predictions=true").await),
        ["Cancelled our dinner"]
    );
    assert_eq!(
        situations(list(app, &token, "?q=FRIENDS").await),
        ["Out with friends all night"]
    );
    assert_eq!(
        situations(list(app, &token, "?q=break%20up").await),
        ["Cancelled our dinner"],
        "search covers the prediction"
    );
    assert_eq!(
        situations(list(app, &token, "?from=2026-03-02&to=2026-03-05").await),
        ["No reply since lunch"]
    );
    assert_eq!(list(app, &token, "?q=nothing-like-this").await.len(), 0);
    let unknown_trap = app
        .api()
        .get(app.at("/api/v1/moments?trap=astrology"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown_trap.status(), 422);
}

async fn trash_and_restore(app: &TestApp) {
    let token = setup(app, "ana").await;
    let m: Value = post_moment(
        app,
        &token,
        json!({"content": {"situation": "Seemed distant tonight"}}),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = m["id"].as_str().unwrap();
    let deleted = app
        .api()
        .delete(app.at(&format!("/api/v1/moments/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert!(list(app, &token, "").await.is_empty());
    let trash = list(app, &token, "?deleted=true").await;
    assert_eq!(trash.len(), 1);
    assert!(trash[0]["deleted_at"].is_string());
    assert_eq!(
        patch(app, &token, id, json!({"content": {"thought": "x"}}))
            .await
            .status(),
        409,
        "no editing in the trash"
    );

    let restored = app
        .api()
        .post(app.at(&format!("/api/v1/moments/{id}/restore")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(restored.status(), 200);
    let again = list(app, &token, "").await;
    assert_eq!(again.len(), 1);
    assert_eq!(
        again[0]["content"]["situation"], "Seemed distant tonight",
        "restored intact"
    );

    // After 30 days in the trash a moment is gone for good.
    app.api()
        .delete(app.at(&format!("/api/v1/moments/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let purged = app
        .store
        .purge_trash(jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24))
        .await
        .unwrap();
    assert_eq!(purged, 1);
    let gone = app
        .api()
        .post(app.at(&format!("/api/v1/moments/{id}/restore")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
}

async fn another_account_cannot_see_change_or_delete(app: &TestApp) {
    let ana = setup(app, "ana").await;
    let bea = setup(app, "bea").await;
    let m: Value = post_moment(
        app,
        &ana,
        json!({"content": {"situation": "ana's private worry"}}),
    )
    .await
    .json()
    .await
    .unwrap();
    let id = m["id"].as_str().unwrap();
    let api = app.api();
    let read = api
        .get(app.at(&format!("/api/v1/moments/{id}")))
        .bearer_auth(&bea)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 404);
    let missing = api
        .get(app.at("/api/v1/moments/no-such-id"))
        .bearer_auth(&bea)
        .send()
        .await
        .unwrap();
    assert_eq!(
        read_body(read).await,
        read_body(missing).await,
        "no hint that it exists"
    );
    assert_eq!(
        patch(app, &bea, id, json!({"content": {"thought": "x"}}))
            .await
            .status(),
        404
    );
    assert_eq!(
        api.delete(app.at(&format!("/api/v1/moments/{id}")))
            .bearer_auth(&bea)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        api.post(app.at(&format!("/api/v1/moments/{id}/restore")))
            .bearer_auth(&bea)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert!(list(app, &bea, "?q=private").await.is_empty());
    let page = app.browser();
    app.sign_in(&page, "bea", PASSWORD).await;
    assert_eq!(
        page.get(app.at(&format!("/moments/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        page.get(app.at(&format!("/moments/{id}/step/5")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let still: Value = api
        .get(app.at(&format!("/api/v1/moments/{id}")))
        .bearer_auth(&ana)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(still["content"]["situation"], "ana's private worry");
}

async fn read_body(r: reqwest::Response) -> String {
    r.text().await.unwrap()
}

async fn analyze_endpoint_returns_the_engine_json(app: &TestApp) {
    let token = setup(app, "ana").await;
    let body: Value = app
        .api()
        .post(app.at("/api/v1/analyze"))
        .bearer_auth(&token)
        .json(&json!({"text": "You never prioritize me."}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["communication"]["startup"]["tone"], "harsh");
    assert!(body["communication"]["horsemen"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["id"] == "criticism"));
    assert!(body["rewrites"].as_array().unwrap().len() >= 2);
    let anonymous = app
        .api()
        .post(app.at("/api/v1/analyze"))
        .json(&json!({"text": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

async fn safety_findings_show_support_instead_of_challenge(app: &TestApp) {
    let token = setup(app, "ana").await;
    let m: Value = post_moment(
        app,
        &token,
        json!({"content": {"situation": "He said he'd hurt me if I go out again"}}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(m["support_needed"], true, "{m}");
    let id = m["id"].as_str().unwrap();
    let browser = app.browser();
    app.sign_in(&browser, "ana", PASSWORD).await;
    let page = browser
        .get(app.at(&format!("/moments/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("You deserve support right now"));
    assert!(page.contains("emergency number"));
    let step = browser
        .get(app.at(&format!("/moments/{id}/step/5")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(step.contains("You deserve support right now"));
    assert!(
        !step.contains("Thinking traps that may be at work"),
        "no invitation to challenge the thought"
    );
}

async fn predictions_come_due_and_are_counted(app: &TestApp) {
    let token = setup(app, "ana").await;
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let m: Value = post_moment(app, &token, json!({"content": {"situation": "Quiet at dinner", "prediction": {"fear": "He'll say he's unhappy", "check_on": today.to_string()}}})).await.json().await.unwrap();
    let later: Value = post_moment(app, &token, json!({"content": {"situation": "Late again", "prediction": {"fear": "She forgot me", "check_on": "2031-01-01"}}})).await.json().await.unwrap();
    assert!(later["id"].is_string());
    let id = m["id"].as_str().unwrap();
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
    assert!(home.contains("Time to check a prediction"));
    assert!(home.contains("He&#39;ll say he&#39;s unhappy"));
    assert!(!home.contains("She forgot me"), "not due yet");

    let answered = browser
        .post(app.at(&format!("/moments/{id}/outcome")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("outcome", "no"),
            ("actual", "We talked about his job instead"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), 303);
    let home = browser
        .get(app.at("/?checked=1"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("Time to check a prediction"));
    assert!(home.contains("You've checked one fear so far, and it didn't happen."));
    let stats: Value = app
        .api()
        .get(app.at("/api/v1/moments/stats"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["checked"], 1);
    assert_eq!(stats["did_not_happen"], 1);
    assert_eq!(stats["due"], 0);
    let stored: Value = app
        .api()
        .get(app.at(&format!("/api/v1/moments/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stored["content"]["prediction"]["actual"],
        "We talked about his job instead"
    );
}

async fn the_guided_flow_works_with_plain_forms(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    let browser = app.browser();
    let csrf = app.sign_in(&browser, "ana", PASSWORD).await;
    let quick = browser
        .post(app.at("/moments/quick"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("situation", "Still no reply. It's been three hours."),
            ("intensity", "70"),
            ("intensity_set", "0"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(quick.status(), 303);
    let at = location(&quick);
    assert!(
        at.starts_with("/moments/") && at.ends_with("?saved=1"),
        "{at}"
    );
    let id = at
        .trim_start_matches("/moments/")
        .trim_end_matches("?saved=1")
        .to_owned();
    let page = browser
        .get(app.at(&at))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Still no reply. It&#39;s been three hours."));
    assert!(
        !page.contains("70 / 100"),
        "an untouched slider records no intensity"
    );

    let step = |n: u8, fields: Vec<(&'static str, &'static str)>| {
        let browser = browser.clone();
        let url = app.at(&format!("/moments/{id}/step/{n}"));
        let csrf = csrf.clone();
        async move {
            let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
            form.extend(fields);
            browser.post(url).form(&form).send().await.unwrap()
        }
    };
    let r = step(
        2,
        vec![
            ("feelings", "anxious"),
            ("intensity_anxious", "80"),
            ("feelings", "jealous"),
            ("intensity_jealous", "40"),
            ("urges", "check_phone"),
        ],
    )
    .await;
    assert_eq!(location(&r), format!("/moments/{id}/step/3"));
    let r = step(3, vec![("pause_record", "walk")]).await;
    assert_eq!(location(&r), format!("/moments/{id}/step/4"));
    let r = step(
        5,
        vec![
            ("thought", "He must be losing interest in me."),
            ("belief", "70"),
            ("action", "check"),
        ],
    )
    .await;
    assert_eq!(location(&r), format!("/moments/{id}/step/5#analysis"));
    let five = browser
        .get(app.at(&format!("/moments/{id}/step/5")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(five.contains("You wrote"), "the thought is pinned");
    assert!(five.contains("Mind reading"), "the trap is named");
    assert!(
        five.contains("<mark>"),
        "the words that show it are highlighted"
    );
    let r = step(
        5,
        vec![
            ("thought", "He must be losing interest in me."),
            ("belief", "70"),
            ("trap_mind_reading", "dismiss"),
            ("traps_added", "catastrophizing"),
        ],
    )
    .await;
    assert_eq!(location(&r), format!("/moments/{id}/step/6"));
    let r = step(
        6,
        vec![
            (
                "balanced_thought",
                "He's had a long week; I can ask how he is.",
            ),
            ("belief_after", "25"),
            ("after_0", "35"),
        ],
    )
    .await;
    assert_eq!(location(&r), format!("/moments/{id}/step/7"));
    let bad = step(7, vec![("fear", "He'll leave"), ("check_on", "2001-01-01")]).await;
    assert_eq!(bad.status(), 422, "a check day in the past is refused");
    let r = step(7, vec![("fear", "He'll leave"), ("check_on", "2031-06-01")]).await;
    assert_eq!(location(&r), format!("/moments/{id}?saved=1"));

    let view = browser
        .get(app.at(&format!("/moments/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for expected in [
        "Anxious 80 → 35",
        "Jealous 40",
        "A brisk walk for 20 min",
        "Catastrophising",
        "25 / 100 afterwards",
        "He&#39;ll leave",
    ] {
        assert!(view.contains(expected), "{expected} on the moment page");
    }
    assert!(
        !view.contains("Mind reading"),
        "a dismissed suggestion is not listed as a trap"
    );

    let list = browser
        .get(app.at("/moments?trap=catastrophizing"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("He must be losing interest in me."));
    let deleted = browser
        .post(app.at(&format!("/moments/{id}/delete")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&deleted), "/moments?trashed=1");
    let trash = browser
        .get(app.at("/moments/trash"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(trash.contains("He must be losing interest in me."));
    let csrf_in_trash = hidden_value(&trash, "csrf");
    let restored = browser
        .post(app.at(&format!("/moments/{id}/restore")))
        .form(&[("csrf", csrf_in_trash.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(restored.status(), 303);
}

async fn repeated_checking_brings_a_gentle_card(app: &TestApp) {
    let token = setup(app, "ana").await;
    let mut last = String::new();
    for situation in [
        "No reply yet",
        "Still nothing from her",
        "Checked again, no reply",
    ] {
        let m: Value = post_moment(
            app,
            &token,
            json!({"content": {"situation": situation, "tags": ["no_reply"]}}),
        )
        .await
        .json()
        .await
        .unwrap();
        last = m["id"].as_str().unwrap().to_owned();
    }
    let browser = app.browser();
    app.sign_in(&browser, "ana", PASSWORD).await;
    let page = browser
        .get(app.at(&format!("/moments/{last}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("You've come back to this a few times"));
    assert!(page.contains("waiting 20 minutes"));

    let other = setup(app, "bea").await;
    let m: Value = post_moment(
        app,
        &other,
        json!({"content": {"situation": "Late again", "tags": ["late"]}}),
    )
    .await
    .json()
    .await
    .unwrap();
    let browser = app.browser();
    app.sign_in(&browser, "bea", PASSWORD).await;
    let page = browser
        .get(app.at(&format!("/moments/{}", m["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("come back to this"),
        "one moment is not a pattern"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operators_support_lines_are_ready_on_the_thought_step() {
    let app = TestApp::spawn_with(common::Engine::Sqlite, |c| {
        c.support = vec![steady_web::config::SupportLine {
            name: "Harbour Night Line".into(),
            contact: "call 0800 123 456".into(),
            note: "free, day and night".into(),
        }];
    })
    .await
    .unwrap();
    let token = setup(&app, "ana").await;
    let m: Value = post_moment(
        &app,
        &token,
        json!({"content": {"situation": "Quiet evening, no reply"}}),
    )
    .await
    .json()
    .await
    .unwrap();
    let browser = app.browser();
    app.sign_in(&browser, "ana", PASSWORD).await;
    let step = browser
        .get(app.at(&format!("/moments/{}/step/5", m["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let template = &step[step
        .find("<template data-support-template>")
        .expect("support panel ready for the live analysis")..];
    assert!(template.contains("Harbour Night Line") && template.contains("call 0800 123 456"));
    let danger: Value = post_moment(
        &app,
        &token,
        json!({"content": {"situation": "I want to hurt myself tonight"}}),
    )
    .await
    .json()
    .await
    .unwrap();
    let page = browser
        .get(app.at(&format!("/moments/{}", danger["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Harbour Night Line"),
        "the saved moment lists the operator's lines"
    );
    app.finish().await;
}
