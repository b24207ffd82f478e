"""The Python half of the built-in `anext(iterator, default)`: CPython's
`anext_awaitable`, which awaits what `__anext__` returned and gives `default` where
it raises StopAsyncIteration."""


class anext_awaitable:
    __slots__ = ('_wrapped', '_default', '_runner')

    def __init__(self, wrapped, default):
        self._wrapped = wrapped
        self._default = default
        self._runner = None

    async def _run(self):
        try:
            return await self._wrapped
        except StopAsyncIteration:
            return self._default

    def _inner(self):
        if self._runner is None:
            self._runner = self._run().__await__()
        return self._runner

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self._inner().send(None)

    def send(self, value):
        return self._inner().send(value)

    def throw(self, *args):
        return self._inner().throw(*args)

    def close(self):
        if self._runner is not None:
            return self._runner.close()


anext_awaitable.__module__ = 'builtins'
