/// The probe creates the server acknowledged, in order, and the cut-off each list of the probes is judged against.
///
/// A list can only be expected to show the creates acknowledged before it was sent: the probe writer keeps
/// running while a list is in flight, and a create acknowledged after the list went out may legitimately be
/// missing from it. So a ``Mark`` is taken right before a list request is sent, and the list's observation counts
/// only the acknowledgements recorded before that mark. Pure.
struct ProbeLedger: Sendable, Equatable {
    /// A point in the ledger: the acknowledgements recorded before it.
    struct Mark: Sendable, Equatable {
        fileprivate let count: Int
    }

    /// Every acknowledged create, in the order the acknowledgements were recorded.
    private(set) var acknowledged: [AcknowledgedProbe] = []

    /// Records that the server acknowledged the create of `key` at `time`.
    mutating func acknowledge(_ key: String, at time: Duration) {
        acknowledged.append(AcknowledgedProbe(key: key, at: time))
    }

    /// The ledger as it stands; take it right before sending a list request.
    var mark: Mark { Mark(count: acknowledged.count) }

    /// What a list sent at `mark` found: `present` against the creates acknowledged before the mark.
    func observation(at mark: Mark, present: Set<String>) -> ProbeObservation {
        ProbeObservation(acknowledged: Array(acknowledged.prefix(mark.count)), present: present)
    }
}
