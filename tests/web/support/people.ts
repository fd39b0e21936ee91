// People made through the API by the specs that run a server of their own.
// Each is created with a one-time password and, unless signsIn is false (an
// employee who never signs in), signs in once to change it to
// `${login}-password-1`, as the server asks at the first sign-in.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ApiClient } from './api';

export interface NewPerson {
  login: string;
  role: string;
  fullNameKk: string;
  fullNameRu?: string; // the Kazakh name when not given
  unitId?: number;
  positionId?: number;
  signsIn?: boolean; // true when not given
}

export interface AddedPerson {
  id: number;
  password: string; // the one the person signs in with now
}

export async function addPerson(baseURL: string, admin: ApiClient, person: NewPerson): Promise<AddedPerson> {
  const { login, role, fullNameKk, fullNameRu = fullNameKk, unitId, positionId, signsIn = true } = person;
  const oneTime = `${login}-one-time-1`;
  const created = await admin.post('/api/v1/users', {
    login,
    email: `${login}@university.test`,
    password: oneTime,
    roles: [role],
    language: 'kk',
    fullNameKk,
    fullNameRu,
    ...(unitId ? { unitId } : {}),
    ...(positionId ? { positionId } : {}),
  });
  if (!signsIn) return { id: created.id as number, password: oneTime };
  const password = `${login}-password-1`;
  const signedIn = await ApiClient.signedIn(baseURL, login, oneTime);
  await signedIn.put('/api/v1/me/password', { oldPassword: oneTime, newPassword: password });
  return { id: created.id as number, password };
}

// Time passing beyond the due date: every unsigned familiarization's due
// date moved 3 days back in the data folder's database. The server must be
// stopped (it is started again on the same folder after).
export function makeUnsignedOverdue(dataDir: string): void {
  const moved = spawnSync(
    'sqlite3',
    [join(dataDir, 'nusqa.db'), "UPDATE familiarizations SET due_date = date('now', '-3 days') WHERE signed_at IS NULL OR signed_at = '';"],
    { encoding: 'utf8' },
  );
  if (moved.status !== 0) throw new Error(`sqlite3 failed (${moved.status}): ${moved.stderr}`);
}
