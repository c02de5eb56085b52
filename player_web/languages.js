// @ts-check
// The languages of the page: one JSON catalog each under i18n/, named here in their own
// words for the picker, with their direction. Adding one: docs/player-page.md.

/** @typedef {{code: string, name: string, dir: "ltr" | "rtl", catalog: string}} Language */

/** @type {Language[]} */
export const LANGUAGES = [
  { code: "ar", name: "العربية", dir: "rtl", catalog: "/i18n/ar.json" },
  { code: "de", name: "Deutsch", dir: "ltr", catalog: "/i18n/de.json" },
  { code: "en", name: "English", dir: "ltr", catalog: "/i18n/en.json" },
  { code: "es", name: "Español", dir: "ltr", catalog: "/i18n/es.json" },
  { code: "fr", name: "Français", dir: "ltr", catalog: "/i18n/fr.json" },
  { code: "it", name: "Italiano", dir: "ltr", catalog: "/i18n/it.json" },
  { code: "nl", name: "Nederlands", dir: "ltr", catalog: "/i18n/nl.json" },
  { code: "pl", name: "Polski", dir: "ltr", catalog: "/i18n/pl.json" },
  { code: "pt", name: "Português", dir: "ltr", catalog: "/i18n/pt.json" },
  { code: "tr", name: "Türkçe", dir: "ltr", catalog: "/i18n/tr.json" },
];

export const DEFAULT_LANGUAGE = "en";
