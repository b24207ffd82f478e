# helper module: the models subpackage
from .user import User

__all__ = ["User"]
