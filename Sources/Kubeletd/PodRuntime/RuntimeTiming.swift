import Foundation

/// The emulated runtime's timing knobs.
struct RuntimeTiming: Sendable, Hashable {
    /// How long pulling an image not yet on the node takes, seconds.
    var imagePullDelay: TimeInterval
    /// Multiplies every backoff (crash-loop, image pull) and the `ErrImagePull` display time; 1 is Kubernetes'
    /// timing, 0.01 makes a 10 s backoff 100 ms.
    var backoffScale: Double

    /// How long `ErrImagePull` shows before `ImagePullBackOff` (nominal seconds, scaled), capped by the backoff.
    static let errImagePullDisplay: TimeInterval = 5
    /// The kubelet's minimum grace period when killing a pod (`minimumGracePeriodInSeconds`).
    static let minimumGracePeriod: TimeInterval = 2
    /// How long a simulated container that completes (an init container, a Job's) runs, seconds.
    static let simulatedRun: TimeInterval = 0.5
    /// The default `terminationGracePeriodSeconds`.
    static let defaultGracePeriod: TimeInterval = 30

    init(imagePullDelay: TimeInterval = 0, backoffScale: Double = 1) {
        self.imagePullDelay = max(0, imagePullDelay)
        self.backoffScale = max(0, backoffScale)
    }

    /// A fresh crash-loop backoff (10 s → 300 s, scaled).
    func crashBackoff() -> RestartBackoff { RestartBackoff(scale: backoffScale) }

    /// A fresh image-pull backoff (10 s → 300 s, scaled).
    func imagePullBackoff() -> RestartBackoff { RestartBackoff(scale: backoffScale) }
}
