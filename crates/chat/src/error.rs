//! Why an export could not be read.

use crate::types::DateOrder;

/// Why an export could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChatError {
    /// The input is bigger than [`crate::ParseOptions::max_bytes`].
    #[error("the export is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// There is nothing to read.
    #[error("the export is empty")]
    Empty,
    /// No line looks like a WhatsApp message header.
    #[error("no WhatsApp message found: no line starts like `12/31/23, 21:05 - Name: text` or `[31/12/2023, 21:05:00] Name: text`")]
    NotWhatsApp,
    /// Every date in the file reads as both day/month and month/day, so the order cannot be told.
    #[error("the dates are ambiguous: every one reads as day/month and as month/day (for example {example}); pass the date order explicitly")]
    AmbiguousDateOrder {
        /// One of the ambiguous dates, as written.
        example: String,
    },
    /// The file has dates that only make sense day-first and others that only make sense
    /// month-first, in equal numbers.
    #[error("the dates disagree: {day_first} read only as day/month (e.g. {day_first_example}) and {month_first} only as month/day (e.g. {month_first_example}); pass the date order explicitly")]
    ConflictingDateOrder {
        /// How many headers can only be day-first.
        day_first: usize,
        /// One of them.
        day_first_example: String,
        /// How many headers can only be month-first.
        month_first: usize,
        /// One of them.
        month_first_example: String,
    },
    /// The caller's date order cannot read the file's dates.
    #[error("the dates cannot be {given}: for example {example}")]
    DateOrderMismatch {
        /// The order the caller passed.
        given: DateOrder,
        /// A date that does not fit it.
        example: String,
    },
    /// The Telegram export is not valid JSON (even after repairing `\xHH` escapes).
    #[error("the Telegram export is not valid JSON: {0}")]
    Json(String),
    /// The JSON is not a Telegram export.
    #[error("not a Telegram export: {0}")]
    NotTelegram(String),
    /// A Telegram batch export holds several chats; pick one with [`crate::parse_telegram_all`].
    #[error("the Telegram export holds {count} chats ({names}); read them with parse_telegram_all and pick one")]
    SeveralChats {
        /// How many chats.
        count: usize,
        /// Their names (the first few).
        names: String,
    },
}
