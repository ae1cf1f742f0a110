import re

import pytest


@pytest.fixture
def link_in():
    """The first link to `path_part` in an email's body."""

    def find(message, path_part: str) -> str:
        match = re.search(rf"https?://\S+/{path_part}/\S+/", message.body)
        assert match, message.body
        return match.group(0)

    return find
