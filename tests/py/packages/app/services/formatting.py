# helper module: plain formatting
def table(rows):
    return "\n".join(" | ".join(str(c) for c in r) for r in rows)
