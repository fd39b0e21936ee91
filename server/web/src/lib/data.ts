// What several pages read, composed from the existing API. Editions and
// documents are cached for the session (they change only by lifecycle
// acts, after which the pages reload what they show).
import { api } from './api';
import type {
  AgreementStep,
  Assignment,
  DocumentSummary,
  DocumentWithEditions,
  Edition,
  Lifecycle,
  Signature,
  User,
} from './model';

const documents = new Map<number, Promise<DocumentWithEditions>>();

export function clearCache(): void {
  documents.clear();
}

export function documentById(id: number, fresh = false): Promise<DocumentWithEditions> {
  let found = fresh ? undefined : documents.get(id);
  if (!found) {
    found = api.get<DocumentWithEditions>(`/documents/${id}`);
    documents.set(id, found);
    found.catch(() => documents.delete(id));
  }
  return found;
}

export interface EditionView {
  edition: Edition;
  document: DocumentWithEditions;
}

// The edition with its document (code, title): the document page lists
// its editions, so one request per document serves all of them.
export async function editionView(editionId: number): Promise<EditionView> {
  const edition = await api.get<Edition>(`/editions/${editionId}`);
  const document = await documentById(edition.documentId);
  const listed = document.editions.find((e) => e.id === editionId);
  if (!listed || listed.status !== edition.status) {
    const fresh = await documentById(edition.documentId, true);
    return { edition, document: fresh };
  }
  return { edition, document };
}

// Runs tasks with at most `width` in flight (the browser allows ~6
// connections per origin; the rest would queue anyway).
export async function mapLimited<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

export interface AssignmentRow {
  assignment: Assignment;
  edition: Edition;
  document: Pick<DocumentSummary, 'id' | 'code' | 'kind' | 'title' | 'unit' | 'language'>;
}

// The caller's assignments (unsigned first) with code, title and edition
// number: one request (the API gives each with its edition and document;
// the inbox of 200 assignments was 400 requests more before).
export async function myAssignments(): Promise<AssignmentRow[]> {
  const { items } = await api.get<{ items: (Assignment & Pick<AssignmentRow, 'edition' | 'document'>)[] }>('/me/familiarizations');
  return items.map(({ edition, document, ...assignment }) => ({ assignment, edition, document }));
}

export function lifecycleOf(editionId: number): Promise<Lifecycle> {
  return api.get<Lifecycle>(`/editions/${editionId}/lifecycle`);
}

export type Stage = 'agree' | 'approve';

export interface QueueItem {
  stage: Stage;
  edition: Edition;
  document: DocumentSummary;
  lifecycle: Lifecycle;
  sentAt: string;
}

// The caller's turn on an edition, from its lifecycle: "agree" when the
// caller has an undecided agreeing step of the current round at the lowest
// undecided agreeing order; "approve" when the edition is agreed and the
// caller is the round's signatory (the server refuses anyone else).
export function turnOf(user: User, lifecycle: Lifecycle): Stage | null {
  if (!user.roles.includes('approver')) return null;
  const round = lifecycle.steps.filter((s) => s.round === lifecycle.round);
  if (lifecycle.status === 'agreed') {
    return round.some((s) => s.kind === 'sign' && s.userId === user.id && !s.decision) ? 'approve' : null;
  }
  if (lifecycle.status !== 'in_agreement') return null;
  const pending = round.filter((s) => s.kind !== 'sign' && !s.decision);
  if (pending.length === 0) return null;
  const current = Math.min(...pending.map((s) => s.order));
  return pending.some((s) => s.userId === user.id && s.order === current) ? 'agree' : null;
}

// When the current round was sent (its "prepared" signature).
export function sentAt(lifecycle: Lifecycle): string {
  const prepared = lifecycle.signatures.filter((s) => s.meaning === 'prepared');
  return prepared.length ? prepared[prepared.length - 1].signedAt : '';
}

// The round's steps in the order they act: agreeing steps by order, the
// signatory last.
export function stepsOfRound(lifecycle: Lifecycle, round = lifecycle.round): AgreementStep[] {
  const rank = (s: AgreementStep) => (s.kind === 'sign' ? 1 : 0);
  return lifecycle.steps.filter((s) => s.round === round).sort((a, b) => rank(a) - rank(b) || a.order - b.order);
}

// Who is on a step: the name the API gives, else the name signed with,
// else the user's number.
export function stepName(step: AgreementStep, lifecycle: Lifecycle, language: string): string {
  const named = language === 'kk' ? step.fullNameKk || step.fullNameRu : step.fullNameRu || step.fullNameKk;
  if (named) return named;
  return lifecycle.signatures.find((s) => s.userId === step.userId)?.fullName ?? `#${step.userId}`;
}

export function signaturesWithComments(lifecycle: Lifecycle): Signature[] {
  return lifecycle.signatures.filter((s) => s.comment && s.meaning !== 'familiarized');
}

// Editions waiting for the caller's agreement or approval, in one request
// (GET /me/queue: each with its document and record), oldest sending first.
export async function myQueue(user: User): Promise<QueueItem[]> {
  if (!user.roles.includes('approver')) return [];
  const { items } = await api.get<{
    items: { stage: Stage; document: DocumentSummary; edition: Edition; lifecycle: Lifecycle }[];
  }>('/me/queue');
  return items.map(({ stage, document, edition, lifecycle }) => ({
    stage,
    document,
    edition,
    lifecycle,
    sentAt: sentAt(lifecycle),
  }));
}
