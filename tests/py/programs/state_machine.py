TRANSITIONS = {
    ("idle", "coin"): "ready",
    ("ready", "push"): "vending",
    ("vending", "done"): "idle",
    ("ready", "refund"): "idle",
}

def run(events):
    state = "idle"
    log = []
    for ev in events:
        nxt = TRANSITIONS.get((state, ev))
        if nxt is None:
            log.append(f"ignored {ev!r} in {state}")
            continue
        log.append(f"{state} --{ev}--> {nxt}")
        state = nxt
    return state, log

final, log = run(["push", "coin", "coin", "push", "done", "coin", "refund"])
print("\n".join(log))
print("final:", final)
