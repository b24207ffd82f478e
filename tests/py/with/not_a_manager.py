# Only objects with __enter__ and __exit__ can be used in `with`.
values = []
for obj in [42, "text", [1], None]:
    try:
        with obj:
            pass
    except TypeError as e:
        values.append(str(e))
print("\n".join(values))


def use(manager):
    with manager as m:
        return m


use({"a": 1})
