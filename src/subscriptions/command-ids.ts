/**
 * The subscription and request-header commands. Mirrored into the central map (src/commands/ids.ts)
 * once it exists; package.json names the same ids.
 */
export const SUBSCRIPTION_COMMANDS = {
  importUnbilledCharges: 'chargebee.subscriptions.importUnbilledCharges',
  editRequestHeaders: 'chargebee.sites.editRequestHeaders',
} as const;

export type SubscriptionCommandId = (typeof SUBSCRIPTION_COMMANDS)[keyof typeof SUBSCRIPTION_COMMANDS];
