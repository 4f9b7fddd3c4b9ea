//! Password hashing: Argon2id with OWASP parameters, off the async threads, behind a cap.

use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;
use steady_core::Password;
use tokio::sync::Semaphore;

/// Hashes and verifies passwords. Cloning shares the concurrency cap.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified against when the username is unknown, so that an
    /// unknown username costs the same work as a known one.
    decoy: Arc<str>,
}

fn argon2() -> Argon2<'static> {
    // OWASP: m = 19 MiB, t = 2, p = 1.
    let params = match Params::new(19_456, 2, 1, None) {
        Ok(p) => p,
        Err(_) => unreachable!("constant Argon2 parameters are valid"),
    };
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

impl Hasher {
    /// A hasher that runs at most `max_parallel` hashes at once (each takes ~19 MiB).
    pub fn new(max_parallel: usize) -> anyhow::Result<Self> {
        let decoy_password = hex::encode(rand::random::<[u8; 16]>());
        let decoy =
            hash_blocking(&decoy_password).map_err(|e| anyhow::anyhow!("cannot hash: {e}"))?;
        Ok(Self {
            permits: Arc::new(Semaphore::new(max_parallel.max(1))),
            decoy: decoy.into(),
        })
    }

    /// Hashes a password into a PHC string.
    pub async fn hash(&self, password: Password) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await?;
        tokio::task::spawn_blocking(move || hash_blocking(password.expose()))
            .await?
            .map_err(|e| anyhow::anyhow!("cannot hash: {e}"))
    }

    /// Checks a password against a stored hash; with no hash (unknown user), does the same
    /// work against a decoy and answers false.
    pub async fn verify(&self, password: Password, hash: Option<&str>) -> anyhow::Result<bool> {
        let _permit = self.permits.acquire().await?;
        let known = hash.is_some();
        let hash = hash
            .map(str::to_owned)
            .unwrap_or_else(|| self.decoy.to_string());
        let ok =
            tokio::task::spawn_blocking(move || verify_blocking(password.expose(), &hash)).await?;
        Ok(ok && known)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_use_owasp_parameters() {
        let hasher = Hasher::new(2).unwrap();
        let hash = hasher
            .hash(Password::parse("calm-harbour-2718").unwrap())
            .await
            .unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(hasher
            .verify(Password::parse("calm-harbour-2718").unwrap(), Some(&hash))
            .await
            .unwrap());
        assert!(!hasher
            .verify(Password::parse("calm-harbour-2719").unwrap(), Some(&hash))
            .await
            .unwrap());
        // Unknown user: never true, even for the decoy's own (unknowable) password.
        assert!(!hasher
            .verify(Password::parse("calm-harbour-2718").unwrap(), None)
            .await
            .unwrap());
    }
}
