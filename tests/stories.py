"""Invented news sentences for integration tests: many distinct stories from a few templates."""

from __future__ import annotations

import json
from pathlib import Path

PEOPLE = ["Marta Olsen", "Tomas Reyes", "Aiko Tanaka", "Samuel Okafor", "Lena Virtanen", "Omar Haddad"]
CITIES = ["Nairobi", "Lima", "Manila", "Bergen", "Porto", "Dakar", "Hanoi", "Quito"]
TOPICS = ["water prices", "a new railway", "school meals", "night buses", "river pollution", "market rents"]


def story(i: int) -> str:
    p, c, t = PEOPLE[i % len(PEOPLE)], CITIES[i % len(CITIES)], TOPICS[i % len(TOPICS)]
    return (
        f"Residents of {c} gathered on day {i} of the debate over {t}. "
        f"{p}, who leads the city council, said the plan would be reviewed. "
        f"“We will listen to every district,” {p.split()[1]} told reporters after meeting number {i}."
    )


def write_jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"s{i}", "text": story(i), "title": f"Debate {i}"}) + "\n")
    return path
