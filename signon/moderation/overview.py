"""A letter's overview for its organisers: counts, what to do next, sign-ons per day, countries."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext, ngettext

from signon.domain.chart import Chart, daily_chart
from signon.domain.countries import country_name
from signon.domain.regions import CountryCount, Region, by_region
from signon.letters.models import Letter, LetterStatus
from signon.moderation import duplicates, services
from signon.signing.models import Signatory, SignOn, SignOnStatus
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.i18n import current_language, text_direction


@dataclass(frozen=True)
class NextStep:
    """The one thing the organisers should do now, and where they do it."""

    text: str
    endpoint: str
    args: dict


@dataclass(frozen=True)
class Overview:
    """Everything the overview page shows."""

    counts: services.Counts
    candidates: int
    next_step: NextStep | None
    chart: Chart | None
    regions: list[Region]


def next_step(letter: Letter, counts: services.Counts, candidates: int) -> NextStep | None:
    """What waits for the organisers, most pressing first."""
    slug = {"slug": letter.slug}
    if counts.verified:
        text = ngettext(
            "%(num)d confirmed sign-on waits for approval.",
            "%(num)d confirmed sign-ons wait for approval.",
            counts.verified,
        )
        return NextStep(text, "organise.moderation.sign_ons", {**slug, "status": "verified"})
    if candidates:
        text = ngettext(
            "%(num)d pair of possible duplicates to review.",
            "%(num)d pairs of possible duplicates to review.",
            candidates,
        )
        return NextStep(text, "organise.moderation.duplicates", slug)
    if letter.status == LetterStatus.DRAFT:
        return NextStep(
            gettext("Open the letter for signatures when its text is ready."),
            "organise.letters.edit",
            slug,
        )
    if letter.status != LetterStatus.PUBLISHED and counts.approved:
        return NextStep(
            gettext("Nothing waits for a decision. Publish the letter when it has been sent."),
            "organise.letters.edit",
            slug,
        )
    return None


def per_day(letter: Letter) -> dict[str, dict[date, int]]:
    """Sign-ons received, confirmed and approved on each day (UTC)."""
    rows = db.session.execute(
        sa.select(SignOn.created_at, SignOn.confirmed_at, SignOn.decided_at, SignOn.status).where(
            SignOn.letter_id == letter.id
        )
    )
    days: dict[str, dict[date, int]] = {"received": {}, "confirmed": {}, "approved": {}}
    for created, confirmed, decided, status in rows:
        moments = {"received": created, "confirmed": confirmed}
        if status == SignOnStatus.APPROVED:
            moments["approved"] = decided
        for series, moment in moments.items():
            if moment is not None:
                day = moment.date()
                days[series][day] = days[series].get(day, 0) + 1
    return days


def country_counts(letter: Letter) -> list[CountryCount]:
    """Per country, organisations on the list and organisations confirmed but still waiting."""
    rows = db.session.execute(
        sa.select(Signatory.id, Signatory.country, SignOn.status)
        .join(SignOn, SignOn.signatory_id == Signatory.id)
        .where(
            Signatory.letter_id == letter.id,
            SignOn.status.in_([SignOnStatus.VERIFIED, SignOnStatus.APPROVED]),
        )
    )
    best: dict[int, tuple[str, bool]] = {}
    for signatory_id, country, status in rows:
        approved = best.get(signatory_id, (country, False))[1] or status == SignOnStatus.APPROVED
        best[signatory_id] = (country, approved)
    tally: dict[str, list[int]] = {}
    for country, approved in best.values():
        tally.setdefault(country, [0, 0])[0 if approved else 1] += 1
    return [
        CountryCount(c, country_name(c, current_language()), a, w) for c, (a, w) in tally.items()
    ]


def overview(letter: Letter) -> Overview:
    """The counts, the next step, the chart and the countries of one letter."""
    counts = services.counts(letter)
    candidates = duplicates.count(letter)
    return Overview(
        counts=counts,
        candidates=candidates,
        next_step=next_step(letter, counts, candidates),
        chart=daily_chart(per_day(letter), utcnow().date(), rtl=text_direction() == "rtl"),
        regions=by_region(country_counts(letter)),
    )
