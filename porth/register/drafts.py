"""The service question pages' journey: core's journey (porth.core.journeys) with the
register's steps, and its drafts in the session until the editor confirms.

An edit's draft also remembers the version of the service it was taken from, so saving it
after someone else's change is caught instead of overwriting them (docs/adr/0018).
"""

from porth.core.journeys import Journey, SessionDrafts

from .forms import SERVICE_STEPS

SESSION_KEY = "register_service_drafts"

service_drafts = SessionDrafts(SESSION_KEY)
SERVICE_JOURNEY = Journey(steps=SERVICE_STEPS, drafts=service_drafts)

# The draft functions, as the register's views and tests call them.
load = service_drafts.load
has_draft = service_drafts.has_draft
step_data = service_drafts.step_data
save_step = service_drafts.save_step
start = service_drafts.start
version = service_drafts.version
discard = service_drafts.discard


def draft_key(*, organisation_slug: str = "", public_id: str = "") -> str:
    return f"edit:{public_id}" if public_id else f"new:{organisation_slug}"
