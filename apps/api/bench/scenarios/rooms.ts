// bench:api scenario 4, session rooms: `--rooms` rooms active at once (each with its customer and
// mechanic subscribed to `room.feed`, the two on different API instances); customers send
// `--message-rate` messages per second through `room.send` for `--room-seconds`, and each
// message's round trip is timed from the send to the mechanic's stream showing it (written by one
// instance, shown by the other).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '@autodoctor/db';
import { acceptAssignment, createSessionRecord } from '@autodoctor/session-core';
import type postgres from 'postgres';
import superjson from 'superjson';
import { makeUsers } from '../accounts.ts';
import type { ApiBench } from '../api-bench.ts';
import { cores, mark, ms, percentile, progress, row, sortedOf, type PhaseCores } from '../harness.ts';
import { httpRequest } from '../http-client.ts';
import { now, SseStream } from '../sse-stream.ts';

interface RoomRoundTripOptions {
  db: Database;
  sql: postgres.Sql;
  apiUrls: readonly string[];
  rooms: number;
  /** Messages per second, over all rooms. */
  messagesPerSecond: number;
  seconds: number;
  progress: (line: string) => void;
}

interface RoomRoundTripResult {
  rooms: number;
  streams: number;
  messages_sent: number;
  messages_delivered: number;
  /** From the send to the other participant's stream, ms. */
  round_trip_ms: number[];
  send_failures: number;
  streams_ended: number;
}

const intake = {
  type: 'free' as const,
  vehicle: { year: 2015, make: 'Ford', model: 'Focus' },
  concern: 'Rattle from the rear when going over bumps',
};

const GOAL_MESSAGE_P99_MS = 100;

export interface RoomFigures {
  message_rooms: number;
  message_streams: number;
  message_rate_per_s: number;
  message_sent: number;
  message_delivered: number;
  message_send_failures: number;
  message_streams_ended: number;
  message_p50_ms: number;
  message_p99_ms: number;
  message_max_ms: number;
  goal_message_p99_ms: number;
  cpu_cores: { rooms: PhaseCores };
}

export async function benchRooms(bench: ApiBench): Promise<RoomFigures> {
  const stopRoomProfile = await bench.profilePhase('rooms');
  const roomMeter = bench.meterAll();
  const room = await measureRoomRoundTrip({
    db: bench.db,
    sql: bench.sql,
    apiUrls: bench.apiUrls,
    rooms: bench.options.rooms,
    messagesPerSecond: bench.options.messageRate,
    seconds: bench.options.roomSeconds,
    progress,
  });
  const roomCpu = roomMeter.stop();
  await stopRoomProfile();
  const messageSorted = sortedOf(room.round_trip_ms);
  return {
    message_rooms: room.rooms,
    message_streams: room.streams,
    message_rate_per_s: bench.options.messageRate,
    message_sent: room.messages_sent,
    message_delivered: room.messages_delivered,
    message_send_failures: room.send_failures,
    message_streams_ended: room.streams_ended,
    message_p50_ms: ms(percentile(messageSorted, 50)),
    message_p99_ms: ms(percentile(messageSorted, 99)),
    message_max_ms: ms(percentile(messageSorted, 100)),
    goal_message_p99_ms: GOAL_MESSAGE_P99_MS,
    cpu_cores: { rooms: cores(roomCpu) },
  };
}

/** The rooms' lines of the report. */
export function printRooms(s: Omit<RoomFigures, 'cpu_cores'>): void {
  console.log(
    `Session rooms (${s.message_rooms} rooms, ${s.message_streams} room.feed streams; ${s.message_rate_per_s} messages/s; sent through one instance, shown through the other)`,
  );
  row(
    'delivered',
    `${s.message_delivered} / ${s.message_sent}`,
    mark(
      s.message_delivered === s.message_sent &&
        s.message_send_failures === 0 &&
        s.message_streams_ended === 0,
    ),
  );
  row(
    'round trip p50 / p99 / max',
    `${s.message_p50_ms} / ${s.message_p99_ms} / ${s.message_max_ms} ms`,
    `goal p99 < ${GOAL_MESSAGE_P99_MS} ms  ${mark(s.message_p99_ms < GOAL_MESSAGE_P99_MS)}`,
  );
}

async function measureRoomRoundTrip(options: RoomRoundTripOptions): Promise<RoomRoundTripResult> {
  const { db, sql, apiUrls, rooms, progress } = options;
  progress(`Room round trip: making ${rooms} accepted sessions …`);
  const customers = await makeUsers(sql, 'customer', rooms, { apiUrls });
  const mechanics = await makeUsers(sql, 'mechanic', rooms, { apiUrls });
  const sessionIds: string[] = [];
  for (let i = 0; i < rooms; i++) {
    const { session, assignment } = await createSessionRecord(db, {
      ...intake,
      customerUserId: customers[i]!.userId,
    });
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanics[i]!.userId });
    sessionIds.push(session.id);
  }

  // clientMessageId → when it was sent; filled in when the mechanic's stream shows it.
  const sentAt = new Map<string, number>();
  const roundTrips: number[] = [];
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const sendAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const feedUrl = (apiUrl: string, sessionId: string) =>
    `${apiUrl}/trpc/room.feed?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ sessionId })))}`;
  const streams: SseStream[] = [];
  for (let i = 0; i < rooms; i++) {
    // Customer i writes to instance i % n; its mechanic reads from the next instance.
    const mechanicApi = apiUrls[(i + 1) % apiUrls.length]!;
    const customerApi = apiUrls[i % apiUrls.length]!;
    streams.push(
      new SseStream(feedUrl(mechanicApi, sessionIds[i]!), mechanics[i]!.cookie, agent, (json, _id, at) => {
        const entry = json as { kind?: string; clientMessageId?: string };
        if (entry.kind !== 'message' || !entry.clientMessageId) return;
        const sent = sentAt.get(entry.clientMessageId);
        if (sent === undefined) return;
        sentAt.delete(entry.clientMessageId);
        roundTrips.push(at - sent);
      }),
      new SseStream(feedUrl(customerApi, sessionIds[i]!), customers[i]!.cookie, agent, () => {}),
    );
  }
  try {
    for (let from = 0; from < streams.length; from += 100) {
      await Promise.all(streams.slice(from, from + 100).map((stream) => stream.open()));
    }
    progress(
      `  ${streams.length} room.feed streams open (${rooms} rooms); sending for ${options.seconds} s …`,
    );

    let sent = 0;
    let failures = 0;
    const total = Math.round(options.messagesPerSecond * options.seconds);
    const gapMs = 1000 / options.messagesPerSecond;
    const started = now();
    const inFlight: Promise<void>[] = [];
    for (let n = 0; n < total; n++) {
      const due = started + n * gapMs;
      const wait = due - now();
      if (wait > 0) await sleep(wait);
      const room = n % rooms;
      const clientMessageId = randomUUID();
      const body = Buffer.from(
        JSON.stringify(
          superjson.serialize({
            sessionId: sessionIds[room],
            clientMessageId,
            body: `Message ${n}`,
            photoIds: [],
          }),
        ),
      );
      sentAt.set(clientMessageId, now());
      sent++;
      inFlight.push(
        httpRequest(`${apiUrls[room % apiUrls.length]}/trpc/room.send`, {
          agent: sendAgent,
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: customers[room]!.cookie },
          body,
        }).then(
          (reply) => {
            if (reply.status !== 200) failures++;
          },
          () => void failures++,
        ),
      );
    }
    await Promise.all(inFlight);
    // The last messages' deliveries: wait until all are in, or 10 s.
    for (let waited = 0; sentAt.size > 0 && waited < 10_000; waited += 50) await sleep(50);
    return {
      rooms,
      streams: streams.length,
      messages_sent: sent,
      messages_delivered: roundTrips.length,
      round_trip_ms: roundTrips,
      send_failures: failures,
      streams_ended: streams.filter((stream) => stream.endedBecause !== undefined).length,
    };
  } finally {
    for (const stream of streams) stream.close();
    agent.destroy();
    sendAgent.destroy();
  }
}
