"""_frozen_importlib: CPython's frozen copy of `importlib._bootstrap` (zipimport
imports it under this name). pyvm's import is native, so this name is simply the
library's own module."""

import sys
import _imp
import importlib._bootstrap as _bootstrap

# What CPython's `_bootstrap._setup` injects (the rest of it installs the import
# system pyvm implements natively).
_bootstrap.sys = sys
_bootstrap._imp = _imp
sys.modules[__name__] = _bootstrap
