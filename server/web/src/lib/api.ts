// The JSON API client: same-origin fetch with the session cookie (never a
// token in storage), a JSON Content-Type on every unsafe request (the
// server refuses other bodies on JSON routes), and the server's error JSON
// {"error":{"code","message"}} turned into an ApiError the pages show.
// A request that never reached the server becomes ApiError status 0
// ("offline"); 401 and 403 are reported to the listener set by the shell
// (session ended, one-time password) as well as thrown.

export interface ErrorDetail {
  line: number;
  column: number;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
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
  // A body that is not JSON (the edition's XML, pasted HTML) and extra
  // headers (If-Match).
  raw?: { body: string; type: string };
  headers?: Record<string, string>;
}

const base = '/api/v1';

async function send(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...options.headers };
  const init: RequestInit = { method, credentials: 'same-origin', headers, signal: options.signal };
  if (options.raw) {
    headers['Content-Type'] = options.raw.type;
    init.body = options.raw.body;
  } else if (method !== 'GET' && method !== 'HEAD') {
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
  let details: ErrorDetail[] = [];
  try {
    const parsed = (await response.json()) as { error?: { code?: string; message?: string; details?: ErrorDetail[] } };
    if (parsed.error?.code) code = parsed.error.code;
    if (parsed.error?.message) message = parsed.error.message;
    if (Array.isArray(parsed.error?.details)) details = parsed.error.details;
  } catch {
    // not JSON (a proxy's page): keep the status
  }
  const error = new ApiError(response.status, code, message, details);
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
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => json<T>('PATCH', path, body, options),
  // Any method, the Response itself (headers such as ETag); errors as above.
  request: (method: string, path: string, options: RequestOptions = {}) => send(method, path, undefined, options),
  // A text body (the edition's XML).
  async text(path: string, accept: string, options: RequestOptions = {}): Promise<string> {
    const response = await send('GET', path, undefined, { ...options, accept });
    return response.text();
  },
};

// A file sent with its upload progress (fetch reports none): resolves with
// the JSON reply; errors as ApiError, as above.
export function upload<T>(path: string, file: Blob, type: string, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', base + path);
    request.setRequestHeader('Content-Type', type);
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => {
      const error = new ApiError(0, 'offline', 'upload failed');
      listener(error, path);
      reject(error);
    };
    request.onload = () => {
      let parsed: { error?: { code?: string; message?: string; details?: ErrorDetail[] } } & Record<string, unknown> = {};
      try {
        parsed = JSON.parse(request.responseText);
      } catch {
        // not JSON: keep the status
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(parsed as T);
        return;
      }
      const error = new ApiError(
        request.status,
        parsed.error?.code ?? 'http_' + request.status,
        parsed.error?.message ?? request.statusText,
        Array.isArray(parsed.error?.details) ? parsed.error.details : [],
      );
      listener(error, path);
      reject(error);
    };
    request.send(file);
  });
}

export function apiUrl(path: string): string {
  return base + path;
}
