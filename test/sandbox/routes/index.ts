/** Every API route the sandbox serves, below `/api/v2`. */
import type { Route } from '../router';
import { exportRoutes } from './exports';
import { quoteRoutes } from './quotes';
import { referenceRoutes } from './reference';
import { unbilledRoutes } from './unbilled';

export const allRoutes: readonly Route[] = [...quoteRoutes, ...exportRoutes, ...unbilledRoutes, ...referenceRoutes];
