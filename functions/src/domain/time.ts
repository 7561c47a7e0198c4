// Days are China dates (UTC+8, no DST). The arithmetic lives once, in shared/dates.ts; this re-export
// only keeps paper/'s imports working (its owner moves them in their own change).
export { chinaDay, chinaTime } from '../../../shared/dates';
