//! Chat exports (WhatsApp, Telegram) to messages, for Steady. Parsing only: no I/O.
//!
//! ```
//! use steady_chat::{parse_whatsapp, parse_telegram, MessageKind, ParseOptions};
//!
//! let export = "\
//! 14/02/2024, 21:03 - Messages and calls are end-to-end encrypted. Tap to learn more.
//! 14/02/2024, 21:05 - Mia: are you still at work?
//! 14/02/2024, 22:40 - Theo: sorry, just saw this
//! long day. home in 20 min
//! 14/02/2024, 22:41 - Theo: <Media omitted>
//! ";
//! let chat = parse_whatsapp(export, &ParseOptions::default())?;
//! assert_eq!(chat.participants, ["Mia", "Theo"]);
//! assert_eq!(chat.messages[0].kind, MessageKind::System);
//! assert_eq!(chat.messages[0].sender, None);
//! assert_eq!(chat.messages[2].text, "sorry, just saw this\nlong day. home in 20 min");
//! assert_eq!(chat.messages[2].at.to_string(), "2024-02-14T22:40:00");
//! assert_eq!(chat.messages[3].kind, MessageKind::Media);
//!
//! let json = r#"{"name": "Theo", "messages": [
//!   {"id": 1, "type": "message", "date": "2024-02-14T21:05:00", "from": "Mia",
//!    "text": ["are you ", {"type": "bold", "text": "ok"}, "?"]}
//! ]}"#;
//! let chat = parse_telegram(json)?;
//! assert_eq!(chat.messages[0].text, "are you ok?");
//! # Ok::<(), steady_chat::ChatError>(())
//! ```
//!
//! Times are civil date-times ([`jiff::civil::DateTime`]): exports do not say which time zone
//! they were written in, so the caller applies the zone it knows. Timestamps can go backwards
//! (clock changes, messages sent offline); messages stay in the export's order.
//!
//! WhatsApp writes dates in the phone's locale. The order (day/month or month/day) is worked out
//! from every date in the file; when no date settles it, [`parse_whatsapp`] returns
//! [`ChatError::AmbiguousDateOrder`] rather than guess, and the caller passes the order in
//! [`ParseOptions::date_order`].
//!
//! Lines the app wrote (encryption notice, joins and leaves, group changes) have no sender and
//! kind [`MessageKind::System`]; media, deleted messages and calls keep their sender but have
//! their own kinds, so none of them counts as a participant's words. A line that looks like a
//! header inside a multi-line message is kept as text when it cannot be a real one (see
//! [`parse_whatsapp`]). Every such decision is listed in [`Chat::notes`].
//!
//! Work is linear in the size of the input, which is capped by [`ParseOptions::max_bytes`].
//! No input makes the parsers panic.
#![deny(missing_docs)]

mod error;
mod telegram;
mod types;
mod whatsapp;

pub use error::ChatError;
pub use types::{
    Call, Chat, DateOrder, DateOrderUsed, ExportFormat, Message, MessageKind, Note, MAX_NOTES,
};

/// The default for [`ParseOptions::max_bytes`]: 256 MiB, far more than years of text.
pub const DEFAULT_MAX_BYTES: usize = 256 * 1024 * 1024;

/// How to read an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    /// The order of day and month in WhatsApp dates. `None` (the default) works it out from the
    /// file and fails with [`ChatError::AmbiguousDateOrder`] when the file does not settle it.
    pub date_order: Option<DateOrder>,
    /// Inputs larger than this are refused with [`ChatError::TooLarge`].
    pub max_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            date_order: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Reads a WhatsApp "Export chat" .txt file (iOS or Android, any of the common locales).
///
/// A line that looks like a message header is taken as text inside the message before it when
/// it cannot be a real header: when it is written in another shape than the export's own
/// headers (brackets or dash, seconds or not, 12- or 24-hour clock), when its date is not
/// valid in the file's date order, or when its time is earlier than the message it follows
/// and the time comes back within the next few headers (a quoted or forged header). A time
/// that goes back and stays back (a clock change) is believed.
///
/// # Errors
///
/// [`ChatError::Empty`], [`ChatError::TooLarge`], [`ChatError::NotWhatsApp`] when no line is a
/// header, and the date-order errors ([`ChatError::AmbiguousDateOrder`],
/// [`ChatError::ConflictingDateOrder`], [`ChatError::DateOrderMismatch`]).
pub fn parse_whatsapp(text: &str, options: &ParseOptions) -> Result<Chat, ChatError> {
    whatsapp::parse(text, options)
}

/// Reads a Telegram Desktop JSON export holding one chat: a chat's `result.json`, or an
/// account export whose `chats.list` holds exactly one chat.
///
/// `text` may be a string or an array of entities; service messages become
/// [`MessageKind::System`] (calls become [`MessageKind::Call`] with the caller as sender);
/// replies, edits and forwards are kept. `at` is the export's `date` (the exporting computer's
/// local time); [`Message::instant`] is `date_unixtime`. Invalid `\xHH` escapes, which some
/// exports contain, are read as the characters they mean.
///
/// # Errors
///
/// [`ChatError::Json`], [`ChatError::NotTelegram`], [`ChatError::Empty`],
/// [`ChatError::TooLarge`] (at [`DEFAULT_MAX_BYTES`]), and [`ChatError::SeveralChats`] when an
/// account export holds more than one chat.
pub fn parse_telegram(json: &str) -> Result<Chat, ChatError> {
    telegram::parse_one(json, DEFAULT_MAX_BYTES)
}

/// Reads every chat of a Telegram Desktop JSON export (one for a chat export, all of
/// `chats.list` for an account export).
///
/// # Errors
///
/// As [`parse_telegram`], except that several chats are not an error.
pub fn parse_telegram_all(json: &str) -> Result<Vec<Chat>, ChatError> {
    telegram::parse_all(json, DEFAULT_MAX_BYTES)
}

/// Reads an export of either kind: JSON (starting with `{`) as Telegram, anything else as
/// WhatsApp.
///
/// # Errors
///
/// As [`parse_telegram`] or [`parse_whatsapp`].
pub fn parse_export(text: &str, options: &ParseOptions) -> Result<Chat, ChatError> {
    let start = text.trim_start_matches(|c: char| c == '\u{FEFF}' || c.is_whitespace());
    if start.starts_with('{') {
        telegram::parse_one(text, options.max_bytes)
    } else {
        whatsapp::parse(text, options)
    }
}
