"""Communities' background work: each task calls one action (ADR 0028)."""

from django_tasks import task

from . import actions


@task()
def tell_leads_of_request_later(membership_id: int) -> int:
    return actions.tell_leads_of_request(membership_id=membership_id)


@task()
def tell_person_of_approval_later(membership_id: int) -> bool:
    return actions.tell_person_of_approval(membership_id=membership_id)
