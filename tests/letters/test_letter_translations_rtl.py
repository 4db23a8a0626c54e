"""A letter translated into Arabic and Portuguese from the editor, read in each: the Arabic
letter and its list right to left, Latin names inside kept in their own direction."""

import re

import pytest

from tests.moderation.helpers import add_sign_on
from tests.organiser_helpers import log_in
from tests.support import csrf_token

ARABIC = {
    "title": "رسالة مشتركة بشأن تمويل المناخ",
    "salutation": "أصحاب المعالي الوزراء،",
    "body": "نطلب منكم **التحرك** الآن.\n\n- مضاعفة تمويل التكيّف.\n- حماية المدافعين.",
    "closing": "وتفضلوا بقبول فائق الاحترام،",
    "signature_blocks": "ليلى حسن | المنسقة | شبكة المدافعات",
}
PORTUGUESE = {
    "title": "Carta conjunta sobre o financiamento climático",
    "salutation": "Senhoras e Senhores Ministros,",
    "body": "Pedimos-vos que **ajam** já.",
    "closing": "Com os melhores cumprimentos,",
    "signature_blocks": "Awa Koné | Diretora | Rede Equitas",
}


@pytest.fixture
def owner(client, organiser, make_letter):
    """A signed-in owner of the open letter "climate"."""
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    return client


def translate_in_editor(client, language: str, parts: dict[str, str]):
    """From the letter's text page, follow the links to a translation and save it."""
    edit = client.get("/organise/letters/climate/edit")
    listing = client.get(re.search(r'href="([^"]+/translations)"', edit.text)[1])
    # The list offers every language of the pages, each named in itself and its direction.
    assert 'dir="rtl" lang="ar">العربية<' in listing.text
    assert 'dir="ltr" lang="pt">Português<' in listing.text
    form_url = re.search(rf'href="([^"]+/translations/{language})"', listing.text)[1]
    page = client.get(form_url)
    # The form itself is typed in the translation's direction.
    direction = "rtl" if language == "ar" else "ltr"
    assert f'lang="{language}" dir="{direction}"' in page.text
    return client.post(
        form_url, data={**parts, "csrf_token": csrf_token(page.text)}, follow_redirects=True
    )


def test_an_organiser_adds_arabic_and_portuguese_translations_from_the_editor(owner):
    assert translate_in_editor(owner, "ar", ARABIC).status_code == 200
    assert translate_in_editor(owner, "pt", PORTUGUESE).status_code == 200
    listing = owner.get("/organise/letters/climate/translations")
    assert listing.text.count("up to date (version 1)") == 2


def test_the_arabic_letter_and_its_list_read_right_to_left_with_latin_names_isolated(
    owner, app, client
):
    translate_in_editor(owner, "ar", ARABIC)
    translate_in_editor(owner, "pt", PORTUGUESE)
    with app.app_context():
        add_sign_on("climate", "Amnesty International", "GB", acronym="AI")
        add_sign_on("climate", "شبكة المدافعات", "EG")
    page = client.get("/letters/climate", headers={"Accept-Language": "ar-EG,en;q=0.5"})
    assert '<html lang="ar" dir="rtl">' in page.text
    assert '<article class="letter" lang="ar" dir="rtl">' in page.text
    assert f"<h1>{ARABIC['title']}</h1>" in page.text
    assert "<li>مضاعفة تمويل التكيّف.</li>" in page.text
    # The other versions, each in its own direction.
    assert 'hreflang="pt" dir="ltr" lang="pt">Português<' in page.text
    listed = client.get("/letters/climate/signatories", headers={"Accept-Language": "ar"})
    assert '<ol class="signatories" dir="rtl">' in listed.text
    # The Latin name and its acronym keep their order inside the Arabic line; the Arabic name
    # is isolated too.
    assert '<span class="name" dir="auto">Amnesty International (AI)</span>' in listed.text
    assert "<bdi>شبكة المدافعات</bdi>" in listed.text or (
        '<span class="name" dir="auto">شبكة المدافعات</span>' in listed.text
    )
    assert "– المملكة المتحدة" in listed.text
    # The embed code is code: left to right on an Arabic page too.
    assert '<pre class="snippet" dir="ltr"><code>&lt;script src=' in listed.text
    portuguese = client.get("/letters/climate", headers={"Accept-Language": "pt-BR,en;q=0.5"})
    assert '<article class="letter" lang="pt" dir="ltr">' in portuguese.text
    assert "Pedimos-vos que <strong>ajam</strong> já." in portuguese.text
