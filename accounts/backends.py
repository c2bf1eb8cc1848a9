"""Authentication: Django's model backend, loading a signed-in reader with what their role is
read from (their borough link, and the role group they are in) in the same query as the user,
so a page learns the role without more queries."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .roles import with_role_group


class RoleAwareModelBackend(ModelBackend):
    def get_user(self, user_id):
        people = with_role_group(get_user_model()._default_manager.all())
        # A slice, not .first(): one row by primary key needs no ORDER BY (every signed-in
        # request reads it; ordering cost a sixth of this query's time).
        found = list(people.select_related("borough_link__borough").filter(pk=user_id)[:1])
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
