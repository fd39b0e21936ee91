// A real `nusqa serve` for the browser tests: the binary CMake built
// (NUSQA_BIN), a fresh data folder, a free loopback port (port 0, read back
// from the log line "listening on http://127.0.0.1:PORT"), the built pages
// (NUSQA_WEB_ROOT) and the organisation profiles of the source tree. The
// first start prints the admin's one-time password on standard output;
// it is captured here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningServer {
  child: ChildProcess;
  baseURL: string;
  dataDir: string;
  adminPassword: string;
  output: () => string;
  stop: () => Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (tests/web/run.sh sets it)`);
  return value;
}

export function serverEnvironment(dataDir: string): NodeJS.ProcessEnv {
  const source = required('NUSQA_SOURCE_DIR');
  return {
    ...process.env,
    NUSQA_HTTP_ADDRESS: '127.0.0.1',
    NUSQA_HTTP_PORT: '0',
    NUSQA_DATA_DIR: dataDir,
    NUSQA_HTTP_WEB_ROOT: required('NUSQA_WEB_ROOT'),
    NUSQA_RENDER_PROFILE_DIRECTORY: join(source, 'doc-templates'),
    NUSQA_LOG_LEVEL: 'information',
    NUSQA_LOG_FILE: '',
    NUSQA_SCHEDULER_INTERVAL_SECONDS: '5',
  };
}

export function freshDataDir(prefix: string): string {
  const base = process.env.NUSQA_WEB_TEST_OUTPUT ?? '/tmp';
  return mkdtempSync(join(base, `${prefix}-`));
}

export async function startServer(dataDir: string): Promise<RunningServer> {
  const child = spawn(required('NUSQA_BIN'), ['serve'], {
    env: serverEnvironment(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  // The one-time password is printed on standard output only; the log says
  // that it was. The two pipes are read in no guaranteed order, so the port
  // is taken only once the password has arrived too (on a first start).
  const printedPassword = () => /with the one-time password (\S+)/.exec(stdout)?.[1];

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nusqa serve did not start in 20 s:\n${output}`)), 20_000);
    const check = () => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      const firstStart = output.includes('its one-time password went to standard output');
      if (match && (!firstStart || printedPassword() !== undefined)) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nusqa serve exited with ${code}:\n${output}`));
    });
  });
  const password = printedPassword() ?? '';
  return {
    child,
    baseURL: `http://127.0.0.1:${port}`,
    dataDir,
    adminPassword: password,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 8_000).unref();
      }),
  };
}

// `nusqa admin create-user` against a server's data folder; returns the
// one-time password it prints (the account must change it at first login).
export function createUserWithOneTimePassword(dataDir: string, login: string, roles: string, unit?: number): string {
  const args = ['admin', 'create-user', '--login', login, '--email', `${login}@university.test`, '--roles', roles, '--name-kk', `${login} Қызметкер`];
  if (unit) args.push('--unit', String(unit));
  const result = spawnSync(required('NUSQA_BIN'), args, { env: serverEnvironment(dataDir), encoding: 'utf8' });
  const password = /one-time password: (\S+)/.exec(result.stdout)?.[1];
  if (result.status !== 0 || !password) throw new Error(`create-user failed: ${result.stdout}${result.stderr}`);
  return password;
}
