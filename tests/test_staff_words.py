"""What staff read before they act says exactly what will happen: the invite form makes them
choose a role, publishing says when the quarter reaches the home page, and the as-of hint is a
day of the quarter shown."""

import datetime
import re

from django.utils import timezone

from objectives.models import Quarter
from objectives.services import publish_quarter

from .factories import QuarterFactory
from .helpers import text_of


def test_the_invite_form_starts_with_no_role_chosen(client_as, q2_plan):
    page = client_as("staff").get("/admin/auth/user/invite/").content.decode()
    role_select = page.split('name="role"')[1].split("</select>")[0]
    selected = re.findall(r'<option value="([^"]*)" selected>([^<]*)</option>', role_select)
    assert selected == [("", "Choose a role")]


def publish_page(client, quarter):
    return text_of(
        client.post(
            "/admin/objectives/quarter/",
            {"action": "publish_action", "_selected_action": [quarter.pk]},
        )
    )


def test_publishing_says_when_the_quarter_reaches_the_home_page(client_as, q2_plan):
    today = timezone.localdate()
    running = QuarterFactory(
        year=50,
        number=1,
        start_date=today - datetime.timedelta(10),
        end_date=today + datetime.timedelta(40),
        published_at=None,
    )
    later = QuarterFactory(
        year=50,
        number=2,
        start_date=today + datetime.timedelta(41),
        end_date=today + datetime.timedelta(120),
        published_at=None,
    )
    staff = client_as("staff")
    assert "It becomes the quarter on the home page at once." in publish_page(staff, running)
    publish_quarter(running)
    page = publish_page(staff, later)
    start = later.start_date
    assert (
        f"It becomes the quarter on the home page on {start:%-d %B %Y}, when it starts; "
        f"until then the home page shows {running}." in page
    )
    assert not Quarter.objects.get(pk=later.pk).is_published  # only asked


def test_the_as_of_hint_is_a_day_of_the_quarter_shown(client, q2_plan):
    page = text_of(client.get("/quarters/y3-q2/"))
    assert "e.g. 1/12/2021" in page  # the middle of 16 October 2021 - 15 January 2022
    QuarterFactory(
        year=9,
        number=1,
        slug="y9-q1",
        start_date=datetime.date(2027, 7, 16),
        end_date=datetime.date(2027, 10, 15),
    )
    assert "e.g. 31/8/2027" in text_of(client.get("/quarters/y9-q1/"))
