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


NGINX_ERRORS = """\
2026/12/05 19:48:57 [error] 1#1: *209 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: , request: "POST /en/register/services/PS-1/edit/ HTTP/1.1", upstream: "http://127.0.0.1:8102/en/register/services/PS-1/edit/", host: "127.0.0.1:8080"
2026/12/05 19:48:57 [warn] 1#1: *209 upstream server temporarily disabled while reading response header from upstream, client: 127.0.0.1, server: , request: "POST /en/register/services/PS-1/edit/ HTTP/1.1", upstream: "http://127.0.0.1:8102/en/register/services/PS-1/edit/", host: "127.0.0.1:8080"
2026/12/05 19:48:57 [error] 1#1: *183 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 127.0.0.1, server: , request: "GET /en/standards/ HTTP/1.1", upstream: "http://127.0.0.1:8102/en/standards/", host: "127.0.0.1:8080"
2026/12/05 19:50:01 [error] 1#1: *990 upstream timed out while reading response header from upstream, client: 127.0.0.1, server: , request: "POST /en/accounts/login/ HTTP/1.1", upstream: "http://127.0.0.1:8101/en/accounts/login/", host: "127.0.0.1:8080"
"""  # noqa: E501


def test_only_posts_the_killed_web_process_had_taken_count_as_lost_with_it(tmp_path):
    from bench.load.stack import Stack

    (tmp_path / "nginx-error.log").write_text(NGINX_ERRORS)
    stack = Stack(
        database_url="postgres://unused",
        redis_url=REDIS_URL,
        port=8080,
        web_ports=[8101, 8102, 8103],
        base_env={},
        run_dir=tmp_path,
    )
    assert stack.lost_with_the_killed_process() == []  # nothing killed yet

    stack.killed_port = 8102

    lost = stack.lost_with_the_killed_process()
    assert len(lost) == 1
    assert "POST /en/register/services/PS-1/edit/" in lost[0]


def test_the_timeline_cuts_a_step_into_windows_with_each_windows_answers_and_cores(capsys):
    from bench.load import run

    class Sampler:
        snapshots = [
            {"time": 1000.0 + second, "machine_busy": second * 1.5, "machine_all": second * 2.0}
            | {part: second * 0.5 for part in run.PARTS}
            for second in range(0, 21)
        ]

        def nearest(self, moment: float) -> dict:
            return min(self.snapshots, key=lambda snapshot: abs(snapshot["time"] - moment))

    step = {
        "users": 200,
        "window": [1000.0, 1020.0],
        "moments": [
            [1.0, 40.0, "home"],
            [2.0, 900.0, "service page"],
            [3.0, 30.0, "API service"],
            [12.0, 50.0, "home"],
        ],
    }

    run.print_timeline(step, Sampler(), 10)

    lines = [line.split() for line in capsys.readouterr().out.splitlines() if line.strip()]
    first, second = lines[-2], lines[-1]
    assert first[:6] == ["0", "0.3", "900", "30", "900", "75%"]
    assert second[:6] == ["10", "0.1", "50", "-", "50", "75%"]
    assert first[6:] == ["0.50"] * len(run.PARTS)


def test_the_register_search_is_put_beside_the_bare_view_in_both_languages(
    tmp_path, monkeypatch, capsys
):
    from bench import anonymous_pages
    from bench.load import run

    data = tmp_path / "data.json"
    data.write_text('{"words": {"en": ["housing"], "cy": ["tai"]}}')
    asked = []

    def load(port, path, *, seconds, connections):
        asked.append(path)
        return {"rps": 600.0, "p50": 6.0, "p95": 9.0, "errors": 0}

    monkeypatch.setattr(anonymous_pages, "load", load)

    run.search_against_the_bare_view(8080, data, 5, bare_rps=1000.0)

    printed = capsys.readouterr().out
    assert asked == ["/en/register/?q=housing", "/cy/register/?q=tai"]
    assert printed.count("60% of the bare view") == 2
