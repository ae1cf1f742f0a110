"""The API documentation page, written on the server from the OpenAPI schema.

Swagger UI and Redoc load their scripts and styles from a CDN and run inline scripts, which our
content security policy forbids and which would be downloaded at run time: instead the schema
drf-spectacular generates is read here and shown as GOV.UK tables, in the reader's language
(docs/adr/0009-open-data.md). The schema itself is at /api/v1/schema/.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

API_PREFIX = "/api/v1/"
WRITE_METHODS = {"post", "patch", "put", "delete"}


def only_open_data_api(endpoints: list[tuple], **kwargs: Any) -> list[tuple]:
    """drf-spectacular preprocessing hook: the schema describes /api/v1/ and nothing else
    (Wagtail's admin has DRF views of its own)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


@dataclass
class Parameter:
    name: str
    location: str
    type: str
    required: bool
    description: str
    values: list[str] = field(default_factory=list)


@dataclass
class Endpoint:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter]
    body: list[Parameter]
    fields: list[Parameter]

    @property
    def needs_token(self) -> bool:
        return self.method.lower() in WRITE_METHODS

    @property
    def browse_url(self) -> str:
        """A link to try it in the browsable API, for reads that need no path parameter."""
        return self.path if self.method == "GET" and "{" not in self.path else ""

    @property
    def anchor(self) -> str:
        return (self.method + self.path).lower().replace("/", "-").strip("-").replace("{", "")


@cache
def schema(language: str) -> dict[str, Any]:
    """The OpenAPI schema with its descriptions in `language`, as plain JSON data.

    Worked out once per language per process: the schema only changes with the code.
    """
    with translation.override(language):
        generated = SchemaGenerator().get_schema(request=None, public=True)
        return json.loads(json.dumps(generated, cls=DjangoJSONEncoder))


def _resolve(document: dict, node: dict) -> dict:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = document["components"]["schemas"][name]
    if "allOf" in node and len(node["allOf"]) == 1:
        return _resolve(document, node["allOf"][0])
    return node


def _type(document: dict, node: dict) -> str:
    node = _resolve(document, node)
    if node.get("type") == "array":
        return f"array[{_type(document, node.get('items', {}))}]"
    if "oneOf" in node:
        return " | ".join(_type(document, option) for option in node["oneOf"])
    kind = node.get("type", "object")
    return f"{kind} ({node['format']})" if node.get("format") else kind


def _properties(document: dict, node: dict) -> list[Parameter]:
    node = _resolve(document, node)
    required = set(node.get("required", []))
    return [
        Parameter(
            name=name,
            location="body",
            type=_type(document, prop),
            required=name in required,
            description=_resolve(document, prop).get("description", ""),
            values=_enum(document, prop),
        )
        for name, prop in node.get("properties", {}).items()
        if not prop.get("readOnly")
    ]


def _enum(document: dict, node: dict) -> list[str]:
    """The allowed values of a field or of the items of a list field."""
    node = _resolve(document, node)
    if node.get("type") == "array":
        node = _resolve(document, node.get("items", {}))
    if "oneOf" in node:
        return [value for option in node["oneOf"] for value in _enum(document, option)]
    return [str(value) for value in node.get("enum", []) if value not in ("", None)]


def _response_fields(document: dict, operation: dict) -> list[Parameter]:
    for code in ("200", "201"):
        content = operation.get("responses", {}).get(code, {}).get("content", {})
        body = content.get("application/json", {}).get("schema")
        if body is None:
            continue
        body = _resolve(document, body)
        if "results" in body.get("properties", {}):
            body = body["properties"]["results"].get("items", {})
        return _properties(document, body)
    return []


def endpoints(language: str) -> list[Endpoint]:
    document = schema(language)
    result = []
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "patch", "put", "delete"}:
                continue
            parameters = [
                Parameter(
                    name=parameter["name"],
                    location=parameter["in"],
                    type=_type(document, parameter.get("schema", {})),
                    required=parameter.get("required", False),
                    description=parameter.get("description", ""),
                    values=_enum(document, parameter.get("schema", {})),
                )
                for parameter in operation.get("parameters", [])
            ]
            request = (
                operation.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema")
            )
            result.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=parameters,
                    body=_properties(document, request) if request else [],
                    fields=[] if method != "get" else _response_fields(document, operation),
                )
            )
    return result
