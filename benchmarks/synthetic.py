"""Realistic synthetic corpus: inspection-report sections, panel questions and responses, news reports.

`write_corpus(folder, chunks)` writes roughly that many ~150-word-piece chunks' worth of
documents (deterministic for a given size), each with a `.meta.yaml` like the real corpus.
Also `questions(n)`: plausible public questions for latency runs.
"""

from __future__ import annotations

import random
from pathlib import Path

FORCES = ["Staffordshire", "West Mercia", "Cheshire", "Derbyshire", "Lancashire", "Cumbria", "Norfolk", "Suffolk",
          "Essex", "Kent", "Dorset", "Devon and Cornwall", "Avon and Somerset", "Gloucestershire", "Wiltshire",
          "Thames Valley", "Hampshire", "Sussex", "Surrey", "Humberside", "Cleveland", "Durham", "Northumbria"]
TOPICS = ["child protection", "custody", "domestic abuse", "stop and search", "vetting and counter-corruption",
          "call handling", "crime recording", "neighbourhood policing", "missing children", "rape investigation",
          "vulnerability", "use of force", "victim support", "fraud", "organised crime", "road safety"]
INSPECTORS = ["Wendy Williams", "Andy Cooke", "Roy Wilsher", "Michelle Skeer", "Lee Freeman", "Matt Parr"]
OFFICERS = ["Ralph Butler", "Sarah Lines", "Helen Fenton", "David Gill", "Priya Shah", "Tom Reilly"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

FINDING = [
    "The force {verb} in its approach to {topic}, and {n} of the {m} cases we reviewed showed {quality} practice.",
    "We found that officers and staff dealing with {topic} {verb2} the training they need.",
    "Supervisors did not always check that risk assessments for {topic} were completed within {n} days.",
    "The force has made progress since our last inspection of {topic} in {year}, but more work is needed.",
    "Leaders in {force} understand the demand from {topic}, although the data they use is often incomplete.",
    "In {n} cases the force shared information with partner agencies too late to protect the people involved.",
    "We have made {n} recommendations and identified {m} areas for improvement in {topic}.",
]
QUESTION = [
    "What is the Commissioner doing to hold the Chief Constable to account for {topic}?",
    "Residents of {force} want to know why the inspection rated {topic} as {grade}.",
    "How many officers have been trained in {topic} since the report of {date}?",
    "When will the public see measurable improvement in {topic}, and who is responsible?",
]
RESPONSE = [
    "The Commissioner holds the Chief Constable to account through a {freq} strategic governance board.",
    "The force has launched a {topic} improvement plan with {n} actions, each with an owner and a deadline.",
    "Progress on {topic} is reported at public performance meetings held {m} times a year.",
    "An update on the {n} recommendations will be published on {date}.",
]
NEWS = [
    "{force} Police has been told it must improve its handling of {topic} after an inspection.",
    "His Majesty's Inspector {inspector} said the force had made progress but {quality} practice was not consistent.",
    "The Police, Fire and Crime Commissioner said {topic} was a top priority for the coming year.",
    "The inspectorate graded the force as {grade} for {topic} in its report published on {date}.",
]
GRADES = ["outstanding", "good", "adequate", "requires improvement", "inadequate"]


def _fill(template: str, rng: random.Random, force: str, topic: str) -> str:
    return template.format(
        force=force, topic=topic, n=rng.randint(2, 40), m=rng.randint(3, 12), year=rng.randint(2015, 2023),
        verb=rng.choice(["has improved", "needs to improve", "is inconsistent", "performs well"]),
        verb2=rng.choice(["do not always receive", "now receive", "are waiting for"]),
        quality=rng.choice(["good", "poor", "inconsistent", "effective"]), grade=rng.choice(GRADES),
        inspector=rng.choice(INSPECTORS), freq=rng.choice(["monthly", "quarterly", "weekly"]),
        date=f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2025)}",
    )


def _paragraph(templates, rng, force, topic, sentences) -> str:
    return " ".join(_fill(rng.choice(templates), rng, force, topic) for _ in range(sentences))


def write_corpus(folder: Path, chunks: int, seed: int = 7) -> int:
    """Write documents totalling about ``chunks`` chunks; returns the number of documents."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    documents = max(1, round(chunks / 8.6))  # each document makes about 8.6 chunks of ≤ 128 word pieces
    for i in range(documents):
        force, topic = rng.choice(FORCES), rng.choice(TOPICS)
        date = f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        kind = ("inspection report", "panel public question and response", "news report")[i % 3]
        if kind == "inspection report":
            body = "\n\n".join(f"## {topic.title()} {part}\n\n" + _paragraph(FINDING, rng, force, topic, 8) for part in range(1, 7))
            title = f"{force} Police: inspection of {topic}"
        elif kind == "news report":
            body = "\n\n".join(_paragraph(NEWS, rng, force, topic, 8) for _ in range(6))
            title = f"{force} Police told to improve {topic}"
        else:
            body = ("Question(s) Posed:\n\n" + "\n\n".join(_paragraph(QUESTION, rng, force, topic, 8) for _ in range(3))
                    + "\n\nCommissioner Response:\n\n" + "\n\n".join(_paragraph(RESPONSE, rng, force, topic, 8) for _ in range(3)))
            title = f"{force} panel public question on {topic}"
        name = folder / f"{i:06d}-{force.lower().replace(' ', '-')}.md"
        name.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
        (folder / (name.name + ".meta.yaml")).write_text(f'title: "{title}"\nkind: {kind}\npublisher: synthetic\ndate: {date}\n')
    return documents


def questions(n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    templates = QUESTION + [
        "What did the inspectors find about {topic} in {force}?",
        "Has {force} Police improved its {topic}?",
        "Who is responsible for {topic} recommendations?",
    ]
    return [_fill(rng.choice(templates), rng, rng.choice(FORCES), rng.choice(TOPICS)) for _ in range(n)]
