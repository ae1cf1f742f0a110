"""What `make stack` starts, read from its files (config/stack/): choices a restart or the
balancer's settings would otherwise undo without a failing test (ADR 0075)."""

from django.conf import settings

STACK = settings.BASE_DIR / "config" / "stack"


def test_a_stack_start_asks_the_worker_only_for_the_downloads_never_stored():
    script = (STACK / "stack.sh").read_text()

    assert 'manage.py" build_downloads --missing' in script
    assert "build_downloads >" not in script


def test_the_balancer_sends_each_request_to_the_web_process_with_the_fewest_in_hand():
    balancer = (STACK / "nginx.conf.template").read_text()
    upstream = balancer[balancer.index("upstream porth_web {") :].split("}", 1)[0]

    assert "least_conn;" in upstream


def test_each_web_process_serves_two_requests_at_once_unless_told_otherwise():
    """Two sync workers a process (ADR 0076): with one, a cached page waited behind a slow
    miss on the same process; the load test starts the stack with the same number."""
    script = (STACK / "stack.sh").read_text()
    load_test = (settings.BASE_DIR / "bench" / "load" / "stack.py").read_text()

    assert 'WEB_WORKERS="${STACK_WEB_WORKERS:-2}"' in script
    assert '--workers "$WEB_WORKERS"' in script
    assert 'os.environ.get("LOADTEST_WEB_WORKERS", "2")' in load_test
