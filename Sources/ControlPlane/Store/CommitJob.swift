/// A ``ObjectStore/commit(_:)`` caller's transaction body, waiting for a group commit.
struct CommitJob: Sendable {
    /// Runs the body in the batch; returns how to acknowledge the caller once the batch has committed.
    let run: @Sendable (StoreBatch) throws -> @Sendable () -> Void
    /// Tells the caller it failed: its body's error, or the batch's when the batch did not commit.
    let fail: @Sendable (any Error) -> Void
}
