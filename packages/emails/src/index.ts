export { renderMail, type MailToRender, type RenderedMail } from './render.tsx';
export type { MailLinks } from './template.ts';
