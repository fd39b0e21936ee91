// The signed-in user (from GET /api/v1/me; the session itself is the
// HttpOnly cookie, which scripts never see), the page-level failure the
// shell shows instead of a page (401/403/404/offline), and the messages
// announced in the live regions.
import { ApiError } from './api';
import type { User } from './model';

export type FailureKind = '401' | '403' | '404' | 'offline';

// offline: GET /me found no server at start-up.
export const session = $state<{ user: User | null; checked: boolean; offline: boolean }>({
  user: null,
  checked: false,
  offline: false,
});

export const failure = $state<{ kind: FailureKind | null; detail: string }>({ kind: null, detail: '' });

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export const notices = $state<{ current: Notice | null }>({ current: null });
let noticeSerial = 0;

// Shown in the message bar and read by screen readers (role=status for
// info, role=alert for errors).
export function announce(text: string, tone: Notice['tone'] = 'info'): void {
  notices.current = { id: ++noticeSerial, text, tone };
}

export function dismissNotice(): void {
  notices.current = null;
}

export function clearFailure(): void {
  failure.kind = null;
  failure.detail = '';
}

// For a page whose data could not be loaded: a status the shell has a page
// for becomes that page; anything else is returned for the page to show.
// 401 is the shell's: it has already gone to the sign-in page.
export function pageFailure(error: unknown): string | null {
  if (error instanceof ApiError) {
    if (error.status === 401) return null;
    if (error.offline) failure.kind = 'offline';
    else if (error.status === 403) failure.kind = '403';
    else if (error.status === 404) failure.kind = '404';
    else return error.message;
    failure.detail = error.message;
    return null;
  }
  return String(error);
}
