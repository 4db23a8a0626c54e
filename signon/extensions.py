"""Extension instances, bound to an application in `create_app`."""

from flask_mail import Mail
from flask_sqlalchemy_lite import SQLAlchemy
from flask_wtf import CSRFProtect

db = SQLAlchemy()
mail = Mail()
csrf = CSRFProtect()
