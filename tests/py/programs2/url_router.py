# A URL router: path patterns with typed parameters (<int:id>, <slug>), methods,
# query strings, 404/405 handling, and handlers returning (status, body).

class RouteError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


CONVERTERS = {
    "str": (lambda s: s and "/" not in s, str),
    "int": (lambda s: s.isdigit(), int),
    "slug": (lambda s: s != "" and all([c.isalnum() or c == "-" for c in s]), str),
}


class Route:
    def __init__(self, pattern, handler, methods):
        self.pattern, self.handler, self.methods = pattern, handler, set(methods)
        self.parts = []
        for part in pattern.strip("/").split("/"):
            if part.startswith("<") and part.endswith(">"):
                kind, _, name = part[1:-1].rpartition(":")
                kind = kind or "str"
                if kind not in CONVERTERS:
                    raise ValueError(f"unknown converter {kind!r} in {pattern}")
                self.parts.append((name, kind))
            else:
                self.parts.append((part, None))

    def match(self, path):
        segs = path.strip("/").split("/")
        if len(segs) != len(self.parts):
            return None
        params = {}
        for seg, (name, kind) in zip(segs, self.parts):
            if kind is None:
                if seg != name:
                    return None
            else:
                check, conv = CONVERTERS[kind]
                if not check(seg):
                    return None
                params[name] = conv(seg)
        return params


class Router:
    def __init__(self):
        self.routes = []

    def route(self, pattern, methods=("GET",)):
        def register(fn):
            self.routes.append(Route(pattern, fn, methods))
            return fn
        return register

    def dispatch(self, method, url):
        path, _, qs = url.partition("?")
        query = {}
        for pair in filter(None, qs.split("&")):
            k, _, v = pair.partition("=")
            query[k] = v
        allowed = set()
        for r in self.routes:
            params = r.match(path)
            if params is None:
                continue
            if method not in r.methods:
                allowed |= r.methods
                continue
            try:
                return r.handler(query=query, **params)
            except RouteError as e:
                return e.status, str(e)
            except Exception as e:
                return 500, f"internal error: {type(e).__name__}: {e}"
        if allowed:
            return 405, "allowed: " + ", ".join(sorted(allowed))
        return 404, f"no route for {path}"


app = Router()
USERS = {1: "ann", 2: "bob"}


@app.route("/")
def index(query):
    return 200, "home"


@app.route("/users")
def list_users(query):
    limit = int(query.get("limit", "10"))
    return 200, ",".join([USERS[k] for k in sorted(USERS)][:limit])


@app.route("/users/<int:uid>")
def get_user(uid, query):
    if uid not in USERS:
        raise RouteError(404, f"user {uid} not found")
    return 200, USERS[uid]


@app.route("/users", methods=("POST",))
def create_user(query):
    name = query.get("name")
    if not name:
        raise RouteError(400, "name is required")
    uid = max(USERS) + 1
    USERS[uid] = name
    return 201, f"created {uid}"


@app.route("/posts/<slug:slug>/comments/<int:n>", methods=("GET", "DELETE"))
def comment(slug, n, query):
    return 200, f"comment {n} on {slug}"


@app.route("/crash")
def crash(query):
    return 200, 1 / 0


requests = [("GET", "/"), ("GET", "/users"), ("GET", "/users?limit=1"), ("GET", "/users/2"),
            ("GET", "/users/9"), ("GET", "/users/abc"), ("POST", "/users?name=cy"),
            ("POST", "/users"), ("GET", "/users?limit=x"), ("PUT", "/users/1"),
            ("DELETE", "/posts/hello-world/comments/3"), ("GET", "/posts/bad_slug/comments/3"),
            ("PATCH", "/posts/a/comments/1"), ("GET", "/crash"), ("GET", "//users//")]
for method, url in requests:
    status, body = app.dispatch(method, url)
    print(f"{method:<7}{url:<36}{status} {body}")
try:
    Route("/x/<float:v>", None, ["GET"])
except ValueError as e:
    print("ValueError:", e)
print([r.pattern for r in app.routes], sorted(USERS.items()))
