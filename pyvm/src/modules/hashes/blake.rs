//! BLAKE2b and BLAKE2s with CPython's parameters: `digest_size`, `key`, `salt` and
//! `person` (the sequential mode; the tree-hashing parameters are accepted at their
//! defaults only). Built on the `blake2` crate's cores, with the lazy block buffer
//! BLAKE2 needs (the last block is compressed with the final flag); a key is the
//! first block, zero-padded, as the specification says.

use crate::objects::value::PyBool;
use blake2::digest::core_api::{Buffer, UpdateCore, VariableOutputCore};
use blake2::{Blake2bVarCore, Blake2sVarCore};

use crate::native::*;
use crate::objects::gil::Gil;

/// `_blake2`'s constants.
pub static CONSTANTS: &[(&str, i64)] = &[
    ("BLAKE2B_MAX_DIGEST_SIZE", 64),
    ("BLAKE2B_MAX_KEY_SIZE", 64),
    ("BLAKE2B_PERSON_SIZE", 16),
    ("BLAKE2B_SALT_SIZE", 16),
    ("BLAKE2S_MAX_DIGEST_SIZE", 32),
    ("BLAKE2S_MAX_KEY_SIZE", 32),
    ("BLAKE2S_PERSON_SIZE", 8),
    ("BLAKE2S_SALT_SIZE", 8),
];

#[derive(Clone)]
enum Core {
    B(Blake2bVarCore, Buffer<Blake2bVarCore>),
    S(Blake2sVarCore, Buffer<Blake2sVarCore>),
}

/// A running BLAKE2 hash and its digest size.
#[derive(Clone)]
pub struct Blake {
    core: Core,
    size: usize,
}

impl Blake {
    pub fn update(&mut self, data: &[u8]) {
        match &mut self.core {
            Core::B(c, buf) => buf.digest_blocks(data, |blocks| c.update_blocks(blocks)),
            Core::S(c, buf) => buf.digest_blocks(data, |blocks| c.update_blocks(blocks)),
        }
    }

    pub fn digest(&self) -> Vec<u8> {
        let mut out = match self.core.clone() {
            Core::B(mut c, mut buf) => {
                let mut o = Default::default();
                c.finalize_variable_core(&mut buf, &mut o);
                o.to_vec()
            }
            Core::S(mut c, mut buf) => {
                let mut o = Default::default();
                c.finalize_variable_core(&mut buf, &mut o);
                o.to_vec()
            }
        };
        out.truncate(self.size);
        out
    }

    pub fn digest_size(&self) -> usize {
        self.size
    }
}

/// `blake2b(data=b'', *, digest_size=64, key=b'', salt=b'', person=b'', fanout=1,
/// depth=1, leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False,
/// usedforsecurity=True)` (`blake2s`: 32, and half the sizes).
pub fn new(
    gil: Gil<'_>,
    args: Args,
    big: bool,
    data: fn(Gil<'_>, &Value) -> Result<Vec<u8>, PyErr>,
) -> PyResult<Blake> {
    let name = if big { "blake2b" } else { "blake2s" };
    let max = if big { 64 } else { 32 };
    let a = clinic_posonly(
        args,
        name,
        &[
            "data",
            "digest_size",
            "key",
            "salt",
            "person",
            "fanout",
            "depth",
            "leaf_size",
            "node_offset",
            "node_depth",
            "inner_size",
            "last_node",
            "usedforsecurity",
        ],
        1,
        0,
        1,
    )?;
    let bytes = |i: usize| -> PyResult<Vec<u8>> {
        match &a[i] {
            Some(v) => Ok(data(gil, v)?),
            None => Ok(Vec::new()),
        }
    };
    let size = match &a[1] {
        Some(v) => arg_int(v, "")?,
        None => max as i64,
    };
    if !(1..=max as i64).contains(&size) {
        return Err(value_error(format!("digest_size must be between 1 and {max} bytes")).into());
    }
    let (key, salt, person) = (bytes(2)?, bytes(3)?, bytes(4)?);
    if key.len() > max {
        return Err(value_error(format!("maximum key length is {max} bytes")).into());
    }
    if salt.len() > max / 4 {
        return Err(value_error(format!("maximum salt length is {} bytes", max / 4)).into());
    }
    if person.len() > max / 4 {
        return Err(value_error(format!("maximum person length is {} bytes", max / 4)).into());
    }
    // The tree parameters: only their sequential-mode defaults.
    let defaults: [(usize, i64); 6] = [(5, 1), (6, 1), (7, 0), (8, 0), (9, 0), (10, 0)];
    for (i, default) in defaults {
        if let Some(v) = &a[i] {
            if arg_int(v, "")? != default {
                return Err(value_error(format!(
                    "{name}: tree hashing parameters are not supported by pyvm yet"
                ))
                .into());
            }
        }
    }
    if let Some(v) = &a[11] {
        if !matches!(v, Value::Bool(PyBool::False)) {
            return Err(value_error(format!(
                "{name}: tree hashing parameters are not supported by pyvm yet"
            ))
            .into());
        }
    }
    let block = if big { 128 } else { 64 };
    let mut h = Blake {
        core: if big {
            Core::B(
                Blake2bVarCore::new_with_params(&salt, &person, key.len(), size as usize),
                Default::default(),
            )
        } else {
            Core::S(
                Blake2sVarCore::new_with_params(&salt, &person, key.len(), size as usize),
                Default::default(),
            )
        },
        size: size as usize,
    };
    if !key.is_empty() {
        let mut first = key;
        first.resize(block, 0);
        h.update(&first);
    }
    if let Some(d) = &a[0] {
        let d = data(gil, d)?;
        h.update(&d);
    }
    Ok(h)
}
