// Where organizer emails point: the console's page for the item, on the configured
// public address (docs/console.md). A signed-out organizer signs in and lands there.

import { config } from '../config.ts';

const base = () => `${config().publicBaseUrl}/console`;

export const consoleLinks = {
  application: (id: string) => `${base()}/applications/${encodeURIComponent(id)}`,
  affiliate: (id: string) => `${base()}/affiliates/${encodeURIComponent(id)}`,
  reports: (id: string) => `${base()}/affiliates/${encodeURIComponent(id)}/reports`,
};
