import errno

names = ["ENOENT", "EINTR", "EAGAIN", "EWOULDBLOCK", "EPIPE", "ECONNREFUSED", "ECONNRESET",
         "ECONNABORTED", "EADDRINUSE", "EADDRNOTAVAIL", "EINVAL", "ETIMEDOUT", "EBADF",
         "EEXIST", "EACCES", "EPERM", "ENOTCONN", "EISCONN", "EINPROGRESS", "EALREADY",
         "EHOSTUNREACH", "ENETUNREACH", "EDEADLK", "EDEADLOCK", "ENOTSUP", "EOPNOTSUPP",
         "EMFILE", "ENOSPC", "ENOTDIR", "EISDIR", "ENOTEMPTY", "ESHUTDOWN", "EMSGSIZE"]
for n in names:
    code = getattr(errno, n)
    print(n, code, errno.errorcode[code])
print(errno.EAGAIN == errno.EWOULDBLOCK, errno.ENOTSUP == errno.EOPNOTSUPP)
print(len(errno.errorcode), min(errno.errorcode), max(errno.errorcode))
print(sorted(errno.errorcode.items())[:8])
retry = {errno.EINTR, errno.EAGAIN, errno.EINPROGRESS}
for code in [4, 11, 111, 115, 32]:
    print(code, "retry" if code in retry else "fail:" + errno.errorcode.get(code, "?"))
print(hasattr(errno, "ENOSUCH"), "ENOENT" in dir(errno) if False else "skip")
