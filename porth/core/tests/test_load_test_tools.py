"""The load test's own tools (bench/load, issue 16): what its editors post, and how it tells
that no task was lost when a worker is killed mid-run."""

import pytest

from bench.load.answers import form_fields
from bench.load.stack import TaskWatch

QUESTION_PAGE = """
<form method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="token123">
  <input id="id_owner_name" name="owner_name" type="text" value="Lowri Griffiths">
  <input class="govuk-input" name="owner_role" type="text" value="Pennaeth &amp; rheolwr">
  <input class="govuk-checkboxes__input" name="team_roles" type="checkbox" value="design" checked>
  <input class="govuk-checkboxes__input" name="team_roles" type="checkbox" value="data">
  <input class="govuk-checkboxes__input" name="team_roles" type="checkbox" value="product" checked>
  <input type="submit" value="Continue">
  <textarea class="govuk-textarea" name="description_en" rows="5">
Apply &lt;online&gt;</textarea>
</form>
"""


def test_an_editor_posts_what_the_question_page_shows_with_only_the_ticked_boxes():
    assert form_fields(QUESTION_PAGE) == [
        ("csrfmiddlewaretoken", "token123"),
        ("owner_name", "Lowri Griffiths"),
        ("owner_role", "Pennaeth & rheolwr"),
        ("team_roles", "design"),
        ("team_roles", "product"),
        ("description_en", "Apply <online>"),
    ]


REDIS_URL = "redis://127.0.0.1:6379/8"


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="needs Redis on 127.0.0.1:6379 (CI starts it)")
def test_a_failed_job_is_lost_a_running_one_is_not_done_and_a_finished_one_is_fine(capsys):
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    connection.flushdb()
    try:
        task = "porth.open_data.tasks.build_downloads_later()"
        connection.hset("rq:job:done", mapping={"status": "finished", "description": task})
        connection.hset("rq:job:broke", mapping={"status": "failed", "description": task})
        connection.hset("rq:job:stuck", mapping={"status": "started", "description": task})
        connection.hset("rq:job:done:dependents", mapping={"status": "queued"})
        watch = TaskWatch(REDIS_URL)
        watch.poll()
        # A job seen finished stays finished after RQ has dropped it (its result's time ran out).
        connection.delete("rq:job:done")
        watch.poll()

        assert watch.unfinished() == {"broke": "failed", "stuck": "started"}
        assert watch.lost() == {"broke": "failed"}
        assert watch.report() == 2
        printed = capsys.readouterr().out
        assert "LOST (failed, or gone without finishing): 1" in printed
        assert "still queued or running): 1" in printed
        assert "build_downloads_later" in printed
    finally:
        connection.flushdb()
