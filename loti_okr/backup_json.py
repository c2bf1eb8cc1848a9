"""The backup's file format: Django's JSON, to the microsecond, with references to deleted rows
kept as plain ids.

JSON holds any text a database does (XML 1.0 cannot hold a NUL or most control characters), and
Django's own `loaddata` reads the file back. Two differences from Django's JSON: times keep
their microseconds (Django's encoder cuts them to milliseconds), and a history row pointing at a
row deleted since (a key result, a person) is written with that row's id, where Django would
look the row up for its natural key and fail, stopping every later backup.
"""

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import json
from django.core.serializers.json import Deserializer  # noqa: F401 (the format's reader)


class TimesToTheMicrosecond(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def start_serialization(self):
        super().start_serialization()
        # ASCII escapes: any text the database holds is written, even half a character.
        self.json_kwargs.update(cls=TimesToTheMicrosecond, ensure_ascii=True)

    def handle_fk_field(self, obj, field):
        try:
            getattr(obj, field.name)
        except ObjectDoesNotExist:
            natural, self.use_natural_foreign_keys = self.use_natural_foreign_keys, False
            try:
                super().handle_fk_field(obj, field)  # the plain id
            finally:
                self.use_natural_foreign_keys = natural
            return
        super().handle_fk_field(obj, field)
