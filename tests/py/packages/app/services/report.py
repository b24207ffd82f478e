# helper module: a service reaching across subpackages
from .. import util as u
from ..models.user import User
from ..models import user as user_module
from . import formatting

WHERE = (__name__, __package__, __spec__.parent)


def report(names):
    users = [User(n) for n in names]
    return formatting.table([(x.name, x.slug, u.slugify(x.name) == x.slug) for x in users]), user_module
