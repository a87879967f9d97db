import pytest

from assistant.chunking import chunk_document, chunk_documents, embedding_text, split_sentences
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
    # an initial ends no sentence: "Question 2 (from Ms R." had been quoted as a sentence of its own
    text = "Question 2 (from Ms R. Okoye, Eastbrook) asks why. It was answered by J. K. Lee. The panel agreed."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Question 2 (from Ms R. Okoye, Eastbrook) asks why.", "It was answered by J. K. Lee.", "The panel agreed."]
    # a table's dot leader ends no sentence: "Responding to fires ........ Good" had been quoted without its grade
    text = "Understanding fire and risk ......... Good\nResponding to fires ...... Adequate"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Understanding fire and risk ......... Good", "Responding to fires ...... Adequate"]


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


def test_documents_tokenized_together_are_chunked_as_each_alone(embedder):
    """Ingest tokenizes many documents in one call: no offsets may slip between documents."""
    documents, _ = read_corpus(CORPUS, 50_000_000)
    long_text = "# Notes\n\n" + "The panel asked for a written update on custody. " * 80 + "word " * 400
    documents.append(Document(id="notes.md", text=long_text, title="Notes", sections=[Section(0, len(long_text), "", "")]))
    together = list(chunk_documents(documents, embedder.token_offsets, 128, group=2))
    assert [d.id for d, _ in together] == [d.id for d in documents]
    for document, chunks in together:
        assert chunks == chunk_document(document, embedder.token_offsets, 128)
        assert all(embedder.count_tokens(embedding_text(document, c)) <= 130 for c in chunks)
