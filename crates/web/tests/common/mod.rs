//! A real Steady server on port 0 with a fresh database (SQLite file or a new PostgreSQL
//! database), and helpers to talk to it over HTTP.
#![allow(dead_code)]

use std::net::IpAddr;

use steady_store::{DatabaseUrl, Store};
use steady_web::{Config, Server};
use tokio::sync::oneshot;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub url: String,
    pub config: Config,
    pub store: Store,
    pub engine: Engine,
    pub data_dir: tempfile::TempDir,
    pg_database: Option<(String, String)>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

fn admin_url() -> String {
    std::env::var("STEADY_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Creates a fresh PostgreSQL database, or explains loudly why it cannot. On CI that is a failure.
async fn fresh_pg_database() -> Option<(String, String)> {
    let admin = admin_url();
    let pool = match sqlx::PgPool::connect(&admin).await {
        Ok(pool) => pool,
        Err(e) => {
            if std::env::var_os("CI").is_some() {
                panic!("PostgreSQL tests must run on CI, but {admin} is unreachable: {e}");
            }
            eprintln!(
                "\n*** SKIPPED: PostgreSQL test — cannot reach {admin} ({e}). \
                 Start PostgreSQL or set STEADY_TEST_DATABASE_URL; CI runs these. ***\n"
            );
            return None;
        }
    };
    let name = format!("steady_test_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&pool)
        .await
        .expect("create test database");
    pool.close().await;
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin)
        .to_owned();
    Some((name.clone(), format!("{base}/{name}")))
}

impl TestApp {
    pub async fn spawn(engine: Engine) -> Option<Self> {
        Self::spawn_with(engine, |_| {}).await
    }

    pub async fn spawn_with(engine: Engine, adjust: impl FnOnce(&mut Config)) -> Option<Self> {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: data_dir.path().join("data"),
            log: "warn".into(),
            ..Config::default()
        };
        let pg_database = match engine {
            Engine::Sqlite => None,
            Engine::Postgres => {
                let (name, url) = fresh_pg_database().await?;
                config.database_url = Some(DatabaseUrl::parse(&url).unwrap());
                Some((name, url))
            }
        };
        adjust(&mut config);
        let server = Server::build(config.clone()).await.expect("server builds");
        let url = format!("http://{}", server.local_addr());
        let store = server.store().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async move {
            let _ = stopped.await;
        }));
        Some(Self {
            url,
            config,
            store,
            engine,
            data_dir,
            pg_database,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Stops the server (gracefully) and drops a PostgreSQL test database.
    pub async fn finish(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await
                .expect("server task")
                .expect("server stopped cleanly");
        }
        if let Some((name, _)) = self.pg_database.take() {
            if let Ok(pool) = sqlx::PgPool::connect(&admin_url()).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&pool)
                    .await;
            }
        }
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    /// A client with its own cookie jar that does not follow redirects.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36")
            .build()
            .unwrap()
    }

    /// A client connecting from another loopback address.
    pub fn browser_from(&self, address: IpAddr) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .local_address(address)
            .build()
            .unwrap()
    }

    pub fn api(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    pub async fn create_account(&self, username: &str, password: &str) -> serde_json::Value {
        let response = self
            .api()
            .post(self.at("/api/v1/accounts"))
            .json(&serde_json::json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "account {username} created");
        response.json().await.unwrap()
    }

    pub async fn create_token(
        &self,
        username: &str,
        password: &str,
        name: &str,
    ) -> (String, String) {
        let response = self
            .api()
            .post(self.at("/api/v1/tokens"))
            .json(&serde_json::json!({"username": username, "password": password, "name": name}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "token for {username} created");
        let body: serde_json::Value = response.json().await.unwrap();
        (
            body["id"].as_str().unwrap().to_owned(),
            body["token"].as_str().unwrap().to_owned(),
        )
    }

    /// Signs in through the sign-in page with `client`; returns the session's CSRF token.
    pub async fn sign_in(
        &self,
        client: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> String {
        let page = client
            .get(self.at("/signin"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let csrf = hidden_value(&page, "csrf");
        let response = client
            .post(self.at("/signin"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", username),
                ("password", password),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "sign-in redirects");
        assert_eq!(location(&response), "/");
        self.session_csrf(client).await
    }

    /// The CSRF token of the signed-in session of `client` (read from the settings page).
    pub async fn session_csrf(&self, client: &reqwest::Client) -> String {
        let page = client.get(self.at("/settings")).send().await.unwrap();
        assert_eq!(page.status(), 200, "settings page reachable when signed in");
        hidden_value(&page.text().await.unwrap(), "csrf")
    }
}

/// The value of the first hidden input named `name` in `html`.
pub fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no hidden {name} field in page"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Runs each listed test against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let app = $crate::common::TestApp::spawn($crate::common::Engine::Sqlite)
                        .await
                        .expect("SQLite always runs");
                    super::$test(&app).await;
                    app.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let Some(app) = $crate::common::TestApp::spawn($crate::common::Engine::Postgres).await else {
                        return;
                    };
                    super::$test(&app).await;
                    app.finish().await;
                }
            )*
        }
    };
}
