/** The operator's account pages, in the account navigation's order. */
export const ACCOUNT_LINKS = [
  { to: '/account', label: 'Security' },
  { to: '/account/notifications', label: 'Notifications' },
];
