"""Porth's load test: anonymous readers and signed-in editors, in a realistic mix (issue 16).

Run it with `make loadtest` (bench/load/run.py starts gunicorn and prints the figures), or
against a server already running:

    LOADTEST_DATA=var/loadtest/data.json .venv-bench/bin/locust -f bench/load/locustfile.py \\
        --headless -u 50 -r 10 -t 2m --host http://127.0.0.1:8080

`LOADTEST_DATA` is the JSON `bench/load/run.py --prepare-only` writes: real service IDs, the
editor's own services, words from the register's names in both languages, areas, standards
and manual pages. Nine readers to every editor (locust's weights). Readers wait 1–3 s between
pages, editors 2–5 s, as people do.

Step mode (`bench/load/run.py --steps 25,50,100`): `LOADTEST_STEPS` is a JSON list of steps,
each `{"users", "from", "measure_from", "until"}` in seconds from the start. A load shape holds
each step's users until its `until`, and every answer between a step's `measure_from` and
`until` (after the ramp and a few seconds to settle) is kept with its time and kind; they are
written to `LOADTEST_STEPS_OUT` at the end, with each window's wall-clock start and end, so
run.py can work out each step's percentiles and the CPU each process used in it.
"""

import json
import os
import random
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from answers import form_fields  # bench/load/answers.py: locust puts this folder on the path
from locust import FastHttpUser, HttpUser, LoadTestShape, between, events, task

DATA = json.loads(Path(os.environ.get("LOADTEST_DATA", "var/loadtest/data.json")).read_text())
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
# Where bench/load/run.py finds how many answers of each kind came from the page cache.
CACHE_TALLY = os.environ.get("LOADTEST_CACHE_TALLY", "")
cache_answers: dict[str, Counter] = defaultdict(Counter)


@events.request.add_listener
def count_cache_answers(name: str, response: Any = None, **_kwargs: Any) -> None:
    """Tally the page cache's `X-Porth-Cache` header (hit, miss, or none: not kept) per kind."""
    if response is not None and getattr(response, "headers", None) is not None:
        cache_answers[name][response.headers.get("X-Porth-Cache", "none")] += 1


@events.test_stop.add_listener
def write_cache_tally(**_kwargs: Any) -> None:
    if CACHE_TALLY:
        Path(CACHE_TALLY).write_text(json.dumps(cache_answers))


STEPS: list[dict[str, float]] = json.loads(os.environ.get("LOADTEST_STEPS") or "[]")
STEPS_OUT = os.environ.get("LOADTEST_STEPS_OUT", "")
# Per step: each kind's response times (ms) and failures, inside the step's window only.
step_times: list[dict[str, list[float]]] = [defaultdict(list) for _ in STEPS]
step_failures: list[Counter] = [Counter() for _ in STEPS]
# Per step: every answer as (seconds into the window, response time in ms, kind), for a timeline.
step_moments: list[list[tuple[float, float, str]]] = [[] for _ in STEPS]
started: dict[str, float] = {}


def _step_now() -> tuple[int, float] | None:
    """The step whose measuring window this moment is in, if any, and how far into it."""
    if "monotonic" not in started:
        return None
    elapsed = time.monotonic() - started["monotonic"]
    for index, step in enumerate(STEPS):
        if step["measure_from"] <= elapsed < step["until"]:
            return index, elapsed - step["measure_from"]
    return None


if STEPS:

    @events.test_start.add_listener
    def note_start(**_kwargs: Any) -> None:
        started.update(monotonic=time.monotonic(), wall=time.time())

    @events.request.add_listener
    def keep_step_answer(
        name: str, response_time: float, exception: Any = None, **_kwargs: Any
    ) -> None:
        now = _step_now()
        if now is not None:
            index, into = now
            step_times[index][name].append(response_time)
            step_moments[index].append((round(into, 2), round(response_time, 1), name))
            if exception is not None:
                step_failures[index][name] += 1

    @events.test_stop.add_listener
    def write_steps(**_kwargs: Any) -> None:
        if not STEPS_OUT:
            return
        wall = started.get("wall", time.time())
        Path(STEPS_OUT).write_text(
            json.dumps(
                [
                    {
                        **step,
                        "window": [wall + step["measure_from"], wall + step["until"]],
                        "times": step_times[index],
                        "failures": step_failures[index],
                        "moments": step_moments[index],
                    }
                    for index, step in enumerate(STEPS)
                ]
            )
        )

    class Steps(LoadTestShape):
        """Each step's users from its `from` until its `until`, then stop."""

        def tick(self) -> tuple[int, float] | None:
            elapsed = self.get_run_time()
            for step in STEPS:
                if elapsed < step["until"]:
                    return int(step["users"]), float(step["spawn_rate"])
            return None


def language() -> str:
    return random.choice(["en", "cy"])


class Reader(FastHttpUser):
    """The public: the home page, register searches and filters, service pages, the standards
    and the manual, open-data downloads and the API.

    Readers use locust's geventhttpclient client, which costs a fraction of the CPU of
    python-requests a request (ADR 0069): locust shares the machine with the stack it
    measures, so every millisecond it spends is one the web processes lose. Editors keep
    `HttpUser` for its cookie jar (sign-in, CSRF)."""

    weight = 9
    wait_time = between(1, 3)

    @task(3)
    def home(self) -> None:
        self.client.get(f"/{language()}/", name="home")

    @task(4)
    def register_search(self) -> None:
        lang = language()
        word = random.choice(DATA["words"][lang])
        self.client.get(f"/{lang}/register/", params={"q": word}, name="register search")

    @task(2)
    def register_filters(self) -> None:
        params = {"area": random.choice(DATA["areas"]), "welsh": random.choice(DATA["welsh"])}
        if random.random() < 0.5:
            params["q"] = random.choice(DATA["words"]["en"])
        self.client.get(f"/{language()}/register/", params=params, name="register filters")

    @task(4)
    def service_page(self) -> None:
        public_id = random.choice(DATA["services"])
        self.client.get(f"/{language()}/register/services/{public_id}/", name="service page")

    @task(2)
    def standards(self) -> None:
        lang = language()
        self.client.get(f"/{lang}/standards/", name="standards list")
        number = random.choice(DATA["standards"])
        self.client.get(f"/{lang}/standards/{number}/", name="standard")

    @task(1)
    def manual_page(self) -> None:
        self.client.get(random.choice(DATA["manual"]), name="manual page")

    @task(1)
    def download(self) -> None:
        organisation = random.choice(DATA["organisations"])
        self.client.get(
            f"/{language()}/open-data/services.csv",
            params={"organisation": organisation},
            name="open-data download (one body, CSV)",
        )

    @task(2)
    def api_list(self) -> None:
        page = random.randint(1, DATA["api_pages"])
        self.client.get("/api/v1/services/", params={"page": page}, name="API services list")

    @task(1)
    def api_service(self) -> None:
        public_id = random.choice(DATA["services"])
        self.client.get(f"/api/v1/services/{public_id}/", name="API service")


class Editor(HttpUser):
    """An organisation's editor: signs in once, reads its services, and now and then changes
    one of them and saves it."""

    weight = 1
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.client.get("/en/accounts/login/", name="sign in (form)")
        with self.client.post(
            "/en/accounts/login/",
            data={
                "login": DATA["editor"]["email"],
                "password": DATA["editor"]["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="sign in",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies:
                response.failure(f"sign-in did not start a session ({response.status_code})")

    @task(3)
    def own_service(self) -> None:
        public_id = random.choice(DATA["editor"]["services"])
        self.client.get(f"/en/register/services/{public_id}/", name="editor: service page")

    @task(1)
    def register_signed_in(self) -> None:
        word = random.choice(DATA["words"]["en"])
        self.client.get("/en/register/", params={"q": word}, name="editor: register search")

    @task(1)
    def save_service(self) -> None:
        """Change one answer (the owner's role, on its question page), check the answers and
        save: a real change, so each save queues the worker's tasks as an editor's would."""
        public_id = random.choice(DATA["editor"]["services"])
        edit = f"/en/register/services/{public_id}/edit/"
        self.client.get(edit, params={"start": "1"}, name="editor: check answers")
        question = self.client.get(f"{edit}owner/", name="editor: question page")
        answers = form_fields(question.text)
        answers = [(name, value) for name, value in answers if name != "owner_role"]
        answers.append(("owner_role", random.choice(OWNER_ROLES)))
        answered = self.client.post(
            f"{edit}owner/?return=check", data=answers, name="editor: answer a question"
        )
        fields = dict(HIDDEN.findall(answered.text))
        fields["csrfmiddlewaretoken"] = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            edit, data=fields, name="editor: save service", catch_response=True
        ) as saved:
            if saved.ok and saved.url.rstrip("/").endswith(public_id):
                saved.success()
            elif saved.status_code == 409:
                saved.success()  # someone saved it first: Porth says so, as it should
            else:
                saved.failure(f"not saved: {saved.status_code} at {saved.url}")


OWNER_ROLES = ["Service owner", "Head of service", "Service manager"]
