/// A label selector ready for matching (upstream `labels.Selector`): requirements ANDed, kept sorted by key.
///
/// ``everything`` has no requirements and matches every object; ``nothing`` matches no object (it is what a
/// missing API selector converts to). Both print as the empty string.
public struct Selector: Sendable, Hashable, CustomStringConvertible {
    private enum Storage: Sendable, Hashable {
        case requirements([LabelRequirement])
        case nothing
    }

    private let storage: Storage

    /// Matches every object; ``isEmpty`` is true.
    public static let everything = Selector(storage: .requirements([]))
    /// Matches no object; ``isEmpty`` is false (as upstream `labels.Nothing()`).
    public static let nothing = Selector(storage: .nothing)

    private init(storage: Storage) {
        self.storage = storage
    }

    /// A selector of the given requirements, stably sorted by key.
    public init(_ requirements: [LabelRequirement]) {
        storage = .requirements(Self.sortedByKey(requirements))
    }

    /// Upstream `SelectorFromSet`: `key=value` for each entry, not validated; an empty set selects everything.
    public init(matchingLabels labels: [String: String]) {
        let requirements = labels.sorted { $0.key < $1.key }.map {
            LabelRequirement(unchecked: $0.key, operator: .equals, values: [$0.value])
        }
        storage = .requirements(requirements)
    }

    /// The requirements, sorted by key (empty for both ``everything`` and ``nothing``).
    public var requirements: [LabelRequirement] {
        switch storage {
        case .requirements(let requirements): requirements
        case .nothing: []
        }
    }

    /// True when the selector does not restrict anything (``everything``); false for ``nothing``.
    public var isEmpty: Bool {
        switch storage {
        case .requirements(let requirements): requirements.isEmpty
        case .nothing: false
        }
    }

    /// True only for ``nothing``.
    public var selectsNothing: Bool {
        storage == .nothing
    }

    /// Whether every requirement matches `labels` (always false for ``nothing``).
    public func matches(_ labels: [String: String]) -> Bool {
        switch storage {
        case .requirements(let requirements): requirements.allSatisfy { $0.matches(labels) }
        case .nothing: false
        }
    }

    /// A copy with more requirements (re-sorted by key); ``nothing`` stays ``nothing``.
    public func adding(_ more: [LabelRequirement]) -> Selector {
        switch storage {
        case .requirements(let requirements): Selector(requirements + more)
        case .nothing: self
        }
    }

    /// Upstream `RequiresExactMatch`: the single value the first requirement on `key` demands
    /// (`=`, `==` or a one-value `in`), if any.
    public func requiresExactMatch(_ key: String) -> String? {
        guard let requirement = requirements.first(where: { $0.key == key }) else { return nil }
        switch requirement.operator {
        case .equals, .doubleEquals, .in:
            return requirement.values.count == 1 ? requirement.values[0] : nil
        default:
            return nil
        }
    }

    /// Kubernetes' canonical string: requirements (sorted by key) joined by `,`, e.g.
    /// `app=filebeat,release in (canary,stable),!legacy`; empty for ``everything`` and ``nothing``.
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }

    private static func sortedByKey(_ requirements: [LabelRequirement]) -> [LabelRequirement] {
        requirements.enumerated()
            .sorted { $0.element.key != $1.element.key ? $0.element.key < $1.element.key : $0.offset < $1.offset }
            .map(\.element)
    }
}
