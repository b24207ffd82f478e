# A JSON configuration loader: defaults merged with a user file, validation with
# readable errors, and the result written back out (json.dump/json.load on files).
import json
import os

DEFAULTS = {
    "server": {"host": "127.0.0.1", "port": 8080, "workers": 4},
    "logging": {"level": "info", "targets": ["stderr"]},
    "features": {"compression": False, "max_body": 1048576},
}

USER = """
{
    "server": {"port": 9000, "workers": 16},
    "logging": {"level": "debug", "targets": ["stderr", "file:/var/log/app.log"]},
    "features": {"compression": true},
    "comment": "caf\\u00e9 \\u2615"
}
"""

def merge(base, override):
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out

def validate(cfg):
    errors = []
    port = cfg["server"]["port"]
    if not isinstance(port, int) or not 0 < port < 65536:
        errors.append("server.port out of range: %r" % (port,))
    if cfg["logging"]["level"] not in ("debug", "info", "warning", "error"):
        errors.append("bad logging.level: %r" % cfg["logging"]["level"])
    return errors

cfg = merge(DEFAULTS, json.loads(USER))
print(json.dumps(cfg, indent=2, sort_keys=True))
print(validate(cfg))
print(cfg["comment"], json.dumps(cfg["comment"]), json.dumps(cfg["comment"], ensure_ascii=False))

for text in ['{"server": {"port": 70000}}', '{"logging": {"level": "loud"}}', '{"server": {"port": 80,}}',
             '{"server": {"port": 80} "x": 1}', '{"server": {"port": "80"}}']:
    try:
        errors = validate(merge(DEFAULTS, json.loads(text)))
        print("ok" if not errors else errors)
    except json.JSONDecodeError as e:
        print("config error:", e)

path = "/tmp/pyvm_json_config_%d.json" % os.getpid()
f = open(path, "w")
json.dump(cfg, f, indent=4, sort_keys=True)
f.close()
f = open(path)
again = json.load(f)
f.close()
print(again == cfg, os.path.getsize(path))
f = open(path, "rb")
print(json.load(f, object_pairs_hook=lambda pairs: [k for k, v in pairs])[:3] if False else json.load(f)["server"])
f.close()
os.remove(path)
