//! The code cache (`compile::cache`, CPython's `.pyc`): an imported module's compiled
//! code is written to `$XDG_CACHE_HOME/pyvm/code/` and read back by later runs while
//! the source's size and mtime (and the pyvm binary) are the same; a changed source,
//! a corrupt file, `-B` and friends behave as CPython's `.pyc` handling does. Each test
//! has its own cache and module folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

struct Dirs {
    root: PathBuf,
    /// The modules and main scripts.
    src: PathBuf,
    /// `XDG_CACHE_HOME`.
    cache: PathBuf,
}

impl Dirs {
    fn new(name: &str) -> Dirs {
        let root =
            std::env::temp_dir().join(format!("pyvm-codecache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let src = root.join("src");
        let cache = root.join("cache");
        std::fs::create_dir_all(&src).expect("mkdir");
        std::fs::create_dir_all(&cache).expect("mkdir");
        Dirs { root, src, cache }
    }

    fn code_dir(&self) -> PathBuf {
        self.cache.join("pyvm").join("code")
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.src.join(name);
        std::fs::write(&p, text).expect("write");
        p
    }

    /// `pyvm ARGS...` in the source folder, with this test's cache and bytecode
    /// writing allowed (the test harness's environment may forbid it).
    fn pyvm(&self, args: &[&str]) -> Output {
        self.pyvm_with(args, |_| {})
    }

    fn pyvm_with(&self, args: &[&str], f: impl FnOnce(&mut Command)) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_pyvm"));
        c.args(args)
            .current_dir(&self.src)
            .env("XDG_CACHE_HOME", &self.cache)
            .env("PYTHONHASHSEED", "0")
            .env_remove("PYTHONDONTWRITEBYTECODE")
            .env_remove("PYTHONPATH");
        f(&mut c);
        c.output().expect("pyvm runs")
    }

    /// The cache files that name the source `path` (their header holds it).
    fn cache_files_for(&self, path: &Path) -> Vec<PathBuf> {
        let needle = path.to_str().expect("utf-8 path").as_bytes().to_vec();
        let Ok(entries) = std::fs::read_dir(self.code_dir()) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                std::fs::read(p)
                    .map(|b| b.windows(needle.len()).any(|w| w == needle))
                    .unwrap_or(false)
            })
            .collect()
    }

    fn cache_file_count(&self) -> usize {
        std::fs::read_dir(self.code_dir()).map_or(0, |d| d.count())
    }
}

impl Drop for Dirs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn ok(o: &Output) -> String {
    let (out, err) = text(o);
    assert!(o.status.success(), "pyvm failed: {out}\n{err}");
    assert_eq!(err, "");
    out
}

fn mtime(p: &Path) -> SystemTime {
    std::fs::metadata(p)
        .and_then(|m| m.modified())
        .expect("mtime")
}

fn set_mtime(p: &Path, t: SystemTime) {
    let f = std::fs::File::options().write(true).open(p).expect("open");
    f.set_modified(t).expect("set mtime");
}

const MODULE: &str = "\
VALUE = 'one'
def show():
    return f'{__name__}: {VALUE}'
";

const MAIN: &str = "import mod\nprint(mod.show())\n";

#[test]
fn second_import_reads_the_cache_until_the_source_changes() {
    let d = Dirs::new("reuse");
    let module = d.write("mod.py", MODULE);
    d.write("main.py", MAIN);
    assert_eq!(ok(&d.pyvm(&["main.py"])), "mod: one\n");
    let files = d.cache_files_for(&module);
    assert_eq!(files.len(), 1, "one cache file for mod.py");
    // The folder is the user's alone.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(d.code_dir())
        .expect("folder")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "mode {mode:o}");
    // Main scripts are not cached.
    assert!(d.cache_files_for(&d.src.join("main.py")).is_empty());
    let written = std::fs::read(&files[0]).expect("read");

    // The same size and mtime: the cached code runs, not the new text (which proves
    // it came from the cache; CPython's `.pyc` behaves the same).
    let t = mtime(&module);
    std::fs::write(&module, MODULE.replace("'one'", "'two'")).expect("write");
    set_mtime(&module, t);
    assert_eq!(ok(&d.pyvm(&["main.py"])), "mod: one\n");
    assert_eq!(
        std::fs::read(&files[0]).expect("read"),
        written,
        "not rewritten"
    );

    // Another mtime, same size: compiled again, and the cache rewritten.
    set_mtime(&module, t + Duration::from_secs(5));
    assert_eq!(ok(&d.pyvm(&["main.py"])), "mod: two\n");
    assert_ne!(std::fs::read(&files[0]).expect("read"), written);
    assert_eq!(ok(&d.pyvm(&["main.py"])), "mod: two\n");

    // Another size (mtime kept): compiled again.
    std::fs::write(&module, MODULE.replace("'one'", "'three'")).expect("write");
    set_mtime(&module, t + Duration::from_secs(5));
    assert_eq!(ok(&d.pyvm(&["main.py"])), "mod: three\n");
    assert_eq!(ok(&d.pyvm(&["main.py"])), "mod: three\n");
    assert_eq!(d.cache_files_for(&module).len(), 1);
}

#[test]
fn corrupt_and_truncated_files_are_ignored_and_rewritten() {
    let d = Dirs::new("corrupt");
    let module = d.write("mod.py", MODULE);
    d.write("main.py", MAIN);
    assert_eq!(ok(&d.pyvm(&["main.py"])), "mod: one\n");
    let file = d.cache_files_for(&module).pop().expect("a cache file");
    let good = std::fs::read(&file).expect("read");
    let mut flipped = good.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x55;
    let bad: Vec<Vec<u8>> = vec![
        Vec::new(),
        good[..good.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
        flipped,
        b"not a code cache file at all".to_vec(),
        vec![0xff; 100_000],
    ];
    for b in bad {
        std::fs::write(&file, &b).expect("write");
        assert_eq!(ok(&d.pyvm(&["main.py"])), "mod: one\n");
        assert_eq!(std::fs::read(&file).expect("read"), good, "rewritten");
    }
}

#[test]
fn dont_write_bytecode_writes_nothing_but_still_reads() {
    let d = Dirs::new("dontwrite");
    let module = d.write("mod.py", MODULE);
    d.write("main.py", MAIN);
    let setting = d.write(
        "setting.py",
        "import sys\nsys.dont_write_bytecode = True\nimport mod\nprint(mod.show())\n",
    );
    assert_eq!(ok(&d.pyvm(&["-B", "main.py"])), "mod: one\n");
    let env = d.pyvm_with(&["main.py"], |c| {
        c.env("PYTHONDONTWRITEBYTECODE", "1");
    });
    assert_eq!(ok(&env), "mod: one\n");
    assert_eq!(d.cache_file_count(), 0, "nothing written");
    // Set by the program: the modules it imports after are not written (those of
    // pyvm's prelude, imported before the program runs, may be).
    assert_eq!(ok(&d.pyvm(&["setting.py"])), "mod: one\n");
    assert!(d.cache_files_for(&module).is_empty());
    // `-E` ignores PYTHONDONTWRITEBYTECODE.
    let ignored = d.pyvm_with(&["-E", "main.py"], |c| {
        c.env("PYTHONDONTWRITEBYTECODE", "1");
    });
    assert_eq!(ok(&ignored), "mod: one\n");
    assert_eq!(d.cache_files_for(&module).len(), 1);
    assert!(d.cache_files_for(&setting).is_empty());
    // -B still reads what is there (as CPython reads `.pyc` files under -B).
    let t = mtime(&module);
    std::fs::write(&module, MODULE.replace("'one'", "'two'")).expect("write");
    set_mtime(&module, t);
    assert_eq!(ok(&d.pyvm(&["-B", "main.py"])), "mod: one\n");
}

#[test]
fn unwritable_cache_folder_is_no_error() {
    let d = Dirs::new("unwritable");
    d.write("mod.py", MODULE);
    d.write("main.py", MAIN);
    // XDG_CACHE_HOME is a file: no folder can be made under it.
    let blocker = d.root.join("blocker");
    std::fs::write(&blocker, "").expect("write");
    for _ in 0..2 {
        let o = d.pyvm_with(&["main.py"], |c| {
            c.env("XDG_CACHE_HOME", &blocker);
        });
        assert_eq!(ok(&o), "mod: one\n");
    }
}

#[test]
fn traceback_through_a_cached_module_shows_its_lines() {
    let d = Dirs::new("traceback");
    d.write(
        "failing.py",
        "def parse(text):\n    fields = text.split(',')\n    return int(fields[1]) * 2\n\n\
         def outer(t):\n    return parse(t)   # the caller\n",
    );
    d.write("main.py", "import failing\nprint(failing.outer('a,b'))\n");
    let cold = d.pyvm(&["main.py"]);
    let warm = d.pyvm(&["main.py"]);
    let (_, cold_err) = text(&cold);
    assert!(
        cold_err.contains("    return int(fields[1]) * 2\n"),
        "{cold_err}"
    );
    assert!(
        cold_err.contains("    return parse(t)   # the caller\n"),
        "{cold_err}"
    );
    assert!(
        cold_err.contains("failing.py\", line 3, in parse\n"),
        "{cold_err}"
    );
    assert_eq!(text(&warm), text(&cold));
    assert_eq!(warm.status.code(), cold.status.code());
    assert!(d.cache_files_for(&d.src.join("failing.py")).len() == 1);
}

/// Golden scripts with every kind of code object and constant (closures, cells and
/// free variables, keyword-only and variadic parameters, generators, coroutines,
/// class bodies, match statements, big ints, complex numbers, bytes, non-ASCII
/// text), imported as modules: their output is the same when their code comes from
/// the cache.
#[test]
fn golden_scripts_imported_from_the_cache_run_the_same() {
    let scripts = [
        "functions/closures",
        "functions/defaults_kwargs",
        "generators/throw_into_delegation",
        "generators/pipeline",
        "coroutines/pipeline",
        "coroutines/types_module",
        "classes/special_methods",
        "classes/properties",
        "match/expr_eval",
        "match/nested_patterns",
        "complex/formatting",
        "ints/bigints",
        "comprehensions/walrus",
        "strings/basics",
    ];
    let d = Dirs::new("golden");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/py");
    let mut main = String::new();
    for (i, s) in scripts.iter().enumerate() {
        let text = std::fs::read_to_string(root.join(format!("{s}.py"))).expect("script");
        let name = format!("g{i}_{}", s.replace('/', "_"));
        d.write(&format!("{name}.py"), &text);
        main.push_str(&format!("print('== {s}')\nimport {name}\n"));
    }
    d.write("main.py", &main);
    let cold = d.pyvm(&["main.py"]);
    let (cold_out, cold_err) = text(&cold);
    assert!(cold.status.success(), "{cold_out}\n{cold_err}");
    for (i, s) in scripts.iter().enumerate() {
        let name = format!("g{i}_{}.py", s.replace('/', "_"));
        assert_eq!(d.cache_files_for(&d.src.join(&name)).len(), 1, "{name}");
    }
    let warm = d.pyvm(&["main.py"]);
    assert_eq!(text(&warm), (cold_out.clone(), cold_err));
    // And the same as compiled without any cache.
    let uncached = d.pyvm_with(&["-B", "main.py"], |c| {
        c.env("XDG_CACHE_HOME", d.root.join("empty"));
    });
    assert_eq!(text(&uncached).0, cold_out);
    assert!(
        cold_out.lines().count() > 100,
        "the scripts printed: {cold_out}"
    );
}

/// Standard library modules (read from the cache on the second run) behave alike.
#[test]
fn standard_library_imports_from_the_cache() {
    let d = Dirs::new("stdlib");
    d.write(
        "main.py",
        "import json, dataclasses, typing, asyncio\n\
         @dataclasses.dataclass\nclass P:\n    x: int\n    y: typing.List[int]\n\
         async def main():\n    await asyncio.sleep(0)\n    return json.dumps(dataclasses.asdict(P(1, [2, 3])))\n\
         print(asyncio.run(main()))\n",
    );
    let cold = ok(&d.pyvm(&["main.py"]));
    let n = d.cache_file_count();
    assert!(n > 20, "{n} modules cached");
    assert_eq!(ok(&d.pyvm(&["main.py"])), cold);
    assert_eq!(cold, "{\"x\": 1, \"y\": [2, 3]}\n");
    assert_eq!(d.cache_file_count(), n, "no file added on the warm run");
}

/// Files unused for 30 days (a deleted source's) and temporary files a crash left are
/// removed when a process writes the cache (at most once a day); recent ones stay.
#[test]
fn old_files_are_swept() {
    let d = Dirs::new("sweep");
    let code = d.code_dir();
    std::fs::create_dir_all(&code).expect("mkdir");
    let old = SystemTime::now() - Duration::from_secs(40 * 86_400);
    let aged = |name: &str| {
        let p = code.join(name);
        std::fs::write(&p, b"whatever").expect("write");
        let f = std::fs::File::options().write(true).open(&p).expect("open");
        let times = std::fs::FileTimes::new()
            .set_accessed(old)
            .set_modified(old);
        f.set_times(times).expect("set times");
        p
    };
    let gone = aged("0123456789abcdef.code");
    let tmp = aged("0123456789abcdef.code.1.0.tmp");
    let other = aged("notes.txt");
    let recent = code.join("fedcba9876543210.code");
    std::fs::write(&recent, b"whatever").expect("write");
    d.write("mod.py", MODULE);
    d.write("main.py", MAIN);
    assert_eq!(ok(&d.pyvm(&["main.py"])), "mod: one\n");
    assert!(!gone.exists() && !tmp.exists());
    assert!(recent.exists() && other.exists());
    // Not again within a day.
    let gone = aged("0123456789abcdef.code");
    std::fs::write(d.src.join("mod2.py"), "X = 1\n").expect("write");
    assert_eq!(ok(&d.pyvm(&["-c", "import mod2"])), "");
    assert!(gone.exists());
}
