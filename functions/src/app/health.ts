// Use case: is storage answering (GET /health)? Short timeout, no retries.
import type { Services } from '../services';

export const storageAnswers = (s: Services): Promise<boolean> => s.storage.ping(1500);
