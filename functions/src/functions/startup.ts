// Runs as the Functions worker starts: parses the settings, so a missing or malformed one stops the start
// loudly with every problem listed, instead of each request answering 500 later.
import { app } from '@azure/functions';
import { getServices } from '../services';

app.hook.appStart(() => {
  getServices();
});
