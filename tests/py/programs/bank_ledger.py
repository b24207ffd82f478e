accounts = {}

def open_account(name, deposit=0):
    if name in accounts:
        raise ValueError(f"account {name!r} already exists")
    accounts[name] = {"balance": deposit, "history": [("open", deposit)]}

def transfer(src, dst, amount):
    if amount <= 0:
        raise ValueError("amount must be positive")
    try:
        a, b = accounts[src], accounts[dst]
    except KeyError as e:
        raise LookupError(f"no such account: {e.args[0]}") from e
    if a["balance"] < amount:
        raise RuntimeError(f"insufficient funds in {src}: {a['balance']} < {amount}")
    a["balance"] -= amount
    b["balance"] += amount
    a["history"].append(("out", amount))
    b["history"].append(("in", amount))

open_account("alice", 100)
open_account("bob", 50)
ops = [("alice", "bob", 30), ("bob", "alice", 100), ("alice", "carol", 5), ("bob", "alice", -1), ("bob", "alice", 80)]
for src, dst, amt in ops:
    try:
        transfer(src, dst, amt)
        print(f"ok   {src:>5} -> {dst:<5} {amt:>4}")
    except (ValueError, RuntimeError, LookupError) as e:
        cause = f" (cause: {e.__cause__!r})" if e.__cause__ else ""
        print(f"fail {src:>5} -> {dst:<5} {amt:>4}: {type(e).__name__}: {e}{cause}")
try:
    open_account("bob")
except ValueError as e:
    print(e)
for name, acct in sorted(accounts.items()):
    print(name, acct["balance"], acct["history"])
print("total", sum([a["balance"] for a in accounts.values()]))
