//! Encryption at rest.
//!
//! Each person has a random 256-bit data key. It is stored wrapped (sealed) by the instance
//! master key, which lives in a file beside the database. Free text is sealed with
//! XChaCha20-Poly1305 under the person's data key; the additional data names the person, the
//! table, the record and the field, so a ciphertext copied into another row fails to open.
//!
//! The store's write methods take [`Sealed`] values for free-text fields, and the only way to
//! make one from text is [`DataKey::seal`]: plaintext cannot reach the database by accident.

use std::fmt;
use std::io::Write;
use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit, OsRng, Payload};
use chacha20poly1305::{AeadCore, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Format version written as the first byte of every sealed value.
const VERSION: u8 = 1;
const NONCE_LEN: usize = 24;

/// What can go wrong with keys and sealed values.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The master key file could not be read or written.
    #[error("master key file {path}: {source}")]
    KeyFile {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The master key file can be read by other users of the machine.
    #[error(
        "the master key file {path} can be read by other users (mode {mode:o}); \
         run `chmod 600 {path}` and start again"
    )]
    KeyFileExposed {
        /// The file.
        path: String,
        /// Its permission bits.
        mode: u32,
    },
    /// The master key file does not hold a 256-bit key in hex.
    #[error("the master key file {path} does not contain a 64-character hex key")]
    KeyFileMalformed {
        /// The file.
        path: String,
    },
    /// A sealed value failed to open: wrong key, wrong record, or tampered bytes.
    #[error("a sealed value failed to open")]
    Open,
}

/// Names the place a sealed value belongs to: person, table, record and field.
#[derive(Debug, Clone)]
pub struct Aad(String);

impl Aad {
    /// The additional data for `field` of record `record_id` in `table`, owned by `user_id`.
    pub fn new(user_id: &str, table: &str, record_id: &str, field: &str) -> Self {
        Self(format!("steady:v1|{user_id}|{table}|{record_id}|{field}"))
    }

    fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// A sealed (encrypted and authenticated) value, as stored in the database.
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed(Vec<u8>);

impl Sealed {
    /// Reads a value back from the database. Only the store itself makes these from bytes.
    pub(crate) fn from_stored(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The bytes to store.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Sealed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sealed({} bytes)", self.0.len())
    }
}

fn seal_bytes(key: &[u8; 32], plaintext: &[u8], aad: &Aad) -> Sealed {
    let cipher = XChaCha20Poly1305::new(key.into());
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    // Encryption with a valid key and nonce cannot fail for inputs that fit in memory.
    let ciphertext = match cipher.encrypt(
        &nonce,
        Payload {
            msg: plaintext,
            aad: aad.as_bytes(),
        },
    ) {
        Ok(c) => c,
        Err(_) => unreachable!("XChaCha20-Poly1305 encryption does not fail"),
    };
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
    out.push(VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    Sealed(out)
}

fn open_bytes(
    key: &[u8; 32],
    sealed: &Sealed,
    aad: &Aad,
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let bytes = &sealed.0;
    if bytes.len() < 1 + NONCE_LEN || bytes[0] != VERSION {
        return Err(CryptoError::Open);
    }
    let nonce = XNonce::from_slice(&bytes[1..1 + NONCE_LEN]);
    let cipher = XChaCha20Poly1305::new(key.into());
    cipher
        .decrypt(
            nonce,
            Payload {
                msg: &bytes[1 + NONCE_LEN..],
                aad: aad.as_bytes(),
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::Open)
}

/// The instance master key. It only wraps and unwraps data keys.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct MasterKey([u8; 32]);

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(<redacted>)")
    }
}

impl MasterKey {
    /// A fresh random key (used for tests and on first start).
    pub fn generate() -> Self {
        let mut key = [0u8; 32];
        OsRng.fill_bytes(&mut key);
        Self(key)
    }

    /// Loads the key from `path`, creating it with mode 0600 if it does not exist. Refuses a
    /// file that other users of the machine could read.
    pub fn load_or_create(path: &Path) -> Result<Self, CryptoError> {
        let shown = path.display().to_string();
        let io_err = |source| CryptoError::KeyFile {
            path: shown.clone(),
            source,
        };
        if !path.exists() {
            let key = Self::generate();
            let mut hex_key = Zeroizing::new(hex::encode(key.0));
            hex_key.push('\n');
            write_private_file(path, hex_key.as_bytes()).map_err(io_err)?;
            tracing::info!("created a new master key file");
            return Ok(key);
        }
        check_private(path)?;
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(io_err)?);
        Self::from_hex(text.trim()).ok_or(CryptoError::KeyFileMalformed { path: shown })
    }

    fn from_hex(text: &str) -> Option<Self> {
        let mut key = [0u8; 32];
        hex::decode_to_slice(text, &mut key).ok()?;
        Some(Self(key))
    }

    /// Wraps a person's data key for storage.
    pub fn wrap(&self, user_id: &str, key: &DataKey) -> Sealed {
        seal_bytes(
            &self.0,
            &key.0,
            &Aad::new(user_id, "users", user_id, "data_key"),
        )
    }

    /// Unwraps a person's data key read from storage.
    pub fn unwrap_key(&self, user_id: &str, wrapped: &Sealed) -> Result<DataKey, CryptoError> {
        let bytes = open_bytes(
            &self.0,
            wrapped,
            &Aad::new(user_id, "users", user_id, "data_key"),
        )?;
        let key: [u8; 32] = bytes.as_slice().try_into().map_err(|_| CryptoError::Open)?;
        Ok(DataKey(key))
    }
}

#[cfg(unix)]
fn write_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), CryptoError> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).map_err(|source| CryptoError::KeyFile {
        path: path.display().to_string(),
        source,
    })?;
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(CryptoError::KeyFileExposed {
            path: path.display().to_string(),
            mode,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path) -> Result<(), CryptoError> {
    Ok(())
}

/// A person's data key: seals and opens their free text.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct DataKey([u8; 32]);

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

impl DataKey {
    /// A fresh random data key for a new person.
    pub fn generate() -> Self {
        let mut key = [0u8; 32];
        OsRng.fill_bytes(&mut key);
        Self(key)
    }

    /// Seals text for the place `aad` names.
    pub fn seal(&self, plaintext: &str, aad: &Aad) -> Sealed {
        seal_bytes(&self.0, plaintext.as_bytes(), aad)
    }

    /// Opens text sealed for the place `aad` names.
    pub fn open(&self, sealed: &Sealed, aad: &Aad) -> Result<String, CryptoError> {
        let bytes = open_bytes(&self.0, sealed, aad)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| CryptoError::Open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_only_in_its_own_place() {
        let key = DataKey::generate();
        let here = Aad::new("u1", "moments", "m1", "thought");
        let sealed = key.seal("they must be pulling away", &here);
        assert_eq!(
            key.open(&sealed, &here).unwrap(),
            "they must be pulling away"
        );
        assert!(!sealed.as_bytes().windows(7).any(|w| w == b"pulling"));
        // Moved to another record, field or person: refused.
        assert!(key
            .open(&sealed, &Aad::new("u1", "moments", "m2", "thought"))
            .is_err());
        assert!(key
            .open(&sealed, &Aad::new("u1", "moments", "m1", "note"))
            .is_err());
        assert!(key
            .open(&sealed, &Aad::new("u2", "moments", "m1", "thought"))
            .is_err());
        // Another key: refused.
        assert!(DataKey::generate().open(&sealed, &here).is_err());
    }

    #[test]
    fn tampered_bytes_are_refused() {
        let key = DataKey::generate();
        let aad = Aad::new("u", "t", "r", "f");
        let mut sealed = key.seal("hello", &aad);
        let last = sealed.0.len() - 1;
        sealed.0[last] ^= 1;
        assert!(key.open(&sealed, &aad).is_err());
        assert!(key.open(&Sealed(vec![1, 2, 3]), &aad).is_err());
    }

    #[test]
    fn data_keys_wrap_per_person() {
        let master = MasterKey::generate();
        let key = DataKey::generate();
        let wrapped = master.wrap("u1", &key);
        let back = master.unwrap_key("u1", &wrapped).unwrap();
        assert_eq!(back.0, key.0);
        assert!(master.unwrap_key("u2", &wrapped).is_err());
        assert!(MasterKey::generate().unwrap_key("u1", &wrapped).is_err());
    }

    #[test]
    fn keys_never_print() {
        assert_eq!(format!("{:?}", DataKey::generate()), "DataKey(<redacted>)");
        assert_eq!(
            format!("{:?}", MasterKey::generate()),
            "MasterKey(<redacted>)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn key_file_is_private_and_exposed_files_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let first = MasterKey::load_or_create(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let again = MasterKey::load_or_create(&path).unwrap();
        assert_eq!(first.0, again.0);

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = MasterKey::load_or_create(&path).unwrap_err();
        assert!(matches!(err, CryptoError::KeyFileExposed { .. }));
        assert!(err.to_string().contains("chmod 600"));
    }
}
