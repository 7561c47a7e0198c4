// Runs as the Functions worker starts: parses the settings, so a missing or malformed one stops the start
// loudly with every problem listed, instead of each request answering 500 later.
import { app } from '@azure/functions';
import { getServices } from '../services';
import { assertSafeBinding } from '../settings';

// HTTP streaming: without it the Functions worker buffers a response body whole before sending it, and
// the evidence archive (hundreds of MB, an async iterable) would sit in memory instead of streaming.
// Set while the function files load, before the worker locks its setup.
app.setup({ enableHttpStream: true });

// The local host says where it listens (hookData.bindHost); the Functions worker on Azure does not.
app.hook.appStart((context) => {
  const bindHost = context.hookData.bindHost;
  assertSafeBinding(getServices().settings, typeof bindHost === 'string' ? bindHost : null);
});
