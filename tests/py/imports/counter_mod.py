# helper module: state kept in module globals
count = 0
log = []


def bump(by=1):
    global count
    count += by
    log.append(count)
    return count


def reset():
    global count
    count = 0
    del log[:]
