import pytest

from assistant.chunking import chunk_document, embedding_text, split_sentences
from assistant.documents import Document, Section, read_corpus
from assistant.embedding import Embedder

from .conftest import CORPUS


@pytest.fixture(scope="module")
def embedder():
    return Embedder.load("")


def test_sentences_split_at_full_stops_quotes_and_lines_but_not_titles():
    text = "Mr. Adams spoke. “However, the force must act.” Then the panel met?\nDate: 9 June 2022"
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["Mr. Adams spoke.", "“However, the force must act.”", "Then the panel met?", "Date: 9 June 2022"]


def test_no_chunk_exceeds_the_model_limit_and_offsets_give_back_the_text(embedder):
    sentence = "The inspectorate examined how the force protects children at risk of harm. "
    giant = "word " * 900  # one 'sentence' far over the limit
    text = "# Report\n\n" + sentence * 60 + giant + "\n\n" + sentence * 3
    document = Document(id="long.md", text=text, title="Report", sections=[Section(0, len(text), "Findings", "HM Inspector of Constabulary Wendy Williams")])
    chunks = chunk_document(document, embedder.token_offsets, 200)
    assert len(chunks) > 5
    for chunk in chunks:
        piece = text[chunk.start:chunk.end]
        assert piece == piece.strip() and piece
        # what is embedded (context prefix + chunk) fits: 200 word pieces + [CLS] and [SEP]
        assert embedder.count_tokens(embedding_text(document, chunk)) <= 202
    covered = "".join(text[c.start:c.end] for c in chunks)
    assert covered.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_chunks_never_cross_a_speaker_boundary(embedder):
    documents, _ = read_corpus(CORPUS, 50_000_000)
    for document in documents:
        for chunk in chunk_document(document, embedder.token_offsets, 254):
            assert document.section_at(chunk.start) is document.section_at(chunk.end - 1)
