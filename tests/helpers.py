"""What many test modules share: reading a page as a person does, the admin's addresses, and the
admin's key result form as a browser posts it."""

import html
import re

from objectives.models import BoroughUpdate, KeyResult

from .factories import CheckInFactory

# A real address for every named URL (KR 17 names Camden, the officer's borough).
# The sample borough update's id (see `sample_borough_update`), fixed so addresses can name it.
SAMPLE_UPDATE_PK = 9001

SAMPLE_URLS = {
    "objectives:home": "/",
    "objectives:quarter-list": "/quarters/",
    "objectives:quarter-switch": "/quarters/switch/?quarter=y3-q2",
    "objectives:quarter-dashboard": "/quarters/y3-q2/",
    "objectives:board-pack": "/quarters/y3-q2/report/",
    "objectives:key-result-list": "/quarters/y3-q2/key-results/",
    "objectives:key-result-detail": "/quarters/y3-q2/key-results/17/",
    "objectives:key-result-history": "/quarters/y3-q2/key-results/17/history/",
    "objectives:key-result-csv": "/quarters/y3-q2/key-results.csv",
    "objectives:key-result-json": "/quarters/y3-q2/key-results.json",
    "objectives:check-in-csv": "/quarters/y3-q2/check-ins.csv",
    "objectives:borough-update-csv": "/quarters/y3-q2/borough-updates.csv",
    "objectives:plan-text": "/quarters/y3-q2/plan.txt",
    "objectives:plan-markdown": "/quarters/y3-q2/plan.md",
    "objectives:plan-preview": "/quarters/y3-q2/plan/",
    "objectives:quarter-review": "/quarters/y3-q2/review/",
    "objectives:review-text": "/quarters/y3-q2/review.txt",
    "objectives:review-markdown": "/quarters/y3-q2/review.md",
    "objectives:workstream-list": "/workstreams/",
    "objectives:workstream-detail": "/workstreams/digital-inclusion/",
    "objectives:borough-list": "/boroughs/",
    "objectives:borough-detail": "/boroughs/camden/",
    "objectives:partner-list": "/partners/",
    "objectives:partner-detail": "/partners/gla/",
    "objectives:my-borough": "/my-borough/",
    "objectives:my-key-results": "/my-key-results/",
    "objectives:check-in-create": "/quarters/y3-q2/key-results/17/check-ins/new/",
    "objectives:borough-update-create": "/quarters/y3-q2/key-results/17/updates/",
    "objectives:borough-update-correct": f"/borough-updates/{SAMPLE_UPDATE_PK}/edit/",
    "objectives:borough-update-withdraw": f"/borough-updates/{SAMPLE_UPDATE_PK}/withdraw/",
    "accounts:sign-in": "/sign-in/",
    "accounts:sign-out": "/sign-out/",
    "accounts:your-name": "/account/name/",
    "accounts:signed-in": "/sign-in/done/",
    "openid_connect_callback": "/sign-in/council/camden/callback/",
    "notifications:password-reset": "/forgot-password/",
    "notifications:password-reset-sent": "/forgot-password/sent/",
    "accounts:set-password": "/account/set-password/MQ/not-a-token/",
    "healthz": "/healthz",
    "notifications:account": "/account/",
    "tokens:list": "/account/tokens/",
    "tokens:revoke": "/account/tokens/1/revoke/",
    "notifications:unsubscribe": "/unsubscribe/not-a-token/",
}

# A Year 3 Q3 plan of one key result, titled with `.format(title=...)`.
ONE_KEY_RESULT_PLAN = """quarter:
  year: 3
  number: 3
  start_date: 2022-01-16
  end_date: 2022-04-15
workstreams:
  - name: Digital Inclusion
    key_results:
      - number: 1
        title: {title}
"""


def declared_rules():
    """{URL name: the access rule its view declares (None where it declares none)}."""
    from urllib.parse import urlsplit

    from django.urls import resolve

    from accounts.access import rule_for

    return {name: rule_for(resolve(urlsplit(url).path)) for name, url in SAMPLE_URLS.items()}


def sample_borough_update(officer):
    """An update the sample officer (Camden) posted on Year 3 Q2 KR 17, which names Camden."""
    return BoroughUpdate.objects.create(
        pk=SAMPLE_UPDATE_PK,
        key_result=KeyResult.objects.get(quarter__slug="y3-q2", number=17),
        borough=officer.borough_link.borough,
        author=officer,
        text="Camden ran its first session.",
    )


def sample_review(quarter, *, publish=True):
    """A review of `quarter`: KR 1 achieved (0.9), the rest partly (0.5), a retrospective."""
    from objectives.services import save_review

    outcomes = {
        kr.pk: ("achieved", "0.9", "Launched with 40 women")
        if kr.number == 1
        else ("partly", "0.5", "")
        for kr in KeyResult.objects.filter(quarter=quarter)
    }
    retrospective = {
        "went_well": "Boroughs joined in.",
        "went_badly": "Hiring was slow.",
        "try_next": "Fewer key results.",
    }
    return save_review(quarter, outcomes=outcomes, retrospective=retrospective, publish=publish)


def text_of(response):
    """The page's text with tags removed, entities unescaped and white space folded, as a reader
    sees it."""
    markup = re.sub(r"</?(a|strong|span|abbr|code)\b[^>]*>", "", response.content.decode())
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def admin_urls(quarter):
    """Every admin page LOTI staff use, with a key result and a check-in of `quarter` to open."""
    kr = KeyResult.objects.get(quarter=quarter, number=17)
    check_in = CheckInFactory(key_result=kr)
    return [
        "/admin/",
        "/admin/objectives/keyresult/",
        "/admin/objectives/keyresult/add/",
        f"/admin/objectives/keyresult/{kr.pk}/change/",
        f"/admin/objectives/keyresult/{kr.pk}/history/",
        f"/admin/objectives/keyresult/{kr.pk}/delete/",
        "/admin/objectives/quarter/",
        f"/admin/objectives/quarter/{quarter.pk}/change/",
        f"/admin/objectives/quarter/{quarter.pk}/roll-over/",
        "/admin/objectives/checkin/",
        f"/admin/objectives/checkin/{check_in.pk}/change/",
        "/admin/objectives/boroughupdate/",
        "/admin/workstreams/workstream/",
        "/admin/boroughs/borough/",
        "/admin/partners/partner/",
        "/admin/auth/user/",
        "/admin/auth/group/",
    ]


def inline_post_data(key_result, **check_in):
    """The change form of a key result as the browser posts it, with one new check-in."""
    data = {
        "quarter": key_result.quarter_id,
        "workstream": key_result.workstream_id,
        "number": key_result.number,
        "title": key_result.title,
        "description": key_result.description,
        "starting_status": key_result.starting_status,
        "starting_progress": key_result.starting_progress,
        "named_people": key_result.named_people,
        "dependencies": key_result.dependencies,
        "expected_version": key_result.version,
        "owners": [owner.pk for owner in key_result.owners.all()],
    }
    # The "Record a check-in" form comes first, then earlier check-ins (read-only), updates,
    # boroughs, partners and links.
    formsets = {
        "check_ins": [],
        "check_ins-2": list(key_result.check_ins.all()),
        "borough_updates": list(key_result.borough_updates.all()),
        "participations": list(key_result.participations.all()),
        "involvements": list(key_result.involvements.all()),
        "links": list(key_result.links.all()),
    }
    for prefix, rows in formsets.items():
        adds_one = prefix == "check_ins" and bool(check_in)
        data[f"{prefix}-TOTAL_FORMS"] = len(rows) + (1 if adds_one else 0)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-key_result"] = key_result.pk
            if prefix == "participations":
                data[f"{prefix}-{index}-borough"] = row.borough_id
                data[f"{prefix}-{index}-role"] = row.role
            elif prefix == "involvements":
                data[f"{prefix}-{index}-partner"] = row.partner_id
                data[f"{prefix}-{index}-role"] = row.role
            elif prefix == "links":
                data[f"{prefix}-{index}-label"] = row.label
                data[f"{prefix}-{index}-url"] = row.url
                data[f"{prefix}-{index}-position"] = row.position
    for field, value in check_in.items():
        data[f"check_ins-0-{field}"] = value
    if check_in:
        data["check_ins-0-key_result"] = key_result.pk
        data.setdefault("check_ins-0-record", "on")
    return data
