// Starts GOV.UK Frontend's components, with their built-in text in the page's language.
import { initAll } from "../govuk/govuk-frontend.min.js";

const welsh = document.documentElement.lang === "cy";

initAll({
  characterCount: welsh
    ? {
        i18n: {
          charactersUnderLimit: {
            one: "Mae gennych %{count} nod ar ôl",
            two: "Mae gennych %{count} nod ar ôl",
            few: "Mae gennych %{count} nod ar ôl",
            many: "Mae gennych %{count} nod ar ôl",
            other: "Mae gennych %{count} nod ar ôl",
          },
          charactersAtLimit: "Mae gennych 0 nod ar ôl",
          charactersOverLimit: {
            one: "Mae gennych %{count} nod yn ormod",
            two: "Mae gennych %{count} nod yn ormod",
            few: "Mae gennych %{count} nod yn ormod",
            many: "Mae gennych %{count} nod yn ormod",
            other: "Mae gennych %{count} nod yn ormod",
          },
        },
      }
    : {},
  serviceNavigation: {},
  passwordInput: welsh
    ? {
        i18n: {
          showPassword: "Dangos",
          hidePassword: "Cuddio",
          showPasswordAriaLabel: "Dangos cyfrinair",
          hidePasswordAriaLabel: "Cuddio cyfrinair",
          passwordShownAnnouncement: "Mae eich cyfrinair yn weladwy",
          passwordHiddenAnnouncement: "Mae eich cyfrinair wedi'i guddio",
        },
      }
    : {},
  accordion: welsh
    ? {
        i18n: {
          hideAllSections: "Cuddio pob adran",
          hideSection: "Cuddio",
          hideSectionAriaLabel: "Cuddio'r adran hon",
          showAllSections: "Dangos pob adran",
          showSection: "Dangos",
          showSectionAriaLabel: "Dangos yr adran hon",
        },
      }
    : {},
});
