// Bundles the double for the browser (an IIFE that replaces office.js in the e2e test).
import { bundleDouble } from '../doubles/bundle';

export const bundleExcelDouble = (): Promise<string> => bundleDouble(new URL('./browser.ts', import.meta.url));
