/** What Stripe appends to our success URLs: `?checkout_session_id=cs_…`. */
export interface CheckoutReturnSearch {
  checkout_session_id?: string | undefined;
}

export function parseCheckoutReturnSearch(search: Record<string, unknown>): CheckoutReturnSearch {
  const id = search.checkout_session_id;
  return typeof id === 'string' && id.length <= 255 ? { checkout_session_id: id } : {};
}
