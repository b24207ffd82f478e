# helper module: helpers shared by the subpackages
def slugify(text):
    words = ("".join(ch for ch in word if ch.isalnum()) for word in text.lower().split())
    return "-".join(w for w in words if w)
