"""Seed the blog (`manage.py seed`): its home and topics always; demo posts with `--demo`.

The posts retell what the Centre for Digital Public Services learnt in its alpha, from its
alpha report (data/blog.json cites it in every post).
"""

from collections.abc import Callable

from porth.core.seeding import SeedOptions

from .actions import seed_blog

DEPENDS_ON: tuple[str, ...] = ("pages",)


def seed(*, demo: bool, options: SeedOptions, out: Callable[[str], None]) -> None:
    result = seed_blog(with_posts=demo)
    out(f"Blog: {len(result.created)} pages created, {len(result.kept)} already there.")
