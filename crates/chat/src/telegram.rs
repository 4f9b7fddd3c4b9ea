//! Telegram Desktop's JSON exports: one chat (`result.json` with `messages`) or the whole
//! account (`chats.list[*].messages`).

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde_json::{Map, Value};

use crate::error::ChatError;
use crate::types::{participants_of, Call, Chat, ExportFormat, Message, MessageKind, Notes};

/// Rewrites `\xHH` escapes inside JSON strings (which JSON does not allow, but some exporters
/// write) as `\u00HH`. Everything else is copied unchanged.
pub(crate) fn repair_x_escapes(json: &str) -> (String, usize) {
    let mut out = String::with_capacity(json.len() + 16);
    let mut repaired = 0;
    let mut in_string = false;
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if !in_string {
            in_string = c == '"';
            continue;
        }
        match c {
            '"' => in_string = false,
            '\\' => {
                let Some(next) = chars.next() else { break };
                if next == 'x' {
                    let mut hex = String::new();
                    while hex.len() < 2 {
                        match chars.peek() {
                            Some(h) if h.is_ascii_hexdigit() => {
                                hex.push(*h);
                                chars.next();
                            }
                            _ => break,
                        }
                    }
                    if hex.len() == 2 {
                        out.push_str("u00");
                        out.push_str(&hex);
                        repaired += 1;
                    } else {
                        out.push('x');
                        out.push_str(&hex);
                    }
                } else {
                    out.push(next);
                }
            }
            _ => {}
        }
    }
    (out, repaired)
}

fn load(json: &str, max_bytes: usize, notes: &mut Notes) -> Result<Value, ChatError> {
    if json.len() > max_bytes {
        return Err(ChatError::TooLarge {
            size: json.len(),
            limit: max_bytes,
        });
    }
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    if json.trim().is_empty() {
        return Err(ChatError::Empty);
    }
    match serde_json::from_str::<Value>(json) {
        Ok(v) => Ok(v),
        Err(first) => {
            if !json.contains("\\x") {
                return Err(ChatError::Json(first.to_string()));
            }
            let (fixed, n) = repair_x_escapes(json);
            let v = serde_json::from_str::<Value>(&fixed)
                .map_err(|_| ChatError::Json(first.to_string()))?;
            notes.push(
                None,
                format!("{n} invalid `\\x` escapes in the JSON were read as characters"),
            );
            Ok(v)
        }
    }
}

/// The chat objects (each with a `messages` array) in an export.
fn chat_objects(root: &Value) -> Result<Vec<&Map<String, Value>>, ChatError> {
    let obj = root
        .as_object()
        .ok_or_else(|| ChatError::NotTelegram("the top level is not an object".into()))?;
    if obj.get("messages").is_some_and(Value::is_array) {
        return Ok(vec![obj]);
    }
    let list = obj
        .get("chats")
        .and_then(|c| c.get("list"))
        .and_then(Value::as_array)
        .ok_or_else(|| {
            ChatError::NotTelegram("neither `messages` nor `chats.list` is present".into())
        })?;
    Ok(list
        .iter()
        .filter_map(Value::as_object)
        .filter(|c| c.get("messages").is_some_and(Value::is_array))
        .collect())
}

pub(crate) fn parse_all(json: &str, max_bytes: usize) -> Result<Vec<Chat>, ChatError> {
    let mut load_notes = Notes::default();
    let root = load(json, max_bytes, &mut load_notes)?;
    let load_notes = load_notes.finish();
    let objects = chat_objects(&root)?;
    for o in &objects {
        let items = o.get("messages").and_then(Value::as_array);
        let dated = |m: &Value| m.get("date").is_some() || m.get("date_unixtime").is_some();
        if items.is_some_and(|i| !i.is_empty() && !i.iter().any(dated)) {
            return Err(ChatError::NotTelegram(
                "no message has a `date` or `date_unixtime` (a Messenger or Instagram export?)"
                    .into(),
            ));
        }
    }
    Ok(objects
        .into_iter()
        .map(|o| {
            let mut chat = chat(o);
            let mut notes = load_notes.clone();
            notes.append(&mut chat.notes);
            chat.notes = notes;
            chat
        })
        .collect())
}

pub(crate) fn parse_one(json: &str, max_bytes: usize) -> Result<Chat, ChatError> {
    let mut chats = parse_all(json, max_bytes)?;
    match chats.len() {
        0 => Err(ChatError::NotTelegram("the export holds no chat".into())),
        1 => Ok(chats.remove(0)),
        count => Err(ChatError::SeveralChats {
            count,
            names: chats
                .iter()
                .take(5)
                .map(|c| c.name.clone().unwrap_or_else(|| "unnamed".into()))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

fn chat(obj: &Map<String, Value>) -> Chat {
    let mut notes = Notes::default();
    let mut messages = Vec::new();
    let items = obj
        .get("messages")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (index, item) in items.iter().enumerate() {
        let Some(m) = item.as_object() else {
            notes.push(None, format!("message {index} is not an object; skipped"));
            continue;
        };
        match message(m) {
            Some(msg) => messages.push(msg),
            None => notes.push(
                None,
                format!("message {index} has no valid `date` or `date_unixtime`; skipped"),
            ),
        }
    }
    Chat {
        format: ExportFormat::Telegram,
        name: obj.get("name").and_then(Value::as_str).map(str::to_string),
        participants: participants_of(&messages),
        messages,
        date_order: None,
        notes: notes.finish(),
    }
}

fn int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn string(m: &Map<String, Value>, key: &str) -> Option<String> {
    m.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `text` is a string or an array of strings and `{ "type": …, "text": … }` entities.
fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => {
            let mut out = String::new();
            for p in parts {
                match p {
                    Value::String(s) => out.push_str(s),
                    Value::Object(e) => {
                        if let Some(s) = e.get("text").and_then(Value::as_str) {
                            out.push_str(s);
                        }
                    }
                    _ => {}
                }
            }
            Some(out)
        }
        _ => None,
    }
}

fn message(m: &Map<String, Value>) -> Option<Message> {
    let instant = int(m.get("date_unixtime")).and_then(|s| Timestamp::from_second(s).ok());
    // `date` is the exporting computer's local time: a civil time, like WhatsApp's. Without
    // it, the instant is shown in UTC.
    let at = m
        .get("date")
        .and_then(Value::as_str)
        .and_then(|s| s.parse::<DateTime>().ok())
        .or_else(|| instant.map(|t| t.to_zoned(TimeZone::UTC).datetime()))?;
    let text = text_of(m.get("text"))
        .or_else(|| text_of(m.get("text_entities")))
        .unwrap_or_default();
    let service = m.get("type").and_then(Value::as_str) == Some("service");
    let from = string(m, "from").or_else(|| string(m, "from_id"));
    let actor = string(m, "actor").or_else(|| string(m, "actor_id"));

    let mut msg = if service {
        let action = m.get("action").and_then(Value::as_str).unwrap_or("");
        if action == "phone_call" || action == "group_call" {
            let reason = m.get("discard_reason").and_then(Value::as_str);
            let duration = int(m.get("duration_seconds")).and_then(|d| u64::try_from(d).ok());
            let mut c = Message::new(
                actor.or(from),
                at,
                String::new(),
                if action == "phone_call" {
                    MessageKind::Call
                } else {
                    MessageKind::System
                },
            );
            c.call = Some(Call {
                missed: matches!(reason, Some("missed" | "busy")),
                video: m.get("is_video").and_then(Value::as_bool).unwrap_or(false),
                duration_seconds: duration,
            });
            if c.kind == MessageKind::System {
                c.sender = None;
                c.text = "group call".into();
            }
            c
        } else {
            let described = if text.is_empty() {
                let who = actor.unwrap_or_default();
                let what = action.replace('_', " ");
                format!("{who} {what}").trim().to_string()
            } else {
                text
            };
            Message::new(None, at, described, MessageKind::System)
        }
    } else {
        let media = m
            .get("media_type")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| m.contains_key("photo").then(|| "photo".to_string()))
            .or_else(|| string(m, "file_name"))
            .or_else(|| m.contains_key("file").then(|| "file".to_string()))
            .or_else(|| {
                m.contains_key("location_information")
                    .then(|| "location".into())
            })
            .or_else(|| {
                m.contains_key("contact_information")
                    .then(|| "contact".into())
            })
            .or_else(|| m.contains_key("poll").then(|| "poll".into()));
        let sender = Some(from.unwrap_or_else(|| "unknown".into()));
        match media {
            Some(kind) => {
                let caption = if text.is_empty() && kind == "sticker" {
                    string(m, "sticker_emoji").unwrap_or_default()
                } else {
                    text
                };
                let mut x = Message::new(sender, at, caption, MessageKind::Media);
                x.attachment = Some(kind);
                x
            }
            None => Message::new(sender, at, text, MessageKind::Text),
        }
    };
    msg.instant = instant;
    msg.id = int(m.get("id"));
    msg.reply_to = int(m.get("reply_to_message_id"));
    msg.edited = m.contains_key("edited") || m.contains_key("edited_unixtime");
    msg.forwarded_from = string(m, "forwarded_from");
    Some(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = 1 << 20;

    #[test]
    fn single_chat_with_entities_replies_edits_and_calls() {
        let json = r#"{"name": "Kai", "type": "personal_chat", "messages": [
          {"id": 10, "type": "message", "date": "2024-03-01T08:00:00", "date_unixtime": "1709280000",
           "from": "Ivy", "text": "coffee?"},
          {"id": 11, "type": "message", "date": "2024-03-01T08:05:00", "from": "Kai",
           "reply_to_message_id": 10, "edited": "2024-03-01T08:06:00",
           "text": ["yes, ", {"type": "italic", "text": "please"}]},
          {"id": 12, "type": "service", "date": "2024-03-01T09:00:00", "actor": "Ivy",
           "action": "phone_call", "discard_reason": "missed", "text": ""},
          {"id": 13, "type": "service", "date": "2024-03-01T09:01:00", "actor": "Kai",
           "action": "pin_message", "text": ""},
          {"id": 14, "type": "message", "date": "2024-03-01T09:02:00", "from": "Kai",
           "photo": "photos/p.jpg", "text": "look"}
        ]}"#;
        let chat = parse_one(json, MAX).unwrap();
        assert_eq!(chat.name.as_deref(), Some("Kai"));
        assert_eq!(chat.participants, ["Ivy", "Kai"]);
        let m = &chat.messages;
        assert_eq!(m.len(), 5);
        assert_eq!(
            m[0].instant,
            Some(Timestamp::from_second(1709280000).unwrap())
        );
        assert_eq!(m[1].text, "yes, please");
        assert_eq!((m[1].reply_to, m[1].edited), (Some(10), true));
        assert_eq!(m[2].kind, MessageKind::Call);
        assert_eq!(m[2].sender.as_deref(), Some("Ivy"));
        assert!(m[2].call.unwrap().missed);
        assert_eq!(
            (m[3].kind, m[3].sender.as_ref()),
            (MessageKind::System, None)
        );
        assert_eq!(m[3].text, "Kai pin message");
        assert_eq!(m[4].kind, MessageKind::Media);
        assert_eq!(m[4].text, "look");
    }

    #[test]
    fn unixtime_only_is_read_in_utc() {
        let json = r#"{"messages": [{"type": "message", "date_unixtime": "0", "from": "A", "text": "x"}]}"#;
        let chat = parse_one(json, MAX).unwrap();
        assert_eq!(chat.messages[0].at, "1970-01-01T00:00:00".parse().unwrap());
    }

    #[test]
    fn batch_export() {
        let one = r#"{"chats": {"list": [{"name": "A", "messages": []}]}}"#;
        assert_eq!(parse_one(one, MAX).unwrap().name.as_deref(), Some("A"));
        let two = r#"{"chats": {"list": [{"name": "A", "messages": []}, {"name": "B", "messages": []}]}}"#;
        let err = parse_one(two, MAX).unwrap_err();
        assert!(
            matches!(err, ChatError::SeveralChats { count: 2, .. }),
            "{err}"
        );
        assert_eq!(parse_all(two, MAX).unwrap().len(), 2);
    }

    #[test]
    fn x_escapes_are_repaired() {
        let json = r#"{"messages": [{"type": "message", "date": "2024-03-01T08:00:00", "from": "A", "text": "a\x0Bb \\x41"}]}"#;
        let chat = parse_one(json, MAX).unwrap();
        assert_eq!(chat.messages[0].text, "a\u{0B}b \\x41");
        assert_eq!(chat.notes.len(), 1);
        assert_eq!(repair_x_escapes(r#""\x4"#).0, r#""\x4"#);
    }

    #[test]
    fn errors() {
        assert!(matches!(
            parse_one("[1]", MAX),
            Err(ChatError::NotTelegram(_))
        ));
        assert!(matches!(parse_one("{", MAX), Err(ChatError::Json(_))));
        assert!(matches!(parse_one("  ", MAX), Err(ChatError::Empty)));
        assert!(matches!(
            parse_one("{}", 1),
            Err(ChatError::TooLarge { .. })
        ));
        let deep = "[".repeat(100_000);
        assert!(matches!(parse_one(&deep, MAX * 4), Err(ChatError::Json(_))));
    }

    #[test]
    fn a_message_without_a_date_is_skipped_with_a_note() {
        let json = r#"{"messages": [{"type": "message", "from": "A", "text": "x"},
            {"type": "message", "from": "A", "text": "y", "date_unixtime": "5"}]}"#;
        let chat = parse_one(json, MAX).unwrap();
        assert_eq!(chat.messages.len(), 1);
        assert_eq!(chat.notes.len(), 1);
        let none = r#"{"messages": [{"sender_name": "A", "timestamp_ms": 1}]}"#;
        assert!(matches!(
            parse_one(none, MAX),
            Err(ChatError::NotTelegram(_))
        ));
    }
}
