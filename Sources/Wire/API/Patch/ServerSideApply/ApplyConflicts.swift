/// A server-side apply refused because it would change fields other managers own: Kubernetes' 409 Conflict with a
/// `FieldManagerConflict` cause per field.
public struct ApplyConflicts: Error, Hashable, Sendable, CustomStringConvertible {
    /// One field another manager owns, with the value the apply would change.
    public struct Conflict: Hashable, Sendable {
        /// The owner, as a conflict names it (``ManagedFieldsEntry/conflictName``).
        public var manager: String
        /// The owner's identity text, by which conflicts are grouped and sorted (the manager's name first).
        var managerKey: String
        public var path: [FieldPathElement]

        public init(manager: String, managerKey: String, path: [FieldPathElement]) {
            self.manager = manager
            self.managerKey = managerKey
            self.path = path
        }
    }

    /// The conflicts, by owner and then path.
    public var conflicts: [Conflict]

    public init(_ conflicts: [Conflict]) {
        self.conflicts = conflicts.sorted {
            $0.managerKey != $1.managerKey ? $0.managerKey < $1.managerKey : $0.path.lexicographicallyPrecedes($1.path)
        }
    }

    /// Kubernetes' message: `Apply failed with 1 conflict: conflict with "a": .spec.replicas`, or for several, one
    /// `conflicts with "m":` line per owner followed by `- <path>` lines.
    public var message: String {
        if conflicts.count == 1 {
            let only = conflicts[0]
            return "Apply failed with 1 conflict: conflict with \(only.manager): \(FieldPathElement.text(of: only.path))"
        }
        var lines: [String] = []
        var current: String?
        for conflict in conflicts {
            if conflict.managerKey != current {
                current = conflict.managerKey
                lines.append("conflicts with \(conflict.manager):")
            }
            lines.append("- \(FieldPathElement.text(of: conflict.path))")
        }
        return "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
    }

    public var description: String { message }

    /// The 409 Status Kubernetes answers.
    public var status: Status {
        let causes = conflicts.map {
            StatusCause(reason: "FieldManagerConflict", message: "conflict with \($0.manager)", field: FieldPathElement.text(of: $0.path))
        }
        return Status(code: 409, reason: .conflict, message: message, details: StatusDetails(causes: causes))
    }
}
