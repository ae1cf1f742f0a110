"""The skills framework as versioned data in the repository (docs/adr/0032-skills-framework.md).

Each version is one JSON file in data/, read once and never edited once published: a new
version is a new file, and every self-assessment records the version it was made against, so
it keeps its meaning when the framework moves on. Skill codes are plain slugs that other apps
(the learning catalogue) may carry without importing this app.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from porth.core.language import localised

DATA = Path(__file__).resolve().parent / "data"
CURRENT_VERSION = "1.0"


@dataclass(frozen=True)
class Level:
    """A step on a scale: 0 to 4 for people's skills, 1 to 4 for an organisation's capability."""

    value: int
    code: str
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


@dataclass(frozen=True)
class Skill:
    code: str
    group: str
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


@dataclass(frozen=True)
class Requirement:
    """A skill that matters in a context, and the level the context asks for."""

    skill: Skill
    level: Level


@dataclass(frozen=True)
class Context:
    """A person's profession or setting: it says which skills matter and at what level."""

    code: str
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    requirements: tuple[Requirement, ...]

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


@dataclass(frozen=True)
class Area:
    """One part of the organisation-level maturity model, with the skills that build it."""

    code: str
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    skills: tuple[Skill, ...]

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


@dataclass(frozen=True)
class Framework:
    version: str
    published_on: str
    source_en: str
    source_cy: str
    levels: tuple[Level, ...]
    skills: dict[str, Skill]
    contexts: dict[str, Context]
    capability_levels: tuple[Level, ...]
    capability_target: int
    areas: tuple[Area, ...]

    @property
    def source(self) -> str:
        return localised(self, "source")

    def level(self, value: int) -> Level:
        return self.levels[value]

    def capability_level(self, value: int) -> Level:
        return next(level for level in self.capability_levels if level.value == value)


def _level(row: dict) -> Level:
    return Level(**{key: row[key] for key in Level.__dataclass_fields__})


@cache
def framework(version: str = CURRENT_VERSION) -> Framework:
    """The framework of `version`, read from its file once per process; KeyError if unknown."""
    path = DATA / f"framework-{version}.json"
    if not path.exists():
        raise KeyError(version)
    data = json.loads(path.read_text(encoding="utf-8"))
    levels = tuple(_level(row) for row in sorted(data["levels"], key=lambda row: row["value"]))
    skills = {
        row["code"]: Skill(**{key: row[key] for key in Skill.__dataclass_fields__})
        for row in data["skills"]
    }
    contexts = {
        row["code"]: Context(
            code=row["code"],
            name_en=row["name_en"],
            name_cy=row["name_cy"],
            description_en=row["description_en"],
            description_cy=row["description_cy"],
            requirements=tuple(
                Requirement(skill=skills[code], level=levels[value])
                for code, value in row["skills"].items()
            ),
        )
        for row in data["contexts"]
    }
    capability = data["capability"]
    return Framework(
        version=data["version"],
        published_on=data["published_on"],
        source_en=data["source_en"],
        source_cy=data["source_cy"],
        levels=levels,
        skills=skills,
        contexts=contexts,
        capability_levels=tuple(_level(row) for row in capability["levels"]),
        capability_target=capability["target"],
        areas=tuple(
            Area(
                code=row["code"],
                name_en=row["name_en"],
                name_cy=row["name_cy"],
                description_en=row["description_en"],
                description_cy=row["description_cy"],
                skills=tuple(skills[code] for code in row["skills"]),
            )
            for row in capability["areas"]
        ),
    )


def current() -> Framework:
    return framework(CURRENT_VERSION)
