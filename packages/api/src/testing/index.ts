/** Fixtures other packages' tests use: fleet, policy, answering agents, webhook receiver. */
export { agentsAnswer, fleetWithPolicy } from "../rollouts/engine/testing";
export {
  type ReceivedWebhook,
  startWebhookReceiver,
  verifyWebhookSignature,
  type WebhookReceiver,
} from "./webhook-receiver";
