"""Hypothesis strategies for hostile input: what an attacker or a broken client sends."""

from hypothesis import strategies as st

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE sign_ons; --",
    "1' OR '1'='1",
    "a@example.org\r\nBcc: victim@example.org",
    "x\nSubject: spoofed",
    "%0d%0aSet-Cookie: a=b",
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "{{ 7*7 }}{% raw %}",
    "javascript:alert(1)",
    "\x00\x01\x1b[31m",
    "\u202egnp.exe",
    "\ufdfa" * 300,  # one character that NFKD spreads over eighteen
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽ 👩‍👩‍👧",
]

controls = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn"]))

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(min_size=250, max_size=3000),
    st.sampled_from(PAYLOADS),
    st.tuples(st.text(max_size=8), st.sampled_from(PAYLOADS), st.text(max_size=8)).map("".join),
    controls,
)


def field(valid: str) -> st.SearchStrategy[str]:
    """A field's value: often a valid one, so that hostile values also get stored."""
    return st.one_of(st.just(valid), hostile_text)


hostile_emails = st.one_of(
    st.emails(),
    hostile_text,
    st.tuples(
        st.emails(), st.sampled_from(["\r\nBcc: x@evil.example", "\n", ",b@evil.example"])
    ).map("".join),
)
