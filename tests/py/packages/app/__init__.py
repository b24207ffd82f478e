# helper module: an application package; its __init__ pulls in the public API
from .models import User
from . import util

VERSION = "1.2"
