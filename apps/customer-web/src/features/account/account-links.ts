/** The customer's account pages, in the account navigation's order. */
export const ACCOUNT_LINKS = [
  { to: '/account', label: 'Credits' },
  { to: '/account/security', label: 'Security' },
  { to: '/account/notifications', label: 'Notifications' },
  { to: '/account/data', label: 'Your data' },
];
