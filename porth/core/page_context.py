"""Context a Wagtail page's template needs from its app's queries, provided from outside the model.

A Wagtail page model is also what renders the page, so its `get_context` tends to import the
app's queries, which import the models back: a loop. Instead the model mixes in
`ProvidedContext`, and the app says in `AppConfig.ready()` which function provides each page
class's context (docs/architecture.md, "Calling another app"):

    provide_context(ManualIndexPage, manual_index_context)

The function takes the page and the request and returns a dict added to the template's context.
Previews call `get_context` too, so they get the same context as the live page.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

ContextProvider = Callable[[Any, HttpRequest], dict[str, Any]]

_providers: dict[type, ContextProvider] = {}


def provide_context(page_class: type, provider: ContextProvider) -> None:
    _providers[page_class] = provider


class ProvidedContext:
    """Mix into a Wagtail `Page`, before `Page`: its context comes from the registered function."""

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)  # type: ignore[misc]
        provider = _providers.get(type(self))
        if provider is not None:
            context.update(provider(self, request))
        return context
