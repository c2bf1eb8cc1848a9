"""The backup's file format: Django's XML, with references to deleted rows kept as plain ids.

History rows keep pointing at rows that were deleted since (a key result, a person); Django's
serializer would look each one up for its natural key and fail, stopping every later backup. A
reference whose row is gone is written as its id instead, which loading reads back as it was.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import xml_serializer
from django.core.serializers.xml_serializer import Deserializer  # noqa: F401 (the format's reader)


class Serializer(xml_serializer.Serializer):
    def handle_fk_field(self, obj, field):
        try:
            getattr(obj, field.name)
        except ObjectDoesNotExist:
            self._start_relational_field(field)
            self.xml.characters(str(getattr(obj, field.attname)))
            self.xml.endElement("field")
            return
        super().handle_fk_field(obj, field)
