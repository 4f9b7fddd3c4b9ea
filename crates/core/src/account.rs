use std::fmt;
use std::sync::LazyLock;

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::ValidationError;

/// A username: 3–32 characters of lowercase letters, digits, `_`, `.` or `-`, compared
/// case-insensitively (it is stored lowercase).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    /// Parses a username as typed: surrounding space is ignored and letters are lowercased.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim().to_lowercase();
        let len = name.chars().count();
        if !(3..=32).contains(&len) {
            return Err(ValidationError::new(
                "username",
                "A username needs 3 to 32 characters.",
            ));
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
        {
            return Err(ValidationError::new(
                "username",
                "Use only letters a–z, digits, and _ . or - in a username.",
            ));
        }
        if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(ValidationError::new(
                "username",
                "A username starts with a letter or a digit.",
            ));
        }
        Ok(Self(name))
    }

    /// The canonical (lowercase) name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed at sign-in. It is never checked for strength (that happens only when a
/// password is chosen), never printed, and wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Password(String);

impl Password {
    /// Wraps a typed password. Longer than 1024 bytes is refused so hashing stays bounded.
    pub fn parse(raw: impl Into<String>) -> Result<Self, ValidationError> {
        let raw = raw.into();
        if raw.is_empty() {
            return Err(ValidationError::new("password", "Enter your password."));
        }
        if raw.len() > 1024 {
            return Err(ValidationError::new(
                "password",
                "That password is longer than 1024 bytes.",
            ));
        }
        Ok(Self(raw))
    }

    /// The secret itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

static COMMON_PASSWORDS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// A newly chosen password: at least 10 characters, not one of the most common passwords, and
/// not the username.
#[derive(Clone, Debug)]
pub struct NewPassword(Password);

impl NewPassword {
    /// The shortest password accepted, in characters.
    pub const MIN_CHARS: usize = 10;

    /// Checks a newly chosen password.
    pub fn parse(raw: impl Into<String>) -> Result<Self, ValidationError> {
        let password = Password::parse(raw)?;
        let typed = password.expose();
        if typed.chars().count() < Self::MIN_CHARS {
            return Err(ValidationError::new(
                "password",
                format!(
                    "Choose a password of at least {} characters. A few unrelated words work well.",
                    Self::MIN_CHARS
                ),
            ));
        }
        if COMMON_PASSWORDS.contains(typed.to_lowercase().as_str()) {
            return Err(ValidationError::new(
                "password",
                "That password is one of the most common ones and easy to guess. Choose another.",
            ));
        }
        Ok(Self(password))
    }

    /// Checks a newly chosen password for a given account: it must also differ from the username.
    pub fn parse_for(raw: impl Into<String>, username: &Username) -> Result<Self, ValidationError> {
        let new = Self::parse(raw)?;
        if new.0.expose().trim().to_lowercase() == username.as_str() {
            return Err(ValidationError::new(
                "password",
                "Your password can't be your username.",
            ));
        }
        Ok(new)
    }

    /// The password, for hashing.
    pub fn into_password(self) -> Password {
        self.0
    }
}

/// The name a person gives a personal access token, such as "phone shortcut": 1–80 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenName(String);

impl TokenName {
    /// Parses a token name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(ValidationError::new(
                "name",
                "Give the token a name, so you can recognise it later.",
            ));
        }
        if name.chars().count() > 80 {
            return Err(ValidationError::new(
                "name",
                "Keep the token name under 80 characters.",
            ));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lowercased_and_checked() {
        assert_eq!(Username::parse(" Ana ").unwrap().as_str(), "ana");
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("ana maria").is_err());
        assert!(Username::parse("_ana").is_err());
        assert!(Username::parse("ana<script>").is_err());
        assert!(Username::parse(&"a".repeat(33)).is_err());
    }

    #[test]
    fn new_passwords_need_length_and_must_not_be_common() {
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse("123456789").is_err());
        let common = NewPassword::parse("Password123").unwrap_err();
        assert!(common.message.contains("common"));
        assert!(NewPassword::parse("QWERTYUIOP").is_err());
        assert!(NewPassword::parse("calm-harbour-2718").is_ok());
        // Length counts characters, not bytes.
        assert!(NewPassword::parse("ééééééééé").is_err());
        assert!(NewPassword::parse("éééééééééé").is_ok());
    }

    #[test]
    fn a_password_cannot_be_the_username() {
        let name = Username::parse("lighthouse42").unwrap();
        assert!(NewPassword::parse_for("LightHouse42", &name).is_err());
        assert!(NewPassword::parse_for("lighthouse-by-the-sea", &name).is_ok());
    }

    #[test]
    fn passwords_never_print() {
        let p = Password::parse("calm-harbour-2718").unwrap();
        assert!(!format!("{p:?}").contains("harbour"));
        let n = NewPassword::parse("calm-harbour-2718").unwrap();
        assert!(!format!("{n:?}").contains("harbour"));
    }

    #[test]
    fn common_list_is_loaded() {
        assert!(COMMON_PASSWORDS.len() > 100);
        assert!(COMMON_PASSWORDS
            .iter()
            .all(|p| p.chars().count() >= NewPassword::MIN_CHARS));
    }

    #[test]
    fn token_names() {
        assert_eq!(TokenName::parse("  phone ").unwrap().as_str(), "phone");
        assert!(TokenName::parse("   ").is_err());
        assert!(TokenName::parse(&"x".repeat(81)).is_err());
    }
}
