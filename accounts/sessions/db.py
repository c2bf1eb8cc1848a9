from django.contrib.sessions.backends import db

from . import PlainSqlRead


class SessionStore(PlainSqlRead, db.SessionStore):
    pass
