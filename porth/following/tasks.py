"""The worker's part of following: each task calls one action (ADR 0028)."""

from django_tasks import task

from .actions import (
    send_daily_digests,
    tell_followers_of_blog_post,
    tell_followers_of_manual_page,
    tell_followers_of_post,
    tell_followers_of_service,
    tell_followers_of_session,
)


@task()
def tell_followers_of_service_later(*, service_id: int) -> int:
    return tell_followers_of_service(service_id=service_id)


@task()
def tell_followers_of_post_later(*, contribution_id: int) -> int:
    return tell_followers_of_post(contribution_id=contribution_id)


@task()
def tell_followers_of_blog_post_later(*, page_id: int) -> int:
    return tell_followers_of_blog_post(page_id=page_id)


@task()
def tell_followers_of_manual_page_later(*, page_id: int) -> int:
    return tell_followers_of_manual_page(page_id=page_id)


@task()
def tell_followers_of_session_later(*, session_id: int) -> int:
    return tell_followers_of_session(session_id=session_id)


@task()
def send_daily_digests_later() -> int:
    return send_daily_digests()
