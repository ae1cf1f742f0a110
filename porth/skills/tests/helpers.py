"""Finished assessments made through the actions, for tests of results and aggregates."""

from porth.skills import actions
from porth.skills.framework import current


def finished_assessment(person, context: str = "social-care", level: int = 1, **levels: int):
    """A finished assessment with every skill at `level`, except those given by code
    (underscores for hyphens)."""
    assessment = actions.start_skills_assessment(person=person, context=context)
    wanted = [r.skill.code for r in current().contexts[context].requirements]
    ratings = {code: levels.get(code.replace("-", "_"), level) for code in wanted}
    return actions.save_skill_ratings(
        assessment=assessment, ratings=ratings, person=person, finish=True
    )
