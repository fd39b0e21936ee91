// The API's records as the pages use them (see server/http/openapi.json).

export type Role = 'admin' | 'quality_office' | 'author' | 'approver' | 'employee' | 'auditor';

export interface User {
  id: number;
  login: string;
  fullNameKk: string;
  fullNameRu: string;
  email: string;
  language: string;
  positionId: number | null;
  positionKk: string;
  positionRu: string;
  unitId: number | null;
  roles: Role[];
  active: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface DocumentSummary {
  id: number;
  code: string;
  kind: string;
  title: string;
  unit: string;
  language: string;
  createdAt: string;
  updatedAt: string;
}

export interface Edition {
  id: number;
  documentId: number;
  number: number;
  language: string;
  status: string;
  sha256: string;
  revision: number;
  size: number;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentWithEditions extends DocumentSummary {
  editions: Edition[];
}

export interface DocumentPage {
  items: DocumentSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface Assignment {
  id: number;
  editionId: number;
  userId: number;
  assignedAt: string;
  dueDate: string;
  signedAt: string;
}

// kind: "agree" — an agreeing step (equal orders run in parallel);
// "sign" — the route's one signatory, who approves once every agreeing step
// agreed (decision "approved").
export type StepKind = 'agree' | 'sign';

export interface AgreementStep {
  round: number;
  order: number;
  userId: number;
  kind: StepKind;
  decision: string;
  decidedAt: string;
  comment: string;
  // The person on the step, as now (the API names every step).
  fullNameKk?: string;
  fullNameRu?: string;
  positionKk?: string;
  positionRu?: string;
}

export interface Signature {
  id: number;
  editionId: number;
  userId: number;
  fullName: string;
  position: string;
  meaning: string;
  signedAt: string;
  editionSha256: string;
  comment: string;
  outcome?: string;
}

export interface Lifecycle {
  editionId: number;
  documentId: number;
  status: string;
  sha256: string;
  version: number;
  round: number;
  decision: string;
  effectiveDate: string;
  reviewDate: string;
  enteredAt: string;
  steps: AgreementStep[];
  signatures: Signature[];
}

export interface Unit {
  id: number;
  nameKk: string;
  nameRu: string;
  parentId: number | null;
}

// A person of the directory (GET /people): who may be on a route.
export interface Person {
  id: number;
  fullNameKk: string;
  fullNameRu: string;
  positionKk: string;
  positionRu: string;
  unitId: number | null;
  unitKk: string;
  unitRu: string;
}

export interface Position {
  id: number;
  nameKk: string;
  nameRu: string;
}

export interface ControlledCopy {
  id: number;
  editionId: number;
  number: number;
  holderUserId: number | null;
  holderUnitId: number | null;
  holderName: string;
  note: string;
  state: 'open' | 'recall_requested' | 'recalled';
  issuedByLogin: string;
  issuedAt: string;
  recallRequestedAt: string;
  recalledByLogin: string;
  recalledAt: string;
}

// An assignment as the quality records list it (with the person).
export interface AssignmentRecord extends Assignment {
  fullNameKk: string;
  fullNameRu: string;
  positionKk: string;
  positionRu: string;
  unitId: number | null;
}

export function hasRole(user: User | null, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

// Roles that sign familiarization sheets (all but the auditor).
export function signsFamiliarizations(user: User | null): boolean {
  return hasRole(user, 'admin', 'quality_office', 'author', 'approver', 'employee');
}

export function shortSha(sha256: string): string {
  return sha256.length > 16 ? `${sha256.slice(0, 8)}…${sha256.slice(-8)}` : sha256;
}
