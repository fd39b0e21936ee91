// The JSON API client: same-origin fetch with the session cookie (never a
// token in storage), a JSON Content-Type on every unsafe request (the
// server refuses other bodies on JSON routes), and the server's error JSON
// {"error":{"code","message"}} turned into an ApiError the pages show.
// A request that never reached the server becomes ApiError status 0
// ("offline"); 401 and 403 are reported to the listener set by the shell
// (session ended, one-time password) as well as thrown.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

type Listener = (error: ApiError, path: string) => void;
let listener: Listener = () => {};

// The shell's reaction to 401 (sign in again), 403 with a one-time
// password, and lost connections.
export function onApiError(callback: Listener): void {
  listener = callback;
}

export interface RequestOptions {
  // Do not tell the shell about 401 (sign-in and signing acts handle it).
  quiet?: boolean;
  accept?: string;
  signal?: AbortSignal;
}

const base = '/api/v1';

async function send(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers, signal: options.signal };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(base + path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const error = new ApiError(0, 'offline', String(cause));
    listener(error, path);
    throw error;
  }
  if (response.ok) return response;
  let code = 'http_' + response.status;
  let message = response.statusText;
  try {
    const parsed = (await response.json()) as { error?: { code?: string; message?: string } };
    if (parsed.error?.code) code = parsed.error.code;
    if (parsed.error?.message) message = parsed.error.message;
  } catch {
    // not JSON (a proxy's page): keep the status
  }
  const error = new ApiError(response.status, code, message);
  if (!options.quiet || response.status !== 401) listener(error, path);
  throw error;
}

async function json<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, body, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => json<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => json<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => json<T>('PUT', path, body, options),
  // A text body (the edition's XML).
  async text(path: string, accept: string, options: RequestOptions = {}): Promise<string> {
    const response = await send('GET', path, undefined, { ...options, accept });
    return response.text();
  },
};

export function apiUrl(path: string): string {
  return base + path;
}
