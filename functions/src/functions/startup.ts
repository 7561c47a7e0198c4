// Runs as the Functions worker starts: parses the settings, so a missing or malformed one stops the start
// loudly with every problem listed, instead of each request answering 500 later.
import { app } from '@azure/functions';
import { getServices } from '../services';
import { assertSafeBinding } from '../settings';

// The local host says where it listens (hookData.bindHost); the Functions worker on Azure does not.
app.hook.appStart((context) => {
  const bindHost = context.hookData.bindHost;
  assertSafeBinding(getServices().settings, typeof bindHost === 'string' ? bindHost : null);
});
