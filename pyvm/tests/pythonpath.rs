//! `PYTHONPATH`: its entries (colon-separated, empty ones skipped) come on `sys.path`
//! after the script's folder and before the frozen library, so packages and modules
//! there import, and the script's folder wins a name both have. (The golden scripts
//! cannot check this: regen.py runs CPython without `PYTHONPATH`.)

use std::path::Path;
use std::process::Command;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn pythonpath_entries_follow_the_script_folder() {
    let root = std::env::temp_dir().join(format!("pyvm-pythonpath-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (app, libs, more) = (root.join("app"), root.join("libs"), root.join("more"));
    write(
        &app.join("main.py"),
        r#"import sys
import shared, toolbox.text, extra
from toolbox import text as t
print(sys.path[1:3] == [LIBS, MORE], sys.path[0].endswith("/app"), sys.path[3])
print(shared.WHERE, toolbox.text.shout("hi"), t is toolbox.text, extra.VALUE)
print(toolbox.__package__, toolbox.text.__package__)
"#,
    );
    write(&app.join("shared.py"), "WHERE = 'script folder'\n");
    write(&libs.join("shared.py"), "WHERE = 'PYTHONPATH'\n");
    write(&libs.join("toolbox/__init__.py"), "");
    write(
        &libs.join("toolbox/text.py"),
        "from . import __name__ as pkg\ndef shout(s):\n    return pkg + ':' + s.upper()\n",
    );
    write(&more.join("extra.py"), "VALUE = 7\n");
    let script = std::fs::read_to_string(app.join("main.py"))
        .expect("read")
        .replace("LIBS", &format!("{:?}", libs.display().to_string()))
        .replace("MORE", &format!("{:?}", more.display().to_string()));
    write(&app.join("main.py"), &script);
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg("main.py")
        .current_dir(&app)
        .env(
            "PYTHONPATH",
            format!("{}::{}", libs.display(), more.display()),
        )
        .output()
        .expect("pyvm runs");
    let _ = std::fs::remove_dir_all(&root);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "True True <frozen>\nscript folder toolbox:HI True 7\ntoolbox toolbox\n"
    );
}
