import {
  creditLedger,
  creditPurchases,
  mechanicEarnings,
  quoteDecisions,
  quoteLineDecisions,
  quoteLines,
  quotes,
  roomEntries,
  roomPhotos,
  sessionEvents,
  sessionParticipants,
  sessionRatings,
  sessions,
  stripeRefunds,
  users,
  type Database,
} from '@autodoctor/db';
import { and, asc, eq, inArray, or } from '@autodoctor/db/orm';
import { getNotificationPreferences } from '@autodoctor/session-core';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { PhotoStorage } from '../photos/photo-storage.ts';

/** The file name of the export's data (beside `photos/`). */
export const ACCOUNT_JSON = 'account.json';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

interface ExportedPhoto {
  /** The path in the zip: `photos/<session id or "unsent">/<photo id>.<ext>`. */
  path: string;
  storageKey: string;
}

/**
 * Everything of one person's, read in one repeatable-read snapshot: the profile, the sessions
 * they took part in (a customer's own, a mechanic's taken) with their events and room messages,
 * quotes and decisions, credit ledger and purchases, payments and refunds, ratings, earnings
 * (mechanics), notification preferences; and the photos they uploaded (bytes read later).
 * Nobody else's account: other people appear by role, a mechanic by the name the customer saw.
 */
export async function collectAccountExport(db: Database, userId: string) {
  return db.transaction(
    async (tx) => {
      const [profile] = await tx
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          emailVerified: users.emailVerified,
          role: users.role,
          createdAt: users.createdAt,
        })
        .from(users)
        .where(eq(users.id, userId));
      if (!profile) return null;
      const isCustomer = profile.role === 'customer';

      const sessionIds = (
        await tx
          .select({ id: sessionParticipants.sessionId })
          .from(sessionParticipants)
          .where(eq(sessionParticipants.userId, userId))
      ).map((row) => row.id);
      const sessionRows = sessionIds.length
        ? await tx
            .select()
            .from(sessions)
            .where(inArray(sessions.id, sessionIds))
            .orderBy(asc(sessions.createdAt))
        : [];
      const events = sessionIds.length
        ? await tx
            .select({
              sessionId: sessionEvents.sessionId,
              type: sessionEvents.type,
              payload: sessionEvents.payload,
              createdAt: sessionEvents.createdAt,
            })
            .from(sessionEvents)
            .where(inArray(sessionEvents.sessionId, sessionIds))
            .orderBy(asc(sessionEvents.txId), asc(sessionEvents.id))
        : [];
      const messages = sessionIds.length
        ? await tx
            .select({
              id: roomEntries.id,
              sessionId: roomEntries.sessionId,
              authorUserId: roomEntries.authorUserId,
              authorRole: roomEntries.authorRole,
              body: roomEntries.body,
              createdAt: roomEntries.createdAt,
            })
            .from(roomEntries)
            .where(and(inArray(roomEntries.sessionId, sessionIds), eq(roomEntries.kind, 'message')))
            .orderBy(asc(roomEntries.txId), asc(roomEntries.id))
        : [];
      const photoRows = await tx
        .select({
          id: roomPhotos.id,
          sessionId: roomPhotos.sessionId,
          entryId: roomPhotos.entryId,
          fromIntake: roomPhotos.fromIntake,
          contentType: roomPhotos.contentType,
          storageKey: roomPhotos.storageKey,
          createdAt: roomPhotos.createdAt,
        })
        .from(roomPhotos)
        .where(eq(roomPhotos.uploaderUserId, userId))
        .orderBy(asc(roomPhotos.createdAt));

      const quoteRows = await tx
        .select()
        .from(quotes)
        .where(
          and(
            isCustomer ? eq(quotes.customerUserId, userId) : eq(quotes.mechanicUserId, userId),
            // A customer never sees a mechanic's drafts.
            isCustomer
              ? inArray(quotes.status, ['sent', 'approved', 'declined', 'withdrawn', 'expired'])
              : undefined,
          ),
        )
        .orderBy(asc(quotes.createdAt));
      const quoteIds = quoteRows.map((quote) => quote.id);
      const lines = quoteIds.length
        ? await tx
            .select()
            .from(quoteLines)
            .where(inArray(quoteLines.quoteId, quoteIds))
            .orderBy(asc(quoteLines.position))
        : [];
      const decisions = quoteIds.length
        ? await tx.select().from(quoteDecisions).where(inArray(quoteDecisions.quoteId, quoteIds))
        : [];
      const lineDecisions = quoteIds.length
        ? await tx.select().from(quoteLineDecisions).where(inArray(quoteLineDecisions.quoteId, quoteIds))
        : [];

      const ledger = await tx
        .select()
        .from(creditLedger)
        .where(eq(creditLedger.customerUserId, userId))
        .orderBy(asc(creditLedger.createdAt));
      const purchases = await tx
        .select({
          id: creditPurchases.id,
          packId: creditPurchases.packId,
          credits: creditPurchases.credits,
          amountCents: creditPurchases.amountCents,
          currency: creditPurchases.currency,
          status: creditPurchases.status,
          paymentReference: creditPurchases.stripeCheckoutSessionId,
          createdAt: creditPurchases.createdAt,
          completedAt: creditPurchases.completedAt,
        })
        .from(creditPurchases)
        .where(eq(creditPurchases.customerUserId, userId))
        .orderBy(asc(creditPurchases.createdAt));
      const refunds =
        isCustomer && sessionIds.length
          ? await tx
              .select({
                sessionId: stripeRefunds.sessionId,
                paymentReference: stripeRefunds.stripeCheckoutSessionId,
                reason: stripeRefunds.reason,
                requestedAt: stripeRefunds.requestedAt,
                refundedAt: stripeRefunds.refundedAt,
              })
              .from(stripeRefunds)
              .where(inArray(stripeRefunds.sessionId, sessionIds))
          : [];
      const ratings = await tx
        .select({
          sessionId: sessionRatings.sessionId,
          stars: sessionRatings.stars,
          comment: sessionRatings.comment,
          createdAt: sessionRatings.createdAt,
          updatedAt: sessionRatings.updatedAt,
        })
        .from(sessionRatings)
        .where(or(eq(sessionRatings.customerUserId, userId), eq(sessionRatings.mechanicUserId, userId)));
      const earnings = isCustomer
        ? []
        : await tx
            .select()
            .from(mechanicEarnings)
            .where(eq(mechanicEarnings.mechanicUserId, userId))
            .orderBy(asc(mechanicEarnings.createdAt));
      const preferences = await getNotificationPreferences(tx, userId);

      // The other participant by role only: never their account id.
      const mine = (authorUserId: string | null) => authorUserId === userId;
      const withoutOthersIds = (row: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(row).filter(([key, value]) => !(key.endsWith('UserId') && value !== userId)),
        );
      // A mechanic's copy of a customer's decision: what was decided, not who signed, from where.
      const decisionOf = (quoteId: string) => {
        const decision = decisions.find((row) => row.quoteId === quoteId);
        if (!decision) return null;
        const { signatureName, clientAddress, userAgent, ...decided } = decision;
        return withoutOthersIds(
          isCustomer ? { ...decided, signatureName, clientAddress, userAgent } : decided,
        );
      };
      const photosOfEntry = (entryId: number) =>
        photoRows.filter((photo) => photo.entryId === entryId).map((photo) => photo.id);
      const photos: (ExportedPhoto & { id: string; sessionId: string | null })[] = photoRows.map((photo) => ({
        id: photo.id,
        sessionId: photo.sessionId,
        storageKey: photo.storageKey,
        path: `photos/${photo.sessionId ?? 'unsent'}/${photo.id}.${EXTENSIONS[photo.contentType] ?? 'bin'}`,
      }));
      const data = {
        exportedAt: new Date().toISOString(),
        profile,
        notificationPreferences: preferences,
        sessions: sessionRows.map((session) => ({
          id: session.id,
          type: session.type,
          status: session.status,
          vehicle: {
            year: session.vehicleYear,
            make: session.vehicleMake,
            model: session.vehicleModel,
            // The VIN is the customer's.
            ...(isCustomer ? { vin: session.vehicleVin } : {}),
          },
          concern: session.concern,
          scheduledFor: session.scheduledFor,
          createdAt: session.createdAt,
          startedAt: session.startedAt,
          endedAt: session.endedAt,
          acceptedAt: session.acceptedAt,
          // What the customer paid: credits, or a card payment (its Stripe reference).
          payment: isCustomer
            ? {
                credits: session.chargedCredits,
                amountCents: session.chargedAmountCents,
                currency: session.currency,
                reference: session.stripeCheckoutSessionId,
              }
            : null,
          refunds: refunds.filter((refund) => refund.sessionId === session.id),
          events: events
            .filter((event) => event.sessionId === session.id)
            .map(({ type, payload, createdAt }) => ({ type, payload: withoutOthersIds(payload), createdAt })),
          messages: messages
            .filter((message) => message.sessionId === session.id)
            .map((message) => ({
              from: mine(message.authorUserId) ? 'you' : message.authorRole,
              text: message.body,
              photos: mine(message.authorUserId) ? photosOfEntry(message.id) : [],
              sentAt: message.createdAt,
            })),
          photos: photos.filter((photo) => photo.sessionId === session.id).map((photo) => photo.path),
        })),
        unsentPhotos: photos.filter((photo) => photo.sessionId === null).map((photo) => photo.path),
        quotes: quoteRows.map((quote) => ({
          ...withoutOthersIds(quote),
          lines: lines.filter((line) => line.quoteId === quote.id),
          decision: decisionOf(quote.id),
          lineDecisions: lineDecisions.filter((decision) => decision.quoteId === quote.id),
        })),
        credits: { ledger, purchases },
        ratings,
        ...(isCustomer ? {} : { earnings }),
      };
      return { data, photos: photos.map(({ path, storageKey }) => ({ path, storageKey })) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

export type AccountExport = NonNullable<Awaited<ReturnType<typeof collectAccountExport>>>;

/**
 * The export as a zip stream: `account.json`, then each photo under its path, read from the
 * storage one at a time as the client takes the bytes (a slow download holds one photo in memory,
 * not all of them). A photo whose bytes are gone is left out (and named in `missingPhotos`).
 */
export function accountExportZip(exported: AccountExport, storage: PhotoStorage): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      controller.error(error);
      return;
    }
    controller.enqueue(chunk);
    if (final) controller.close();
  });
  const pending = [...exported.photos];
  const missing: string[] = [];
  let jsonWritten = false;
  return new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    async pull() {
      const photo = pending.shift();
      if (photo) {
        const stored = await storage.get(photo.storageKey);
        if (!stored) {
          missing.push(photo.path);
          return;
        }
        // Photos are JPEG or WebP already: stored as they are.
        const file = new ZipPassThrough(photo.path);
        zip.add(file);
        file.push(new Uint8Array(stored.bytes), true);
        return;
      }
      if (!jsonWritten) {
        // Last, so that it can name the photos whose bytes were missing.
        jsonWritten = true;
        const file = new ZipDeflate(ACCOUNT_JSON, { level: 6 });
        zip.add(file);
        file.push(strToU8(JSON.stringify({ ...exported.data, missingPhotos: missing }, null, 2)), true);
        zip.end();
      }
    },
    cancel() {
      zip.terminate();
    },
  });
}
