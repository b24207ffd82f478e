PLUGINS = {
    "upper": "def run(text):\n    return text.upper()\n",
    "count": "import collections\ndef run(text):\n    return collections.Counter(text.split()).most_common(2)\n",
    "broken": "def run(text)\n    return text\n",
    "fails": "def run(text):\n    return text / 2\n",
    "meta": "NAME = 'meta'\nVERSION = (1, 2)\ndef run(text):\n    return f'{NAME} v{VERSION[0]}.{VERSION[1]}: {len(text)} chars'\n",
}

registry = {}
for name in sorted(PLUGINS):
    namespace = {"__name__": "plugin_" + name}
    try:
        exec(compile(PLUGINS[name], f"<plugin {name}>", "exec"), namespace)
    except SyntaxError as e:
        print(f"{name}: cannot load: {e.msg} ({e.filename}, line {e.lineno})")
        continue
    registry[name] = namespace["run"]
    print(f"{name}: loaded", namespace["run"].__module__)

sample = "the cat and the hat and the bat"
for name, run in sorted(registry.items()):
    try:
        print(f"{name} -> {run(sample)!r}")
    except Exception as e:
        print(f"{name} -> {type(e).__name__}: {e}")
