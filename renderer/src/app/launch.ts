import { launchParams } from '../api/bridge';

/** This page is the customer-facing window (`?window=customer`), not the cashier's console. */
export const isCustomerWindow = launchParams().window === 'customer';
