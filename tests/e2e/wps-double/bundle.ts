// Bundles the WPS double for the browser (an IIFE the e2e test installs as an init script).
import { bundleDouble } from '../doubles/bundle';

export const bundleWpsDouble = (): Promise<string> => bundleDouble(new URL('./browser.ts', import.meta.url));
