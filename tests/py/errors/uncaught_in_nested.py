def parse_record(line):
    name, age = line.split(",")
    return {"name": name, "age": int(age)}

def load(lines):
    return [parse_record(l) for l in lines]

print(load(["ann,31", "bob,42"]))
print(load(["cy,9", "dee,forty"]))
