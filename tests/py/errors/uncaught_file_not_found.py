def load(path):
    f = open(path)
    text = f.read()
    f.close()
    return text


print("loading")
load("missing-config.ini")
