// The inbox's HTTP side: the web pages and the JSON API.
import { Hono } from 'hono';
import { inboxPage, messagePage, notFoundPage } from './html.ts';
import type { Mailbox } from './mailbox.ts';

export function createInboxApp(mailbox: Mailbox): Hono {
  const app = new Hono();

  app.get('/api/messages', (c) => c.json(mailbox.list()));
  app.get('/api/messages/:id', (c) => {
    const message = mailbox.get(c.req.param('id'));
    return message
      ? c.json(message)
      : c.json(
          { error: { code: 'NOT_FOUND', message: 'No such message (deleted, or pushed out by newer ones)' } },
          404,
        );
  });
  app.delete('/api/messages', (c) => c.json({ deleted: mailbox.clear() }));

  app.get('/', (c) => c.html(inboxPage(mailbox.list())));
  app.get('/messages/:id', (c) => {
    const message = mailbox.get(c.req.param('id'));
    return message ? c.html(messagePage(message)) : c.html(notFoundPage(), 404);
  });
  // The page's "Delete all" button: a plain form, so the page needs no script.
  app.post('/clear', (c) => {
    mailbox.clear();
    return c.redirect('/', 303);
  });

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'NOT_FOUND', message: `No route ${c.req.method} ${c.req.path}` } }, 404)
      : c.html(notFoundPage(), 404),
  );
  return app;
}
