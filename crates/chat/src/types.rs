//! The parsed shape of a chat: participants and messages.

use jiff::civil::DateTime;
use jiff::Timestamp;
use serde::Serialize;

/// One parsed chat export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chat {
    /// Where the chat came from.
    pub format: ExportFormat,
    /// The chat's title when the export names it (Telegram does, WhatsApp .txt does not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Everyone who wrote, sent media or called, in order of first appearance. System lines
    /// (for example an encryption notice that iOS attributes to the other person) do not make
    /// anyone a participant.
    pub participants: Vec<String>,
    /// The messages in the order the export lists them (which is not always chronological:
    /// timestamps can go backwards).
    pub messages: Vec<Message>,
    /// The date order used to read a WhatsApp export (`None` for Telegram).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_order: Option<DateOrderUsed>,
    /// Decisions the parser made that a person may want to know about (at most
    /// [`MAX_NOTES`] are kept).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// The most notes a [`Chat`] keeps; later ones are counted in a final note.
pub const MAX_NOTES: usize = 200;

impl Chat {
    /// The messages a participant wrote or sent (everything but [`MessageKind::System`]).
    pub fn authored(&self) -> impl Iterator<Item = &Message> {
        self.messages.iter().filter(|m| m.sender.is_some())
    }
}

/// Which exporter produced the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// WhatsApp on iOS: `[date, time] Name: text`.
    WhatsAppIos,
    /// WhatsApp on Android: `date, time - Name: text`.
    WhatsAppAndroid,
    /// Telegram Desktop's JSON export ("Export chat history" or the batch "Export Telegram data").
    Telegram,
}

/// The order of day, month and year in a WhatsApp date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `13/06/2018`: day, month, year.
    DayMonthYear,
    /// `06/13/2018`: month, day, year.
    MonthDayYear,
    /// `2018/06/13` or `2018-06-13`: year, month, day.
    YearMonthDay,
}

impl std::fmt::Display for DateOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DateOrder::DayMonthYear => "day/month/year",
            DateOrder::MonthDayYear => "month/day/year",
            DateOrder::YearMonthDay => "year/month/day",
        })
    }
}

/// The date order a WhatsApp export was read with, and how it was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateOrderUsed {
    /// The order.
    pub order: DateOrder,
    /// `true` when the caller passed it, `false` when the dates in the file proved it.
    pub given: bool,
}

/// One message, or one system line, of a chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Who wrote it; `None` for system lines (encryption notice, joined/left, group changes…).
    pub sender: Option<String>,
    /// When, as the export shows it: a civil date and time with no time zone. The exporting
    /// phone's zone applies; the caller knows it, the export does not.
    pub at: DateTime,
    /// The exact instant, when the export records one (Telegram's `date_unixtime`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instant: Option<Timestamp>,
    /// What was written. Multi-line messages keep their line breaks. Empty for media without a
    /// caption, deleted messages and calls.
    pub text: String,
    /// What sort of line this is.
    pub kind: MessageKind,
    /// The attached file's name or the media type, when the export says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachment: Option<String>,
    /// Details of a call ([`MessageKind::Call`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call: Option<Call>,
    /// The message was edited after it was sent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
    /// The export's id for this message (Telegram).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The id of the message this one answers (Telegram).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<i64>,
    /// Where a forwarded message came from (Telegram).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forwarded_from: Option<String>,
    /// The 1-based line of the export where the message starts (WhatsApp).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Message {
    /// A message with only the required fields set.
    pub fn new(sender: Option<String>, at: DateTime, text: String, kind: MessageKind) -> Self {
        Message {
            sender,
            at,
            instant: None,
            text,
            kind,
            attachment: None,
            call: None,
            edited: false,
            id: None,
            reply_to: None,
            forwarded_from: None,
            line: None,
        }
    }
}

/// What sort of line a [`Message`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// Words a participant wrote.
    Text,
    /// A photo, video, voice note, sticker, document… (`text` holds a caption, if any).
    Media,
    /// A line written by the app, not by a person. `sender` is `None`.
    System,
    /// A message its sender deleted ("This message was deleted").
    Deleted,
    /// A voice or video call, answered or missed. `sender` is the caller.
    Call,
}

/// Details of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Call {
    /// Nobody answered.
    pub missed: bool,
    /// A video call rather than a voice call, when the export says.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub video: bool,
    /// How long it lasted, when the export says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u64>,
}

/// Something the parser decided that a person may want to know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The 1-based line of the export it concerns (WhatsApp), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What happened, in plain words.
    pub text: String,
}

/// Collects notes up to [`MAX_NOTES`].
#[derive(Debug, Default)]
pub(crate) struct Notes {
    kept: Vec<Note>,
    dropped: usize,
}

impl Notes {
    pub(crate) fn push(&mut self, line: Option<usize>, text: impl Into<String>) {
        if self.kept.len() < MAX_NOTES {
            self.kept.push(Note {
                line,
                text: text.into(),
            });
        } else {
            self.dropped += 1;
        }
    }

    pub(crate) fn finish(mut self) -> Vec<Note> {
        if self.dropped > 0 {
            self.kept.push(Note {
                line: None,
                text: format!("{} more notes were left out", self.dropped),
            });
        }
        self.kept
    }
}

/// Participants in order of first appearance: senders of everything but system lines.
pub(crate) fn participants_of(messages: &[Message]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for m in messages {
        if m.kind == MessageKind::System {
            continue;
        }
        if let Some(s) = &m.sender {
            if seen.insert(s.as_str()) {
                out.push(s.clone());
            }
        }
    }
    out
}
