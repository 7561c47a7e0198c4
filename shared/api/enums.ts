// The contract's closed vocabularies: roles, statuses, milestone requirements and states,
// review decisions, audit actions, error codes, seal media types, verification kinds. Each list once,
// with its zod enum and type; the Chinese labels for them live with the screens that show them.
import { z } from 'zod';

export const ROLES = ['liaison', 'head', 'leader', 'supervisor', 'office'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
// `endorsed` (主管部门已审核): the supervising department reviewed a sealed version (api.md v2).
export const UNIT_STATUSES = ['not_started', 'submitted', 'signed', 'sealed', 'endorsed', 'returned', 'accepted'] as const;
export const UnitStatusSchema = z.enum(UNIT_STATUSES);
export type UnitStatus = z.infer<typeof UnitStatusSchema>;
/**
 * What completes a milestone for a unit (default `reported`):
 * - `submitted`: the first stored submission of any version;
 * - `reported` (已报送): the first time a version is submitted, signed by the head and sealed;
 * - `endorsed`: the supervising department endorsed a version (for a unit with no supervisor step: reported);
 * - `accepted`: the office accepted a version.
 * A later return does not undo a completed `submitted`/`reported` milestone: the unit did report on time.
 */
export const MILESTONE_REQUIREMENTS = ['submitted', 'reported', 'endorsed', 'accepted'] as const;
export const MilestoneRequirementSchema = z.enum(MILESTONE_REQUIREMENTS);
export type MilestoneRequirement = z.infer<typeof MilestoneRequirementSchema>;
export const MILESTONE_STATES = ['due', 'done_on_time', 'done_late', 'overdue'] as const;
export const MilestoneStateSchema = z.enum(MILESTONE_STATES);
export type MilestoneState = z.infer<typeof MilestoneStateSchema>;
export const ERROR_CODES = [
  'UNAUTHENTICATED', // 401: token missing, expired, badly signed, wrong audience
  'FORBIDDEN', // 403: valid token, no role for that unit
  'NOT_FOUND', // 404: campaign, unit, version or route unknown
  'METHOD_NOT_ALLOWED', // 405
  'BAD_JSON', // 400: body is not JSON
  'VALIDATION_FAILED', // 400: wrong types or unknown fields; details = z.flattenError
  'MISSING_IDEMPOTENCY_KEY', // 400: submissions need an Idempotency-Key header
  'WORKBOOK_UNREADABLE', // 400: .xlsx body cannot be read; details.reason = the reader's code
  'INVALID_UNIT_TREE', // 400: parentId unknown, cyclic, or member on an unknown unit
  'UNKNOWN_MILESTONE', // 400: extension for a milestone the campaign does not have
  'PAYLOAD_TOO_LARGE', // 413: body over 10 MB
  'WORKBOOK_TOO_LARGE', // 413: .xlsx body past the reader's limits (zip bomb, past Excel's rows/columns; shared/xlsx/limits.ts)
  'UNSUPPORTED_MEDIA_TYPE', // 415: content type not accepted (or bytes do not match it)
  'LEDGER_INVALID', // 422: the server's check found an `error`; details.issues
  'SEAL_SCAN_MISMATCH', // 422: the scan's QR code names another version or unit; details { receiptNo, unitId, version }
  'SEAL_SCAN_UNREADABLE', // 422: the scan is not a readable PDF / PNG / JPEG (e.g. HTML sent as application/pdf)
  'SUBMISSION_LOCKED', // 409: the unit's current submission is accepted and not reopened
  'IDEMPOTENCY_KEY_REUSED', // 409: the key was used for a different ledger
  'DIGEST_MISMATCH', // 409: sign-off digest is not that version's digest
  'VERSION_SUPERSEDED', // 409: a newer version exists
  'INVALID_STATE', // 409: action not allowed in the unit's current status (e.g. seal before sign-off)
  'CONCURRENT_UPDATE', // 409: a concurrent change to the same data won (after any retries); repeat the request
  'ROSTER_INVALID', // 400: rows of an external roster with a bad ID, name or credit code; details.problems
  'ROSTER_HEADER_MISSING', // 400: an .xlsx roster without the 姓名 / 身份证号码 / 单位统一社会信用代码 headers
  'ROSTER_TOO_LARGE', // 413: more persons than one roster upload may hold
  'STORAGE_UNAVAILABLE', // 503: Table/Blob storage cannot be reached (or answered too slowly)
  'BUSY', // 503: the instance is at its capacity for heavy work (workbooks); Retry-After says when to retry
  'INTERNAL', // 500: a bug; never for anything a client can send
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export const SEAL_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
/** The seal scan's QR check: this version's code found, or none (the office checks by hand, 需人工核对). */
export const SEAL_QR_RESULTS = ['matched', 'not_found'] as const;
export const SealQrSchema = z.enum(SEAL_QR_RESULTS);
export type SealQr = z.infer<typeof SealQrSchema>;
/** `endorse`: the supervising department's approval before the office's (api.md v2). */
export const REVIEW_DECISIONS = ['accept', 'endorse', 'return', 'reopen'] as const;
export const ReviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;
/**
 * Reads that return persons' personal data, each recorded as an access entry (details.category
 * 'access', scope, names): a stored ledger, a diff, the aggregated workbook, the public notice, the
 * evidence archive, the answer to an external roster upload.
 */
export const ACCESS_ACTIONS = [
  'ledger.read',
  'diff.read',
  'aggregate.download',
  'notice.download',
  'archive.download',
  'roster.upload',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
/** `GET …/audit?category=`: `access` lists only the access entries, `change` only the rest. */
export const AUDIT_CATEGORIES = ['access', 'change'] as const;
export const AUDIT_ACTIONS = [
  'campaign.put',
  'units.put',
  'extension.put',
  'onstaff.put',
  'submission.create',
  'signoff',
  'seal',
  'review.accept',
  'review.return',
  'review.reopen',
  'review.endorse',
  'roster.upload',
  'sampling.draw',
  'verification.create',
  ...ACCESS_ACTIONS,
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;
/** How an office or supervisor found persons to check a unit's ledger against: 实地核查 or 举报. */
export const VERIFICATION_KINDS = ['onsite', 'tip'] as const;
export const VerificationKindSchema = z.enum(VERIFICATION_KINDS);
export type VerificationKind = z.infer<typeof VerificationKindSchema>;
