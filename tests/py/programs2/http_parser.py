# Parsing raw HTTP/1.1 requests held in byte strings.

class HTTPError(Exception):
    def __init__(self, status, reason):
        super().__init__(status, reason)
        self.status = status
        self.reason = reason

    def response(self):
        body = f"{self.status} {self.reason}\n".encode()
        head = (f"HTTP/1.1 {self.status} {self.reason}\r\n"
                f"Content-Length: {len(body)}\r\nContent-Type: text/plain\r\n\r\n")
        return head.encode("ascii") + body


HEX = "0123456789abcdefABCDEF"


def unquote_plus(s):
    out = bytearray()
    b = s.encode("utf-8")
    i = 0
    while i < len(b):
        c = b[i]
        if c == ord("+"):
            out.append(32)
            i += 1
        elif c == ord("%") and i + 2 < len(b) + 0 and chr(b[i + 1]) in HEX and chr(b[i + 2]) in HEX:
            out.append(int(b[i + 1:i + 3], 16))
            i += 3
        else:
            out.append(c)
            i += 1
    return out.decode("utf-8", errors="replace")


def parse_query(qs):
    params = {}
    for part in qs.split("&"):
        if not part:
            continue
        key, sep, value = part.partition("=")
        params.setdefault(unquote_plus(key), []).append(unquote_plus(value))
    return params


class Request:
    def __init__(self, method, path, query, version, headers, body):
        self.method, self.path, self.query = method, path, query
        self.version, self.headers, self.body = version, headers, body

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)


METHODS = {b"GET", b"POST", b"PUT", b"DELETE", b"HEAD"}


def parse_request(raw):
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        raise HTTPError(400, "Bad Request: no end of headers")
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ")
    if len(parts) != 3:
        raise HTTPError(400, "Bad Request: malformed request line")
    method, target, version = parts
    if method not in METHODS:
        raise HTTPError(405, "Method Not Allowed")
    if not version.startswith(b"HTTP/1."):
        raise HTTPError(505, "HTTP Version Not Supported")
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if not colon or not name or name != name.strip():
            raise HTTPError(400, f"Bad Request: bad header {line!r}")
        key = name.decode("ascii").lower()
        val = value.strip().decode("latin-1")
        headers[key] = headers[key] + ", " + val if key in headers else val
    length = headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise HTTPError(400, "Bad Request: bad Content-Length")
        if len(body) < int(length):
            raise HTTPError(400, f"Bad Request: body is {len(body)} bytes, expected {length}")
        body = body[:int(length)]
    path, _, qs = target.decode("ascii").partition("?")
    return Request(method.decode(), unquote_plus(path), parse_query(qs), version.decode(), headers, body)


requests = [
    b"GET /search?q=hello+world&lang=en&q=%E2%9C%93&empty= HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nAccept: text/html\r\n\r\n",
    b"POST /submit%20form HTTP/1.0\r\nContent-Length: 11\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nname=a%26b&extra",
    b"BREW /pot HTTP/1.1\r\n\r\n",
    b"GET /x HTTP/2.0\r\n\r\n",
    b"GET /x HTTP/1.1\r\nBadHeader\r\n\r\n",
    b"GET  /x HTTP/1.1\r\n\r\n",
    b"POST /y HTTP/1.1\r\nContent-Length: 50\r\n\r\nshort",
    b"GET /never-ends HTTP/1.1\r\nHost: a",
    b"PUT /p?a=%zz&b=%41%42 HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
]
for raw in requests:
    try:
        req = parse_request(raw)
    except HTTPError as e:
        print(e.response())
        continue
    print(req.method, repr(req.path), req.version)
    for k in sorted(req.query):
        print("   query", k, req.query[k])
    for k in sorted(req.headers):
        print("   header", k, "=", req.headers[k])
    print("   host:", req.header("Host", "-"), "body:", req.body, len(req.body))
    if req.body:
        print("   form:", sorted(parse_query(req.body.decode()).items()))
