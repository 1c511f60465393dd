/** Fixtures other packages' tests use: a fleet with a policy, and agents that answer. */
export { agentsAnswer, fleetWithPolicy } from "../rollouts/engine/testing";
