"""A large, illustrative data set for benchmarks: many past quarters beside the real plan.

Everything made here is marked as illustrative: quarter slugs start with "scale-", titles say
"generated for benchmarks", and check-ins are sample data (so every page says so). Nothing here
touches the Q2 plan's rows.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from boroughs.models import Borough
from partners.models import Partner
from workstreams.models import Workstream

from .models import (
    BoroughParticipation,
    CheckIn,
    Confidence,
    DataVersion,
    KeyResult,
    PartnerInvolvement,
    Quarter,
    Status,
)
from .services import add_months, record_sample_check_ins

SLUG_PREFIX = "scale-"
FIRST_YEAR = 101
FIRST_DAY = datetime.date(1996, 1, 1)


@transaction.atomic
def generate(*, quarters=100, key_results=2500, check_ins=50000, seed=2021):
    """Past quarters of three months each before the real plan, key results spread across them
    with boroughs and partners, and check-ins spread across the key results. Returns counts."""
    rng = random.Random(seed)
    workstreams = list(Workstream.objects.all())
    boroughs = list(Borough.objects.all())
    partners = list(Partner.objects.all())
    made_quarters = []
    start = FIRST_DAY
    for index in range(quarters):
        year, number = FIRST_YEAR + index // 4, index % 4 + 1
        end = add_months(start, 3) - datetime.timedelta(days=1)
        made_quarters.append(
            Quarter(
                year=year,
                number=number,
                slug=SLUG_PREFIX + Quarter.default_slug(year, number),
                start_date=start,
                end_date=end,
                published_at=timezone.now(),  # read like any published plan in benchmarks
            )
        )
        start = end + datetime.timedelta(days=1)
    Quarter.objects.bulk_create(made_quarters)
    made_krs, numbers = [], dict.fromkeys(range(quarters), 0)
    for index in range(key_results):
        quarter_index = index % quarters
        numbers[quarter_index] += 1
        made_krs.append(
            KeyResult(
                quarter=made_quarters[quarter_index],
                workstream=rng.choice(workstreams),
                number=numbers[quarter_index],
                title=f"Illustrative key result {index + 1} (generated for benchmarks)",
                description="Made up by generate_scale_data to measure speed at size.",
                starting_status=rng.choice([Status.NOT_STARTED, Status.SCOPING]),
            )
        )
    KeyResult.objects.bulk_create(made_krs, batch_size=1000)
    participations, involvements = [], []
    for kr in made_krs:
        for borough in rng.sample(boroughs, rng.randint(0, 5)):
            participations.append(BoroughParticipation(key_result=kr, borough=borough))
        for partner in rng.sample(partners, rng.randint(0, 2)):
            involvements.append(PartnerInvolvement(key_result=kr, partner=partner))
    BoroughParticipation.objects.bulk_create(participations, batch_size=2000)
    PartnerInvolvement.objects.bulk_create(involvements, batch_size=2000)
    made_check_ins = []
    statuses = [Status.IN_PROGRESS, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK]
    for index in range(check_ins):
        kr = made_krs[index % len(made_krs)] if made_krs else None
        if kr is None:
            break
        span = (kr.quarter.end_date - kr.quarter.start_date).days
        made_check_ins.append(
            CheckIn(
                key_result=kr,
                date=kr.quarter.start_date + datetime.timedelta(days=rng.randint(0, span)),
                status=rng.choice(statuses),
                progress=rng.randint(0, 100),
                confidence=rng.choice(Confidence.values),
                note="Sample check-in generated for benchmarks.",
                is_sample=True,
            )
        )
    record_sample_check_ins(made_check_ins)
    return {
        "quarters": len(made_quarters),
        "key results": len(made_krs),
        "check-ins": len(made_check_ins),
        "borough links": len(participations),
    }


@transaction.atomic
def remove():
    """Delete everything generate() made, and nothing else."""
    scale_krs = KeyResult.objects.filter(quarter__slug__startswith=SLUG_PREFIX)
    CheckIn.objects.filter(key_result__in=scale_krs).delete()
    BoroughParticipation.objects.filter(key_result__in=scale_krs).delete()
    PartnerInvolvement.objects.filter(key_result__in=scale_krs).delete()
    count = scale_krs.count()
    scale_krs.delete()
    Quarter.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    DataVersion.bump_after_commit()
    return count
