//! The hash modules CPython's `hashlib` falls back on when it has no OpenSSL
//! (`_hashlib`): `_md5`, `_sha1`, `_sha256`, `_sha512`, `_sha3` and `_blake2`, over the
//! RustCrypto crates. Each constructor takes the data to start with (`string=` /
//! `data=`) and `usedforsecurity=`; the objects have `update`, `digest`,
//! `hexdigest`, `copy`, `name`, `digest_size` and `block_size` (SHAKE's digests take a
//! length).

use crate::objects::rc::Arc;
use std::sync::{Mutex, OnceLock};

use blake2::digest::{Digest, ExtendableOutput, Update};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};

mod blake;

/// A running hash.
#[derive(Clone)]
enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(blake::Blake),
    Blake2s(blake::Blake),
}

impl State {
    fn update(&mut self, data: &[u8]) {
        match self {
            State::Md5(h) => Digest::update(h, data),
            State::Sha1(h) => Digest::update(h, data),
            State::Sha224(h) => Digest::update(h, data),
            State::Sha256(h) => Digest::update(h, data),
            State::Sha384(h) => Digest::update(h, data),
            State::Sha512(h) => Digest::update(h, data),
            State::Sha3_224(h) => Digest::update(h, data),
            State::Sha3_256(h) => Digest::update(h, data),
            State::Sha3_384(h) => Digest::update(h, data),
            State::Sha3_512(h) => Digest::update(h, data),
            State::Shake128(h) => Update::update(h, data),
            State::Shake256(h) => Update::update(h, data),
            State::Blake2b(h) | State::Blake2s(h) => h.update(data),
        }
    }

    /// The digest so far (the state goes on); `length` for SHAKE.
    fn digest(&self, length: usize) -> Vec<u8> {
        match self.clone() {
            State::Md5(h) => h.finalize().to_vec(),
            State::Sha1(h) => h.finalize().to_vec(),
            State::Sha224(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
            State::Sha3_224(h) => h.finalize().to_vec(),
            State::Sha3_256(h) => h.finalize().to_vec(),
            State::Sha3_384(h) => h.finalize().to_vec(),
            State::Sha3_512(h) => h.finalize().to_vec(),
            State::Shake128(h) => h.finalize_boxed(length).to_vec(),
            State::Shake256(h) => h.finalize_boxed(length).to_vec(),
            State::Blake2b(h) | State::Blake2s(h) => h.digest(),
        }
    }

    /// (`name`, `digest_size`, `block_size`) as CPython reports them.
    fn info(&self) -> (&'static str, usize, usize) {
        match self {
            State::Md5(_) => ("md5", 16, 64),
            State::Sha1(_) => ("sha1", 20, 64),
            State::Sha224(_) => ("sha224", 28, 64),
            State::Sha256(_) => ("sha256", 32, 64),
            State::Sha384(_) => ("sha384", 48, 128),
            State::Sha512(_) => ("sha512", 64, 128),
            State::Sha3_224(_) => ("sha3_224", 28, 144),
            State::Sha3_256(_) => ("sha3_256", 32, 136),
            State::Sha3_384(_) => ("sha3_384", 48, 104),
            State::Sha3_512(_) => ("sha3_512", 64, 72),
            State::Shake128(_) => ("shake_128", 0, 168),
            State::Shake256(_) => ("shake_256", 0, 136),
            State::Blake2b(h) => ("blake2b", h.digest_size(), 128),
            State::Blake2s(h) => ("blake2s", h.digest_size(), 64),
        }
    }

    fn is_shake(&self) -> bool {
        matches!(self, State::Shake128(_) | State::Shake256(_))
    }

    /// The Python type's name (`_sha256.SHA256Type` is CPython's `sha256` objects').
    fn type_name(&self) -> &'static str {
        match self {
            State::Md5(_) => "_md5.md5",
            State::Sha1(_) => "_sha1.sha1",
            State::Sha224(_) => "_sha256.sha224",
            State::Sha256(_) => "_sha256.sha256",
            State::Sha384(_) => "_sha512.sha384",
            State::Sha512(_) => "_sha512.sha512",
            State::Sha3_224(_) => "_sha3.sha3_224",
            State::Sha3_256(_) => "_sha3.sha3_256",
            State::Sha3_384(_) => "_sha3.sha3_384",
            State::Sha3_512(_) => "_sha3.sha3_512",
            State::Shake128(_) => "_sha3.shake_128",
            State::Shake256(_) => "_sha3.shake_256",
            State::Blake2b(_) => "_blake2.blake2b",
            State::Blake2s(_) => "_blake2.blake2s",
        }
    }
}

/// A hash object: its state is shared by the bound methods `getattr` hands out.
struct Hash {
    state: std::sync::Arc<Mutex<State>>,
}

impl Hash {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn new_object(state: State) -> Value {
    Value::Object(Arc::new(Object(Box::new(Hash {
        state: std::sync::Arc::new(Mutex::new(state)),
    }))))
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "update" => m_update, "digest" => m_digest, "hexdigest" => m_hexdigest, "copy" => m_copy,
];

impl NativeObject for Hash {
    fn type_name(&self) -> &'static str {
        self.lock().type_name()
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        let name = self.lock().info().0;
        Ok(format!(
            "<{name} _hashlib.HASH object @ {:#x}>",
            std::sync::Arc::as_ptr(&self.state) as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        let (hname, digest_size, block_size) = self.lock().info();
        match name {
            "name" => return Some(Value::str(hname)),
            "digest_size" => return Some(Value::Int(digest_size as i64)),
            "block_size" => return Some(Value::Int(block_size as i64)),
            // `_sha3`'s Keccak parameters: the rate is the block size.
            "_rate_bits" | "_capacity_bits" | "_suffix"
                if hname.starts_with("sha3_") || hname.starts_with("shake_") =>
            {
                let rate = 8 * block_size as i64;
                return Some(match name {
                    "_rate_bits" => Value::Int(rate),
                    "_capacity_bits" => Value::Int(1600 - rate),
                    _ => Value::Bytes(Arc::new(vec![if hname.starts_with("sha3_") {
                        0x06
                    } else {
                        0x1f
                    }])),
                });
            }
            _ => {}
        }
        let def = METHODS.iter().find(|d| d.name == name)?;
        let this = Value::Object(Arc::new(Object(Box::new(Hash {
            state: self.state.clone(),
        }))));
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn this<'a>(args: &'a Args, what: &str) -> PyResult<&'a Hash> {
    match args.get(0) {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<Hash>(),
        _ => None,
    }
    .ok_or_else(|| type_error(format!("descriptor '{what}' requires a hash object")).into())
}

/// The bytes of data to hash: a `str` must be encoded first (CPython's message).
fn data(gil: Gil<'_>, v: &Value) -> Result<Vec<u8>, PyErr> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::ByteArray(b) => Ok(b.borrow(gil).clone()),
        Value::Str(_) => Err(type_error("Strings must be encoded before hashing")),
        Value::Object(o) if o.0.buffer(gil).is_some() => Ok(o.0.buffer(gil).unwrap_or_default()),
        _ => Err(type_error("object supporting the buffer API required")),
    }
}

fn m_update(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("update", 1, 1)?;
    let bytes = data(cx.gil, args.at(1))?;
    this(&args, "update")?.lock().update(&bytes);
    Ok(Value::None)
}

/// SHAKE's `digest(length)` / `hexdigest(length)`, or the plain ones' no argument.
fn digest_of(args: &Args, what: &str) -> PyResult<Vec<u8>> {
    let h = this(args, what)?;
    let st = h.lock();
    if st.is_shake() {
        args.check_method(what, 1, 1)?;
        let n = arg_int(args.at(1), "")?;
        if n < 0 {
            return Err(value_error("value must be positive").into());
        }
        if n >= 1 << 29 {
            return Err(value_error("length is too large").into());
        }
        return Ok(st.digest(n as usize));
    }
    args.check_method(what, 0, 0)?;
    Ok(st.digest(0))
}

fn m_digest(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Bytes(Arc::new(digest_of(&args, "digest")?)))
}

fn m_hexdigest(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let d = digest_of(&args, "hexdigest")?;
    Ok(Value::string(hex(&d)?))
}

fn m_copy(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("copy", 0, 0)?;
    let st = this(&args, "copy")?.lock().clone();
    Ok(new_object(st))
}

/// Lowercase hexadecimal.
pub fn hex(b: &[u8]) -> Result<String, PyErr> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = crate::objects::memory::string_with(b.len().saturating_mul(2))?;
    for &x in b {
        s.push(DIGITS[(x >> 4) as usize] as char);
        s.push(DIGITS[(x & 15) as usize] as char);
    }
    Ok(s)
}

/// A constructor's `string=` (or positional-only `data`) and `usedforsecurity=`
/// arguments. (CPython 3.11's SHA-3 constructors all name themselves `sha3_224` in
/// their argument errors.)
fn initial(cx: &Cx, args: Args, name: &str, data_name: &str) -> PyResult<Option<Vec<u8>>> {
    let a = if data_name == "data" {
        clinic_posonly(args, "sha3_224", &["data", "usedforsecurity"], 1, 0, 1)?
    } else {
        let _ = name;
        clinic(args, name, &[data_name, "usedforsecurity"], 0, 1)?
    };
    match a.into_iter().next().flatten() {
        Some(v) => Ok(Some(data(cx.gil, &v)?)),
        None => Ok(None),
    }
}

macro_rules! constructors {
    ($($f:ident: $name:literal, $data:literal => $make:expr;)*) => {$(
        fn $f(cx: &mut Cx, args: Args) -> PyResult<Value> {
            let mut st: State = $make;
            if let Some(d) = initial(cx, args, $name, $data)? {
                st.update(&d);
            }
            Ok(new_object(st))
        }
    )*};
}

constructors! {
    md5_new: "md5", "string" => State::Md5(md5::Md5::new());
    sha1_new: "sha1", "string" => State::Sha1(sha1::Sha1::new());
    sha224_new: "sha224", "string" => State::Sha224(sha2::Sha224::new());
    sha256_new: "sha256", "string" => State::Sha256(sha2::Sha256::new());
    sha384_new: "sha384", "string" => State::Sha384(sha2::Sha384::new());
    sha512_new: "sha512", "string" => State::Sha512(sha2::Sha512::new());
    sha3_224_new: "sha3_224", "data" => State::Sha3_224(sha3::Sha3_224::new());
    sha3_256_new: "sha3_256", "data" => State::Sha3_256(sha3::Sha3_256::new());
    sha3_384_new: "sha3_384", "data" => State::Sha3_384(sha3::Sha3_384::new());
    sha3_512_new: "sha3_512", "data" => State::Sha3_512(sha3::Sha3_512::new());
    shake128_new: "shake_128", "data" => State::Shake128(sha3::Shake128::default());
    shake256_new: "shake_256", "data" => State::Shake256(sha3::Shake256::default());
}

fn blake2b_new(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let h = blake::new(cx.gil, args, true, data)?;
    Ok(new_object(State::Blake2b(h)))
}

fn blake2s_new(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let h = blake::new(cx.gil, args, false, data)?;
    Ok(new_object(State::Blake2s(h)))
}

static MD5: &[NativeDef] = crate::objects::methods::natives!["md5" => md5_new];
static SHA1: &[NativeDef] = crate::objects::methods::natives!["sha1" => sha1_new];
static SHA256: &[NativeDef] =
    crate::objects::methods::natives!["sha224" => sha224_new, "sha256" => sha256_new];
static SHA512: &[NativeDef] =
    crate::objects::methods::natives!["sha384" => sha384_new, "sha512" => sha512_new];
static SHA3: &[NativeDef] = crate::objects::methods::natives![
    "sha3_224" => sha3_224_new, "sha3_256" => sha3_256_new, "sha3_384" => sha3_384_new,
    "sha3_512" => sha3_512_new, "shake_128" => shake128_new, "shake_256" => shake256_new,
];
static BLAKE2: &[NativeDef] =
    crate::objects::methods::natives!["blake2b" => blake2b_new, "blake2s" => blake2s_new];

/// `blake2b.SALT_SIZE` and the other size constants of CPython's `blake2b` and
/// `blake2s` types (here the constructors are built-in functions).
pub fn attr(f: &'static NativeDef, name: &str) -> Option<Value> {
    let p = f as *const NativeDef;
    let i = BLAKE2
        .as_ptr_range()
        .contains(&p)
        .then(|| f.name == "blake2s")?;
    let (salt, person, key, digest) = if i { (8, 8, 32, 32) } else { (16, 16, 64, 64) };
    Some(Value::Int(match name {
        "SALT_SIZE" => salt,
        "PERSON_SIZE" => person,
        "MAX_KEY_SIZE" => key,
        "MAX_DIGEST_SIZE" => digest,
        _ => return None,
    }))
}

/// The module `name` (`_md5`, ...), made once per process.
pub fn module(gil: Gil<'_>, name: &str) -> Option<Arc<Module>> {
    static MODULES: OnceLock<Vec<(&'static str, Arc<Module>)>> = OnceLock::new();
    let all = MODULES.get_or_init(|| {
        [
            ("_md5", MD5),
            ("_sha1", SHA1),
            ("_sha256", SHA256),
            ("_sha512", SHA512),
            ("_sha3", SHA3),
            ("_blake2", BLAKE2),
        ]
        .into_iter()
        .map(|(n, funcs)| {
            let m = Module::new(n);
            for f in funcs {
                m.set(gil, f.name, Value::Native(f));
            }
            if n == "_blake2" {
                for (k, v) in blake::CONSTANTS {
                    m.set(gil, k, Value::Int(*v));
                }
            }
            (n, Arc::new(m))
        })
        .collect()
    });
    all.iter().find(|(n, _)| *n == name).map(|(_, m)| m.clone())
}
