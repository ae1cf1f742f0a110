"""The mapping page: which Porth column each of a file's columns is, and what its values mean
(docs/adr/0047). One page that works without JavaScript: the values of a column are asked once
the column is matched to a Porth column with a code list; changing a column and pressing "Show
the values" shows its values on the same page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..imports.mapping import CODE_LISTS, IGNORE, file_values, fold, porth_columns


class ImportMappingForm(forms.Form):
    """A select `column-<n>` for each of the file's columns (a Porth column, or ignore it), and
    a select `value-<n>-<k>` for each value of a coded column that Porth does not read as it is
    (or that the body mapped before)."""

    shown = forms.CharField(required=False, widget=forms.HiddenInput)
    """The columns whose values the page showed, so a changed column's values are asked for."""

    def __init__(
        self,
        *args: Any,
        kind: str,
        profile: dict[str, Any],
        suggested: list[str],
        remembered: dict[str, dict[str, str]],
        also_required: tuple[str, ...] = (),
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.also_required = also_required
        self.headers: list[str] = list(profile.get("headers", []))
        self.columns = porth_columns(kind)
        self.labels = {code: label for code, label, _required in self.columns}
        options = [(IGNORE, _("Ignore this column")), *[(c, lab) for c, lab, _r in self.columns]]
        for position, header in enumerate(self.headers):
            examples = ", ".join(f"“{value}”" for value in self._examples(profile, position))
            self.fields[f"column-{position}"] = forms.ChoiceField(
                label=header or _("Column %(number)s") % {"number": position + 1},
                choices=options,
                required=False,
                initial=suggested[position] if position < len(suggested) else IGNORE,
                help_text=_("For example: %(values)s") % {"values": examples} if examples else "",
            )
        self.value_groups: list[dict[str, Any]] = []
        for position, code in enumerate(self.chosen()):
            if code not in CODE_LISTS[kind]:
                continue
            codes = CODE_LISTS[kind][code]
            known, saved = codes.known(), remembered.get(code, {})
            names = []
            for number, value in enumerate(file_values(profile, position, code, kind)):
                if fold(value) in known and fold(value) not in saved:
                    continue
                name = f"value-{position}-{number}"
                self.fields[name] = forms.ChoiceField(
                    label=f"“{value}”",
                    choices=[("", _("Leave it as it is")), *codes.codes()],
                    required=False,
                    initial=saved.get(fold(value), ""),
                )
                names.append((name, value))
            if names:
                self.value_groups.append(
                    {
                        "position": position,
                        "code": code,
                        "names": names,
                        "header": self.headers[position],
                    }
                )
        if not self.is_bound:
            self.fields["shown"].initial = self.shown_now

    @staticmethod
    def _examples(profile: dict[str, Any], position: int) -> list[str]:
        values = profile.get("values") or []
        return [value[:40] for value in (values[position] if position < len(values) else [])[:3]]

    def chosen(self) -> list[str]:
        """The Porth column chosen for each of the file's columns (posted, else suggested)."""
        allowed = set(self.labels)
        chosen = []
        for position in range(len(self.headers)):
            name = f"column-{position}"
            value = self.data.get(name, "") if self.is_bound else self.fields[name].initial
            chosen.append(value if value in allowed else IGNORE)
        return chosen

    @property
    def shown_now(self) -> str:
        return ",".join(str(group["position"]) for group in self.value_groups)

    @property
    def values_to_show(self) -> bool:
        """Whether columns chosen on this post have values the page did not show yet."""
        shown = set(filter(None, (self.data.get("shown") or "").split(",")))
        return bool({str(group["position"]) for group in self.value_groups} - shown)

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"column-{position}"] for position in range(len(self.headers))]

    def values_as_posted(self, remembered: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        """`remembered` with the values chosen on this post, to show the page again as the
        person left it."""
        merged = {code: dict(found) for code, found in remembered.items()}
        for group in self.value_groups:
            for name, value in group["names"]:
                merged.setdefault(group["code"], {})[fold(value)] = self.data.get(name, "")
        return merged

    def groups(self) -> list[dict[str, Any]]:
        """The value questions for the template: each coded column with its bound fields."""
        return [
            {
                **group,
                "label": self.labels[group["code"]],
                "fields": [self[n] for n, _v in group["names"]],
            }
            for group in self.value_groups
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        seen: dict[str, int] = {}
        for position, code in enumerate(self.chosen()):
            if code == IGNORE:
                continue
            if code in seen:
                self.add_error(
                    f"column-{position}",
                    _("“%(label)s” is chosen for another column too. Choose it for one column only")
                    % {"label": self.labels[code]},
                )
            seen.setdefault(code, position)
        for code, label, required in self.columns:
            if (required or code in self.also_required) and code not in seen:
                self.add_error(
                    None, _("Choose the column that holds “%(label)s”") % {"label": label}
                )
        return cleaned

    def mapping(self) -> dict[str, Any]:
        """{"columns": [...], "values": {code: {file value, folded: Porth code}}}."""
        values: dict[str, dict[str, str]] = {}
        for group in self.value_groups:
            for name, value in group["names"]:
                target = self.cleaned_data.get(name) or ""
                if target:
                    values.setdefault(group["code"], {})[fold(value)] = target
        return {"columns": self.chosen(), "values": values}
