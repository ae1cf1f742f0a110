"""The browser tests' own live servers stop cleanly (tests/e2e/conftest.py)."""

import socket
import threading

import pytest
from pytest_django.live_server_helper import LiveServer

from .conftest import serves_requests_for, wait_for_requests

pytestmark = pytest.mark.django_db


def test_a_modules_live_server_waits_for_its_request_threads_before_it_stops(
    django_db_blocker,
):
    """A request thread that ends after its server stopped closes the shared in-memory SQLite
    connection from the wrong thread, and raises in whichever test runs then."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        try:
            reader = socket.create_connection((server.thread.host, server.thread.port))
            reader.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert reader.recv(65536).startswith(b"HTTP/1.1 ")
            reader.close()  # as a browser context closing: its thread is still finishing

            wait_for_requests(server)

            assert not [t for t in threading.enumerate() if serves_requests_for(t, server)]
        finally:
            server.stop()
