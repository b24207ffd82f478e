# Request-scoped state with contextvars, as web frameworks keep it: a request id and
# user set per request, handlers run in copied contexts, tokens undo changes, and
# the errors for misuse.
from contextvars import ContextVar, Context, Token, copy_context

request_id = ContextVar("request_id", default="-")
user = ContextVar("user")
log_lines = []


def log(msg):
    log_lines.append(f"[{request_id.get()}] {user.get('anonymous')}: {msg}")


def handle(req_id, who, path):
    request_id.set(req_id)
    if who:
        user.set(who)
    log(f"GET {path}")
    return f"{path} -> 200"


for i, (who, path) in enumerate([("ann", "/"), (None, "/login"), ("bob", "/admin")]):
    ctx = copy_context()
    print(ctx.run(handle, f"req-{i}", who, path), len(ctx), request_id in ctx)
log("outside any request")
print("\n".join(log_lines))

token = request_id.set("batch")
print(request_id.get(), token.var is request_id, token.old_value is Token.MISSING)
inner = request_id.set("batch-2")
request_id.reset(inner)
print(request_id.get())
request_id.reset(token)
print(request_id.get())

for bad in (lambda: request_id.reset(token),
            lambda: user.reset(request_id.set("x")),
            lambda: user.get(),
            lambda: Context()[1],
            lambda: ContextVar(5),
            lambda: Token()):
    try:
        bad()
    except (RuntimeError, ValueError, LookupError, TypeError) as e:
        print(type(e).__name__, "|", str(e).split(" at 0x")[0])

ctx = copy_context()
print(sorted(v.name for v in ctx), ctx.get(user, "no user"), ctx[request_id])


def reenter():
    return ctx.run(lambda: 1)


try:
    ctx.run(reenter)
except RuntimeError as e:
    print("RuntimeError | cannot enter context:", "already entered" in str(e))

for cls in (ContextVar, Token, Context):
    try:
        type("Sub", (cls,), {})
    except TypeError as e:
        print("TypeError |", e)
print(ContextVar[int], request_id.name)
