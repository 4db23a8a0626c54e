"""The public list page of a letter: its signatories in final order, searchable."""

from flask import current_app, render_template, request
from werkzeug.wrappers import Response

from signon.domain.acronyms import with_acronym
from signon.domain.countries import country_name
from signon.letters.models import Letter
from signon.letters.public import public_letter
from signon.letters.translating import in_language
from signon.roster.public import list_is_public, search_key
from signon.roster.public_cache import cached_answer, search_index
from signon.signing.final_list import final_list, signed_count
from signon.signing.models import SignerKind
from signon.storage.sqlite import read_only
from signon.web.i18n import current_language, requested_language
from signon.web.limits import limit_builds
from signon.web.urls import external_url

# A search of the list shows this many entries at most: add to the search to find the rest.
SEARCH_RESULTS_SHOWN = 100


@read_only
@limit_builds("PUBLIC_BUILD_LIMIT_PER_IP")
def signatories(slug: str) -> Response | str:
    """The signatories in final order with their count, searchable, once the list is public.

    The page is built once per version of the list (see `public_cache`); a search reads the
    list's search index and shows at most `SEARCH_RESULTS_SHOWN` entries.
    """
    query = request.args.get("q", "").strip()[:200]
    if query:
        return render_signatories(public_letter(slug), query)
    return cached_answer(
        f"signatories {slug} {requested_language() or ''}",
        lambda: public_letter(slug),
        lambda letter: render_signatories(letter, ""),
        "text/html",
    )


def render_signatories(letter: Letter, query: str) -> str:
    """The public list page, filtered by `query`, or only the count before publication."""
    shown, found, matched, individuals = list_is_public(letter), [], 0, 0
    if not shown:
        # Before the list is public: everyone who confirmed, approved or not (no names).
        count = signed_count(letter.id)
    elif query:
        index = search_index(letter, search_key)
        found, matched = index.search(query, SEARCH_RESULTS_SHOWN)
        count, individuals = len(index.rows), index.individuals
    else:
        found = final_list(letter)
        count = len(found)
        individuals = sum(1 for row in found if row.kind == SignerKind.INDIVIDUAL)
    return render_template(
        "roster/signatories.html",
        letter=in_language(letter, current_language()),
        shown=shown,
        count=count,
        organisations=count - individuals,
        individuals=individuals,
        signatories=found,
        matched=matched,
        query=query,
        pdf=count <= current_app.config["PUBLIC_PDF_MAX_SIGNATORIES"],
        country_name=country_name,
        with_acronym=with_acronym,
        embed_url=external_url("roster.embed_script", slug=letter.slug),
    )
