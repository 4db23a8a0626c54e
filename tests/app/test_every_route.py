"""Every route of the application, driven with values that broke it: NUL bytes, integers
past 64 bits, negative numbers, other scripts' digits. Bad input is a 400 or a 404,
never a 500, on SQLite and PostgreSQL alike, signed in as an admin who may go anywhere."""

import re
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.organiser_helpers import log_in

FAST = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HUGE = ["9223372036854775808", "18446744073709551616", "2147483648", "9" * 40, "1_000_000_000_000"]
NUMBERS = [*HUGE, "-1", "-9223372036854775809", "0", "١٢٣", "１２", "²", "1e9", " 7 "]
STRINGS = ["\x00", "a\x00b", "%00", "climate\x00", "\u202e", "𝔘𝔫𝔦", "ÿ" * 300, "..", "."]
hostile = st.one_of(st.sampled_from(NUMBERS + STRINGS), st.text(max_size=12))
# Field names the forms of the application read, ids and numbers among them.
FIELDS = [
    "ids",
    "first",
    "second",
    "merge_id",
    "number",
    "email",
    "action",
    "title",
    "body",
    "country",
    "organisation",
    "display_name",
    "note",
    "notify",
    "status",
    "q",
]


def routes(app) -> list[tuple[str, str, list[str]]]:
    """(method, rule, argument names) for every route but the static files."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule, sorted(rule.arguments)))
    return found


def path_for(rule: str, values: dict[str, str]) -> str:
    """The rule with each argument replaced by its (percent-encoded) value."""
    return re.sub(
        r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>",
        lambda match: quote(values[match.group(1)], safe=""),
        rule,
    )


@FAST
@given(
    value=hostile,
    use_real_slug=st.booleans(),
    field_values=st.dictionaries(st.sampled_from(FIELDS), hostile, max_size=4),
)
def test_no_route_answers_a_500_to_hostile_values(
    app, client, make_letter, organiser, value, use_real_slug, field_values
):
    if client.get("/letters/climate").status_code == 404:
        make_letter()
        log_in(client, organiser("root@secretariat.example.org", admin=True))
    token = log_in(client, 1)
    for method, rule, arguments in routes(app):
        values = {name: value for name in arguments}
        if use_real_slug and "slug" in values:
            values["slug"] = "climate"
        path = path_for(rule, values)
        query = urlencode({"country": value, "status": value, "q": value, "page": value})
        if method == "GET":
            response = client.get(f"{path}?{query}")
        else:
            data = {**field_values, "csrf_token": token}
            response = client.post(f"{path}?{query}", data=data)
        assert response.status_code < 500, (method, path, field_values, response.text[:300])


def test_the_values_the_attack_found_get_a_400_or_a_404(app, client, make_letter, organiser):
    make_letter()
    token = log_in(client, organiser("root@secretariat.example.org", admin=True))
    big = "9223372036854775808"
    letter = "/organise/letters/climate"
    for path in (
        "/organise/preview/%00",
        f"{letter}/sign-ons?country=%00",
        f"{letter}/sign-ons/{big}",
        f"{letter}/versions/{big}",
        "/dev/outbox/" + big,
    ):
        assert client.get(path).status_code in (400, 404), path
    for path, data in (
        (f"{letter}/sign-ons/decide", {"action": "approve", "ids": big}),
        (f"{letter}/duplicates/merge", {"first": big, "second": "1"}),
        (f"{letter}/duplicates/undo", {"merge_id": big}),
        (f"{letter}/versions/{big}/notify", {}),
        (f"{letter}/sign-ons/{big}/note", {"note": "x"}),
    ):
        answer = client.post(path, data={**data, "csrf_token": token})
        assert answer.status_code in (400, 404), (path, answer.status_code)
