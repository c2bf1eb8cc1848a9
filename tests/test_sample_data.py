import datetime
import re

import pytest
from django.core.management import call_command

from objectives.models import CheckIn, KeyResult

from .factories import CheckInFactory

BANNER = "illustrative, not real progress"


def test_the_plan_alone_shows_no_sample_banner(client, q2_plan):
    assert BANNER not in client.get("/").content.decode()


def test_seed_adds_sample_check_ins_that_every_page_labels(client, q2_plan, capsys):
    call_command("seed_demo_progress", "--quarter", "y3-q2", "--until", "2021-12-31")
    assert "Added" in capsys.readouterr().out
    sample = CheckIn.objects.filter(is_sample=True)
    assert sample.count() >= 25
    assert not CheckIn.objects.filter(is_sample=False).exists()
    assert not sample.filter(date__gt=datetime.date(2021, 12, 31)).exists()
    for url in [
        "/",
        "/quarters/y3-q2/",
        "/quarters/y3-q2/key-results/",
        "/quarters/y3-q2/key-results/1/",
        "/quarters/y3-q2/report/",
        "/boroughs/camden/",
        "/workstreams/",
        "/partners/gla/",
    ]:
        assert BANNER in client.get(url).content.decode(), url
    assert "Sample data" in client.get("/quarters/y3-q2/key-results/1/").content.decode()


def test_seeding_is_repeatable(q2_plan):
    call_command("seed_demo_progress", "--quarter", "y3-q2", "--until", "2021-12-31")
    first = list(
        CheckIn.objects.order_by("key_result__number", "date").values_list("progress", flat=True)
    )
    call_command("seed_demo_progress", "--remove")
    call_command("seed_demo_progress", "--quarter", "y3-q2", "--until", "2021-12-31")
    second = list(
        CheckIn.objects.order_by("key_result__number", "date").values_list("progress", flat=True)
    )
    assert first == second


def test_remove_deletes_exactly_the_sample_check_ins(client, q2_plan, capsys):
    real = CheckInFactory(key_result=KeyResult.objects.get(quarter=q2_plan, number=2))
    call_command("seed_demo_progress", "--quarter", "y3-q2", "--until", "2021-12-31")
    count = CheckIn.objects.filter(is_sample=True).count()
    call_command("seed_demo_progress", "--remove")
    assert f"Removed {count} sample check-ins." in capsys.readouterr().out
    assert list(CheckIn.objects.all()) == [real]
    assert BANNER not in client.get("/").content.decode()


def test_exports_mark_sample_data(client, q2_plan):
    call_command("seed_demo_progress", "--quarter", "y3-q2", "--until", "2021-12-31")
    data = client.get("/quarters/y3-q2/key-results.json").json()
    assert all(record["sample_data"] for record in data["key_results"])
    assert ",yes," in client.get("/quarters/y3-q2/check-ins.csv").content.decode()


@pytest.mark.parametrize("args", [["--quarter", "nope"], ["--every", "0"]])
def test_seed_refuses_bad_arguments(q2_plan, args):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("seed_demo_progress", *args)


def test_the_sample_notice_is_one_line_and_only_staff_are_told_how_to_remove_it(client_as, q2_plan):
    call_command("seed_demo_progress", "--quarter", "y3-q2", "--until", "2021-12-31")
    for role in ("anonymous", "officer", "manager"):
        html = client_as(role).get("/").content.decode()
        [notice] = re.findall(r'<p[^>]*id="sample-data"[^>]*>.*?</p>', html, re.S)
        assert "\n" not in notice, role
        assert BANNER in notice, role
        assert "--remove" not in html, role
    staff = client_as("staff").get("/").content.decode()
    assert "manage.py seed_demo_progress --remove" in staff
