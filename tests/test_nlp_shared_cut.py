"""One article's jieba cut shared by its reading aids and search terms gives jieba's words."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.nlp.tokenizer import SharedCut, tagged, tokenizer, words

PAGES = Path(__file__).parent / "fixtures" / "pages"
BLIND = Path(__file__).parent.parent / "bench" / "blind_pages"
# Dictionary words and names, a character jieba's blocks leave out (㐀, outside
# \u4e00-\u9fd5), Latin letters, digits, the symbols jieba keeps in a block (+#&._%-),
# spaces, line breaks (\r\n is one piece) and punctuation that separates blocks.
ALPHABET = "西藏拉萨次仁罗布牦牛青稞乡镇县村的了是T恤A股QKab09+#&._%- \r\n\t，。、“”（）㐀"


@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_shared_cut_gives_jiebas_words(texts: list[str]) -> None:
    shared = SharedCut()
    # Texts of one article, cut one after the other: later ones reuse earlier blocks.
    for text in texts + texts[::-1]:
        assert shared.words(text) == list(tokenizer().cut(text)), text


def test_shared_cut_on_every_line_of_the_fixture_and_blind_pages() -> None:
    pages = sorted(PAGES.glob("**/*.txt")) + sorted(BLIND.glob("batch_[a-d]/*.txt"))
    assert len(pages) > 20
    for page in pages:
        lines = page.read_text(encoding="utf-8").splitlines()
        shared = SharedCut()
        # Whole lines, as the reading aids cut paragraphs, then the same lines again, so
        # that most blocks come from the shared cut.
        for line in lines + lines:
            assert shared.words(line) == words(line), (page.name, line)


@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_shared_cut_gives_jiebas_tags_and_words_from_one_route(texts: list[str]) -> None:
    shared = SharedCut()
    # Tagged and cut in turn, as an article's analysis does: each reuses the other's routes.
    for text in texts + texts[::-1]:
        assert shared.tagged(text) == tagged(text), text
        assert shared.words(text) == list(tokenizer().cut(text)), text


def test_shared_tags_on_every_line_of_the_fixture_and_blind_pages() -> None:
    pages = sorted(PAGES.glob("**/*.txt")) + sorted(BLIND.glob("batch_[a-d]/*.txt"))
    for page in pages:
        lines = page.read_text(encoding="utf-8").splitlines()
        shared = SharedCut()
        for line in lines:
            assert shared.words(line) == words(line), (page.name, line)
        # Tagged after the plain cut: the blocks' routes come from it.
        assert shared.tagged("\n".join(lines)) == tagged("\n".join(lines)), page.name
