// A failed request as a sentence in the user's language, with the server's
// own message kept where it helps (invalid data, server errors).
import { ApiError } from './api';
import { t } from './i18n.svelte';

export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.server', { message: String(error) });
  if (error.offline) return t('error.offline.title');
  switch (error.code) {
    case 'invalid_argument':
    case 'invalid_document':
      return t('error.invalid', { message: error.message });
    case 'conflict':
    case 'precondition_failed':
      return t('error.conflict');
    case 'too_many_requests':
      return t('error.throttled');
    case 'forbidden':
      return `${t('error.403.title')}. ${t('error.detail', { message: error.message })}`;
    case 'not_found':
      return t('error.404.title');
    default:
      return t('error.server', { message: error.message });
  }
}
