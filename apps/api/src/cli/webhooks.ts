// `pnpm webhooks add|list|log|disable|enable|remove …`: registers and looks after the endpoints
// that receive session events (see webhooks-command.ts). Uses DATABASE_URL, else the local
// development database of `pnpm dev`; loopback URLs only with WEBHOOK_ALLOW_LOOPBACK=on.
import { connect, describeError } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import { runWebhooksCommand, WebhooksCommandError } from './webhooks-command.ts';

const database = await openLocalDatabase();
const { db, close } = connect(database.url, { max: 1 });
try {
  console.log(
    await runWebhooksCommand(db, process.argv.slice(2), {
      allowLoopback: process.env.WEBHOOK_ALLOW_LOOPBACK === 'on',
    }),
  );
} catch (error) {
  if (error instanceof WebhooksCommandError) {
    console.error(error.message);
    process.exitCode = error.exitCode;
  } else {
    console.error(`The webhooks command failed: ${describeError(error)}`);
    process.exitCode = 1;
  }
} finally {
  await close();
  if (database.startedHere) await database.stop();
}
