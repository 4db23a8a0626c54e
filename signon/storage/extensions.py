"""Extension instances, bound to an application in `create_app`."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_mail import Mail
from flask_wtf import CSRFProtect

from signon.storage.database import Database

babel = Babel()
db = Database()
mail = Mail()
csrf = CSRFProtect()
# No default limits: only views decorated with `signon.web.limits.limit_post` are limited.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
