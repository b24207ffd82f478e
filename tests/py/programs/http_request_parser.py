RAW = "GET /search?q=micro+threads&page=2 HTTP/1.1\r\nHost: example.org\r\nUser-Agent: pyvm\r\nAccept: */*\r\nX-Empty:\r\n\r\nbody text"

def parse_request(raw):
    head, _, body = raw.partition("\r\n\r\n")
    lines = head.split("\r\n")
    method, target, version = lines[0].split(" ")
    path, _, query = target.partition("?")
    params = {}
    for pair in query.split("&") if query else []:
        k, _, v = pair.partition("=")
        params.setdefault(k, []).append(v.replace("+", " "))
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep:
            raise ValueError("malformed header: %r" % line)
        headers[name.strip().lower()] = value.strip()
    return {"method": method, "path": path, "params": params, "version": version, "headers": headers, "body": body}

req = parse_request(RAW)
for key in ["method", "path", "params", "version", "body"]:
    print(f"{key:>8}: {req[key]!r}")
for name, value in sorted(req["headers"].items()):
    print(f"  {name}={value!r}")
try:
    parse_request("GET / HTTP/1.1\r\nbroken header\r\n\r\n")
except ValueError as e:
    print("ValueError:", e)
