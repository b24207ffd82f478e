"""A request loop that keeps what went wrong: handlers catch exceptions and store
them, with `sys.exc_info()` and their tracebacks, in locals and on the request
object. In CPython the exception's traceback holds the handler's frame, which holds
the exception again: every failed request leaves a cycle. The collector reclaims the
requests and what they held; a request counter in `__del__` shows it."""
import gc
import sys
import traceback
import weakref

gc.disable()


class Request:
    alive = 0

    def __init__(self, rid, path):
        Request.alive += 1
        self.rid = rid
        self.path = path
        self.error = None

    def __del__(self):
        Request.alive -= 1


class NotFound(Exception):
    pass


class ServerError(Exception):
    pass


ROUTES = {"/": "index", "/about": "about"}


def route(request):
    if request.path not in ROUTES:
        raise NotFound(request.path)
    if request.path == "/about" and request.rid % 7 == 0:
        try:
            return 1 / 0
        except ZeroDivisionError as exc:
            raise ServerError(f"rendering {request.path}") from exc
    return ROUTES[request.path]


def handle(request, log):
    try:
        return 200, route(request)
    except NotFound:
        info = sys.exc_info()  # (type, value, traceback) kept in a local
        request.error = info[1]
        log.append(f"{request.rid} 404 {info[0].__name__}: {info[1]}")
        return 404, None
    except Exception as exc:
        saved = exc  # an alias outliving the except clause
        request.error = saved
        request.frames = len(traceback.extract_tb(saved.__traceback__))
        log.append(
            f"{request.rid} 500 {type(saved).__name__} ({request.frames} frames, "
            f"from {type(saved.__cause__).__name__})"
        )
        return 500, None


def serve(paths):
    log = []
    statuses = {}
    watch = []
    for rid, path in enumerate(paths):
        request = Request(rid, path)
        status, _ = handle(request, log)
        statuses[status] = statuses.get(status, 0) + 1
        if request.error is not None:
            watch.append(weakref.ref(request.error))
            request.error.request = request  # exception -> request -> exception
    return log, statuses, watch


paths = ["/", "/about", "/missing", "/", "/about", "/x/y"] * 40
log, statuses, watch = serve(paths)
print("statuses:", sorted(statuses.items()))
print("log head:", log[:4])
gc.collect()
print("requests alive after collect:", Request.alive)
print("exceptions alive after collect:", sum(w() is not None for w in watch))

# The same with a long-lived server object holding the last failure only.
class Server:
    def __init__(self):
        self.last_error = None
        self.handled = 0

    def run(self, paths):
        for rid, path in enumerate(paths):
            request = Request(rid, path)
            try:
                route(request)
            except Exception as exc:
                exc.request = request
                request.error = exc
                self.last_error = exc
            self.handled += 1


server = Server()
server.run(paths)
gc.collect()
print("handled:", server.handled, "alive:", Request.alive)
print("last error:", type(server.last_error).__name__, server.last_error.request.path)
server.last_error = None
gc.collect()
print("after dropping it:", Request.alive)
