// The approver's queue «Менің кезегім»: agree in turn, reject with a
// comment, approve with a decision number and effective date — each in the
// signing dialog; the document page then shows what was recorded.
import { expect, signInByApi, state, test, todayShown } from './support/fixtures';

test('an approver agrees, then approves, from the queue', async ({ openPage }) => {
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
  await expect(page.getByText('1-қадам: ')).toContainText('күтуде');
  await expect(page.getByText('Келісуге жіберілді')).toBeVisible(); // the sender's comment
  await page.getByRole('button', { name: 'Келісу', exact: true }).click();
  let dialog = page.getByRole('dialog', { name: 'Электрондық қол қою' });
  await expect(dialog).toContainText('Мен осы басылымды келісемін');
  await dialog.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(users.approver1.password);
  await dialog.getByRole('button', { name: 'Қол қою' }).click();
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole('status')).toContainText(`Келісілді: ${toAgree.code}`);

  // Agreed: now it waits for approval.
  const again = page.getByRole('listitem').filter({ hasText: toAgree.code });
  await expect(again).toContainText('Бекіту');
  await again.getByRole('link', { name: /Ашу/ }).click();
  await page.getByRole('button', { name: 'Бекіту', exact: true }).click();
  dialog = page.getByRole('dialog', { name: 'Электрондық қол қою' });
  await expect(dialog).toContainText('Мен осы басылымды бекітемін');
  await expect(dialog.getByLabel('Қолданысқа енгізу күні')).toHaveValue(todayShown());
  await dialog.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(users.approver1.password);
  await dialog.getByRole('button', { name: 'Қол қою' }).click();
  await expect(dialog.getByText('Шешімнің нөмірін жазыңыз')).toBeVisible();
  await dialog.getByLabel('Бұйрықтың немесе шешімнің нөмірі').fill('№ 15-Ж');
  await dialog.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(users.approver1.password);
  await dialog.getByRole('button', { name: 'Қол қою' }).click();
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole('status')).toContainText(`Бекітілді: ${toAgree.code}`);
  await expect(page.getByRole('listitem').filter({ hasText: toAgree.code })).toHaveCount(0);

  // The document page shows the edition in force with its record.
  await page.goto(`/documents/${toAgree.documentId}`);
  const edition = page.getByRole('listitem').filter({ hasText: '№ 1 басылым' });
  await expect(edition).toContainText('Қолданыста');
  await expect(edition).toContainText('№ 15-Ж');
  await expect(edition).toContainText(todayShown());
  const signatures = edition.getByRole('region', { name: /Қолтаңбалар/ });
  await expect(signatures.getByRole('row').filter({ hasText: 'келісті' })).toContainText('Ә. Қ. Бекова');
  await expect(signatures.getByRole('row').filter({ hasText: 'бекітті' })).toContainText('Ә. Қ. Бекова');
  await expect(signatures.getByRole('row').filter({ hasText: 'дайындады' })).toContainText('Сапа бөлімі');
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
