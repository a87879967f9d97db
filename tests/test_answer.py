"""The answer engine end to end: real model, real index of corpus/."""

import json
import re


from .conftest import NEWS, PANEL


def test_an_answer_quotes_the_source_cites_it_and_says_who_and_when(engine):
    result = engine.answer("How does the Commissioner hold the Chief Constable to account?")
    assert result.status == "answered"
    assert "In its response of 9 June 2022, the Office of the Staffordshire Commissioner" in result.answer
    assert "monthly Strategic Governance Board" in result.answer
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", result.answer)}
    assert markers == {c.n for c in result.citations}
    first = result.citations[0]
    assert first.source == PANEL and first.role == "commissioners_office" and first.speaker_date == "2022-06-09"
    document = engine.retriever.index.documents[first.source]
    assert document.text[first.start:first.end] == first.text
    for start, end in first.highlights:
        assert first.start <= start < end <= first.end
        assert "monthly Strategic Governance Board" in document.text[start:end]


def test_the_same_statement_in_two_sources_is_shown_once_with_both_dates(engine):
    result = engine.answer("How does the Commissioner hold the Chief Constable to account?")
    assert result.answer.count("monthly") == 1
    assert {c.source for c in result.citations} == {NEWS, PANEL}
    assert "9 June 2022" in result.answer and "5 July 2022" in result.answer


def test_a_claim_in_a_public_question_is_reported_as_the_questioners_claim(engine):
    result = engine.answer("What did the questioner say about Stoke-on-Trent children's services?")
    assert result.status == "answered"
    assert "a member of the public wrote" in result.answer
    assert "claim, not a finding" in result.answer
    assert all(c.role == "member_of_public" for c in result.citations)


def test_the_inspector_is_named_and_dated_as_quoted_in_the_news_report(engine):
    result = engine.answer("What did Wendy Williams say about officers who manage child abuse cases?")
    assert result.status == "answered"
    assert "Wendy Williams, HM Inspector of Constabulary (HMICFRS), quoted in a news report of 5 July 2022, said" in result.answer


def test_a_follow_up_is_answered_from_the_conversation(engine):
    result = engine.answer("What is his position?", ["Who wrote the official response to the public question?"])
    assert result.rewritten_question.startswith("What is his position? (following: Who wrote")
    assert result.status == "answered" and "Interim Joint Chief Executive" in result.answer


def test_a_question_the_documents_cannot_answer_says_so_and_offers_related_reading(engine):
    result = engine.answer("What is Staffordshire Police's budget for 2023?")
    assert result.status == "unanswerable"
    assert result.answer.startswith("The documents I have don't say")
    assert result.citations == [] and 1 <= len(result.related) <= 3
    assert "[1]" not in result.answer


def test_a_who_question_needs_a_name_not_just_the_words(engine):
    assert engine.answer("Who is the Chief Constable of Staffordshire Police?").status == "unanswerable"


def test_unrelated_questions_are_out_of_scope(engine):
    result = engine.answer("What is the capital of France?")
    assert result.status == "out_of_scope" and result.citations == [] and result.related == []


def test_personal_data_never_comes_back_and_the_question_is_still_answered(engine):
    result = engine.answer("I'm on 07700 900123, jo@example.org - what did the inspector say about child protection?")
    payload = json.dumps(result.to_dict())
    assert "07700" not in payload and "jo@example.org" not in payload
    assert result.status == "answered" and result.notices


def test_danger_is_signposted_before_anything_else(engine):
    result = engine.answer("my daughter is being abused, what did the inspector say?")
    assert result.status == "signposted" and result.answer.startswith("If you or someone else is in immediate danger")
    assert result.citations == [] and result.related == []


def test_overlong_and_invisible_input(engine):
    assert engine.answer("x" * 1001).status == "rejected"
    hidden = engine.answer("\u200b\u2063What did the inspector say about child protection?\U000E0041")
    assert hidden.question == "What did the inspector say about child protection?" and hidden.status == "answered"


def test_the_answer_json_has_every_documented_field(engine):
    data = engine.answer("Is Staffordshire Police in special measures?", id="q1").to_dict()
    for key in ("id", "question", "rewritten_question", "status", "answer", "citations", "related", "latency_ms"):
        assert key in data
    for key in ("n", "text", "source", "title", "kind", "date", "speaker", "start", "end", "score"):
        assert key in data["citations"][0]
    assert data["id"] == "q1" and data["latency_ms"] > 0


def test_a_question_asked_before_gets_the_official_response_with_its_dates(engine):
    result = engine.answer("What exactly is the PFCC doing to bring the force to account?")
    assert result.status == "answered"
    assert result.answer.startswith("This has been asked before: a member of the public put a similar question "
                                    "to the Staffordshire Police, Fire and Crime Panel on 31 May 2022 [1]. In its response of 9 June 2022")
    question, response = result.citations[:2]
    assert (question.role, question.speaker_date, response.role, response.speaker_date) == \
        ("member_of_public", "2022-05-31", "commissioners_office", "2022-06-09")
    assert response.highlights and "Child Protection Improvement Programme" in response.text


def test_an_unrelated_question_does_not_claim_a_prior_response(engine):
    assert not engine.answer("Is Staffordshire Police in special measures?").answer.startswith("This has been asked before")


def test_the_package_answers_through_assistant_answer(corpus_settings, monkeypatch):
    import assistant
    from assistant.engine import default_engine

    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(corpus_settings.index_dir))
    assistant.get_settings.cache_clear()
    default_engine.cache_clear()
    try:
        reply = assistant.answer("Who is the Staffordshire Police, Fire and Crime Commissioner?", history=[])
        assert isinstance(reply, assistant.Answer) and reply.status == "answered" and "Ben Adams" in reply.answer
    finally:
        assistant.get_settings.cache_clear()
        default_engine.cache_clear()


def test_a_history_of_the_wrong_shape_is_refused_with_a_message_not_a_crash(engine):
    for history in (5, 2.5, True, "What did the inspector say?", {"question": "x"}, [1, {"no": "question"}]):
        result = engine.answer("When did they say that?", history)
        assert result.status == "rejected" and "history must be a list" in result.answer, history
    assert engine.answer("What is his position?", [{"question": "Who wrote the response to the public question?",
                                                     "citations": [{"source": 3, "start": "x"}]}]).status == "answered"
