//! Configuration: a TOML file plus `STEADY_*` environment variables (environment wins).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use steady_store::DatabaseUrl;

/// Why the configuration could not be used. Messages name the setting and say how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has an unknown key.
    #[error("configuration file {path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A value is not usable.
    #[error("{setting}: {message}")]
    Invalid {
        /// The setting, as named in the file or environment.
        setting: String,
        /// What is wrong.
        message: String,
    },
}

fn invalid(setting: &str, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        setting: setting.to_owned(),
        message: message.into(),
    }
}

/// The settings file as written. Every key is optional; unknown keys are an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    database_url_file: Option<PathBuf>,
    master_key_file: Option<PathBuf>,
    public_url: Option<String>,
    signups: Option<bool>,
    session_idle_days: Option<u32>,
    session_absolute_days: Option<u32>,
    log: Option<String>,
    support: Option<Vec<SupportLine>>,
}

/// A place to get help, shown when someone writes about self-harm or danger from a partner.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportLine {
    /// Who they are, such as "Samaritans".
    pub name: String,
    /// How to reach them: a phone number, a text number or an address.
    pub contact: String,
    /// When they answer, or who they are for.
    #[serde(default)]
    pub note: String,
}

/// Steady's settings, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Folder for the SQLite database and the master key.
    pub data_dir: PathBuf,
    /// The database; `None` means SQLite in the data folder.
    pub database_url: Option<DatabaseUrl>,
    /// Where the master key lives; `None` means `master.key` in the data folder.
    pub master_key_file: Option<PathBuf>,
    /// The public address people use, when Steady runs behind a proxy. An `https` URL turns on
    /// `Secure` cookies and HSTS.
    pub public_url: Option<url::Url>,
    /// Whether anyone may create an account.
    pub signups: bool,
    /// Sign out after this long without a request.
    pub session_idle: jiff::SignedDuration,
    /// Sign out this long after signing in, whatever happens.
    pub session_absolute: jiff::SignedDuration,
    /// Log filter, such as `info` or `steady_web=debug`.
    pub log: String,
    /// Local crisis lines and support services the operator lists.
    pub support: Vec<SupportLine>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("steady-data"),
            database_url: None,
            master_key_file: None,
            public_url: None,
            signups: true,
            session_idle: days(14),
            session_absolute: days(30),
            log: "info".to_owned(),
            support: Vec::new(),
        }
    }
}

fn days(n: u32) -> jiff::SignedDuration {
    jiff::SignedDuration::from_hours(i64::from(n) * 24)
}

/// Environment variables Steady reads.
pub const ENV_VARS: &[&str] = &[
    "STEADY_CONFIG",
    "STEADY_LISTEN",
    "STEADY_DATA_DIR",
    "STEADY_DATABASE_URL",
    "STEADY_DATABASE_URL_FILE",
    "DATABASE_URL",
    "STEADY_MASTER_KEY_FILE",
    "STEADY_PUBLIC_URL",
    "STEADY_SIGNUPS",
    "STEADY_SESSION_IDLE_DAYS",
    "STEADY_SESSION_ABSOLUTE_DAYS",
    "STEADY_LOG",
];

impl Config {
    /// Reads the settings file (if any) and then the environment, which wins.
    /// `file` is the path given on the command line; without it, `STEADY_CONFIG` is used.
    pub fn load(file: Option<&Path>, env: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let path = file
            .map(Path::to_path_buf)
            .or_else(|| env.get("STEADY_CONFIG").map(PathBuf::from));
        let from_file = match &path {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                })?;
                toml::from_str::<FileConfig>(&text).map_err(|e| ConfigError::Parse {
                    path: path.display().to_string(),
                    message: e.message().to_owned(),
                })?
            }
            None => FileConfig::default(),
        };
        Self::resolve(from_file, env)
    }

    fn resolve(file: FileConfig, env: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let mut config = Self::default();
        let get = |name: &str| env.get(name).map(String::as_str).filter(|v| !v.is_empty());

        if let Some(listen) = get("STEADY_LISTEN").or(file.listen.as_deref()) {
            config.listen = parse_listen(listen)?;
        }
        if let Some(dir) = get("STEADY_DATA_DIR").map(PathBuf::from).or(file.data_dir) {
            config.data_dir = dir;
        }
        let url_file = get("STEADY_DATABASE_URL_FILE")
            .map(PathBuf::from)
            .or(file.database_url_file);
        let url_text = match (get("STEADY_DATABASE_URL").or(get("DATABASE_URL")), url_file) {
            (Some(url), _) => Some(url.to_owned()),
            (None, Some(path)) => Some(read_secret_file("database_url_file", &path)?),
            (None, None) => file.database_url,
        };
        if let Some(url) = url_text {
            config.database_url =
                Some(DatabaseUrl::parse(&url).map_err(|e| invalid("database_url", e.to_string()))?);
        }
        if let Some(path) = get("STEADY_MASTER_KEY_FILE")
            .map(PathBuf::from)
            .or(file.master_key_file)
        {
            config.master_key_file = Some(path);
        }
        if let Some(public) = get("STEADY_PUBLIC_URL").or(file.public_url.as_deref()) {
            let url = url::Url::parse(public)
                .map_err(|e| invalid("public_url", format!("{public:?} is not a URL: {e}")))?;
            if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
                return Err(invalid(
                    "public_url",
                    "use an http:// or https:// address, such as https://steady.example.org",
                ));
            }
            config.public_url = Some(url);
        }
        if let Some(signups) = get("STEADY_SIGNUPS") {
            config.signups = parse_bool("STEADY_SIGNUPS", signups)?;
        } else if let Some(signups) = file.signups {
            config.signups = signups;
        }
        let idle = match get("STEADY_SESSION_IDLE_DAYS") {
            Some(v) => Some(parse_days("STEADY_SESSION_IDLE_DAYS", v)?),
            None => file.session_idle_days,
        };
        let absolute = match get("STEADY_SESSION_ABSOLUTE_DAYS") {
            Some(v) => Some(parse_days("STEADY_SESSION_ABSOLUTE_DAYS", v)?),
            None => file.session_absolute_days,
        };
        if let Some(d) = idle {
            config.session_idle = days(d);
        }
        if let Some(d) = absolute {
            config.session_absolute = days(d);
        }
        if config.session_idle > config.session_absolute {
            return Err(invalid(
                "session_idle_days",
                "the idle lifetime cannot be longer than the absolute lifetime",
            ));
        }
        if let Some(log) = get("STEADY_LOG").or(file.log.as_deref()) {
            config.log = log.to_owned();
        }
        if let Some(support) = file.support {
            if support
                .iter()
                .any(|s| s.name.trim().is_empty() || s.contact.trim().is_empty())
            {
                return Err(invalid(
                    "support",
                    "every support line needs a name and a contact",
                ));
            }
            config.support = support;
        }
        Ok(config)
    }

    /// The database to use: the configured URL, or SQLite in the data folder.
    pub fn database(&self) -> DatabaseUrl {
        self.database_url
            .clone()
            .unwrap_or_else(|| DatabaseUrl::Sqlite(self.data_dir.join("steady.db")))
    }

    /// Where the master key lives.
    pub fn master_key_path(&self) -> PathBuf {
        self.master_key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("master.key"))
    }

    /// Whether people reach Steady over https (cookies get `Secure`, responses get HSTS).
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_ref()
            .is_some_and(|u| u.scheme() == "https")
    }

    /// Names of `STEADY_*` variables in `env` that Steady does not know, to warn about typos.
    pub fn unknown_env_vars(env: &HashMap<String, String>) -> Vec<String> {
        let mut unknown: Vec<String> = env
            .keys()
            .filter(|k| k.starts_with("STEADY_") && !ENV_VARS.contains(&k.as_str()))
            .cloned()
            .collect();
        unknown.sort();
        unknown
    }

    /// A commented example configuration file with every setting and its default.
    pub fn default_toml() -> &'static str {
        DEFAULT_TOML
    }
}

fn parse_listen(raw: &str) -> Result<SocketAddr, ConfigError> {
    raw.parse().map_err(|_| {
        invalid(
            "listen",
            format!("{raw:?} is not an address and port, such as 127.0.0.1:8080"),
        )
    })
}

fn parse_bool(setting: &str, raw: &str) -> Result<bool, ConfigError> {
    match raw.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(invalid(setting, format!("{raw:?} is not true or false"))),
    }
}

fn parse_days(setting: &str, raw: &str) -> Result<u32, ConfigError> {
    match raw.parse::<u32>() {
        Ok(d) if (1..=3650).contains(&d) => Ok(d),
        _ => Err(invalid(
            setting,
            format!("{raw:?} is not a number of days from 1 to 3650"),
        )),
    }
}

fn read_secret_file(setting: &str, path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path)
        .map(|s| s.trim().to_owned())
        .map_err(|e| invalid(setting, format!("cannot read {}: {e}", path.display())))
}

const DEFAULT_TOML: &str = r#"# Steady configuration.
# Every setting is optional; the values shown are the defaults.
# Environment variables win over this file: each setting has one named STEADY_<SETTING>
# (for example STEADY_LISTEN, STEADY_DATA_DIR). Unknown keys in this file are an error.
# Use it with `steady serve --config steady.toml` or STEADY_CONFIG=steady.toml.

# Address and port to listen on.
listen = "127.0.0.1:8080"

# Folder for the SQLite database and the instance master key. Created on first start.
data_dir = "steady-data"

# The database. Without it Steady uses SQLite at <data_dir>/steady.db.
# PostgreSQL: database_url = "postgres://steady@localhost/steady"
# (DATABASE_URL in the environment works too.)
# database_url = "sqlite://steady-data/steady.db"

# Read the database URL from a file instead (for secrets kept out of the environment).
# database_url_file = "/run/secrets/steady-database-url"

# The master key that wraps every person's data key. Created on first start with mode 0600.
# Back it up: without it the journal cannot be read.
# master_key_file = "steady-data/master.key"

# The address people use to reach Steady. An https:// address marks cookies Secure and
# sends HSTS. Set it when Steady runs behind a reverse proxy.
# public_url = "https://steady.example.org"

# Whether anyone may create an account. With false, add people with `steady user add NAME`.
signups = true

# Sign people out after this many days without using Steady, and this many days after
# signing in, whichever comes first.
session_idle_days = 14
session_absolute_days = 30

# What to log (tracing filter). Journal text, passwords and tokens are never logged.
log = "info"

# Support lines shown at once when someone writes about hurting themselves or about danger
# from a partner. Without any, Steady shows general advice to call the local emergency number.
# List the services that serve your users, one [[support]] table each:
# [[support]]
# name = "Local crisis line"
# contact = "call or text 000 000 000"
# note = "free, day and night"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn write(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
        f
    }

    #[test]
    fn defaults_match_the_documented_ones() {
        let c = Config::load(None, &env(&[])).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.data_dir, PathBuf::from("steady-data"));
        assert_eq!(
            c.database(),
            DatabaseUrl::Sqlite("steady-data/steady.db".into())
        );
        assert!(c.signups);
        assert_eq!(c.session_idle, days(14));
        assert_eq!(c.session_absolute, days(30));
    }

    #[test]
    fn the_printed_default_file_parses_to_the_defaults() {
        let f = write(Config::default_toml());
        let c = Config::load(Some(f.path()), &env(&[])).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert!(c.signups);
    }

    #[test]
    fn environment_wins_over_the_file() {
        let f = write("listen = \"127.0.0.1:9000\"\nsignups = true\n");
        let c = Config::load(
            Some(f.path()),
            &env(&[
                ("STEADY_LISTEN", "0.0.0.0:7000"),
                ("STEADY_SIGNUPS", "false"),
            ]),
        )
        .unwrap();
        assert_eq!(c.listen.to_string(), "0.0.0.0:7000");
        assert!(!c.signups);
    }

    #[test]
    fn unknown_keys_are_an_error() {
        let f = write("listen = \"127.0.0.1:9000\"\nsignup = false\n");
        let err = Config::load(Some(f.path()), &env(&[]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("signup"), "{err}");
    }

    #[test]
    fn secrets_can_come_from_files() {
        let secret = write("postgres://steady:pw@db/steady\n");
        let path = secret.path().display().to_string();
        let c = Config::load(None, &env(&[("STEADY_DATABASE_URL_FILE", &path)])).unwrap();
        assert!(matches!(c.database(), DatabaseUrl::Postgres(_)));
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        let err = Config::load(None, &env(&[("DATABASE_URL", "mysql://x/y")])).unwrap_err();
        assert!(err.to_string().contains("database_url"));
        assert!(Config::load(None, &env(&[("STEADY_LISTEN", "localhost")])).is_err());
        assert!(Config::load(None, &env(&[("STEADY_SESSION_IDLE_DAYS", "0")])).is_err());
        assert!(Config::load(None, &env(&[("STEADY_PUBLIC_URL", "ftp://x")])).is_err());
        assert!(Config::load(
            None,
            &env(&[
                ("STEADY_SESSION_IDLE_DAYS", "40"),
                ("STEADY_SESSION_ABSOLUTE_DAYS", "30")
            ])
        )
        .is_err());
    }

    #[test]
    fn support_lines_come_from_the_file() {
        let f = write("[[support]]\nname = \"Night line\"\ncontact = \"call 0800 000\"\n");
        let c = Config::load(Some(f.path()), &env(&[])).unwrap();
        assert_eq!(c.support.len(), 1);
        assert_eq!(c.support[0].name, "Night line");
        let bad = write("[[support]]\nname = \"\"\ncontact = \"x\"\n");
        assert!(Config::load(Some(bad.path()), &env(&[])).is_err());
    }

    #[test]
    fn https_public_url_turns_on_secure_cookies() {
        let c = Config::load(
            None,
            &env(&[("STEADY_PUBLIC_URL", "https://steady.example.org")]),
        )
        .unwrap();
        assert!(c.is_https());
        assert!(!Config::default().is_https());
    }

    #[test]
    fn unknown_env_vars_are_reported() {
        let unknown =
            Config::unknown_env_vars(&env(&[("STEADY_LISTN", "x"), ("STEADY_LISTEN", "y")]));
        assert_eq!(unknown, vec!["STEADY_LISTN".to_string()]);
    }
}
