// Days are China dates (UTC+8, no DST). The arithmetic lives once, in shared/dates.ts; this re-export
// only keeps the sign-off model's and verify page's imports (documents/, the paper work's files) working
// until their owner moves them.
export { chinaDay, chinaTime } from '../../../shared/dates';
