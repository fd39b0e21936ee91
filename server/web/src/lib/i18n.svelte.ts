// Messages in kk (default), ru and en from the catalogs in ../i18n, and
// dates as dd.mm.yyyy. t() reads the current language, so every text shown
// through it follows the switcher.
//
// Which language: a choice made with the switcher in this tab (kept in
// sessionStorage, so a reload keeps it and another person's session on the
// same computer does not inherit it), else the account's language, else kk.
import { kk, type MessageKey } from '../i18n/kk';
import { ru } from '../i18n/ru';
import { en } from '../i18n/en';

export type Language = 'kk' | 'ru' | 'en';
export type { MessageKey };
export const languages: readonly Language[] = ['kk', 'ru', 'en'];

const catalogs: Record<Language, Record<MessageKey, string>> = { kk, ru, en };
const choiceKey = 'nusqa.language';

export const locale = $state({ language: 'kk' as Language });

function isLanguage(value: unknown): value is Language {
  return value === 'kk' || value === 'ru' || value === 'en';
}

function apply(language: Language): void {
  locale.language = language;
  document.documentElement.lang = language;
}

// At start-up: the tab's earlier choice, if any.
export function initialiseLanguage(): void {
  let chosen: string | null = null;
  try {
    chosen = sessionStorage.getItem(choiceKey);
  } catch {
    // storage disabled: kk until the account says otherwise
  }
  apply(isLanguage(chosen) ? chosen : 'kk');
}

// The switcher: remembered for this tab.
export function chooseLanguage(language: Language): void {
  try {
    sessionStorage.setItem(choiceKey, language);
  } catch {
    // not remembered; still applied
  }
  apply(language);
}

// After /me: the account's language unless this tab chose one.
export function useAccountLanguage(language: string): void {
  let chosen: string | null = null;
  try {
    chosen = sessionStorage.getItem(choiceKey);
  } catch {
    chosen = null;
  }
  if (!isLanguage(chosen) && isLanguage(language)) apply(language);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogs[locale.language][key] ?? kk[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

// A message key built from data (kind.*, status.*): the key when the
// catalog has it, else the raw value, so an unknown value still shows.
export function tOr(key: string, fallback: string): string {
  return key in kk ? t(key as MessageKey) : fallback;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// "2024-03-05" or "2024-03-05T10:04:00Z" -> "05.03.2024". A date without a
// time is a calendar date: never shifted by the time zone.
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) return `${date[3]}.${date[2]}.${date[1]}`;
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return value;
  return `${two(moment.getDate())}.${two(moment.getMonth() + 1)}.${moment.getFullYear()}`;
}

// A UTC timestamp in local time: "05.03.2024 15:04".
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return value;
  return `${formatDate(value)} ${two(moment.getHours())}:${two(moment.getMinutes())}`;
}

// Today as YYYY-MM-DD in local time.
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

// Whole days from due (YYYY-MM-DD) to today; 0 when not past due.
export function daysOverdue(due: string, on: string = today()): number {
  const a = Date.parse(`${due}T00:00:00Z`);
  const b = Date.parse(`${on}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return 0;
  return Math.max(0, Math.round((b - a) / 86_400_000));
}
