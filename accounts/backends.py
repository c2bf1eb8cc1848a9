"""Authentication that loads a user with their role in one query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from .roles import ROLE_GROUPS


class RoleAwareModelBackend(ModelBackend):
    """Django's model backend, loading a signed-in user with their borough link and whether
    they are in each role's group, so a page learns their role in the same query as the user."""

    def get_user(self, user_id):
        User = get_user_model()
        memberships = User.groups.through.objects.filter(user=OuterRef("pk"))
        user = (
            User._default_manager.select_related("borough_link__borough")
            .annotate(
                **{
                    f"in_group_{index}": Exists(memberships.filter(group__name=name))
                    for index, name in enumerate(ROLE_GROUPS)
                }
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        user._group_names = {
            name for index, name in enumerate(ROLE_GROUPS) if getattr(user, f"in_group_{index}")
        }
        return user
