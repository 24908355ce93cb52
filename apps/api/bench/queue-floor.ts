// The queue floor the fan-out and the accept race share: `--mechanics` signed-in mechanics, each
// subscribed to `mechanic.queueFeed` (half on each instance), and which of them received each
// session's `new_assignment`, and when. The accept race runs with these streams open, as it did
// after the fan-out, so the event its winner causes goes out to all of them.
import http from 'node:http';
import { makeUsers, type BenchUser } from './accounts.ts';
import type { ApiBench } from './api-bench.ts';
import { progress } from './harness.ts';
import { QueueFeedSubscriber, type QueueFeedMessage } from './queue-feed-subscriber.ts';

export interface QueueFloor {
  mechanics: BenchUser[];
  subscribers: QueueFeedSubscriber[];
  tracker: FanoutTracker;
  /** How long opening every subscription took, s. */
  openSeconds: number;
  /** Closes every stream: how many had ended by themselves before. */
  close: () => number;
}

export async function openQueueFloor(bench: ApiBench): Promise<QueueFloor> {
  const { mechanics: mechanicCount } = bench.options;
  progress(`Making ${mechanicCount} signed-in mechanics …`);
  // Each reads its session back at the instance it will subscribe to.
  const mechanics = await makeUsers(bench.sql, 'mechanic', mechanicCount, {
    apiUrls: bench.apiUrls,
    progress,
  });
  const tracker = new FanoutTracker(mechanicCount);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const subscribers = mechanics.map(
    (mechanic, index) =>
      new QueueFeedSubscriber(index, bench.apiUrls[index % 2]!, mechanic.cookie, agent, tracker.onMessage),
  );
  let closed = false;
  const close = () => {
    const ended = subscribers.filter((subscriber) => subscriber.endedBecause !== undefined).length;
    if (!closed) {
      closed = true;
      for (const subscriber of subscribers) subscriber.close();
      agent.destroy();
    }
    return ended;
  };
  try {
    const opening = performance.now();
    for (let from = 0; from < subscribers.length; from += 100) {
      await Promise.all(subscribers.slice(from, from + 100).map((subscriber) => subscriber.open()));
      const opened = Math.min(from + 100, subscribers.length);
      if (opened % 500 === 0 || opened === subscribers.length) {
        progress(`  ${opened}/${subscribers.length} queueFeed subscriptions open`);
      }
    }
    return { mechanics, subscribers, tracker, openSeconds: (performance.now() - opening) / 1000, close };
  } catch (error) {
    close();
    throw error;
  }
}

/** Which mechanics have received the `new_assignment` of each session, and when. */
export class FanoutTracker {
  readonly deliveries = new Map<string, Delivery>();
  /** new_assignment events received more than once by the same mechanic. */
  duplicates = 0;

  constructor(readonly subscribers: number) {}

  readonly onMessage = (subscriber: QueueFeedSubscriber, message: QueueFeedMessage): void => {
    if (message.type !== 'new_assignment') return;
    const delivery = this.#delivery(message.sessionId);
    if (!Number.isNaN(delivery.arrivals[subscriber.index]!)) {
      this.duplicates++;
      return;
    }
    delivery.arrivals[subscriber.index] = message.at;
    delivery.count++;
    delivery.eventId = message.eventId;
    delivery.assignmentId = message.assignmentId;
    if (delivery.count === this.subscribers) delivery.complete?.();
  };

  /** Resolves once every subscriber has the session's new_assignment, or after `timeoutMs`. */
  async waitFor(sessionId: string, timeoutMs: number): Promise<Delivery> {
    const delivery = this.#delivery(sessionId);
    if (delivery.count < this.subscribers) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        delivery.complete = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return delivery;
  }

  #delivery(sessionId: string): Delivery {
    let delivery = this.deliveries.get(sessionId);
    if (!delivery) {
      delivery = {
        arrivals: new Float64Array(this.subscribers).fill(NaN),
        count: 0,
        eventId: '',
        assignmentId: '',
      };
      this.deliveries.set(sessionId, delivery);
    }
    return delivery;
  }
}

export interface Delivery {
  /** Per subscriber index: when the event arrived (NaN: not yet). */
  arrivals: Float64Array;
  count: number;
  eventId: string;
  assignmentId: string;
  complete?: () => void;
}

/** A mechanic that has not received a round's event after this counts as not delivered. */
export const ROUND_TIMEOUT_MS = 10_000;
