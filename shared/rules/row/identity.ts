// Identity rules: the ID number itself and what it says about the person (gender, birth date).
// ID_FORMAT is the field validator's; ID_DUPLICATE is cross-row (../duplicates.ts).
import { MALE } from './values';
import { analyseIdInto } from '../../id/idcard';
import { C } from '../codes';
import * as M from '../messages';
import { R, type RowScratch } from './scratch';
import type { RowRule } from './rule';

function idNumber(r: RowScratch): void {
  if (r.str(R.idNumber) === null) return;
  const given = r.value[R.idNumber] as string;
  if (!r.idAnalysed && !analyseIdInto(given, r.idAnalysis)) return;
  const id = (r.id = r.idAnalysis);
  const asOf = r.asOf;
  if (id.from15) r.at(R.idNumber, C.ID_15_DIGIT, M.msgId15(given, id.id18));
  if (!id.regionOk) r.at(R.idNumber, C.ID_REGION_INVALID, M.msgIdRegion(id.id18));
  if (id.birth === 0) r.at(R.idNumber, C.ID_BIRTHDATE_INVALID, M.msgIdBirthMissing(id.id18));
  else if (id.birth > asOf) r.at(R.idNumber, C.ID_BIRTHDATE_INVALID, M.msgIdBirthAfterAsOf(id.birth, r.asOfIso));
  if (!id.from15 && !id.checksumOk) r.at(R.idNumber, C.ID_CHECKSUM, M.msgIdChecksum(id.expectedCheck, id.id18[17]));
  r.idValid = id.regionOk && id.birth !== 0 && id.birth <= asOf && (id.from15 || id.checksumOk);
}

function agreesWithId(r: RowScratch): void {
  const id = r.id;
  if (id === null || !r.idValid) return;
  const gender = r.str(R.gender);
  if (gender !== null && (gender === MALE) !== id.male) r.at(R.gender, C.GENDER_MISMATCH, M.msgGender(gender, id.male));
  const birth = r.ymd(R.birthDate);
  if (birth !== 0 && birth !== id.birth) r.at(R.birthDate, C.BIRTHDATE_MISMATCH, M.msgBirthMismatch(birth, id.birth));
}

export const IDENTITY_RULES: readonly RowRule[] = [
  { name: 'ID number', codes: ['ID_15_DIGIT', 'ID_REGION_INVALID', 'ID_BIRTHDATE_INVALID', 'ID_CHECKSUM'], check: idNumber },
  { name: 'agrees with the ID', codes: ['GENDER_MISMATCH', 'BIRTHDATE_MISMATCH'], check: agreesWithId },
];
