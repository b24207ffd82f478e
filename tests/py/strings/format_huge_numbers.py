# Width and precision numbers too big for the machine: CPython reports them, never wraps.
for f in [lambda: '%.99999999999999999999f' % 1.0, lambda: '{:.99999999999999999999f}'.format(1.0),
          lambda: '%99999999999999999999d' % 1, lambda: '{:99999999999999999999}'.format(1),
          lambda: '%5.2f|%-6d|%x' % (3.14159, 42, 255), lambda: '{:>8.3f}|{:,}'.format(2.5, 1234567)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
