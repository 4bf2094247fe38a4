// Gossipsub peer scoring for the proof topic, after the consensus clients' scheme (Lodestar's
// thresholds): invalid messages weigh heavily, so two of them graylist a peer; proofs are sparse,
// so mesh-delivery deficits are not penalised.
import type { PeerScoreParams, PeerScoreThresholds, TopicScoreParams } from '@libp2p/gossipsub/score';

export const SCORE_THRESHOLDS: PeerScoreThresholds = {
  gossipThreshold: -4000,
  publishThreshold: -8000,
  graylistThreshold: -16000,
  acceptPXThreshold: 100,
  opportunisticGraftThreshold: 5,
};

/** Score decays once per 12 s slot, as consensus clients decay it. */
const DECAY_INTERVAL_MS = 12_000;

export function proofTopicScoreParams(): TopicScoreParams {
  return {
    topicWeight: 1,
    timeInMeshWeight: 0.03,
    timeInMeshQuantum: DECAY_INTERVAL_MS,
    timeInMeshCap: 300,
    firstMessageDeliveriesWeight: 1,
    firstMessageDeliveriesDecay: 0.9,
    firstMessageDeliveriesCap: 20,
    meshMessageDeliveriesWeight: 0,
    meshMessageDeliveriesDecay: 0.9,
    meshMessageDeliveriesCap: 1,
    meshMessageDeliveriesThreshold: 1,
    meshMessageDeliveriesWindow: 2000,
    meshMessageDeliveriesActivation: 60_000,
    meshFailurePenaltyWeight: 0,
    meshFailurePenaltyDecay: 0.9,
    // Penalty is weight × count²: one invalid message passes the gossip threshold, two the graylist one.
    invalidMessageDeliveriesWeight: 1.25 * SCORE_THRESHOLDS.gossipThreshold,
    invalidMessageDeliveriesDecay: 0.9,
  };
}

export function peerScoreParams(topic: string, ipColocationWhitelist: string[]): Partial<PeerScoreParams> {
  return {
    topics: { [topic]: proofTopicScoreParams() },
    topicScoreCap: 100,
    appSpecificScore: () => 0,
    appSpecificWeight: 1,
    IPColocationFactorWeight: -100,
    IPColocationFactorThreshold: 3,
    IPColocationFactorWhitelist: new Set(ipColocationWhitelist),
    behaviourPenaltyWeight: -16,
    behaviourPenaltyThreshold: 6,
    behaviourPenaltyDecay: 0.986,
    decayInterval: DECAY_INTERVAL_MS,
    decayToZero: 0.01,
    retainScore: 100 * DECAY_INTERVAL_MS,
  };
}
