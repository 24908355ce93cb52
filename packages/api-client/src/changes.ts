import type { QueryClient } from '@tanstack/react-query';

export type { MutationPathOf } from './mutation-paths.ts';

// Query paths (a router, or one procedure) whose answers a change of a session can alter.
const CUSTOMER_SESSION_VIEWS = ['customer', 'intake', 'session.timeline'];
const MECHANIC_SESSION_VIEWS = [
  'mechanic.activeSession',
  'mechanic.session',
  'mechanic.history',
  'mechanic.sessionQuotes',
  'session.timeline',
];

/**
 * What each change makes stale: the one place that says which screens show its effects. Keys are
 * every mutation of the API (tRPC paths: the query client refetches their effects when one settles,
 * here and in the app's other tabs) and the changes the apps learn of otherwise. Values are query
 * paths. The mechanics' queue is not here: its live feed keeps it, and a refetched snapshot could
 * be older than events already applied.
 */
export const CHANGE_EFFECTS = {
  'intake.startSession': CUSTOMER_SESSION_VIEWS,
  'customer.cancelSession': CUSTOMER_SESSION_VIEWS,
  'customer.endSession': CUSTOMER_SESSION_VIEWS,
  // Nothing changes until Stripe confirms the payment (`creditsAdded`).
  'customer.buyCredits': [],
  'mechanic.accept': MECHANIC_SESSION_VIEWS,
  'mechanic.startSession': MECHANIC_SESSION_VIEWS,
  'mechanic.endSession': MECHANIC_SESSION_VIEWS,
  'mechanic.setAvailability': ['mechanic.availability'],
  // The operator's roster shows each mechanic's balance.
  'ops.recordPayout': ['ops.mechanics'],
  'ops.disableMechanic': ['ops.mechanics', 'ops.session', 'ops.sessions', 'ops.operatorActions'],
  'ops.enableMechanic': ['ops.mechanics', 'ops.operatorActions'],
  'ops.cancelSession': ['ops.session', 'ops.sessions', 'ops.mechanics', 'ops.operatorActions'],
  'ops.requeueSession': ['ops.session', 'ops.sessions', 'ops.mechanics', 'ops.operatorActions'],
  // The invited mechanic joins the roster ("invited").
  'ops.inviteMechanic': ['ops.mechanics', 'ops.operatorActions'],
  // Each opening is a line of the access log.
  'ops.openTranscript': ['ops.transcriptAccess'],
  // Repair quotes: the other side learns of them from the session's feed (quote_* events) and the
  // customer's quote feed; here the writer's own views. Drafts are the mechanic's own.
  'mechanic.saveQuoteDraft': ['mechanic.sessionQuotes'],
  'mechanic.reviseQuote': ['mechanic.sessionQuotes'],
  'mechanic.deleteQuoteDraft': ['mechanic.sessionQuotes'],
  'mechanic.sendQuote': ['mechanic.sessionQuotes', 'session.timeline'],
  'mechanic.withdrawQuote': ['mechanic.sessionQuotes', 'session.timeline'],
  // The decision shows on the customer's quotes, dashboard and timeline; the rating on the session
  // and the history.
  'customer.decideQuote': CUSTOMER_SESSION_VIEWS,
  'customer.rateSession': CUSTOMER_SESSION_VIEWS,
  // Keeps the switch as it is; its answer is written into the cache.
  'mechanic.heartbeat': [],
  // The browser's own subscription is the state the push switch shows; the server keeps no view of it.
  'mechanic.subscribePush': [],
  'mechanic.unsubscribePush': [],
  // The room's own feed brings every entry, read mark and typing signal.
  'room.send': [],
  'room.markRead': [],
  'room.typing': [],
  // The preferences page shows the switch it changed.
  'account.setNotificationPreference': ['account.notificationPreferences'],
  // Every sign-in ends with it: the app signs out, which clears every screen.
  'account.deleteAccount': [],
  /** A session of the viewer's changed status (its live feed said so, or a refusal showed it). */
  sessionChanged: [...CUSTOMER_SESSION_VIEWS, ...MECHANIC_SESSION_VIEWS],
  /** Stripe confirmed a credit pack: the balance, the ledger and the intake's choices. */
  creditsAdded: ['customer', 'intake'],
  /** Stripe confirmed a card-paid session: it now exists. */
  paidSessionCreated: CUSTOMER_SESSION_VIEWS,
} as const satisfies Record<string, readonly string[]>;

export type Change = keyof typeof CHANGE_EFFECTS;

/** One channel per app origin: a customer's tabs hear each other, the mechanic app's its own. */
const CHANNEL_NAME = 'autodoctor:changes';

/** Refetches (when shown) or marks stale every query a change affects, here only. */
export function invalidateChange(queryClient: QueryClient, change: Change): Promise<void> {
  return invalidatePaths(queryClient, CHANGE_EFFECTS[change]);
}

function invalidatePaths(queryClient: QueryClient, paths: readonly string[]): Promise<void> {
  // tRPC's query keys start with the procedure's path as an array: a prefix of it matches the router.
  return Promise.all(
    paths.map((path) => queryClient.invalidateQueries({ queryKey: [path.split('.')] })),
  ).then(() => undefined);
}

const channels = new WeakMap<QueryClient, BroadcastChannel>();

/**
 * Joins this tab to the app's other tabs (once per query client): a change announced in one of them
 * invalidates the same queries here. Without BroadcastChannel (the component tests) nothing is shared.
 */
export function shareChangesBetweenTabs(queryClient: QueryClient): void {
  if (typeof BroadcastChannel === 'undefined' || channels.has(queryClient)) return;
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isChange(event.data)) void invalidateChange(queryClient, event.data);
  });
  channels.set(queryClient, channel);
}

/** A change made here: invalidates its effects in this tab and tells the app's other tabs. */
export function announceChange(queryClient: QueryClient, change: Change): Promise<void> {
  channels.get(queryClient)?.postMessage(change);
  return invalidateChange(queryClient, change);
}

/** A mutation's key (`[['customer', 'cancelSession']]`) as its change, if it is one. */
export function changeOfMutation(mutationKey: readonly unknown[] | undefined): Change | undefined {
  const path = Array.isArray(mutationKey?.[0]) ? (mutationKey[0] as unknown[]).join('.') : undefined;
  return isChange(path) ? path : undefined;
}

function isChange(value: unknown): value is Change {
  return typeof value === 'string' && Object.hasOwn(CHANGE_EFFECTS, value);
}
