from django.contrib.sessions.backends import cached_db

from . import PlainSqlRead


class SessionStore(PlainSqlRead, cached_db.SessionStore):
    pass
