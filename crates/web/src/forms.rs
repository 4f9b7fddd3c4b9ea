//! Reading HTML forms whose fields repeat (checkbox groups).

use serde::Deserialize;
use steady_core::moment::Intensity;
use steady_core::ValidationError;

/// A form's fields, keeping repeated names (checkboxes).
#[derive(Deserialize)]
#[serde(transparent)]
pub(crate) struct Fields(pub(crate) Vec<(String, String)>);

impl Fields {
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub(crate) fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").trim_end().to_owned()
    }
    pub(crate) fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
    pub(crate) fn intensity(&self, name: &str) -> Result<Option<Intensity>, ValidationError> {
        match self.get(name).map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(raw) => {
                let value: i64 = raw.parse().map_err(|_| {
                    ValidationError::new(
                        "intensity",
                        format!("\u{201c}{raw}\u{201d} is not a number from 0 to 100."),
                    )
                })?;
                Intensity::parse(value).map(Some)
            }
        }
    }
    pub(crate) fn labels(&self, name: &str) -> Vec<String> {
        self.text(name)
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}
