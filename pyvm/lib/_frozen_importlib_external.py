"""_frozen_importlib_external: CPython's frozen copy of `importlib._bootstrap_external`
(zipimport imports it under this name). pyvm's import is native, so this name is
simply the library's own module."""

import sys
import _frozen_importlib
import importlib._bootstrap_external as _external

# What CPython's `_bootstrap_external._set_bootstrap_module` is given at start-up.
_external._set_bootstrap_module(_frozen_importlib)
# ... and what `_bootstrap._install_external_importers` sets.
_frozen_importlib._bootstrap_external = _external
sys.modules[__name__] = _external
