//! `str` methods: the method table and the helpers every file uses; searching and
//! splitting in `search.rs`, case, predicates and layout in `text.rs`.

use crate::native::*;
use crate::objects::str::PyStr;

use super::natives;
use search::*;
use text::*;

mod search;
mod text;

pub static METHODS: &[crate::objects::function::NativeDef] = natives![
    "split" => split, "rsplit" => rsplit, "join" => join, "strip" => strip,
    "lstrip" => lstrip, "rstrip" => rstrip, "find" => find, "rfind" => rfind,
    "index" => index, "rindex" => rindex, "count" => count, "replace" => replace,
    "startswith" => startswith, "endswith" => endswith, "partition" => partition,
    "rpartition" => rpartition, "upper" => upper, "lower" => lower,
    "capitalize" => capitalize, "title" => title, "swapcase" => swapcase,
    "casefold" => lower, "isdigit" => isdigit, "isdecimal" => isdigit,
    "isnumeric" => isnumeric, "isalpha" => isalpha, "isalnum" => isalnum,
    "isspace" => isspace, "isupper" => isupper, "islower" => islower,
    "isidentifier" => isidentifier, "istitle" => istitle, "format" => format,
    "encode" => encode, "splitlines" => splitlines, "center" => center,
    "ljust" => ljust, "rjust" => rjust, "zfill" => zfill,
    "removeprefix" => removeprefix, "removesuffix" => removesuffix,
    "expandtabs" => expandtabs,
];

fn this(args: &Args) -> &PyStr {
    match args.at(0) {
        Value::Str(s) => s,
        _ => unreachable!("str method on a str"),
    }
}

fn s_arg<'a>(v: &'a Value, method: &str) -> Result<&'a str, PyErr> {
    v.as_str()
        .ok_or_else(|| type_error(format!("{method} arg must be None or str")))
}
