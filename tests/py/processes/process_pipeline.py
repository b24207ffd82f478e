# A three-stage pipeline of processes: a producer puts records on a
# multiprocessing.Queue, a transformer reads them, normalises them and sends them
# down a Pipe to a summariser, which answers the parent over a duplex Pipe. Every
# stage ends with None; the parent joins them and checks their exit codes.
import multiprocessing as mp

RECORDS = ["Alice,34,Paris", "bob,27,berlin", "CAROL,45,Rome", "dave,31,oslo",
           "Eve,29,Lisbon", "frank,52,MADRID"]


def producer(q):
    for r in RECORDS:
        q.put(r)
    q.put(None)


def transformer(q, out):
    while True:
        r = q.get()
        if r is None:
            break
        name, age, city = r.split(",")
        out.send((name.capitalize(), int(age), city.title()))
    out.send(None)
    out.close()


def summariser(inp, parent):
    people = []
    while True:
        p = inp.recv()
        if p is None:
            break
        people.append(p)
    cmd = parent.recv()
    if cmd == "report":
        ages = [a for _, a, _ in people]
        parent.send({"count": len(people), "oldest": max(people, key=lambda p: p[1])[0],
                     "mean_age": sum(ages) / len(ages), "cities": sorted(c for _, _, c in people)})
    parent.close()


def failing():
    raise SystemExit(7)


if __name__ == "__main__":
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    recv_end, send_end = ctx.Pipe(duplex=False)
    mine, theirs = ctx.Pipe()
    stages = [ctx.Process(target=producer, args=(q,), name="producer"),
              ctx.Process(target=transformer, args=(q, send_end), name="transformer"),
              ctx.Process(target=summariser, args=(recv_end, theirs), name="summariser")]
    for p in stages:
        p.start()
    mine.send("report")
    print(mine.recv())
    for p in stages:
        p.join(30)
        print(p.name, "exit code", p.exitcode, "alive", p.is_alive())
    f = ctx.Process(target=failing)
    f.start()
    f.join(30)
    print("failing exit code", f.exitcode)
    # A Queue the parent reads itself: many small items through the feeder thread.
    q2 = ctx.Queue()
    w = ctx.Process(target=lambda: [q2.put(i * i) for i in range(200)])
    w.start()
    print("sum of squares", sum(q2.get(timeout=30) for _ in range(200)))
    w.join(30)
    print("done", w.exitcode)
