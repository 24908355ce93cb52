// `WEBHOOK_SECRET=whsec_… npm run receive-webhooks`: the sample receiver, printing each verified
// event as one JSON line (PORT, default 8788; HOST, default 127.0.0.1).
import { startWebhookReceiver } from './webhook-receiver.ts';

const secret = process.env.WEBHOOK_SECRET;
const port = Number(process.env.PORT ?? 8788);
if (!secret?.startsWith('whsec_') || !Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error('usage: WEBHOOK_SECRET=whsec_… [PORT=8788] npm run receive-webhooks');
  process.exit(2);
}
const receiver = await startWebhookReceiver({
  secret,
  port,
  ...(process.env.HOST ? { host: process.env.HOST } : {}),
  onEvent: (event) => console.log(JSON.stringify(event)),
});
console.error(`receiving webhooks on ${receiver.url}`);
const stop = () => void receiver.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
