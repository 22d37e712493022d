// The console's entry: which screen this page is (the shell says, in data-screen), the
// signed-in organizer's name in the header, and one place that shows a failure.

import { affiliateFormScreen, affiliateScreen, boardScreen } from './affiliates.ts';
import { currentSession } from './api.ts';
import { applicationScreen, membersScreen, queueScreen } from './applications.ts';
import { errorBox, render } from './dom.ts';
import { problem } from './problem.ts';
import { reportsScreen } from './reports.ts';

const screens: Record<string, (id: string) => Promise<void>> = {
  applications: queueScreen,
  application: applicationScreen,
  members: membersScreen,
  affiliates: boardScreen,
  affiliate: affiliateScreen,
  'affiliate-form': affiliateFormScreen,
  reports: reportsScreen,
};

async function start(): Promise<void> {
  const { screen = '', id = '' } = document.body.dataset;
  try {
    const session = await currentSession();
    document.getElementById('signed-in')!.textContent = `Signed in as ${session.email}`;
    await screens[screen]!(id);
  } catch (error) {
    const [message, details] = problem(error);
    render(errorBox(message, details));
  }
}

void start();
