//! The message coach and saved drafts, through the pages and the API, on both engines.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{location, TestApp};
use serde_json::{json, Value};

const PASSWORD: &str = "calm-harbour-2718";

on_both_engines!(
    a_blaming_draft_gets_highlights_and_gentle_rewrites,
    neutral_logistics_show_nothing_to_fix,
    contempt_or_high_distress_suggests_a_break,
    the_builder_puts_a_gentle_start_up_together,
    drafts_are_saved_listed_and_their_outcome_recorded,
    drafts_are_private_and_validated,
);

async fn signed_in(app: &TestApp) -> (reqwest::Client, String) {
    app.create_account("ana", PASSWORD).await;
    let browser = app.browser();
    let csrf = app.sign_in(&browser, "ana", PASSWORD).await;
    (browser, csrf)
}

async fn coach(app: &TestApp, browser: &reqwest::Client, form: &[(&str, &str)]) -> (u16, String) {
    let r = browser
        .post(app.at("/coach"))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

fn unescape(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// The texts of the rewrite boxes on a coach page.
fn rewrites(html: &str) -> Vec<String> {
    html.split("data-rewrite>")
        .skip(1)
        .map(|rest| unescape(&rest[..rest.find("</textarea>").unwrap()]))
        .collect()
}

async fn a_blaming_draft_gets_highlights_and_gentle_rewrites(app: &TestApp) {
    let (browser, csrf) = signed_in(app).await;
    let (status, page) = coach(
        app,
        &browser,
        &[
            ("csrf", &csrf),
            ("text", "You never prioritize me."),
            ("action", "check"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("<h3>Criticism</h3>"), "criticism is named");
    assert!(
        page.contains("<mark>You never prioritize</mark>"),
        "its words are highlighted"
    );
    assert!(page.contains("Harsh start-up"));
    let options = rewrites(&page);
    assert!(options.len() >= 2, "{options:?}");
    let (_, token) = app.create_token("ana", PASSWORD, "t").await;
    for rewrite in &options {
        assert!(
            rewrite.contains("feel") && rewrite.contains("need"),
            "the I feel … I need shape: {rewrite}"
        );
        let analysis: Value = app
            .api()
            .post(app.at("/api/v1/analyze"))
            .bearer_auth(&token)
            .json(&json!({"text": rewrite}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            analysis["communication"]["horsemen"],
            json!([]),
            "{rewrite}"
        );
        assert_eq!(
            analysis["communication"]["startup"]["tone"], "gentle",
            "{rewrite}"
        );
    }

    // The live preview renders the same panel, and needs the session's CSRF token.
    let preview = browser
        .post(app.at("/coach/preview"))
        .form(&[("csrf", csrf.as_str()), ("text", "You always ignore me")])
        .send()
        .await
        .unwrap();
    assert_eq!(preview.status(), 200);
    let panel = preview.text().await.unwrap();
    assert!(panel.contains("data-coach-results") && panel.contains("<mark>"));
    let forged = browser
        .post(app.at("/coach/preview"))
        .form(&[("csrf", "x"), ("text", "hi")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
}

async fn neutral_logistics_show_nothing_to_fix(app: &TestApp) {
    let (browser, csrf) = signed_in(app).await;
    let (_, page) = coach(
        app,
        &browser,
        &[
            ("csrf", &csrf),
            ("text", "Can you pick up milk on the way home?"),
            ("action", "check"),
        ],
    )
    .await;
    assert!(page.contains("Nothing here to fix"));
    assert!(!page.contains("<mark>"));
    assert!(rewrites(&page).is_empty());
    assert!(!page.contains("Take 20 minutes before sending"));
}

async fn contempt_or_high_distress_suggests_a_break(app: &TestApp) {
    let (browser, csrf) = signed_in(app).await;
    let (_, page) = coach(
        app,
        &browser,
        &[
            ("csrf", &csrf),
            ("text", "You're pathetic, honestly. What a joke you are."),
            ("action", "check"),
        ],
    )
    .await;
    assert!(page.contains("<h3>Contempt</h3>"), "contempt is named");
    assert!(page.contains("Take 20 minutes before sending"));
    let (_, calm) = coach(
        app,
        &browser,
        &[
            ("csrf", &csrf),
            ("text", "Can we talk tonight about the weekend?"),
            ("distress", "2"),
            ("action", "check"),
        ],
    )
    .await;
    assert!(!calm.contains("Take 20 minutes before sending"));
    let (_, upset) = coach(
        app,
        &browser,
        &[
            ("csrf", &csrf),
            ("text", "Can we talk tonight about the weekend?"),
            ("distress", "9"),
            ("action", "check"),
        ],
    )
    .await;
    assert!(
        upset.contains("Take 20 minutes before sending"),
        "high distress alone suggests a break"
    );
}

async fn the_builder_puts_a_gentle_start_up_together(app: &TestApp) {
    let (browser, csrf) = signed_in(app).await;
    let (status, page) = coach(
        app,
        &browser,
        &[
            ("csrf", &csrf),
            ("action", "build"),
            ("feeling", "lonely"),
            ("situation", "the evenings we both spend on our phones"),
            ("need", "time"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert!(unescape(&page).contains("I feel lonely about the evenings we both spend on our phones. Could we plan an evening together this week?"));
    let (status, page) = coach(
        app,
        &browser,
        &[
            ("csrf", &csrf),
            ("action", "build"),
            ("feeling", "lonely"),
            ("situation", " "),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("not what kind of person they are"));
}

async fn drafts_are_saved_listed_and_their_outcome_recorded(app: &TestApp) {
    let (browser, csrf) = signed_in(app).await;
    let saved = browser
        .post(app.at("/coach"))
        .form(&[("csrf", csrf.as_str()), ("text", "You never prioritize me."), ("final_text", "I feel lonely about our evenings lately. Could we plan a night together this week?"), ("action", "save")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let at = location(&saved);
    let id = at
        .trim_start_matches("/coach/drafts/")
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
    assert!(page.contains("The version you chose"));
    assert!(page.contains("Gentle start"));

    let outcome = browser
        .post(app.at(&format!("/coach/drafts/{id}/outcome")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("outcome", "connected"),
            ("note", "We planned Friday"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(outcome.status(), 303);
    let page = browser
        .get(app.at(&format!("/coach/drafts/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("You noted: <strong>We connected</strong>."));
    assert!(page.contains("<blockquote class=\"outcome-note\">We planned Friday"));

    let (_, token) = app.create_token("ana", PASSWORD, "t").await;
    let api = app.api();
    let created = api
        .post(app.at("/api/v1/drafts"))
        .bearer_auth(&token)
        .json(&json!({"text": "Whatever. Do what you want."}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    let second = created["id"].as_str().unwrap();
    let updated: Value = api
        .patch(app.at(&format!("/api/v1/drafts/{second}")))
        .bearer_auth(&token)
        .json(&json!({"outcome": "worse", "note": "We argued"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(updated["outcome"], "worse");
    assert!(updated["outcome_at"].is_string());
    let list: Value = api
        .get(app.at("/api/v1/drafts"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["drafts"].as_array().unwrap().len(), 2);
    assert_eq!(
        list["drafts"][1]["tone"], "gentle",
        "the chosen version decides the tone"
    );

    let summary: Value = api
        .get(app.at("/api/v1/drafts/summary?weeks=4"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let weeks = summary["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 4);
    assert_eq!(weeks[3]["saved"], 2);
    assert_eq!(weeks[3]["gentle"], 1);
    assert_eq!(weeks[0]["saved"], 0, "empty weeks are listed");
    let history = browser
        .get(app.at("/coach/drafts"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        history.contains("<svg") && history.contains("<table class=\"data\">"),
        "chart with a table alternative"
    );
    assert!(history.contains("It got worse"));

    let deleted = api
        .delete(app.at(&format!("/api/v1/drafts/{second}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let gone = api
        .get(app.at(&format!("/api/v1/drafts/{second}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
}

async fn drafts_are_private_and_validated(app: &TestApp) {
    app.create_account("ana", PASSWORD).await;
    app.create_account("bea", PASSWORD).await;
    let (_, ana) = app.create_token("ana", PASSWORD, "t").await;
    let (_, bea) = app.create_token("bea", PASSWORD, "t").await;
    let api = app.api();
    let d: Value = api
        .post(app.at("/api/v1/drafts"))
        .bearer_auth(&ana)
        .json(&json!({"text": "private words"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = d["id"].as_str().unwrap();
    for request in [
        api.get(app.at(&format!("/api/v1/drafts/{id}"))),
        api.patch(app.at(&format!("/api/v1/drafts/{id}")))
            .json(&json!({"outcome": "neutral"})),
        api.delete(app.at(&format!("/api/v1/drafts/{id}"))),
    ] {
        assert_eq!(
            request.bearer_auth(&bea).send().await.unwrap().status(),
            404
        );
    }
    let bea_list: Value = api
        .get(app.at("/api/v1/drafts"))
        .bearer_auth(&bea)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(bea_list["drafts"], json!([]));

    for (body, status) in [
        (json!({"text": ""}), 422),
        (json!({"text": "x".repeat(5001)}), 422),
        (json!({"text": "hi", "tone": "gentle"}), 422),
    ] {
        assert_eq!(
            api.post(app.at("/api/v1/drafts"))
                .bearer_auth(&ana)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status(),
            status,
            "{body}"
        );
    }
    let bad_outcome = api
        .patch(app.at(&format!("/api/v1/drafts/{id}")))
        .bearer_auth(&ana)
        .json(&json!({"outcome": "amazing"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_outcome.status(), 422);
    let bad_weeks = api
        .get(app.at("/api/v1/drafts/summary?weeks=0"))
        .bearer_auth(&ana)
        .send()
        .await
        .unwrap();
    assert_eq!(bad_weeks.status(), 422);
    let list: Value = api
        .get(app.at("/api/v1/drafts"))
        .bearer_auth(&ana)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        list["drafts"].as_array().unwrap().len(),
        1,
        "refused requests saved nothing"
    );
    assert_eq!(list["drafts"][0]["outcome"], Value::Null);
}
