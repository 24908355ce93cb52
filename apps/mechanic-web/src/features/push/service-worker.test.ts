// The service worker itself (public/sw.js), run in a V8 context of its own whose `self` records
// what the worker asks of the browser: notifications shown, tabs focused, navigated or opened.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const SOURCE = readFileSync(path.join(import.meta.dirname, '../../../public/sw.js'), 'utf8');
const ORIGIN = 'https://mechanic.autodoctor.test';

interface FakeTab {
  url: string;
  focused: boolean;
  navigatedTo: string[];
}

type Listener = (event: unknown) => void;

function startWorker(tabs: FakeTab[] = []) {
  const listeners = new Map<string, Listener>();
  const shown: { title: string; options: NotificationOptions & { renotify?: boolean } }[] = [];
  const opened: string[] = [];
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    registration: {
      showNotification: (title: string, options: NotificationOptions) => {
        shown.push({ title, options });
        return Promise.resolve();
      },
    },
    clients: {
      matchAll: () =>
        Promise.resolve(
          tabs.map((tab) => ({
            get url() {
              return tab.url;
            },
            focus: () => {
              tab.focused = true;
              return Promise.resolve({
                url: tab.url,
                navigate: (url: string) => {
                  tab.navigatedTo.push(url);
                  return Promise.resolve();
                },
              });
            },
          })),
        ),
      openWindow: (url: string) => {
        opened.push(url);
        return Promise.resolve(null);
      },
    },
  };
  runInNewContext(SOURCE, { self, URL });

  /** Dispatches an event as the browser does, and waits for what the worker asked it to wait for. */
  async function dispatch(type: string, event: Record<string, unknown>): Promise<void> {
    const pending: Promise<unknown>[] = [];
    listeners.get(type)!({ ...event, waitUntil: (promise: Promise<unknown>) => pending.push(promise) });
    expect(pending, `${type} must be waited for`).toHaveLength(1);
    await Promise.all(pending);
  }
  const push = (payload: unknown) =>
    dispatch('push', {
      data:
        payload === undefined
          ? null
          : {
              json: () => (typeof payload === 'string' ? JSON.parse(payload) : payload) as unknown,
            },
    });
  const click = (data: unknown) => {
    let closed = false;
    return dispatch('notificationclick', { notification: { data, close: () => (closed = true) } }).then(
      () => closed,
    );
  };
  return { shown, opened, push, click };
}

describe('the service worker', () => {
  it('shows a new-sessions push as one notification tagged new-sessions that alerts again', async () => {
    const worker = startWorker();
    await worker.push({
      kind: 'new_session',
      title: '3 sessions waiting — oldest 4 min',
      body: 'Newest: 2020 Kia Ceed',
      tag: 'new-sessions',
      url: '/',
    });
    expect(worker.shown).toEqual([
      {
        title: '3 sessions waiting — oldest 4 min',
        options: {
          body: 'Newest: 2020 Kia Ceed',
          tag: 'new-sessions',
          renotify: true,
          icon: '/favicon.svg',
          data: { url: '/' },
        },
      },
    ]);
  });

  it('shows something for a push without a payload or with one not ours (a push must be visible)', async () => {
    const worker = startWorker();
    await worker.push(undefined);
    await worker.push('not json {');
    await worker.push({ title: 42 });
    await worker.push({ title: 'Hi', body: 'there', url: 'https://evil.example/' });
    expect(
      worker.shown.map((notification) => [notification.title, notification.options.data as unknown]),
    ).toEqual([
      ['AutoDoctor', { url: '/' }],
      ['AutoDoctor', { url: '/' }],
      ['AutoDoctor', { url: '/' }],
      ['Hi', { url: '/' }], // only paths of the app are opened
    ]);
  });

  it('on a click, focuses a tab of the app and takes it to the page, or opens one', async () => {
    const tab: FakeTab = { url: `${ORIGIN}/history`, focused: false, navigatedTo: [] };
    const other: FakeTab = { url: 'https://elsewhere.test/', focused: false, navigatedTo: [] };
    const withTab = startWorker([other, tab]);
    expect(await withTab.click({ url: '/sessions/s-1' })).toBe(true); // the notification closed
    expect(tab).toMatchObject({ focused: true, navigatedTo: [`${ORIGIN}/sessions/s-1`] });
    expect(other.focused).toBe(false);
    expect(withTab.opened).toEqual([]);

    const withoutTab = startWorker([other]);
    await withoutTab.click({ url: '/' });
    expect(withoutTab.opened).toEqual([`${ORIGIN}/`]);
  });
});
