"""Who may see a quarter and what is in it: the one home of the rule.

- A draft quarter (imported or rolled over, not yet published) exists for LOTI staff alone.
  For anyone else nothing of it exists: its pages, its key results and their check-in forms,
  the key results carried into it, and the workstreams and partners that only drafts use all
  answer 404, as an address that never existed does.
- A quarter's review, until published, is for LOTI staff and managers (they prepare the
  board's reading); once published, for every reader of its quarter.
- A check-in voided as recorded in error is for LOTI staff alone, struck through; every other
  reader, page and export leaves it out, as every figure does.

The querysets say it in sentences (`Quarter.objects.visible_to(user)`,
`KeyResult.objects.visible_to(user)`, `CheckIn.objects.visible_to(user)`,
`visible_workstreams(user)`), and each is written here once.
"""

from accounts.roles import Role, role_of


def sees_drafts(user):
    return role_of(user) is Role.STAFF


def sees_draft_reviews(user):
    return role_of(user) in (Role.STAFF, Role.MANAGER)


def sees_voided_check_ins(user):
    return role_of(user) is Role.STAFF


def visible_quarters(quarters, user):
    """`quarters` (a QuarterQuerySet) as far as `user` may see them."""
    return quarters if sees_drafts(user) else quarters.published()


def visible_key_results(key_results, user):
    """`key_results` (a KeyResultQuerySet) as far as `user` may see them."""
    return key_results if sees_drafts(user) else key_results.in_published_quarters()


def visible_check_ins(check_ins, user):
    """`check_ins` (a CheckInQuerySet) as far as `user` may see them."""
    return check_ins if sees_voided_check_ins(user) else check_ins.counted()


def quarter_is_visible(quarter, user):
    return quarter.is_published or sees_drafts(user)


def review_is_visible(review, user):
    return review is not None and (review.is_published or sees_draft_reviews(user))


def visible_workstreams(user):
    """The workstreams of the quarters `user` may see (a workstream only drafts use is not)."""
    from workstreams.models import Workstream

    return _used_in_visible_quarters(Workstream.objects.all(), user)


def visible_partners(user):
    """The partners named in the quarters `user` may see."""
    from partners.models import Partner

    return _used_in_visible_quarters(Partner.objects.all(), user)


def _used_in_visible_quarters(rows, user):
    from .models import Quarter

    if sees_drafts(user):
        return rows
    return rows.used_in(Quarter.objects.published())
