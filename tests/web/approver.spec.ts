// The approver's queue «Менің кезегім»: agree in turn, reject with a
// comment; the route's signatory approves with a decision number and
// effective date — each in the signing dialog; the document page then shows
// what was recorded.
import { expect, signInByApi, state, test, todayShown } from './support/fixtures';

test('an approver agrees from the queue, then the signatory approves from his', async ({ openPage }) => {
  const { toAgree, users } = state();
  const opened = await openPage();
  const { page } = opened;
  await signInByApi(opened, 'approver1');
  await page.goto('/queue');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Менің кезегім');
  const card = page.getByRole('listitem').filter({ hasText: toAgree.code });
  await expect(card).toContainText('Келісу');
  await expect(card).toContainText('№ 1 басылым');
  await expect(card).toContainText(todayShown());
  await card.getByRole('link', { name: /Ашу/ }).click();

  await expect(page.getByRole('heading', { name: 'Келісу бағыты' })).toBeVisible();
  const route = page.locator('.route');
  await expect(route.getByRole('listitem').first()).toContainText('1-қадам: Ә. Қ. Бекова — күтуде');
  await expect(route.getByRole('listitem').last()).toContainText('Бекітуші: М. Ж. Сейітов — күтуде');
  await expect(page.getByText('Келісуге жіберілді')).toBeVisible(); // the sender's comment
  // Not the signatory: no approval here.
  await expect(page.getByRole('button', { name: 'Бекіту', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Келісу', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Электрондық қол қою' });
  await expect(dialog).toContainText('Мен осы басылымды келісемін');
  await dialog.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(users.approver1.password);
  await dialog.getByRole('button', { name: 'Қол қою' }).click();
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole('status')).toContainText(`Келісілді: ${toAgree.code}`);
  // Agreed: it waits for the signatory now, not for approver1.
  await expect(page.getByRole('listitem').filter({ hasText: toAgree.code })).toHaveCount(0);

  const signatory = await openPage();
  await signInByApi(signatory, 'signatory');
  const next = signatory.page;
  await next.goto('/queue');
  const waiting = next.getByRole('listitem').filter({ hasText: toAgree.code });
  await expect(waiting).toContainText('Бекіту');
  await waiting.getByRole('link', { name: /Ашу/ }).click();
  await expect(next.locator('.route').getByRole('listitem').first()).toContainText('1-қадам: Ә. Қ. Бекова — келісті');
  await next.getByRole('button', { name: 'Бекіту', exact: true }).click();
  const approval = next.getByRole('dialog', { name: 'Электрондық қол қою' });
  await expect(approval).toContainText('Мен осы басылымды бекітемін');
  await expect(approval.getByLabel('Қолданысқа енгізу күні')).toHaveValue(todayShown());
  await approval.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(users.signatory.password);
  await approval.getByRole('button', { name: 'Қол қою' }).click();
  await expect(approval.getByText('Шешімнің нөмірін жазыңыз')).toBeVisible();
  await approval.getByLabel('Бұйрықтың немесе шешімнің нөмірі').fill('№ 15-Ж');
  await approval.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(users.signatory.password);
  await approval.getByRole('button', { name: 'Қол қою' }).click();
  await expect(next).toHaveURL(/\/queue$/);
  await expect(next.getByRole('status')).toContainText(`Бекітілді: ${toAgree.code}`);
  await expect(next.getByRole('listitem').filter({ hasText: toAgree.code })).toHaveCount(0);

  // The document page shows the edition in force with both signatures.
  await next.goto(`/documents/${toAgree.documentId}`);
  const edition = next.getByRole('listitem').filter({ hasText: '№ 1 басылым' });
  await expect(edition).toContainText('Қолданыста');
  await expect(edition).toContainText('№ 15-Ж');
  await expect(edition).toContainText(todayShown());
  const signatures = edition.getByRole('region', { name: /Қолтаңбалар/ });
  await expect(signatures.getByRole('row').filter({ hasText: 'келісті' })).toContainText('Ә. Қ. Бекова');
  await expect(signatures.getByRole('row').filter({ hasText: 'бекітті' })).toContainText('М. Ж. Сейітов');
  await expect(signatures.getByRole('row').filter({ hasText: 'дайындады' })).toContainText('Сапа бөлімі');
  const steps = edition.getByRole('region', { name: /Келісу қадамдары/ });
  await expect(steps.getByRole('row').filter({ hasText: 'Бекітуші' })).toContainText('М. Ж. Сейітов');
});

test('an approver rejects with a comment; a rejection needs one', async ({ openPage }) => {
  const { toReject, users } = state();
  const opened = await openPage({ language: 'ru' });
  const { page } = opened;
  await signInByApi(opened, 'approver1');
  await page.goto(`/editions/${toReject.editionId}`);
  await page.getByRole('button', { name: 'Отклонить с замечанием' }).click();
  const dialog = page.getByRole('dialog', { name: 'Электронная подпись' });
  await expect(dialog).toContainText('Я отклоняю это издание с замечанием');
  await dialog.getByLabel('Введите пароль ещё раз для подтверждения').fill(users.approver1.password);
  await dialog.getByRole('button', { name: 'Подписать' }).click();
  await expect(dialog.getByText('Чтобы отклонить, напишите замечание')).toBeVisible();
  await dialog.getByLabel('Замечание').fill('Пункт 3 противоречит ҚП 082-2022');
  await dialog.getByRole('button', { name: 'Подписать' }).click();
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole('status')).toContainText(`Отклонено: ${toReject.code}`);

  await page.goto(`/documents/${toReject.documentId}`);
  const edition = page.getByRole('listitem').filter({ hasText: 'издание № 1' });
  await expect(edition).toContainText('Проект');
  const steps = edition.getByRole('region', { name: /Шаги согласования/ });
  await expect(steps.getByRole('row').filter({ hasText: 'отклонил(а)' })).toContainText('Пункт 3 противоречит ҚП 082-2022');
});
