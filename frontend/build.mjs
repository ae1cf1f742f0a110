// Builds GOV.UK Frontend into porth/core/static/core/ at set-up. The built files are not
// committed: they come from the pinned npm packages every time.
import { cpSync, mkdirSync } from "node:fs";
import { compile } from "sass";
import { writeFileSync } from "node:fs";

const out = "porth/core/static/core";
const govuk = "node_modules/govuk-frontend/dist/govuk";

mkdirSync(`${out}/css`, { recursive: true });
mkdirSync(`${out}/govuk/assets`, { recursive: true });
const result = compile("frontend/scss/main.scss", {
  loadPaths: ["node_modules/govuk-frontend/dist"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(`${out}/css/main.css`, result.css);
cpSync(`${govuk}/assets/images`, `${out}/govuk/assets/images`, { recursive: true });
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/govuk/govuk-frontend.min.js`);
console.log(`Built ${out}/css/main.css (${result.css.length} bytes)`);
