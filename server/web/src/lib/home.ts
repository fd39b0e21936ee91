// Where a user starts, and which "come back here" targets are safe.
import type { User } from './model';
import { signsFamiliarizations } from './model';

export function homeOf(user: User): string {
  if (user.mustChangePassword) return '/password';
  return signsFamiliarizations(user) ? '/inbox' : '/register';
}

// Only a path of this application: no other origin, no API URL.
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/api/')) return null;
  if (next.startsWith('/signin') || next.startsWith('/password')) return null;
  return next;
}

export function displayName(user: { fullNameKk: string; fullNameRu: string; login: string }, language: string): string {
  const preferred = language === 'kk' ? user.fullNameKk || user.fullNameRu : user.fullNameRu || user.fullNameKk;
  return preferred || user.login;
}
