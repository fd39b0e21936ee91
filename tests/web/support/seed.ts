// The data every browser test starts from, made through the API only:
// the admin changes the one-time password and creates units and people
// (each of whom changes the one-time password the admin gave at once);
// the quality office registers documents (XML fixtures of the corpus),
// sets distribution and routes (agreeing steps and one signatory);
// approvers agree and the signatory approves, so two editions are in force
// and assigned to the readers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from './api';
import { isoDate } from './dates';

export interface SeedUser {
  id: number;
  login: string;
  password: string;
}

export interface SeedEdition {
  documentId: number;
  editionId: number;
  code: string;
  title: string;
  sha256: string;
}

export interface SeedState {
  baseURL: string;
  dataDir: string;
  adminPassword: string;
  users: Record<string, SeedUser>;
  unitId: number;
  inForce: SeedEdition; // 003 (kru), in force, assigned to every reader
  second: SeedEdition; // 000 (wkatu), in force, assigned to every reader
  toAgree: SeedEdition; // in agreement, approver1's turn, then the signatory's
  toReject: SeedEdition; // in agreement, approver1's turn
  waiting: SeedEdition; // in agreement, approver2's turn (for the page checks)
  positionId: number;
  extraDocuments: number;
}

function fixture(name: string): string {
  return readFileSync(join(process.env.NUSQA_SOURCE_DIR!, 'tests', 'fixtures', name), 'utf8');
}

export async function seed(baseURL: string, dataDir: string, oneTimePassword: string): Promise<SeedState> {
  const adminPassword = 'admin-password-1';
  const admin = await ApiClient.signedIn(baseURL, 'admin', oneTimePassword);
  await admin.put('/api/v1/me/password', { oldPassword: oneTimePassword, newPassword: adminPassword });

  const unit = await admin.post('/api/v1/units', {
    nameKk: 'Бағдарламалық қамтамасыз ету бөлімі',
    nameRu: 'Отдел программного обеспечения',
  });
  const position = await admin.post('/api/v1/positions', { nameKk: 'Инженер-бағдарламашы', nameRu: 'Инженер-программист' });

  const people: [string, string[], string, string, string][] = [
    ['office', ['quality_office'], 'kk', 'Сапа бөлімі', 'Отдел качества'],
    ['approver1', ['approver'], 'kk', 'Ә. Қ. Бекова', 'А. К. Бекова'],
    ['approver2', ['approver'], 'ru', 'Р. С. Омаров', 'Р. С. Омаров'],
    ['signatory', ['approver'], 'kk', 'М. Ж. Сейітов', 'М. Ж. Сеитов'],
    ['auditor', ['auditor'], 'kk', 'Аудитор', 'Аудитор'],
    ['reader-phone', ['employee'], 'kk', 'Ж. Серікова', 'Ж. Серикова'],
    ['reader-keys', ['employee'], 'kk', 'Н. Оспанов', 'Н. Оспанов'],
    ['reader-ru', ['employee'], 'ru', 'И. Петрова', 'И. Петрова'],
    ['reader-a11y', ['employee'], 'kk', 'Д. Әлиев', 'Д. Алиев'],
    ['reader-session', ['employee'], 'kk', 'С. Ахметова', 'С. Ахметова'],
  ];
  const users: Record<string, SeedUser> = {};
  for (const [login, roles, language, fullNameKk, fullNameRu] of people) {
    // The admin gives a one-time password; the person changes it before
    // anything else (every other route answers 403 until then).
    const oneTime = `${login}-one-time-1`;
    const password = `${login}-password-1`;
    const created = await admin.post('/api/v1/users', {
      login,
      email: `${login}@university.test`,
      password: oneTime,
      roles,
      language,
      fullNameKk,
      fullNameRu,
      unitId: unit.id,
      positionId: position.id,
    });
    const person = await ApiClient.signedIn(baseURL, login, oneTime);
    await person.put('/api/v1/me/password', { oldPassword: oneTime, newPassword: password });
    users[login] = { id: created.id, login, password };
  }

  const office = await ApiClient.signedIn(baseURL, 'office', users.office.password);
  const approver1 = await ApiClient.signedIn(baseURL, 'approver1', users.approver1.password);
  const approver2 = await ApiClient.signedIn(baseURL, 'approver2', users.approver2.password);
  const signatory = await ApiClient.signedIn(baseURL, 'signatory', users.signatory.password);

  async function register(code: string, title: string, xml: string, unitName = 'Сапа бөлімі'): Promise<SeedEdition> {
    const document = await office.post('/api/v1/documents', { code, kind: 'regulation', title, unit: unitName, language: 'kk' });
    const edition = await office.request('POST', `/api/v1/documents/${document.id}/editions`, xml, 'application/xml');
    return { documentId: document.id, editionId: edition.id, code, title, sha256: edition.sha256 };
  }

  // Agreeing steps, then the signatory.
  async function submit(edition: SeedEdition, agreeing: { userId: number; order: number }[]) {
    const route = [
      ...agreeing.map((step) => ({ ...step, kind: 'agree' })),
      { userId: users.signatory.id, order: 1, kind: 'sign' },
    ];
    await office.post(`/api/v1/editions/${edition.editionId}/submit`, {
      password: users.office.password,
      comment: 'Келісуге жіберілді',
      route,
    });
  }

  async function intoForce(edition: SeedEdition) {
    await office.put(`/api/v1/documents/${edition.documentId}/distribution`, { unitIds: [unit.id] });
    await submit(edition, [
      { userId: users.approver1.id, order: 1 },
      { userId: users.approver2.id, order: 2 },
    ]);
    await approver1.post(`/api/v1/editions/${edition.editionId}/agree`, { password: users.approver1.password, comment: '' });
    await approver2.post(`/api/v1/editions/${edition.editionId}/agree`, { password: users.approver2.password, comment: 'Ескертусіз' });
    await signatory.post(`/api/v1/editions/${edition.editionId}/approve`, {
      password: users.signatory.password,
      decision: '№ 12-Ж',
      effectiveDate: isoDate(),
      comment: '',
    });
  }

  const inForce = await register(
    'Е 075-2022',
    'Бағдарламалық қамтамасыз етуді әзірлеу және сүйемелдеу бөлімі туралы',
    fixture('003-kru-software-dept.xml'),
  );
  await intoForce(inForce);
  const second = await register('СМЖ 07.БЕ.51', 'Коворкинг орталығы туралы', fixture('000-wkatu-coworking.xml'));
  await intoForce(second);

  // One signed familiarization for the history page's checks.
  const a11yReader = await ApiClient.signedIn(baseURL, 'reader-a11y', users['reader-a11y'].password);
  await a11yReader.post(`/api/v1/editions/${second.editionId}/familiarize`, { password: users['reader-a11y'].password });

  // minimal.xml under other codes (the XML's code must be the document's).
  const minimal = (code: string) => fixture('minimal.xml').replace('<code>СМЖ 07.БЕ.99</code>', `<code>${code}</code>`);
  const toAgree = await register('СМЖ 07.БЕ.90', 'Сынақ бөлімі туралы (келісуге)', minimal('СМЖ 07.БЕ.90'));
  await submit(toAgree, [{ userId: users.approver1.id, order: 1 }]);
  const toReject = await register('СМЖ 07.БЕ.91', 'Сынақ бөлімі туралы (қайтаруға)', minimal('СМЖ 07.БЕ.91'));
  await submit(toReject, [{ userId: users.approver1.id, order: 1 }]);
  const waiting = await register('СМЖ 07.БЕ.92', 'Сынақ бөлімі туралы (күтуде)', minimal('СМЖ 07.БЕ.92'));
  await submit(waiting, [{ userId: users.approver2.id, order: 1 }]);

  // Enough documents for the register's second page.
  const extraDocuments = 22;
  for (let i = 1; i <= extraDocuments; i++) {
    await office.post('/api/v1/documents', {
      code: `ЖН-ТЕСТ-${String(i).padStart(2, '0')}`,
      kind: 'work_instruction',
      title: `Жұмыс нұсқаулығы ${i}`,
      unit: 'Сапа бөлімі',
      language: 'kk',
    });
  }

  return {
    baseURL,
    dataDir,
    adminPassword,
    users,
    unitId: unit.id,
    positionId: position.id,
    inForce,
    second,
    toAgree,
    toReject,
    waiting,
    extraDocuments,
  };
}
